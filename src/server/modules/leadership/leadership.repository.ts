import { and, asc, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { heldOnDay } from '../../platform/sql-text.js';
import { people } from '../people/people.table.js';
import { orgUnits } from '../units/units.table.js';
import { leaderCharges } from './leadership.table.js';

export type ChargeFilter = {
  scopePaths: string[];
  leaderPersonId?: string;
  unitId?: string;
  includeEnded: boolean;
};

function whereOf(f: ChargeFilter): SQL | undefined {
  return and(
    pathInSubtrees(orgUnits.path, f.scopePaths),
    f.leaderPersonId ? eq(leaderCharges.leaderPersonId, f.leaderPersonId) : undefined,
    f.unitId ? eq(leaderCharges.unitId, f.unitId) : undefined,
    f.includeEnded ? undefined : isNull(leaderCharges.endOn),
  );
}

const columns = {
  charge: leaderCharges,
  leaderName: people.name,
  leaderEmployeeNo: people.employeeNo,
  leaderPost: people.currentPost,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
};

/** A page of charges, by leader then unit. */
export async function listCharges(db: Db, filter: ChargeFilter, page: { offset: number; limit: number }) {
  const where = whereOf(filter);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(columns)
      .from(leaderCharges)
      .innerJoin(people, eq(people.id, leaderCharges.leaderPersonId))
      .innerJoin(orgUnits, eq(orgUnits.id, leaderCharges.unitId))
      .where(where)
      .orderBy(asc(people.employeeNo), asc(orgUnits.path), asc(leaderCharges.startOn))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(leaderCharges)
      .innerJoin(orgUnits, eq(orgUnits.id, leaderCharges.unitId))
      .where(where),
  ]);
  return { rows, total };
}

export async function findCharge(db: Db, id: string) {
  const [row] = await db
    .select(columns)
    .from(leaderCharges)
    .innerJoin(people, eq(people.id, leaderCharges.leaderPersonId))
    .innerJoin(orgUnits, eq(orgUnits.id, leaderCharges.unitId))
    .where(eq(leaderCharges.id, id))
    .limit(1);
  return row ?? null;
}

/** The current charges of a leader over some units (to refuse duplicates). */
export function currentChargesOf(db: Db, leaderPersonId: string, unitIds: string[]) {
  return db
    .select({ unitId: leaderCharges.unitId })
    .from(leaderCharges)
    .where(
      and(
        eq(leaderCharges.leaderPersonId, leaderPersonId),
        inArray(leaderCharges.unitId, unitIds),
        isNull(leaderCharges.endOn),
      ),
    );
}

/** The unit paths a person is in charge of today. */
export async function chargedPaths(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .select({ path: orgUnits.path })
    .from(leaderCharges)
    .innerJoin(orgUnits, eq(orgUnits.id, leaderCharges.unitId))
    .where(and(eq(leaderCharges.leaderPersonId, personId), isNull(leaderCharges.endOn)));
  return rows.map((r) => r.path);
}

/**
 * The units a person was in charge of on a day (the charge began on or before it and had not ended
 * before it): a talk is checked against who was 分管 when it was held, not against today's charges.
 */
export async function chargedPathsOn(db: Db, personId: string, day: string): Promise<string[]> {
  const rows = await db
    .select({ path: orgUnits.path })
    .from(leaderCharges)
    .innerJoin(orgUnits, eq(orgUnits.id, leaderCharges.unitId))
    .where(
      and(
        eq(leaderCharges.leaderPersonId, personId),
        heldOnDay(leaderCharges.startOn, leaderCharges.endOn, day),
      ),
    );
  return rows.map((r) => r.path);
}

/**
 * SQL: "a unit path lies in a subtree the person is in charge of today" — for conditions that
 * must stay one statement (duty lists, calendars).
 */
export function inChargeOfPath(personId: string, unitPath: PgColumn | SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM ${leaderCharges} lc JOIN ${orgUnits} lu ON lu.id = lc.unit_id
    WHERE lc.leader_person_id = ${personId} AND lc.end_on IS NULL AND ${unitPath} LIKE lu.path || '%')`;
}

/** Every leader in charge today of some unit path, with the path of each charge (coverage by talker). */
export function currentChargesUnder(db: Db, scopePaths: string[]) {
  return db
    .select({
      leaderPersonId: leaderCharges.leaderPersonId,
      leaderName: people.name,
      leaderPost: people.currentPost,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
    })
    .from(leaderCharges)
    .innerJoin(people, eq(people.id, leaderCharges.leaderPersonId))
    .innerJoin(orgUnits, eq(orgUnits.id, leaderCharges.unitId))
    .where(and(isNull(leaderCharges.endOn), pathInSubtrees(orgUnits.path, scopePaths)));
}
