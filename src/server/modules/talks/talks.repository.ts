import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { containsPattern, heldOnDay } from '../../platform/sql-text.js';
import { inChargeOfPath } from '../leadership/leadership.service.js';
import { mentorAssignments } from '../mentors/mentors.table.js';
import { evidence, obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnitDeputies, orgUnits } from '../units/units.table.js';
import { roleGrants, users } from '../users/users.table.js';
import { talkRecords, talkTalkers } from './talks.table.js';

/** The reserve of a talk, with what access checks and validation need. */
export async function findReserveContext(db: Db, reserveId: string) {
  const [row] = await db
    .select({
      id: reserves.id,
      state: reserves.state,
      personId: reserves.personId,
      personName: people.name,
      employeeNo: people.employeeNo,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      unitHeadPersonId: orgUnits.headPersonId,
      programmeId: reserves.programmeId,
      programmeName: programmes.name,
      timeZone: programmes.timeZone,
      enrolledOn: reserves.enrolledOn,
    })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(eq(reserves.id, reserveId))
    .limit(1);
  return row ?? null;
}
export type ReserveContext = NonNullable<Awaited<ReturnType<typeof findReserveContext>>>;

/** Who the caller is, as far as seeing talk records goes. */
export type TalkViewer = { userId: string; personId: string | null; readPaths: string[] };

/** SQL: recorded talk records of reserves in some subtrees (what HR reads and exports). */
export function recordedInSubtrees(paths: string[]): SQL {
  return and(eq(talkRecords.state, 'recorded'), pathInSubtrees(orgUnits.path, paths))!;
}

/**
 * The talk records a viewer may see, as SQL: recorded ones of reserves in their `talks.read` scope,
 * of reserves they currently mentor, of units they are in charge of (分管), and their own as the
 * reserve; drafts only to the talkers and the writer.
 */
export function visibleTalks(viewer: TalkViewer): SQL {
  const recorded = eq(talkRecords.state, 'recorded');
  const parts: SQL[] = [eq(talkRecords.createdBy, viewer.userId), recordedInSubtrees(viewer.readPaths)];
  if (viewer.personId) {
    const me = viewer.personId;
    parts.push(
      sql`EXISTS (SELECT 1 FROM ${talkTalkers} tt WHERE tt.talk_id = ${talkRecords.id} AND tt.person_id = ${me})`,
      and(recorded, eq(reserves.personId, me))!,
      and(
        recorded,
        sql`EXISTS (SELECT 1 FROM ${mentorAssignments} ma WHERE ma.reserve_id = ${talkRecords.reserveId}
              AND ma.mentor_person_id = ${me} AND ma.end_on IS NULL)`,
      )!,
      and(recorded, inChargeOfPath(me, orgUnits.path))!,
    );
  }
  return or(...parts)!;
}

export type TalkFilter = {
  visible: SQL;
  q?: string;
  reserveId?: string;
  kind?: string;
  year?: number;
  subtreePath?: string;
  minePersonId?: string | null;
  mineUserId?: string;
};

function whereOf(f: TalkFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [f.visible];
  if (f.q) {
    const pattern = containsPattern(f.q);
    conditions.push(or(ilike(people.name, pattern), sql`lower(${people.employeeNo}) LIKE lower(${pattern})`));
  }
  if (f.reserveId) conditions.push(eq(talkRecords.reserveId, f.reserveId));
  if (f.kind) conditions.push(eq(talkRecords.kind, f.kind as typeof talkRecords.$inferSelect.kind));
  if (f.year)
    conditions.push(
      sql`${talkRecords.heldOn} BETWEEN ${`${f.year}-01-01`}::date AND ${`${f.year}-12-31`}::date`,
    );
  if (f.subtreePath) conditions.push(sql`${orgUnits.path} LIKE ${`${f.subtreePath}%`}`);
  if (f.mineUserId)
    conditions.push(
      or(
        eq(talkRecords.createdBy, f.mineUserId),
        f.minePersonId
          ? sql`EXISTS (SELECT 1 FROM ${talkTalkers} tt WHERE tt.talk_id = ${talkRecords.id} AND tt.person_id = ${f.minePersonId})`
          : undefined,
      ),
    );
  return and(...conditions);
}

const talkColumns = {
  talk: talkRecords,
  reservePersonId: reserves.personId,
  reserveState: reserves.state,
  personName: people.name,
  employeeNo: people.employeeNo,
  reservePost: people.currentPost,
  unitId: orgUnits.id,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  programmeId: reserves.programmeId,
  timeZone: programmes.timeZone,
};

function selectTalks(db: Db) {
  return db
    .select(talkColumns)
    .from(talkRecords)
    .innerJoin(reserves, eq(reserves.id, talkRecords.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId));
}
export type TalkRow = Awaited<ReturnType<typeof selectTalks>>[number];

/** A page of talk records, newest first. */
export async function listTalks(db: Db, filter: TalkFilter, page: { offset: number; limit: number }) {
  const where = whereOf(filter);
  const [rows, [{ total }]] = await Promise.all([
    selectTalks(db)
      .where(where)
      .orderBy(desc(talkRecords.heldOn), desc(talkRecords.createdAt), asc(talkRecords.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(talkRecords)
      .innerJoin(reserves, eq(reserves.id, talkRecords.reserveId))
      .innerJoin(people, eq(people.id, reserves.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(where),
  ]);
  return { rows, total };
}

/** Every visible talk record matching a filter, in batches (the Excel export). */
export async function* iterateTalks(db: Db, filter: TalkFilter) {
  for (let offset = 0; ; offset += 1000) {
    const { rows } = await listTalks(db, filter, { offset, limit: 1000 });
    if (rows.length > 0) yield rows;
    if (rows.length < 1000) return;
  }
}

/** One talk record (null when missing), optionally only when visible. */
export async function findTalk(db: Db, id: string, visible?: SQL): Promise<TalkRow | null> {
  const [row] = await selectTalks(db)
    .where(and(eq(talkRecords.id, id), visible))
    .limit(1);
  return row ?? null;
}

/** The talkers of talk records, with their names and posts, in order. */
export function talkersOf(db: Db, talkIds: string[]) {
  if (talkIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      talkId: talkTalkers.talkId,
      personId: talkTalkers.personId,
      role: talkTalkers.role,
      name: people.name,
      post: people.currentPost,
    })
    .from(talkTalkers)
    .innerJoin(people, eq(people.id, talkTalkers.personId))
    .where(inArray(talkTalkers.talkId, talkIds))
    .orderBy(asc(talkTalkers.talkId), asc(talkTalkers.sortOrder));
}

/** The obligations a talk's evidence counts for (not withdrawn). */
export function obligationsSettledBy(db: Db, talkId: string) {
  const actor = people;
  return db
    .select({
      obligationId: obligations.id,
      ruleKey: obligations.ruleKey,
      periodKey: obligations.periodKey,
      dueDate: obligations.dueDate,
      state: obligations.state,
      actorName: actor.name,
    })
    .from(evidence)
    .innerJoin(obligations, eq(obligations.id, evidence.obligationId))
    .leftJoin(actor, eq(actor.id, obligations.actorPersonId))
    .where(and(eq(evidence.sourceType, 'talk'), eq(evidence.sourceId, talkId), isNull(evidence.withdrawnAt)))
    .orderBy(asc(obligations.dueDate));
}

/** The latest recorded, visible talk with a reserve before a day (other than `exceptId`). */
export async function findPreviousTalk(
  db: Db,
  input: { reserveId: string; before: string; exceptId?: string; visible: SQL },
) {
  const [row] = await selectTalks(db)
    .where(
      and(
        input.visible,
        eq(talkRecords.reserveId, input.reserveId),
        eq(talkRecords.state, 'recorded'),
        lt(talkRecords.heldOn, input.before),
        input.exceptId ? ne(talkRecords.id, input.exceptId) : undefined,
      ),
    )
    .orderBy(desc(talkRecords.heldOn), desc(talkRecords.createdAt))
    .limit(1);
  return row ?? null;
}

/** People by id with whether they are still employed. */
export function findPeople(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: people.id, name: people.name, active: people.active })
    .from(people)
    .where(inArray(people.id, ids));
}

/** The current mentors of a reserve (person ids). */
/**
 * The reserve's mentors on a day (the mentorship began on or before it and had not ended before it):
 * a talk is checked against who was the mentor when it was held, so a mentor replaced since can still
 * have an earlier talk recorded.
 */
export async function mentorIdsOn(db: Db, reserveId: string, day: string): Promise<string[]> {
  const rows = await db
    .select({ id: mentorAssignments.mentorPersonId })
    .from(mentorAssignments)
    .where(
      and(
        eq(mentorAssignments.reserveId, reserveId),
        heldOnDay(mentorAssignments.startOn, mentorAssignments.endOn, day),
      ),
    );
  return rows.map((r) => r.id);
}

export async function currentMentorIds(db: Db, reserveId: string): Promise<string[]> {
  const rows = await db
    .select({ id: mentorAssignments.mentorPersonId })
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.reserveId, reserveId), isNull(mentorAssignments.endOn)));
  return rows.map((r) => r.id);
}

/** The subtrees over which people hold an active HR-leader grant, by person. */
export async function hrLeaderPaths(db: Db, personIds: string[]): Promise<Map<string, string[]>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: users.personId, path: orgUnits.path })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(and(eq(roleGrants.role, 'hr_leader'), eq(users.active, true), inArray(users.personId, personIds)));
  const out = new Map<string, string[]>();
  for (const r of rows) if (r.personId) out.set(r.personId, [...(out.get(r.personId) ?? []), r.path]);
  return out;
}

/** The unit paths a person leads as head (正职) or deputy (副职). */
export async function ledUnitPaths(db: Db, personId: string): Promise<string[]> {
  const heads = await db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.headPersonId, personId));
  const deputies = await db
    .select({ path: orgUnits.path })
    .from(orgUnitDeputies)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitDeputies.unitId))
    .where(eq(orgUnitDeputies.personId, personId));
  return [...heads, ...deputies].map((r) => r.path);
}

/** Active reserves matching a search inside some subtrees or with some ids (the talk editor's picker). */
export function searchActiveReserves(db: Db, input: { where: SQL; q?: string; limit: number }) {
  const pattern = input.q ? containsPattern(input.q) : null;
  return db
    .select({
      reserveId: reserves.id,
      personName: people.name,
      employeeNo: people.employeeNo,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
    })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(
      and(
        eq(reserves.state, 'active'),
        input.where,
        pattern
          ? or(ilike(people.name, pattern), sql`lower(${people.employeeNo}) LIKE lower(${pattern})`)
          : undefined,
      ),
    )
    .orderBy(asc(orgUnits.path), asc(people.employeeNo))
    .limit(input.limit);
}

/** The reserves a person mentors today. */
export async function menteeIds(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: mentorAssignments.reserveId })
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.mentorPersonId, personId), isNull(mentorAssignments.endOn)));
  return rows.map((r) => r.id);
}
