import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../core/access/roles.js';
import { type Actor, hasPermission } from './access.js';
import type { AuditActor } from './audit.js';
import type { FieldCipher } from './crypto.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';

export type Lang = 'zh' | 'en';

/** Who may call a route: anyone, any signed-in user, or holders of a permission (anywhere). */
export type RouteAccess = 'public' | 'authenticated' | Permission;

/**
 * For the access-control test: which kind of record the `:id` parameter names, so the test can
 * call the route with an id outside the caller's scope and expect a 404.
 */
export type RouteResource =
  | 'unit'
  | 'person'
  | 'user'
  | 'grant'
  | 'programme'
  | 'reserve'
  | 'obligation'
  | 'reflection'
  | 'charge'
  | 'talk'
  | 'mentorAssignment'
  | 'assessment'
  | 'reward'
  | 'course'
  | 'completion'
  | 'trainingEvent'
  | 'readingPlan';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    resource?: RouteResource;
    /** Allowed while the user must still change the initial password (sign-out, change password). */
    allowBeforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: { id: string; csrfToken: string; mustChangePassword: boolean } | null;
    lang: Lang;
  }
}

/** What every service function receives: the database, the caller, and shared helpers. */
export type ServiceContext = {
  db: Db;
  actor: Actor;
  audit: AuditActor;
  cipher: FieldCipher;
  lang: Lang;
};

/** Builds the service context of an authenticated request. */
export function contextOf(request: FastifyRequest, deps: { db: Db; cipher: FieldCipher }): ServiceContext {
  const actor = request.actor;
  if (!actor) throw new AppError('unauthenticated');
  return {
    db: deps.db,
    actor,
    audit: { userId: actor.userId, displayName: actor.displayName, ip: request.ip },
    cipher: deps.cipher,
    lang: request.lang,
  };
}

/** Whether the route's declared access admits this actor. */
export function routeAdmits(access: RouteAccess, actor: Actor | null): boolean {
  if (access === 'public') return true;
  if (!actor) return false;
  if (access === 'authenticated') return true;
  return hasPermission(actor, access);
}
