import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../../core/access/roles.js';
import type { Grant } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { orgUnits } from '../units/units.table.js';
import { roleGrants, users } from '../users/users.table.js';
import { calendarFeeds } from './obligations.table.js';

/** Revokes every live feed of a user; returns how many were live. */
export async function revokeFeeds(db: Db, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.length;
}

/** Stores a new feed (only the token's hash). */
export async function insertFeed(db: Db, values: { userId: string; tokenHash: string }) {
  const [row] = await db.insert(calendarFeeds).values(values).returning();
  return row;
}

/** A user's live feed, if any. */
export async function findLiveFeed(db: Db, userId: string) {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** The active user behind a live feed token hash, with their grants, in one round trip. */
export async function findFeedUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      personId: users.personId,
      grants: sql<Grant[]>`coalesce((
        select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitPath', u.path, 'unitName', u.name))
        from ${roleGrants} g join ${orgUnits} u on u.id = g.unit_id
        where g.user_id = ${users.id}), '[]'::json)`,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(
      and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt), eq(users.active, true)),
    )
    .limit(1);
  if (!row) return null;
  return { ...row, grants: row.grants.map((g) => ({ ...g, role: g.role as Role })) };
}
