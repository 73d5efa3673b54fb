import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@desk/protocol';
import type { Caller } from '../commands/context.ts';

export type SocketData = { caller: Caller };
export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const testimonyRoom = (id: string) => `testimony:${id}`;
export const userRoom = (id: string) => `user:${id}`;
export const QUEUE_ROOM = 'queue';
