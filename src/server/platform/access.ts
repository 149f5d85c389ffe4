import { like, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type Permission, ROLE_PERMISSIONS, type Role } from '../../core/access/roles.js';
import { AppError } from './errors.js';

/** A role granted over a unit subtree, with that unit's materialised path. */
export type Grant = { role: Role; unitId: string; unitPath: string; unitName: string };

/** The signed-in user as every service sees it. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  grants: Grant[];
};

/** Every permission the actor holds anywhere. */
export function permissionsOf(actor: Actor): Set<Permission> {
  const set = new Set<Permission>();
  for (const grant of actor.grants) for (const p of ROLE_PERMISSIONS[grant.role]) set.add(p);
  return set;
}

/** Whether the actor holds a permission over at least one subtree. */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => (ROLE_PERMISSIONS[g.role] as readonly Permission[]).includes(permission));
}

/**
 * The subtree paths over which the actor holds a permission, without paths already covered by
 * another (so `/a/` absorbs `/a/b/`). Empty means no access.
 */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  const paths = actor.grants
    .filter((g) => (ROLE_PERMISSIONS[g.role] as readonly Permission[]).includes(permission))
    // A system administrator's grant covers every unit, including roots created later.
    .map((g) => (g.role === 'system_admin' ? '/' : g.unitPath))
    .sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of paths) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/** Whether a unit path lies inside the actor's scope for a permission. */
export function inScope(actor: Actor, permission: Permission, unitPath: string): boolean {
  return scopePaths(actor, permission).some((p) => unitPath.startsWith(p));
}

/** SQL condition "this path column is inside one of the subtrees"; false when there are none. */
export function pathInSubtrees(column: PgColumn | SQL, paths: string[]): SQL {
  if (paths.length === 0) return sql`false`;
  return or(...paths.map((p) => like(column, `${p}%`)))!;
}

/** Throws `not_found` unless the unit path is in scope: out-of-scope rows look like missing rows. */
export function assertInScope(
  actor: Actor,
  permission: Permission,
  unitPath: string | null | undefined,
): void {
  if (!unitPath || !inScope(actor, permission, unitPath)) throw new AppError('not_found');
}

/** Throws `not_found` when the actor lacks the permission everywhere (routes hide what one cannot use). */
export function assertPermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new AppError('not_found');
}
