import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ConflictNotice, ServerToClientEvents, TestimonyEvent, TestimonySummary } from '@desk/protocol';
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
export type SocketData = {
  caller: Caller;
  /** When the session ends and when it was last read from Postgres (epoch ms). */
  session: { expiresAt: number; checkedAt: number };
  presence: Record<string, PresenceEntry>;
};

/** What one server process relays to the others (through the adapter) for local delivery. */
export type Relay =
  | { kind: 'events'; events: TestimonyEvent[] }
  | { kind: 'queue'; testimony: TestimonySummary }
  | { kind: 'conflict'; userId: string; notice: ConflictNotice }
  | { kind: 'revoke'; userId: string; reason: string }
  | { kind: 'revoke-session'; sessionId: string; reason: string };
export type InterServerEvents = { 'desk.relay': (r: Relay) => void };

export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const testimonyRoom = (id: string) => `testimony:${id}`;
export const userRoom = (id: string) => `user:${id}`;
/** Every socket of one login session (the id is the token's hash, never the token). */
export const sessionRoom = (id: string) => `session:${id}`;
export const QUEUE_ROOM = 'queue';
export const TESTIMONY_ROOM_PREFIX = 'testimony:';
