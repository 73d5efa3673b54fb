import type { Actor, UserDto } from '@desk/protocol';
import { listUsers, type UserRow } from '../repo/users.repo.ts';
import type { Conn } from '../repo/conn.ts';

/** Never includes the password hash or lockout counters. */
export function presentUser(u: UserRow): UserDto {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, createdAt: u.createdAt.toISOString() };
}

export const presentActor = (u: Pick<UserRow, 'id' | 'name' | 'role'>): Actor => ({ id: u.id, name: u.name, role: u.role });

export type Actors = Map<string, Actor>;

/**
 * Presenters resolve names from one cached map of the user table. Re-reading the whole table
 * on every command was the largest per-command cost under load (and, with many users, each
 * expiry stalled every command in flight), so the map is kept for a minute, dropped at once
 * when this process changes a user (`invalidateActors`), and re-read when a caller needs an id
 * it does not know yet (a user created on another node). A name or role changed on another
 * node shows at most ACTORS_TTL_MS late in event payloads; access is never decided from this
 * map (sessions and policy read the users table).
 */
const ACTORS_TTL_MS = 60_000;
let cached: { actors: Actors; at: number } | null = null;
/** Concurrent callers share one reload (safe across transactions: each awaits it in turn). */
let loading: Promise<Actors> | null = null;
/** Bumped on invalidation, so a reload that started before a change cannot cache old names. */
let generation = 0;

export function invalidateActors(): void {
  cached = null;
  loading = null;
  generation += 1;
}

export async function loadActors(conn: Conn, mustKnow: readonly (string | null | undefined)[] = []): Promise<Actors> {
  const fresh = cached && Date.now() - cached.at < ACTORS_TTL_MS;
  if (cached && fresh && mustKnow.every((id) => !id || cached?.actors.has(id))) return cached.actors;
  const started = generation;
  loading ??= listUsers(conn)
    .then((rows) => {
      const actors: Actors = new Map(rows.map((u) => [u.id, presentActor(u)]));
      if (started === generation) cached = { actors, at: Date.now() };
      return actors;
    })
    .finally(() => (loading = null));
  return loading;
}

/** The cached map if it is fresh and knows every id, without waiting: for code that must not yield. */
export function cachedActors(mustKnow: readonly string[]): Actors | null {
  if (!cached || Date.now() - cached.at >= ACTORS_TTL_MS) return null;
  const { actors } = cached;
  return mustKnow.every((id) => actors.has(id)) ? actors : null;
}

export const actorOf = (actors: Actors, id: string | null | undefined): Actor | null => (id ? (actors.get(id) ?? null) : null);
