import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Server } from 'socket.io';

export type FloorOp = { room: string; ts: number; from: string; start: number; end: number };

/**
 * The floor: the least a durable realtime editor can do per edit — one INSERT into Postgres,
 * then a broadcast to the room. No auth, no validation, no audit chain, no idempotency.
 * The desk's latency is compared against this on the same machine with the same clients.
 */
export async function startFloor(databaseUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const http: HttpServer = createServer();
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) => {
    socket.on('join', (room: string, ack: (ok: boolean) => void) => {
      void socket.join(room);
      ack(true);
    });
    // Presence is relayed, not stored, as the desk does (the review mix sends it at 2 Hz).
    socket.on('presence', (p: { room: string }) => {
      if (typeof p?.room === 'string') socket.to(p.room).emit('presence', p);
    });
    socket.on('op', async (op: FloorOp, ack: (ok: boolean) => void) => {
      try {
        await pool.query('INSERT INTO bench_floor_ops (room, payload) VALUES ($1, $2)', [op.room, op]);
        io.to(op.room).emit('op', op);
        ack(true);
      } catch {
        ack(false);
      }
    });
  });
  await new Promise<void>((res) => http.listen(0, '127.0.0.1', () => res()));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((res) => io.close(() => res()));
      await pool.end();
    },
  };
}
