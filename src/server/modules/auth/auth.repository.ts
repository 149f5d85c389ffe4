import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Role } from '../../../core/access/roles.js';
import type { Grant } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { orgUnits } from '../units/units.table.js';
import { roleGrants, users } from '../users/users.table.js';
import { sessions } from './auth.table.js';

/** Finds an account by user name, case-insensitively. */
export async function findUserByUsername(db: Db, username: string) {
  const rows = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}

function sessionWithUserQuery(db: Db) {
  return db
    .select({
      session: sessions,
      user: users,
      grants: sql<Grant[]>`coalesce((
        select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitPath', u.path, 'unitName', u.name))
        from ${roleGrants} g join ${orgUnits} u on u.id = g.unit_id
        where g.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .limit(1)
    .prepare('houbei_session_with_user');
}

/** The prepared session look-up of each database handle (built once, not on every request). */
const preparedSessionQueries = new WeakMap<Db, ReturnType<typeof sessionWithUserQuery>>();

/**
 * The session with its user and the user's grants, in one round trip: it runs before every API
 * request, so it is a prepared statement — the SQL is built once per database handle (building it
 * cost more CPU than running it) and PostgreSQL plans it once per connection.
 */
export async function findSessionWithUser(db: Db, sessionId: string) {
  let prepared = preparedSessionQueries.get(db);
  if (!prepared) {
    prepared = sessionWithUserQuery(db);
    preparedSessionQueries.set(db, prepared);
  }
  const rows = await prepared.execute({ sessionId });
  return rows[0] ?? null;
}

/** A user's role grants with the granted units' paths (inactive units still scope their subtree). */
export async function listGrantsOfUser(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .select({
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitPath: orgUnits.path,
      unitName: orgUnits.name,
    })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, except one to keep (the caller's own, after a password change). */
export async function deleteSessionsOfUser(db: Db, userId: string, keepSessionId?: string): Promise<void> {
  const condition = keepSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(condition);
}

/** Removes sessions past their absolute or idle limit. */
export async function deleteExpiredSessions(db: Db, now: Date, idleCutoff: Date): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
}

export async function updateUserLoginState(
  db: Db,
  userId: string,
  values: Partial<Pick<typeof users.$inferInsert, 'failedLogins' | 'lockedUntil' | 'lastLoginAt'>>,
): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, userId));
}

export async function updateUserPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}
