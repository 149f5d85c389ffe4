import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { containsPattern } from '../../platform/sql-text.js';
import { obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { orgUnits } from '../units/units.table.js';
import { reserveEvents, reserves } from './reserves.table.js';

const itemColumns = {
  reserve: reserves,
  personName: people.name,
  employeeNo: people.employeeNo,
  gender: people.gender,
  birthDate: people.birthDate,
  currentPost: people.currentPost,
  unitId: orgUnits.id,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  programmeName: programmes.name,
  tier: programmes.tier,
  cycleYears: programmes.cycleYears,
  timeZone: programmes.timeZone,
  programmeUnitId: programmes.unitId,
};

function base(db: Db) {
  return db
    .select(itemColumns)
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId));
}

export type ReserveWithContext = Awaited<ReturnType<typeof findReserve>> & object;

export type PoolFilter = {
  scope: SQL;
  q?: string;
  state?: string;
  subtreePath?: string;
  programmeId?: string;
  tier?: string;
  cohortYear?: number;
};

function whereOf(f: PoolFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [f.scope];
  if (f.q) {
    const pattern = containsPattern(f.q);
    conditions.push(or(ilike(people.name, pattern), sql`lower(${people.employeeNo}) LIKE lower(${pattern})`));
  }
  if (f.state) conditions.push(eq(reserves.state, f.state as typeof reserves.$inferSelect.state));
  if (f.subtreePath) conditions.push(sql`${orgUnits.path} LIKE ${`${f.subtreePath}%`}`);
  if (f.programmeId) conditions.push(eq(reserves.programmeId, f.programmeId));
  if (f.tier) conditions.push(eq(programmes.tier, f.tier));
  if (f.cohortYear) conditions.push(eq(reserves.cohortYear, f.cohortYear));
  return and(...conditions);
}

/** A page of the pool. */
export async function listPool(db: Db, filter: PoolFilter, page: { offset: number; limit: number }) {
  const where = whereOf(filter);
  const [items, [{ total }]] = await Promise.all([
    base(db)
      .where(where)
      // Nominees awaiting a decision first: they are what the list is opened for.
      .orderBy(
        sql`(${reserves.state} = 'nominated') desc`,
        desc(reserves.cohortYear),
        asc(orgUnits.path),
        asc(people.employeeNo),
      )
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(reserves)
      .innerJoin(people, eq(people.id, reserves.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
      .where(where),
  ]);
  return { items, total };
}

export async function findReserve(db: Db, id: string) {
  const rows = await base(db).where(eq(reserves.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findReserves(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return base(db).where(inArray(reserves.id, ids));
}

/** Open memberships (nominated or active) of people in a programme. */
export async function findOpenMemberships(db: Db, programmeId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({ personId: reserves.personId })
    .from(reserves)
    .where(
      and(
        eq(reserves.programmeId, programmeId),
        inArray(reserves.personId, personIds),
        inArray(reserves.state, ['nominated', 'active']),
      ),
    );
}

export async function listHistory(db: Db, reserveId: string) {
  return db
    .select()
    .from(reserveEvents)
    .where(eq(reserveEvents.reserveId, reserveId))
    .orderBy(asc(reserveEvents.at));
}

export async function countObligationsByState(db: Db, reserveId: string) {
  const rows = await db
    .select({ state: obligations.state, n: count() })
    .from(obligations)
    .where(eq(obligations.reserveId, reserveId))
    .groupBy(obligations.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Active reserves of a programme whose cycle covers a year (for the roll-over). */
export async function listActiveInYear(db: Db, programmeId: string, year: number) {
  return db
    .select({ id: reserves.id, enrolledOn: reserves.enrolledOn, cycleEnd: reserves.cycleEnd })
    .from(reserves)
    .where(
      and(
        eq(reserves.programmeId, programmeId),
        eq(reserves.state, 'active'),
        sql`${reserves.enrolledOn} <= ${`${year}-12-31`}`,
        sql`${reserves.cycleEnd} >= ${`${year}-01-01`}`,
      ),
    );
}
