import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { containsPattern } from '../../platform/sql-text.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnitDeputies, orgUnits } from '../units/units.table.js';
import { directionUnits, mentorAssignments } from './mentors.table.js';

const reserveColumns = {
  reserveId: reserves.id,
  personId: reserves.personId,
  state: reserves.state,
  personName: people.name,
  employeeNo: people.employeeNo,
  unitId: orgUnits.id,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  unitHeadPersonId: orgUnits.headPersonId,
  programmeId: reserves.programmeId,
  programmeName: programmes.name,
  timeZone: programmes.timeZone,
  direction: reserves.direction,
  version: reserves.version,
  enrolledOn: reserves.enrolledOn,
  cycleEnd: reserves.cycleEnd,
};

function selectReserves(db: Db) {
  return db
    .select(reserveColumns)
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId));
}
export type ReserveRow = Awaited<ReturnType<typeof selectReserves>>[number];

export type ReserveFilter = { scope: SQL; q?: string; subtreePath?: string; programmeId?: string };

function whereOf(f: ReserveFilter): SQL | undefined {
  const pattern = f.q ? containsPattern(f.q) : null;
  return and(
    eq(reserves.state, 'active'),
    f.scope,
    pattern
      ? or(ilike(people.name, pattern), sql`lower(${people.employeeNo}) LIKE lower(${pattern})`)
      : undefined,
    f.subtreePath ? sql`${orgUnits.path} LIKE ${`${f.subtreePath}%`}` : undefined,
    f.programmeId ? eq(reserves.programmeId, f.programmeId) : undefined,
  );
}

/** Active reserves matching a filter, by unit then employee number (a page, or all when no page). */
export async function listActiveReserves(
  db: Db,
  filter: ReserveFilter,
  page?: { offset: number; limit: number },
) {
  const where = whereOf(filter);
  const query = selectReserves(db).where(where).orderBy(asc(orgUnits.path), asc(people.employeeNo));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query.limit(50_000);
  const [{ total }] = page
    ? await db
        .select({ total: count() })
        .from(reserves)
        .innerJoin(people, eq(people.id, reserves.personId))
        .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
        .where(where)
    : [{ total: rows.length }];
  return { rows, total };
}

/** One reserve (any state) with person, unit and programme. */
export async function findReserve(db: Db, id: string): Promise<ReserveRow | null> {
  const [row] = await selectReserves(db).where(eq(reserves.id, id)).limit(1);
  return row ?? null;
}

/** The reserves of a person (their memberships), newest first. */
export function reservesOfPerson(db: Db, personId: string) {
  return selectReserves(db).where(eq(reserves.personId, personId)).orderBy(desc(reserves.createdAt));
}

const mentorPeople = people;
const mentorUnits = orgUnits;

function selectAssignments(db: Db) {
  return db
    .select({
      assignment: mentorAssignments,
      mentorName: mentorPeople.name,
      mentorEmployeeNo: mentorPeople.employeeNo,
      mentorPost: mentorPeople.currentPost,
      mentorActive: mentorPeople.active,
      mentorUnitName: mentorUnits.name,
    })
    .from(mentorAssignments)
    .innerJoin(mentorPeople, eq(mentorPeople.id, mentorAssignments.mentorPersonId))
    .innerJoin(mentorUnits, eq(mentorUnits.id, mentorPeople.unitId));
}
export type AssignmentRow = Awaited<ReturnType<typeof selectAssignments>>[number];

/** The current assignments of reserves. */
export function currentAssignments(db: Db, reserveIds: string[]): Promise<AssignmentRow[]> {
  if (reserveIds.length === 0) return Promise.resolve([]);
  return selectAssignments(db).where(
    and(inArray(mentorAssignments.reserveId, reserveIds), isNull(mentorAssignments.endOn)),
  );
}

/** Every assignment of a reserve, current first, then the latest ended. */
export function assignmentHistory(db: Db, reserveId: string): Promise<AssignmentRow[]> {
  return selectAssignments(db)
    .where(eq(mentorAssignments.reserveId, reserveId))
    .orderBy(
      sql`${mentorAssignments.endOn} IS NULL DESC`,
      desc(mentorAssignments.startOn),
      desc(mentorAssignments.createdAt),
    );
}

/** Every assignment of some reserves (current and ended). */
export function assignmentsOfReserves(db: Db, reserveIds: string[]): Promise<AssignmentRow[]> {
  if (reserveIds.length === 0) return Promise.resolve([]);
  return selectAssignments(db).where(inArray(mentorAssignments.reserveId, reserveIds));
}

/** The current assignments of a mentor. */
export function assignmentsOfMentor(db: Db, personId: string): Promise<AssignmentRow[]> {
  return selectAssignments(db).where(
    and(eq(mentorAssignments.mentorPersonId, personId), isNull(mentorAssignments.endOn)),
  );
}

export async function findAssignment(db: Db, id: string): Promise<AssignmentRow | null> {
  const [row] = await selectAssignments(db).where(eq(mentorAssignments.id, id)).limit(1);
  return row ?? null;
}

/** The head (正职) and deputy (副职) posts people hold, with each unit's path. */
export async function postsOf(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  const heads = await db
    .select({ personId: orgUnits.headPersonId, unitId: orgUnits.id, unitPath: orgUnits.path })
    .from(orgUnits)
    .where(and(inArray(orgUnits.headPersonId, personIds), eq(orgUnits.active, true)));
  const deputies = await db
    .select({ personId: orgUnitDeputies.personId, unitId: orgUnits.id, unitPath: orgUnits.path })
    .from(orgUnitDeputies)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitDeputies.unitId))
    .where(and(inArray(orgUnitDeputies.personId, personIds), eq(orgUnits.active, true)));
  return [
    ...heads.map((h) => ({
      personId: h.personId!,
      unitId: h.unitId,
      unitPath: h.unitPath,
      post: 'head' as const,
    })),
    ...deputies.map((d) => ({ ...d, post: 'deputy' as const })),
  ];
}

/** People with their unit, post and whether still employed. */
export function personRefs(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      personId: people.id,
      name: people.name,
      employeeNo: people.employeeNo,
      post: people.currentPost,
      active: people.active,
      unitName: orgUnits.name,
    })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(inArray(people.id, ids));
}

/** The related units of development directions (HR's dictionary), with paths and leaders. */
export async function relatedUnitsOf(db: Db, directions: string[]) {
  if (directions.length === 0) return [];
  return db
    .select({
      direction: directionUnits.direction,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      headPersonId: orgUnits.headPersonId,
    })
    .from(directionUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, directionUnits.unitId))
    .where(inArray(directionUnits.direction, directions))
    .orderBy(asc(orgUnits.path));
}

/** Deputies of units, by unit. */
export async function deputiesOf(db: Db, unitIds: string[]) {
  if (unitIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .select({ unitId: orgUnitDeputies.unitId, personId: orgUnitDeputies.personId })
    .from(orgUnitDeputies)
    .where(inArray(orgUnitDeputies.unitId, unitIds))
    .orderBy(asc(orgUnitDeputies.sortOrder));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.personId]);
  return out;
}

/** Every direction in the dictionary with its units, and every direction active reserves in scope have. */
export async function listDirections(db: Db, scope: SQL) {
  const mapped = await db
    .select({
      direction: directionUnits.direction,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
    })
    .from(directionUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, directionUnits.unitId))
    .orderBy(asc(directionUnits.direction), asc(orgUnits.path));
  const used = await db
    .select({ direction: reserves.direction, n: count() })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(
      and(
        eq(reserves.state, 'active'),
        sql`${reserves.direction} IS NOT NULL AND ${reserves.direction} <> ''`,
        scope,
      ),
    )
    .groupBy(reserves.direction);
  return { mapped, used };
}

/** The units a direction maps to. */
export function directionUnitRows(db: Db, direction: string) {
  return db
    .select({ unitId: directionUnits.unitId, unitPath: orgUnits.path })
    .from(directionUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, directionUnits.unitId))
    .where(eq(directionUnits.direction, direction));
}
