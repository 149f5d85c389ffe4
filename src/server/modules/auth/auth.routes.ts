import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, LanguageBody, LoginBody, SessionInfo } from '../../../contracts/auth.js';
import { Ok } from '../../../contracts/common.js';
import { permissionsOf } from '../../platform/access.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { AppError } from '../../platform/errors.js';
import { contextOf } from '../../platform/request-context.js';
import { SESSION_COOKIE } from './auth.plugin.js';
import { changePassword, login, logout } from './auth.service.js';

/** Sign-in, sign-out, the current session, password change and UI language. */
export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.cookieSecure,
  };

  r.post(
    '/api/auth/login',
    {
      schema: { body: LoginBody, response: { 200: Ok.extend({ mustChangePassword: z.boolean() }) } },
      config: {
        access: 'public',
        rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const result = await login(
        deps.db,
        request.body,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        deps.sessionLimits,
      );
      // A new session id at every sign-in; any session cookie the browser had is replaced.
      reply.setCookie(SESSION_COOKIE, result.token, {
        ...cookieOptions,
        maxAge: deps.sessionLimits.absoluteHours * 3600,
      });
      return { ok: true as const, mustChangePassword: result.mustChangePassword };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { response: { 200: Ok } },
      config: { access: 'authenticated', allowBeforePasswordChange: true },
    },
    async (request, reply) => {
      if (request.session && request.actor)
        await logout(deps.db, request.session.id, request.actor, request.ip);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/session',
    {
      schema: { response: { 200: SessionInfo } },
      config: { access: 'authenticated', allowBeforePasswordChange: true },
    },
    async (request) => {
      const actor = request.actor;
      const session = request.session;
      if (!actor || !session) throw new AppError('unauthenticated');
      return {
        user: {
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          personId: actor.personId,
          mustChangePassword: session.mustChangePassword,
        },
        grants: actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName })),
        permissions: [...permissionsOf(actor)],
        csrfToken: session.csrfToken,
        lang: request.lang,
      };
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: { body: ChangePasswordBody, response: { 200: Ok } },
      config: { access: 'authenticated', allowBeforePasswordChange: true },
    },
    async (request) => {
      if (!request.session) throw new AppError('unauthenticated');
      await changePassword(contextOf(request, deps), request.session.id, request.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/language',
    { schema: { body: LanguageBody, response: { 200: Ok } }, config: { access: 'public' } },
    async (request, reply) => {
      reply.setCookie('houbei_lang', request.body.lang, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
      return { ok: true as const };
    },
  );
}
