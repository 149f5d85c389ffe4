import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db.js';
import { languageOf, sendError } from '../../platform/error-handler.js';
import { routeAdmits } from '../../platform/request-context.js';
import { csrfMatches, resolveSession, type SessionLimits } from './auth.service.js';

export const SESSION_COOKIE = 'houbei_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session of every API request and enforces, before any handler runs: the route's
 * declared access, the CSRF token on every state change, and the first-sign-in password change.
 */
export function installAuthentication(app: FastifyInstance, deps: { db: Db; limits: SessionLimits }): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('lang', 'zh');

  app.addHook('onRequest', async (request) => {
    request.lang = languageOf(request);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const resolved = await resolveSession(deps.db, token, deps.limits);
    if (resolved) {
      request.actor = resolved.actor;
      request.session = resolved.session;
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config;
    const access = config.access;
    // Registration refuses routes without access, so this is defence in depth.
    if (!access) return sendError(reply, request.lang, 'not_found');
    if (access === 'public') return;
    if (!request.actor || !request.session) return sendError(reply, request.lang, 'unauthenticated');
    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers['x-csrf-token'];
      if (!csrfMatches(request.session.csrfToken, typeof presented === 'string' ? presented : undefined)) {
        return sendError(reply, request.lang, 'csrf_failed');
      }
    }
    if (request.session.mustChangePassword && !config.allowBeforePasswordChange) {
      return sendError(reply, request.lang, 'password_change_required');
    }
    if (!routeAdmits(access, request.actor)) return sendError(reply, request.lang, 'not_found');
  });

  // Every API route must say who may call it; a route that forgets does not start.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    }
  });
}
