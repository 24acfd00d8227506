/**
 * Resolves the session cookie to an actor on every request and enforces CSRF:
 * a state-changing request that carries the session cookie must carry the
 * session's token in X-CSRF-Token. A request without the cookie has no ambient
 * authority, so it needs no token (API clients, login, register).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../modules/access/actor.js';
import { findActorBySessionToken } from '../modules/accounts/session.repository.js';
import { DomainError } from './errors.js';

export const SESSION_COOKIE = 'ms_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a session that must change its password may still do (issue 15). */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/v1/auth/me', 'POST /api/v1/auth/logout', 'PUT /api/v1/me/password']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuth(app: FastifyInstance, db: Database): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await findActorBySessionToken(db, token) : null;
    if (request.actor && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.actor.csrfToken)) throw new DomainError('csrf_failed');
    }
    if (request.actor?.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url ?? ''}`)) throw new DomainError('password_change_required');
  });
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
}
