import type { Actor, UserDto } from '@desk/protocol';
import { listUsers, type UserRow } from '../repo/users.repo.ts';
import type { Conn } from '../repo/conn.ts';

/** Never includes the password hash or lockout counters. */
export function presentUser(u: UserRow): UserDto {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, createdAt: u.createdAt.toISOString() };
}

export const presentActor = (u: Pick<UserRow, 'id' | 'name' | 'role'>): Actor => ({ id: u.id, name: u.name, role: u.role });

export type Actors = Map<string, Actor>;

/** The user table is small (a newsroom), so presenters resolve names from one query. */
export async function loadActors(conn: Conn): Promise<Actors> {
  const rows = await listUsers(conn);
  return new Map(rows.map((u) => [u.id, presentActor(u)]));
}

export const actorOf = (actors: Actors, id: string | null | undefined): Actor | null => (id ? (actors.get(id) ?? null) : null);
