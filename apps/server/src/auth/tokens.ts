import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'desk_session';
export const newToken = () => randomBytes(32).toString('base64url');
/** Sessions are stored by hash: a read of the table cannot be replayed as a cookie. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
