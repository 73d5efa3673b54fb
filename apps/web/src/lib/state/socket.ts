import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandResult,
  ServerToClientEvents,
} from '@desk/protocol';
import { connection } from '$lib/state/connection.svelte';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: DeskSocket | null = null;
let authFailureHandler: ((reason: string) => void) | null = null;

/** The session module decides what an auth failure means (redirect to login); the socket only reports it. */
export function setSocketAuthFailureHandler(handler: (reason: string) => void): void {
  authFailureHandler = handler;
}

function looksUnauthenticated(err: Error & { data?: unknown }): boolean {
  const data = err.data as { code?: unknown } | undefined;
  return data?.code === 'unauthenticated' || /unauth|session/i.test(err.message);
}

export function getSocket(): DeskSocket {
  if (socket) return socket;
  const s: DeskSocket = io({ path: '/socket.io', withCredentials: true, autoConnect: true });
  connection.status = 'connecting';
  s.on('connect', () => {
    connection.status = 'online';
    connection.lastError = null;
  });
  s.on('disconnect', (reason) => {
    connection.status = 'offline';
    // The server closed us on purpose (revoked session, disabled account): do not hammer it.
    if (reason === 'io server disconnect') authFailureHandler?.('revoked');
  });
  s.on('connect_error', (err) => {
    connection.status = 'offline';
    connection.lastError = err.message;
    if (looksUnauthenticated(err)) authFailureHandler?.('expired');
  });
  s.on('session.revoked', () => authFailureHandler?.('revoked'));
  socket = s;
  return s;
}

export function disconnectSocket(): void {
  if (!socket) return;
  socket.removeAllListeners();
  socket.disconnect();
  socket = null;
  connection.status = 'idle';
  connection.pending = 0;
}

function waitConnected(s: DeskSocket, timeoutMs: number): Promise<boolean> {
  if (s.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.off('connect', onConnect);
      resolve(ok);
    };
    const onConnect = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    s.on('connect', onConnect);
  });
}

const ACK_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 6;

type CommandEmitter = (name: CommandName, payload: CommandPayload<CommandName>) => Promise<Ack<CommandResult>>;

/**
 * Send a command and wait for its ack. The commandId is part of the payload and never changes, so
 * resending after a timeout or a reconnect is safe: the server applies a given commandId once.
 */
export async function sendCommand<N extends CommandName>(name: N, payload: CommandPayload<N>): Promise<Ack<CommandResult>> {
  const s = getSocket();
  connection.pending += 1;
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (!(await waitConnected(s, 30_000))) continue;
      // socket.io's typings cannot resolve parameters for a generic event name; the payload
      // type is already tied to `name` by this function's signature.
      const timed = s.timeout(ACK_TIMEOUT_MS);
      const emit = timed.emitWithAck.bind(timed) as unknown as CommandEmitter;
      try {
        return await emit(name, payload);
      } catch {
        // No ack in time: the command may or may not have been applied. Retry with the same id.
      }
    }
    return {
      ok: false,
      error: { code: 'internal', message: 'The server did not confirm this change, so it may not have been saved. Check the text before trying again.' },
    };
  } finally {
    connection.pending -= 1;
  }
}

export function newCommandId(): string {
  return crypto.randomUUID();
}
