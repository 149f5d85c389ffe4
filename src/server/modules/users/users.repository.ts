import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { containsPattern } from '../../platform/sql-text.js';
import { people } from '../people/people.table.js';
import { orgUnits } from '../units/units.table.js';
import { roleGrants, users } from './users.table.js';

export type UserRow = typeof users.$inferSelect;

const userColumns = {
  user: users,
  employeeNo: people.employeeNo,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
};

/** Users matching the condition, a page of them, with their person's unit. */
export async function listUsers(db: Db, where: SQL | undefined, page: { offset: number; limit: number }) {
  const base = () =>
    db
      .select(userColumns)
      .from(users)
      .leftJoin(people, eq(people.id, users.personId))
      .leftJoin(orgUnits, eq(orgUnits.id, people.unitId));
  const [items, [{ total }]] = await Promise.all([
    base().where(where).orderBy(asc(users.username)).limit(page.limit).offset(page.offset),
    db
      .select({ total: count() })
      .from(users)
      .leftJoin(people, eq(people.id, users.personId))
      .leftJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(where),
  ]);
  return { items, total };
}

/** Condition for the list's search box and filters. */
export function usersWhere(
  filter: { q?: string; role?: string; status: 'active' | 'inactive' | 'all' },
  scope: SQL | undefined,
) {
  const conditions: (SQL | undefined)[] = [scope];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(
      or(
        ilike(users.username, pattern),
        ilike(users.displayName, pattern),
        ilike(people.employeeNo, pattern),
      ),
    );
  }
  if (filter.role) {
    conditions.push(
      sql`exists (select 1 from ${roleGrants} where ${roleGrants.userId} = ${users.id} and ${roleGrants.role} = ${filter.role})`,
    );
  }
  if (filter.status !== 'all') conditions.push(eq(users.active, filter.status === 'active'));
  return and(...conditions);
}

export async function findUserWithUnit(db: Db, id: string) {
  const rows = await db
    .select(userColumns)
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .leftJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Grants of the given users with the granted units' names and paths. */
export async function listGrants(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
    })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(asc(roleGrants.createdAt));
}

export async function findUserByPerson(db: Db, personId: string) {
  const rows = await db.select().from(users).where(eq(users.personId, personId)).limit(1);
  return rows[0] ?? null;
}

export async function findUserByUsername(db: Db, username: string) {
  const rows = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function updateUserVersioned(
  db: Db,
  id: string,
  version: number,
  values: Partial<typeof users.$inferInsert>,
) {
  const rows = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function updateUser(db: Db, id: string, values: Partial<typeof users.$inferInsert>) {
  const rows = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .returning();
  return rows[0] ?? null;
}

export async function insertGrant(db: Db, values: typeof roleGrants.$inferInsert) {
  const rows = await db.insert(roleGrants).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function findGrant(db: Db, userId: string, grantId: string) {
  const rows = await db
    .select({ grant: roleGrants, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteGrant(db: Db, grantId: string): Promise<void> {
  await db.delete(roleGrants).where(eq(roleGrants.id, grantId));
}

/** How many active users hold the system-administrator role (the last one may not be removed). */
export async function countActiveSystemAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .where(and(eq(users.active, true), eq(roleGrants.role, 'system_admin')));
  return row.n;
}
