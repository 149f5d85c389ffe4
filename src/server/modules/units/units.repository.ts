import { and, asc, count, eq, inArray, like, sql } from 'drizzle-orm';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { people } from '../people/people.table.js';
import { orgUnitDeputies, orgUnits } from './units.table.js';

export type UnitRow = typeof orgUnits.$inferSelect;

/** Units inside the given subtrees, in tree order. */
export async function listUnitsInSubtrees(
  db: Db,
  paths: string[],
  includeInactive: boolean,
): Promise<UnitRow[]> {
  return db
    .select()
    .from(orgUnits)
    .where(and(pathInSubtrees(orgUnits.path, paths), includeInactive ? undefined : eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.name));
}

export async function findUnit(db: Db, id: string): Promise<UnitRow | null> {
  const rows = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findUnitByCode(db: Db, code: string): Promise<UnitRow | null> {
  const rows = await db
    .select()
    .from(orgUnits)
    .where(eq(sql`lower(${orgUnits.code})`, code.toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}

export async function findUnitsByIds(db: Db, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(orgUnits).where(inArray(orgUnits.id, ids));
}

export async function insertUnit(db: Db, values: typeof orgUnits.$inferInsert): Promise<UnitRow> {
  const [row] = await db.insert(orgUnits).values(values).returning();
  return row;
}

/** Updates a unit if its version still matches; returns null when someone else changed it first. */
export async function updateUnitVersioned(
  db: Db,
  id: string,
  version: number,
  values: Partial<typeof orgUnits.$inferInsert>,
): Promise<UnitRow | null> {
  const rows = await db
    .update(orgUnits)
    .set({ ...values, version: sql`${orgUnits.version} + 1`, updatedAt: new Date() })
    .where(and(eq(orgUnits.id, id), eq(orgUnits.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Rewrites the paths and depths of a whole subtree after its root moved. */
export async function rewriteSubtreePaths(db: Db, oldPrefix: string, newPrefix: string, depthDelta: number) {
  await db
    .update(orgUnits)
    .set({
      path: sql`${newPrefix} || substr(${orgUnits.path}, ${oldPrefix.length + 1})`,
      depth: sql`${orgUnits.depth} + ${depthDelta}`,
    })
    .where(like(orgUnits.path, `${oldPrefix}%`));
}

/** Deputies of the given units with their names, in order. */
export async function listDeputies(db: Db, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select({
      unitId: orgUnitDeputies.unitId,
      personId: orgUnitDeputies.personId,
      name: people.name,
      employeeNo: people.employeeNo,
    })
    .from(orgUnitDeputies)
    .innerJoin(people, eq(people.id, orgUnitDeputies.personId))
    .where(inArray(orgUnitDeputies.unitId, unitIds))
    .orderBy(asc(orgUnitDeputies.sortOrder));
}

export async function replaceDeputies(db: Db, unitId: string, personIds: string[]): Promise<void> {
  await db.delete(orgUnitDeputies).where(eq(orgUnitDeputies.unitId, unitId));
  if (personIds.length === 0) return;
  await db
    .insert(orgUnitDeputies)
    .values(personIds.map((personId, sortOrder) => ({ unitId, personId, sortOrder })));
}

/** Names of people by id (heads of units). */
export async function listPeopleNames(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ personId: people.id, name: people.name, employeeNo: people.employeeNo })
    .from(people)
    .where(inArray(people.id, ids));
}

/** Active people directly in a unit, and active child units: what blocks deactivation. */
export async function countUnitDependants(db: Db, unitId: string) {
  const [peopleRow] = await db
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.unitId, unitId), eq(people.active, true)));
  const [childRow] = await db
    .select({ n: count() })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unitId), eq(orgUnits.active, true)));
  return { people: peopleRow.n, children: childRow.n };
}

/** Active people anywhere in a unit's subtree. */
export async function countPeopleInSubtree(db: Db, unitPath: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(like(orgUnits.path, `${unitPath}%`), eq(people.active, true)));
  return row.n;
}
