import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../errors.ts';

/** A host a DNS-rebinding page cannot take over: an address literal or localhost itself. */
function isAddressHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return isIP(h) !== 0 || h === 'localhost';
}

/**
 * CSRF and cross-site WebSocket defence. A browser always sends Origin on cross-site
 * POST/PATCH/DELETE and on a WebSocket handshake; it must equal, scheme and port included,
 * one of the configured public origins (`DESK_PUBLIC_URL`, `DESK_ALLOWED_ORIGINS`). With none
 * configured, only the request's own origin passes, and only when the desk is addressed by
 * an IP address or `localhost`: a DNS name could be rebound by an attacker's page, so a
 * deployment under a name must say so in `DESK_PUBLIC_URL`. Requests without Origin come from
 * non-browser clients, which cannot carry a victim's cookie.
 */
export function isAllowedOrigin(origin: string | undefined, ownOrigin: string, configured: string[]): boolean {
  if (origin === undefined) return true;
  if (configured.length > 0) return configured.includes(origin);
  try {
    return origin === ownOrigin && isAddressHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** The origin a raw request was made to (the socket handshake has no Express helpers). */
export const ownOriginOf = (req: IncomingMessage): string => `${(req.socket as TLSSocket).encrypted ? 'https' : 'http'}://${req.headers.host ?? ''}`;

export function originCheck(configured: string[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    // `req.protocol` follows X-Forwarded-Proto only when DESK_TRUST_PROXY names the proxy.
    if (!isAllowedOrigin(req.headers.origin, `${req.protocol}://${req.headers.host ?? ''}`, configured)) {
      return next(new AppError('forbidden', 'Cross-origin request refused'));
    }
    next();
  };
}
