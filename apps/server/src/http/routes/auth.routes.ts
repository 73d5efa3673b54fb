import { Router, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { LoginBody } from '@desk/protocol';
import { SESSION_COOKIE } from '../../auth/tokens.ts';
import { login, logout } from '../../commands/auth.commands.ts';
import type { Ctx } from '../../commands/context.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';
import { findUser } from '../../repo/users.repo.ts';
import { AppError } from '../../errors.ts';

export function authRoutes(ctx: Ctx): Router {
  const r = Router();
  // Per-IP limit on top of the per-account lockout: slows credential stuffing across accounts.
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: ctx.config.loginRatePerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Its warning about an untrusted X-Forwarded-For would let any caller fill the log.
    validate: { xForwardedForHeader: false },
    handler: (_req, res) =>
      res.status(429).json({ error: { code: 'rate_limited', message: 'Too many sign-in attempts; wait a minute and try again' } }),
  });

  const setCookie = (res: Response, secure: boolean, token: string, expires: Date) =>
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });

  r.post(
    '/login',
    limiter,
    route(async (req, res) => {
      const body = parse(LoginBody, req.body);
      const { token, user, expiresAt } = await login(ctx, body, {
        userAgent: req.headers['user-agent'] ?? null,
        previousToken: req.sessionToken ?? null,
        // The socket's address unless DESK_TRUST_PROXY names a proxy that may tell us the client's.
        source: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      });
      const secure = ctx.config.cookieSecure === 'auto' ? req.secure : ctx.config.cookieSecure;
      setCookie(res, secure, token, expiresAt);
      res.json({ user: presentUser(user) });
    }),
  );

  r.post(
    '/logout',
    route(async (req, res) => {
      if (req.sessionToken) await logout(ctx, req.sessionToken);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    }),
  );

  r.get(
    '/me',
    route(async (req, res) => {
      const caller = requireCaller(req);
      const user = await findUser(ctx.db, caller.id);
      if (!user) throw new AppError('unauthenticated', 'Please sign in');
      res.json({ user: presentUser(user) });
    }),
  );
  return r;
}
