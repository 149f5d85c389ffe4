import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { obligations } from './obligations.table.js';
import { obligationTallies as t } from './tallies.table.js';

/** Counts of the matrix by row, rule, state and due-date side, as `matrixCounts` folds them. */
export type StateGroup = {
  rowKey: string;
  ruleKey: string;
  state: string;
  isDue: boolean;
  isPast: boolean;
  n: number;
};

/**
 * The matrix groups from the tallies of a year. `unitWhere` and `rowKey` are written over
 * `org_units.path`, which here is the anchor's path. When the deltas it read have piled up (many
 * rows per key), it folds that programme's year (`compactTallies`) on the way out, so the next read
 * is small again; the fold is one statement, safe while others write.
 */
export async function tallyMatrixGroups(
  db: Db,
  input: {
    /** One programme's, or (null) every programme's; `k.programme_id` is there for the row key. */
    programmeId: string | null;
    year: number;
    rowKey: SQL<string>;
    unitWhere: SQL | undefined;
    today: string;
  },
): Promise<StateGroup[]> {
  const today = sql`${input.today}::date`;
  const result = (await db.execute(sql`
    WITH keyed AS MATERIALIZED (
      SELECT ${t.programmeId} AS programme_id, ${t.anchorUnitId} AS anchor, ${t.ruleKey} AS rule_key, ${t.dueDate} AS due_date, ${t.state} AS state,
             sum(${t.n})::int AS n, count(*)::int AS pieces
        FROM ${t}
       WHERE ${t.cycleYear} = ${input.year}
         ${input.programmeId ? sql`AND ${t.programmeId} = ${input.programmeId}` : sql``}
       GROUP BY 1, 2, 3, 4, 5)
    SELECT ${input.rowKey} AS "rowKey", k.rule_key AS "ruleKey", k.state, k.due_date <= ${today} AS "isDue",
           k.due_date < ${today} AS "isPast", sum(k.n)::int AS n, sum(k.pieces)::int AS pieces, count(*)::int AS keys
      FROM keyed k JOIN ${orgUnits} ON ${orgUnits.id} = k.anchor
     WHERE ${input.unitWhere ?? sql`true`}
     GROUP BY 1, 2, 3, 4, 5`)) as unknown as { rows: (StateGroup & { pieces: number; keys: number })[] };
  let pieces = 0;
  let keys = 0;
  const groups: StateGroup[] = [];
  for (const row of result.rows) {
    pieces += Number(row.pieces);
    keys += Number(row.keys);
    const { pieces: _pieces, keys: _keys, ...group } = row;
    if (Number(row.n) !== 0) groups.push({ ...group, n: Number(row.n) });
  }
  if (pieces > 2 * keys + 500) await compactTallies(db, { programmeId: input.programmeId, year: input.year });
  return groups;
}

/**
 * Overdue obligations of active reserves (open or returned, due before the programme's today) from
 * the tallies, under `where` (conditions over `org_units.path` of the anchor, the programme and the
 * tally's rule key).
 */
export async function tallyOverdueCount(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${t.n}), 0)::int` })
    .from(t)
    .innerJoin(orgUnits, eq(orgUnits.id, t.anchorUnitId))
    .innerJoin(programmes, eq(programmes.id, t.programmeId))
    .where(
      and(
        sql`${t.state} IN ('open', 'returned')`,
        sql`${t.dueDate} < (now() AT TIME ZONE ${programmes.timeZone})::date`,
        where,
      ),
    );
  return Number(row.n);
}

/**
 * Folds the deltas of a programme's year (or of everything) into one row per key, dropping keys that
 * sum to zero. One statement: rows another transaction appends meanwhile are not in its snapshot and
 * stay; a concurrent fold waits for this one, then finds its rows gone.
 */
export async function compactTallies(
  db: Db,
  scope: { programmeId: string | null; year: number } | null,
): Promise<void> {
  const where = !scope
    ? sql``
    : scope.programmeId
      ? sql`WHERE programme_id = ${scope.programmeId} AND cycle_year = ${scope.year}`
      : sql`WHERE cycle_year = ${scope.year}`;
  await db.execute(sql`
    WITH gone AS (DELETE FROM obligation_tallies ${where} RETURNING *)
    INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
    SELECT programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, sum(n)::int
      FROM gone GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0`);
}

export type TallyKey = {
  programmeId: string;
  cycleYear: number;
  anchorUnitId: string;
  ruleKey: string;
  dueDate: string;
  state: string;
  n: number;
};

const tallyKey = [t.programmeId, t.cycleYear, t.anchorUnitId, t.ruleKey, t.dueDate, t.state] as const;

/** The tallies as they stand, one row per key (zero sums left out), in a stable order. */
export async function readTallies(db: Db): Promise<TallyKey[]> {
  const rows = await db
    .select({
      programmeId: t.programmeId,
      cycleYear: t.cycleYear,
      anchorUnitId: t.anchorUnitId,
      ruleKey: t.ruleKey,
      dueDate: t.dueDate,
      state: t.state,
      n: sql<number>`sum(${t.n})::int`,
    })
    .from(t)
    .groupBy(...tallyKey)
    .having(sql`sum(${t.n}) <> 0`)
    .orderBy(...tallyKey);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** What the tallies must equal: the same counts taken from the obligations themselves. */
export async function countTalliesFromObligations(db: Db): Promise<TallyKey[]> {
  const anchor = sql<string>`tally_anchor(${orgUnits.path})`;
  const key = [
    reserves.programmeId,
    obligations.cycleYear,
    anchor,
    obligations.ruleKey,
    obligations.dueDate,
    obligations.state,
  ] as const;
  const rows = await db
    .select({
      programmeId: reserves.programmeId,
      cycleYear: obligations.cycleYear,
      anchorUnitId: anchor,
      ruleKey: obligations.ruleKey,
      dueDate: obligations.dueDate,
      state: obligations.state,
      n: sql<number>`count(*)::int`,
    })
    .from(obligations)
    .innerJoin(reserves, and(eq(reserves.id, obligations.reserveId), eq(reserves.state, 'active')))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .groupBy(...key)
    .orderBy(...key);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
