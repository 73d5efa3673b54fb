import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@desk/protocol';
import type { Caller } from '../commands/context.ts';

/** What one socket is doing in one testimony room; ephemeral, never stored in Postgres. */
export type PresenceEntry = {
  selection: { start: number; end: number } | null;
  paragraph: number | null;
  idle: boolean;
};

/**
 * Per-socket state. Presence lives here rather than in a process-local map so that
 * `fetchSockets()` through the Postgres adapter sees every node's members.
 */
export type SocketData = { caller: Caller; presence: Record<string, PresenceEntry> };
export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const testimonyRoom = (id: string) => `testimony:${id}`;
export const userRoom = (id: string) => `user:${id}`;
export const QUEUE_ROOM = 'queue';
export const TESTIMONY_ROOM_PREFIX = 'testimony:';
