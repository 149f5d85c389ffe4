import { and, asc, count, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { StatusFilter } from '../../../contracts/obligations.js';
import type { Rule } from '../../../core/programme/rule.js';
import { type Db, readAll } from '../../platform/db.js';
import { people } from '../people/people.table.js';
import { programmes, programmeVersions } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { evidence, evidenceFiles, obligations } from './obligations.table.js';
import type { StateGroup } from './tallies.repository.js';

const actorPeople = alias(people, 'actor_person');

/** "Today" in each obligation's programme time zone, for lists that span programmes. */
export const programmeToday = sql`(now() AT TIME ZONE ${programmes.timeZone})::date`;

/** A business date as an SQL date (the programme is known, so today is computed in `src/core`). */
export function dateParam(date: string): SQL {
  return sql`${date}::date`;
}

/**
 * The SQL condition of a status filter — the same classification as `obligationStatus` in
 * `src/core/programme/status.ts`, written so that the index on (due_date, state) can serve it.
 */
export function statusCondition(status: StatusFilter, today: SQL): SQL {
  const o = obligations;
  switch (status) {
    case 'waived':
      return sql`${o.state} = 'waived'`;
    case 'fulfilled':
      return sql`(${o.state} = 'fulfilled' AND (${o.fulfilledOn} IS NULL OR ${o.fulfilledOn} <= ${o.dueDate}))`;
    case 'fulfilled_late':
      return sql`(${o.state} = 'fulfilled' AND ${o.fulfilledOn} > ${o.dueDate})`;
    case 'submitted':
      return sql`${o.state} = 'submitted'`;
    case 'returned':
      return sql`(${o.state} = 'returned' AND ${o.dueDate} >= ${today})`;
    case 'overdue':
      return sql`(${o.state} IN ('open', 'returned') AND ${o.dueDate} < ${today})`;
    case 'due_soon':
      return sql`(${o.state} = 'open' AND ${o.dueDate} >= ${today} AND ${o.dueDate} - ${today} <= ${programmes.dueSoonDays})`;
    case 'upcoming':
      return sql`(${o.state} = 'open' AND ${o.dueDate} - ${today} > ${programmes.dueSoonDays})`;
    case 'due':
      return sql`${o.dueDate} <= ${today}`;
    case 'done':
      return sql`${o.state} IN ('fulfilled', 'waived')`;
    case 'open':
      return sql`(${o.state} IN ('open', 'returned') AND ${o.dueDate} >= ${today})`;
  }
}

/** The status of each row as SQL text (for grouping), matching `obligationStatus`. */
function statusExpression(today: SQL): SQL<string> {
  const o = obligations;
  return sql<string>`CASE
    WHEN ${o.state} = 'waived' THEN 'waived'
    WHEN ${o.state} = 'fulfilled' THEN CASE WHEN ${o.fulfilledOn} > ${o.dueDate} THEN 'fulfilled_late' ELSE 'fulfilled' END
    WHEN ${o.state} = 'submitted' THEN 'submitted'
    WHEN ${o.dueDate} < ${today} THEN 'overdue'
    WHEN ${o.state} = 'returned' THEN 'returned'
    WHEN ${o.dueDate} - ${today} <= ${programmes.dueSoonDays} THEN 'due_soon'
    ELSE 'upcoming' END`;
}

const itemColumns = {
  id: obligations.id,
  reserveId: obligations.reserveId,
  reserveState: reserves.state,
  personId: reserves.personId,
  personName: people.name,
  employeeNo: people.employeeNo,
  unitId: people.unitId,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  programmeId: reserves.programmeId,
  programmeName: programmes.name,
  timeZone: programmes.timeZone,
  dueSoonDays: programmes.dueSoonDays,
  programmeVersionId: obligations.programmeVersionId,
  ruleKey: obligations.ruleKey,
  periodKey: obligations.periodKey,
  periodStart: obligations.periodStart,
  periodEnd: obligations.periodEnd,
  dueDate: obligations.dueDate,
  actor: obligations.actor,
  actorPersonId: obligations.actorPersonId,
  actorName: actorPeople.name,
  quantity: obligations.quantity,
  progress: obligations.progress,
  minChars: obligations.minChars,
  state: obligations.state,
  fulfilledOn: obligations.fulfilledOn,
  waivedReason: obligations.waivedReason,
  evidenceCount: sql<number>`(SELECT count(*)::int FROM ${evidence} WHERE ${evidence.obligationId} = ${obligations.id})`,
  /** The source of the submission awaiting review (submitted obligations only). */
  pendingSourceType: sql<
    string | null
  >`CASE WHEN ${obligations.state} = 'submitted' THEN (SELECT e.source_type FROM ${evidence} e WHERE e.obligation_id = ${obligations.id} AND NOT e.counted AND e.withdrawn_at IS NULL ORDER BY e.created_at DESC LIMIT 1) END`,
};

function selectItems(db: Db) {
  return db
    .select(itemColumns)
    .from(obligations)
    .innerJoin(reserves, eq(reserves.id, obligations.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .leftJoin(actorPeople, eq(actorPeople.id, obligations.actorPersonId));
}

/** An obligation row with its reserve, person, unit and programme, before presentation. */
export type ItemRow = Awaited<ReturnType<typeof selectItems>>[number];

function countItems(db: Db, where: SQL | undefined) {
  return db
    .select({ total: count() })
    .from(obligations)
    .innerJoin(reserves, eq(reserves.id, obligations.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(where);
}

/** One page of obligations, by due date (then reserve), with the total. */
export async function listItems(
  db: Db,
  where: SQL | undefined,
  page: { offset: number; limit: number },
  /** Counts the same rows another way (the overdue list from the tallies). */
  countOther?: () => Promise<number>,
) {
  const [rows, total] = await readAll(db, [
    () =>
      selectItems(db)
        .where(where)
        .orderBy(asc(obligations.dueDate), asc(obligations.reserveId), asc(obligations.id))
        .limit(page.limit)
        .offset(page.offset),
    async () => countOther?.() ?? (await countItems(db, where))[0].total,
  ] as const);
  return { rows, total };
}

/** Every matching obligation in batches (exports, feeds), by due date; keyset-paged. */
export async function* iterateItems(
  db: Db,
  where: SQL | undefined,
  options: { batchSize?: number; max?: number } = {},
) {
  const batchSize = options.batchSize ?? 2000;
  let after: { dueDate: string; reserveId: string; id: string } | null = null;
  let sent = 0;
  for (;;) {
    const keyset: SQL | undefined = after
      ? sql`(${obligations.dueDate}, ${obligations.reserveId}, ${obligations.id}) > (${after.dueDate}::date, ${after.reserveId}::uuid, ${after.id}::uuid)`
      : undefined;
    const limit = Math.min(batchSize, (options.max ?? Number.MAX_SAFE_INTEGER) - sent);
    if (limit <= 0) return;
    const rows: ItemRow[] = await selectItems(db)
      .where(and(where, keyset))
      .orderBy(asc(obligations.dueDate), asc(obligations.reserveId), asc(obligations.id))
      .limit(limit);
    if (rows.length === 0) return;
    yield rows;
    sent += rows.length;
    const last: ItemRow = rows[rows.length - 1];
    after = { dueDate: last.dueDate, reserveId: last.reserveId, id: last.id };
    if (rows.length < limit) return;
  }
}

/** One obligation with its context, or null. */
export async function findItem(db: Db, id: string): Promise<ItemRow | null> {
  const rows = await selectItems(db).where(eq(obligations.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Obligations by id (the first items of calendar days). */
export async function listItemsByIds(db: Db, ids: string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return selectItems(db)
    .where(inArray(obligations.id, ids))
    .orderBy(asc(obligations.dueDate), asc(people.name), asc(obligations.id));
}

/** The evidence of an obligation, oldest first. */
export function listEvidence(db: Db, obligationId: string) {
  return db
    .select()
    .from(evidence)
    .where(eq(evidence.obligationId, obligationId))
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
}

/** The rules of programme versions, by version id (titles and evidence kinds of list items). */
export async function loadVersionRules(db: Db, versionIds: string[]): Promise<Map<string, Rule[]>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: programmeVersions.id, rules: programmeVersions.rules })
    .from(programmeVersions)
    .where(inArray(programmeVersions.id, versionIds));
  return new Map(rows.map((r) => [r.id, r.rules]));
}

/** A programme with its owning unit's path and the rules of every version (newest first). */
export async function findProgrammeWithRules(db: Db, id: string) {
  const [programme] = await db
    .select({
      id: programmes.id,
      name: programmes.name,
      timeZone: programmes.timeZone,
      dueSoonDays: programmes.dueSoonDays,
      currentVersionId: programmes.currentVersionId,
      unitPath: orgUnits.path,
    })
    .from(programmes)
    .innerJoin(orgUnits, eq(orgUnits.id, programmes.unitId))
    .where(eq(programmes.id, id))
    .limit(1);
  if (!programme) return null;
  const versions = await db
    .select({ id: programmeVersions.id, rules: programmeVersions.rules })
    .from(programmeVersions)
    .where(eq(programmeVersions.programmeId, id))
    .orderBy(sql`${programmeVersions.number} DESC`);
  return { ...programme, versions };
}

/** The time zone of a programme (null when it does not exist). */
export async function findProgrammeTimeZone(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ timeZone: programmes.timeZone })
    .from(programmes)
    .where(eq(programmes.id, id))
    .limit(1);
  return row?.timeZone ?? null;
}

export type UnitRef = { id: string; name: string; path: string; active: boolean };
const unitColumns = { id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, active: orgUnits.active };

/** A unit by id. */
export async function findUnit(db: Db, id: string): Promise<UnitRef | null> {
  const [row] = await db.select(unitColumns).from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return row ?? null;
}

/** Units by id. */
export async function findUnits(db: Db, ids: string[]): Promise<UnitRef[]> {
  if (ids.length === 0) return [];
  return db.select(unitColumns).from(orgUnits).where(inArray(orgUnits.id, ids));
}

/** The children of a unit (top-level units when null), in display order. */
export function listChildUnits(db: Db, parentId: string | null): Promise<UnitRef[]> {
  return db
    .select(unitColumns)
    .from(orgUnits)
    .where(parentId ? eq(orgUnits.parentId, parentId) : isNull(orgUnits.parentId))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
}

/** Counts of one matrix cell, as the database returns them. */
export type CellCounts = {
  rowKey: string;
  ruleKey: string;
  total: number;
  due: number;
  done: number;
  doneDue: number;
  overdue: number;
  submitted: number;
  open: number;
};

/**
 * The matrix groups counted from the obligations themselves, for a subtree the tallies do not
 * resolve (rows below a root's child). First the reserves in question, each with the row it falls
 * in (`rowKey`, from the person's unit path: the child of the parent unit it lies under), folded into
 * one JSON map and one id array; then one pass over the year's obligations of those reserves through
 * the identity index, grouped by row, rule, state and due-date side. Such a subtree holds a few
 * hundred reserves; the whole organisation is read from `obligation_tallies` instead.
 */
export async function liveMatrixGroups(
  db: Db,
  input: { reserveWhere: SQL | undefined; year: number; rowKey: SQL<string>; today: string },
): Promise<StateGroup[]> {
  const today = dateParam(input.today);
  const statement = sql`
    WITH m AS MATERIALIZED (
      SELECT coalesce(jsonb_object_agg(${reserves.id}::text, ${input.rowKey}), '{}'::jsonb) AS map,
             coalesce(array_agg(${reserves.id}), '{}'::uuid[]) AS ids
        FROM ${reserves}
        JOIN ${people} ON ${people.id} = ${reserves.personId}
        JOIN ${orgUnits} ON ${orgUnits.id} = ${people.unitId}
       WHERE ${input.reserveWhere ?? sql`true`})
    SELECT m.map ->> o.reserve_id::text AS "rowKey", o.rule_key AS "ruleKey", o.state,
           o.due_date <= ${today} AS "isDue", o.due_date < ${today} AS "isPast", count(*)::int AS n
      FROM m, ${obligations} o
     WHERE o.cycle_year = ${input.year} AND o.reserve_id = ANY (m.ids)
     GROUP BY 1, 2, 3, 4, 5`;
  const result = (await db.execute(statement)) as unknown as { rows: StateGroup[] };
  return result.rows;
}

/**
 * The cells of the matrix from its groups: counting only `count(*)` per small group in SQL and
 * folding the few thousand groups here is cheaper than seven FILTERed counts per obligation.
 */
export function foldMatrixGroups(groups: StateGroup[]): CellCounts[] {
  const cells = new Map<string, CellCounts>();
  for (const g of groups) {
    const key = `${g.rowKey}\u0000${g.ruleKey}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        rowKey: g.rowKey,
        ruleKey: g.ruleKey,
        total: 0,
        due: 0,
        done: 0,
        doneDue: 0,
        overdue: 0,
        submitted: 0,
        open: 0,
      };
      cells.set(key, cell);
    }
    const n = Number(g.n);
    const done = g.state === 'fulfilled' || g.state === 'waived';
    const pending = g.state === 'open' || g.state === 'returned';
    cell.total += n;
    if (g.isDue) cell.due += n;
    if (done) cell.done += n;
    if (done && g.isDue) cell.doneDue += n;
    if (pending && g.isPast) cell.overdue += n;
    if (g.state === 'submitted') cell.submitted += n;
    if (pending && !g.isPast) cell.open += n;
  }
  return [...cells.values()];
}

/** The row key of the matrix: the first path segment below `prefix` ('' for the prefix unit itself). */
export function childSegment(prefix: string): SQL<string> {
  return sql<string>`split_part(substr(${orgUnits.path}, ${prefix.length + 1}::int), '/', 1)`;
}

/** The row key of the matrix when rows are several subtrees: the id of the one the path lies in. */
export function subtreeOf(roots: { id: string; path: string }[]): SQL<string> {
  const cases = roots.map((r) => sql`WHEN ${orgUnits.path} LIKE ${`${r.path}%`} THEN ${r.id}`);
  return sql<string>`(CASE ${sql.join(cases, sql` `)} ELSE '' END)`;
}

/** Per day and status, how many obligations fall due (a month calendar). */
export function calendarCounts(db: Db, input: { where: SQL | undefined; today: SQL }) {
  return db
    .select({
      date: sql<string>`${obligations.dueDate}::text`,
      status: statusExpression(input.today),
      count: sql<number>`count(*)::int`,
    })
    .from(obligations)
    .innerJoin(reserves, eq(reserves.id, obligations.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(input.where)
    .groupBy(sql`1`, sql`2`);
}

/** The ids of the first `perDay` obligations of each day (by person name), in one query. */
export async function firstIdsPerDay(db: Db, where: SQL | undefined, perDay: number): Promise<string[]> {
  const ranked = db
    .select({
      id: obligations.id,
      rank: sql<number>`row_number() OVER (PARTITION BY ${obligations.dueDate} ORDER BY ${people.name}, ${obligations.id})`.as(
        'rank',
      ),
    })
    .from(obligations)
    .innerJoin(reserves, eq(reserves.id, obligations.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(where)
    .as('ranked');
  const rows = await db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, perDay));
  return rows.map((r) => r.id);
}

/** A piece of evidence's file, when it belongs to the obligation. */
export async function findEvidenceFile(db: Db, obligationId: string, evidenceId: string) {
  const rows = await db
    .select({ name: evidenceFiles.name, mimeType: evidenceFiles.mimeType, data: evidenceFiles.data })
    .from(evidenceFiles)
    .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
    .where(and(eq(evidenceFiles.evidenceId, evidenceId), eq(evidence.obligationId, obligationId)))
    .limit(1);
  return rows[0] ?? null;
}
