import { and, asc, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { readingPlans } from './training.table.js';

export type PlanRow = { plan: typeof readingPlans.$inferSelect; unitName: string; unitPath: string };
const planColumns = { plan: readingPlans, unitName: orgUnits.name, unitPath: orgUnits.path };

/** A page of the reading plans of units in some subtrees, latest year first. */
export async function listPlans(
  db: Db,
  f: { paths: string[]; year?: number },
  page: { offset: number; limit: number },
) {
  const where = and(
    pathInSubtrees(orgUnits.path, f.paths),
    f.year ? eq(readingPlans.year, f.year) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(planColumns)
      .from(readingPlans)
      .innerJoin(orgUnits, eq(orgUnits.id, readingPlans.unitId))
      .where(where)
      .orderBy(desc(readingPlans.year), asc(orgUnits.path))
      .offset(page.offset)
      .limit(page.limit),
    db
      .select({ total: count() })
      .from(readingPlans)
      .innerJoin(orgUnits, eq(orgUnits.id, readingPlans.unitId))
      .where(where),
  ]);
  return { rows, total };
}

/** One plan with its unit, or null. */
export async function findPlan(db: Db, id: string): Promise<PlanRow | null> {
  const [row] = await db
    .select(planColumns)
    .from(readingPlans)
    .innerJoin(orgUnits, eq(orgUnits.id, readingPlans.unitId))
    .where(eq(readingPlans.id, id));
  return row ?? null;
}

/** A unit's plan of a year, if any (one per unit and year). */
export async function findPlanOf(db: Db, unitId: string, year: number) {
  const [row] = await db
    .select({ id: readingPlans.id })
    .from(readingPlans)
    .where(and(eq(readingPlans.unitId, unitId), eq(readingPlans.year, year)));
  return row ?? null;
}

/**
 * Another published plan of the year over an overlapping subtree (an ancestor's or a descendant's):
 * two would each set the same reserves' reflection date.
 */
export async function findOverlappingPublished(db: Db, plan: { id: string; year: number; unitPath: string }) {
  const [row] = await db
    .select({ unitName: orgUnits.name })
    .from(readingPlans)
    .innerJoin(orgUnits, eq(orgUnits.id, readingPlans.unitId))
    .where(
      and(
        eq(readingPlans.year, plan.year),
        eq(readingPlans.state, 'published'),
        ne(readingPlans.id, plan.id),
        sql`(${orgUnits.path} LIKE ${`${plan.unitPath}%`} OR ${plan.unitPath} LIKE ${orgUnits.path} || '%')`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The active reserves whose unit lies in a subtree: those a published plan applies to. */
export async function activeReserveIdsUnder(db: Db, unitPath: string): Promise<string[]> {
  const rows = await db
    .select({ id: reserves.id })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(reserves.state, 'active'), sql`${orgUnits.path} LIKE ${`${unitPath}%`}`));
  return rows.map((r) => r.id);
}

/** The published plans of a year whose unit contains a unit path (what a reserve there sees). */
export function publishedPlansOver(db: Db, unitPath: string, year: number): Promise<PlanRow[]> {
  const where: SQL = and(
    eq(readingPlans.year, year),
    eq(readingPlans.state, 'published'),
    sql`${unitPath} LIKE ${orgUnits.path} || '%'`,
  )!;
  return db
    .select(planColumns)
    .from(readingPlans)
    .innerJoin(orgUnits, eq(orgUnits.id, readingPlans.unitId))
    .where(where)
    .orderBy(desc(sql`length(${orgUnits.path})`));
}
