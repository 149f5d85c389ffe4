import { sql } from 'drizzle-orm';
import { type AssignmentRow, assignedCoursesFor } from '../../../core/courses/assignment.js';
import {
  type Completion,
  type CourseSlot,
  type Credit,
  planCredits,
} from '../../../core/courses/matching.js';
import { bulkInsert } from '../../platform/bulk-insert.js';
import type { Db } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { withdrawEvidence } from '../obligations/evidence.service.js';
import { applyEvidenceBulk, type BulkEvidenceInput } from '../obligations/evidence-bulk.service.js';
import { courseCredits } from './courses.table.js';
import { ASSIGNED_RULE, CHOSEN_RULE } from './courses-scope.js';

const CHUNK = 5000;
const ids = (list: string[]) =>
  sql`(SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(list)}::json))`;

type Person = { id: string; path: string; covered: boolean; reserve_ids: string[] | null };

/** Every assignment, with its unit's path: a few rows per unit and quarter, read once per reconcile. */
export async function loadAssignmentRows(db: Db): Promise<AssignmentRow[]> {
  const rows = (
    (await db.execute(sql`
      SELECT u.path AS "unitPath", u.depth, a.period_key AS "periodKey", a.course_id AS "courseId"
        FROM course_assignments a JOIN org_units u ON u.id = a.unit_id
       ORDER BY a.position`)) as unknown as { rows: AssignmentRow[] }
  ).rows;
  return rows;
}

/**
 * Brings what counts in line with the records of some people (`planCredits` in src/core/courses):
 * credits whose assigned or chosen course is gone are removed and their evidence withdrawn; each
 * completion that counts for nothing takes the open slot the rule gives, and — for a reserve with
 * that quarter's obligation — reaches it as evidence (units 1, on the completion date), in bulk.
 * Assigned courses are owed by active reserves and middle managers alone. Returns the credits added.
 */
export async function reconcileCredits(db: Db, ctx: ServiceContext, personIds: string[]): Promise<number> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return 0;
  const assignments = await loadAssignmentRows(db);
  let added = 0;
  for (let i = 0; i < unique.length; i += CHUNK)
    added += await reconcileChunk(db, ctx, unique.slice(i, i + CHUNK), assignments);
  return added;
}

async function reconcileChunk(db: Db, ctx: ServiceContext, chunk: string[], assignments: AssignmentRow[]) {
  const people = (
    (await db.execute(sql`
      SELECT p.id, u.path,
             (p.is_middle_manager OR r.ids IS NOT NULL) AS covered, r.ids AS reserve_ids
        FROM people p JOIN org_units u ON u.id = p.unit_id
        LEFT JOIN LATERAL (SELECT array_agg(id::text ORDER BY id) AS ids FROM reserves
                            WHERE person_id = p.id AND state = 'active') r ON true
       WHERE p.id IN ${ids(chunk)} AND p.active`)) as unknown as { rows: Person[] }
  ).rows;
  // One after another: inside a transaction they share one connection.
  const choices =
    await db.execute(sql`SELECT person_id AS "personId", course_id AS "courseId", period_key AS "periodKey"
                     FROM course_choices WHERE person_id IN ${ids(chunk)}`);
  const completions =
    await db.execute(sql`SELECT id, person_id AS "personId", course_id AS "courseId", completed_on::text AS "completedOn"
                     FROM course_completions WHERE person_id IN ${ids(chunk)}`);
  const credits =
    await db.execute(sql`SELECT completion_id AS "completionId", person_id AS "personId", course_id AS "courseId",
                          period_key AS "periodKey", kind, obligation_id AS "obligationId"
                     FROM course_credits WHERE person_id IN ${ids(chunk)}`);
  const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
  const slots: CourseSlot[] = [];
  const reserveOf = new Map<string, string>();
  for (const p of people) {
    if (p.reserve_ids?.length) reserveOf.set(p.id, p.reserve_ids[0]);
    if (!p.covered) continue;
    for (const [periodKey, courseIds] of assignedCoursesFor(p.path, assignments))
      for (const courseId of courseIds) slots.push({ personId: p.id, courseId, periodKey, kind: 'assigned' });
  }
  for (const c of rowsOf<Omit<CourseSlot, 'kind'>>(choices))
    if (reserveOf.has(c.personId)) slots.push({ ...c, kind: 'chosen' });
  const existing = rowsOf<Credit & { obligationId: string | null }>(credits);
  const plan = planCredits({ slots, completions: rowsOf<Completion>(completions), credits: existing });

  // Only a change of what is owed withdraws a credit: someone who has left the pool (promoted, say)
  // keeps what their past completions counted for.
  const covered = new Set(people.filter((p) => p.covered).map((p) => p.id));
  const withdraw = plan.withdraw.filter(
    (w) => covered.has(w.personId) && (w.kind === 'assigned' || reserveOf.has(w.personId)),
  );
  if (withdraw.length > 0) {
    const removed = withdraw.map((w) => w.completionId);
    await db.execute(sql`DELETE FROM course_credits WHERE completion_id IN ${ids(removed)}`);
    for (const w of existing.filter((c) => removed.includes(c.completionId) && c.obligationId))
      await withdrawEvidence(db, ctx, { sourceType: 'course', sourceId: w.completionId });
  }
  const gone = new Set(withdraw.map((w) => w.completionId));
  const held = new Set(existing.filter((c) => !gone.has(c.completionId)).map((c) => c.completionId));
  const heldSlots = new Set(
    existing
      .filter((c) => held.has(c.completionId))
      .map((c) => `${c.personId}|${c.courseId}|${c.periodKey}|${c.kind}`),
  );
  const add = plan.add.filter(
    (c) =>
      !held.has(c.completionId) && !heldSlots.has(`${c.personId}|${c.courseId}|${c.periodKey}|${c.kind}`),
  );
  // Credits kept without an obligation (a middle manager who has since become a reserve, a quarter
  // scheduled after the completion came in) reach the obligation once there is one.
  const unlinked = existing.filter(
    (c) => held.has(c.completionId) && !c.obligationId && reserveOf.has(c.personId),
  );
  if (add.length === 0 && unlinked.length === 0) return 0;
  const obligationOf = await findCourseObligations(db, [...add, ...unlinked], reserveOf);
  const obligationFor = (c: Credit) => obligationOf.get(`${c.personId}|${c.kind}|${c.periodKey}`) ?? null;
  const dates = new Map(rowsOf<Completion>(completions).map((c) => [c.id, c.completedOn]));
  const rows = add.map((c) => ({ ...c, obligationId: obligationFor(c) }));
  for (let i = 0; i < rows.length; i += CHUNK) await bulkInsert(db, courseCredits, rows.slice(i, i + CHUNK));
  const linked = unlinked
    .map((c) => ({ completionId: c.completionId, obligationId: obligationFor(c) }))
    .filter((l): l is { completionId: string; obligationId: string } => !!l.obligationId);
  if (linked.length > 0)
    await db.execute(sql`
      UPDATE course_credits c SET obligation_id = m."obligationId"
        FROM json_to_recordset(${JSON.stringify(linked)}::json) AS m("completionId" uuid, "obligationId" uuid)
       WHERE c.completion_id = m."completionId"`);
  const evidence: BulkEvidenceInput[] = [...rows, ...linked]
    .filter((r) => r.obligationId)
    .map((r) => ({
      obligationId: r.obligationId!,
      sourceType: 'course',
      sourceId: r.completionId,
      occurredOn: dates.get(r.completionId)!,
      effect: 'fulfil',
      units: 1,
    }));
  await applyEvidenceBulk(db, ctx, evidence);
  return rows.length;
}

/** The course obligations (assigned / chosen, by quarter) of the reserves behind some credits. */
async function findCourseObligations(db: Db, credits: Credit[], reserveOf: Map<string, string>) {
  const reserveIds = [
    ...new Set(credits.map((c) => reserveOf.get(c.personId)).filter((r): r is string => !!r)),
  ];
  const out = new Map<string, string>();
  if (reserveIds.length === 0) return out;
  const periods = [...new Set(credits.map((c) => c.periodKey))];
  const rows = (
    (await db.execute(sql`
      SELECT o.id, r.person_id AS "personId", o.rule_key AS "ruleKey", o.period_key AS "periodKey"
        FROM obligations o JOIN reserves r ON r.id = o.reserve_id
       WHERE o.reserve_id IN ${ids(reserveIds)}
         AND o.rule_key IN (${ASSIGNED_RULE}, ${CHOSEN_RULE})
         AND o.period_key IN (SELECT value FROM json_array_elements_text(${JSON.stringify(periods)}::json))
         AND o.actor_key = ''`)) as unknown as {
      rows: { id: string; personId: string; ruleKey: string; periodKey: string }[];
    }
  ).rows;
  for (const r of rows) {
    if (reserveOf.get(r.personId) === undefined) continue;
    const kind = r.ruleKey === ASSIGNED_RULE ? 'assigned' : 'chosen';
    const key = `${r.personId}|${kind}|${r.periodKey}`;
    if (!out.has(key)) out.set(key, r.id);
  }
  return out;
}
