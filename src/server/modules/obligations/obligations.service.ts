import { and, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Rule } from '../../../core/programme/rule.js';
import { planYear } from '../../../core/programme/schedule.js';
import { assertInScope } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { ORDERED_ID_COUNTER_DIGITS, orderedIdPrefix } from '../../platform/ordered-ids.js';
import type { ServiceContext } from '../../platform/request-context.js';
import {
  acceptSubmission,
  genericReviewAllowed,
  loadSubmission,
  returnSubmission,
} from './evidence.service.js';
import { findObligationInContext } from './obligations.repository.js';
import { obligations } from './obligations.table.js';

/** The reserve facts schedule generation needs. */
export type ScheduledReserve = { id: string; enrolledOn: string; cycleEnd: string };

/**
 * Stores a reserve's obligations for one year of their cycle under a programme version. Idempotent:
 * an obligation that exists (same rule, period and actor) is left as it is, so running it twice —
 * or for a year already generated — creates nothing twice. Returns how many were created.
 */
export function generateObligations(
  db: Db,
  input: { reserve: ScheduledReserve; versionId: string; rules: Rule[]; year: number; mentorIds?: string[] },
): Promise<number> {
  return generateObligationsMany(db, {
    reserves: [input.reserve],
    versionId: input.versionId,
    rules: input.rules,
    year: input.year,
    mentorIds: new Map([[input.reserve.id, input.mentorIds ?? []]]),
  });
}

/** One plan's rows (columns of `obligations`, by their SQL names) and, made once, their JSON. */
type PlanSent = { rows: Record<string, unknown>[]; json: string };

/** Reserves per INSERT: bounds one statement's parameter while keeping statements few. */
const RESERVES_PER_STATEMENT = 2500;

/**
 * The same for many reserves at once (enrolment batches, the yearly roll-over). Reserves with the
 * same cycle dates and mentors share one plan, so each group is one statement that sends the plan
 * once and the reserves' ids once, and the database makes the rows (plan × reserves): a province's
 * year is a few statements and a few kilobytes, not a row per obligation over the wire.
 */
export async function generateObligationsMany(
  db: Db,
  input: {
    reserves: ScheduledReserve[];
    versionId: string;
    rules: Rule[];
    year: number;
    mentorIds?: Map<string, string[]>;
    /** The day each mentor began, by reserve then mentor (see `ScheduleInput.mentorStarts`). */
    mentorStarts?: Map<string, Record<string, string>>;
  },
): Promise<number> {
  const groups = new Map<string, { planned: ReturnType<typeof planYear>; reserveIds: string[] }>();
  for (const reserve of input.reserves) {
    const mentorIds = input.mentorIds?.get(reserve.id) ?? [];
    const mentorStarts = input.mentorStarts?.get(reserve.id);
    const starts = mentorIds.map((id) => mentorStarts?.[id] ?? '').join(',');
    const key = `${reserve.enrolledOn}|${reserve.cycleEnd}|${mentorIds.join(',')}|${starts}`;
    let group = groups.get(key);
    if (!group) {
      const planned = planYear({
        rules: input.rules,
        year: input.year,
        enrolledOn: reserve.enrolledOn,
        cycleEnd: reserve.cycleEnd,
        mentorIds,
        mentorStarts,
      });
      group = { planned, reserveIds: [] };
      groups.set(key, group);
    }
    group.reserveIds.push(reserve.id);
  }
  let created = 0;
  if (groups.size > 0) await lockGeneration(db);
  for (const { planned, reserveIds } of groups.values()) {
    if (planned.length === 0) continue;
    const plan = planned.map((p) => ({
      programme_version_id: input.versionId,
      rule_key: p.ruleKey,
      period_key: p.periodKey,
      cycle_year: input.year,
      period_start: p.periodStart,
      period_end: p.periodEnd,
      due_date: p.dueDate,
      actor: p.actor,
      actor_person_id: p.actorPersonId,
      actor_key: p.actorPersonId ?? '',
      quantity: p.quantity,
      min_chars: p.minChars,
    }));
    const sent: PlanSent = { rows: plan, json: JSON.stringify(plan) };
    for (let i = 0; i < reserveIds.length; i += RESERVES_PER_STATEMENT) {
      const ids = reserveIds.slice(i, i + RESERVES_PER_STATEMENT);
      created += await insertPlanForReserves(db, sent, ids);
    }
  }
  return created;
}

/**
 * One plan for many reserves in one statement; existing obligations (same identity) are kept.
 * Reserves with nothing yet for the year (a new cohort, a fresh roll-over — the usual case) get a
 * plain insert; only those with some obligations already take ON CONFLICT DO NOTHING, whose
 * speculative insertion per row cost a sixth of a province's year. Generations are serialised by a
 * transaction lock (`lockGeneration`), so what was found empty stays empty until it is filled.
 */
async function insertPlanForReserves(db: Db, plan: PlanSent, reserveIds: string[]) {
  const year = plan.rows[0].cycle_year as number;
  const started = (await db.execute(sql`
    SELECT DISTINCT reserve_id AS id FROM obligations
     WHERE reserve_id = ANY(${`{${reserveIds.join(',')}}`}::uuid[]) AND cycle_year = ${year}`)) as unknown as {
    rows: { id: string }[];
  };
  const existing = new Set(started.rows.map((r) => r.id));
  const fresh = reserveIds.filter((id) => !existing.has(id));
  let created = 0;
  if (fresh.length > 0) created += await insertPlanFromPlan(db, plan, fresh);
  if (existing.size > 0) created += await insertPlan(db, plan, [...existing], sql`ON CONFLICT DO NOTHING`);
  return created;
}

/**
 * A plain insert of one plan for reserves with nothing yet for the year, checked and counted from the
 * plan itself: its references (the reserves, the programme version, the mentors named) looked up
 * once, and its tallies as active reserves × plan rows by programme and anchor — what the insert
 * triggers would work out from 170 000 rows, from a thousandth of them. The triggers are told for
 * this statement only, by a transaction-local setting switched back off straight after.
 */
async function insertPlanFromPlan(outer: Db, plan: PlanSent, reserveIds: string[]) {
  const ids = `{${reserveIds.join(',')}}`;
  const versionIds = [...new Set(plan.rows.map((p) => p.programme_version_id as string))];
  const actorIds = [
    ...new Set(plan.rows.map((p) => p.actor_person_id as string | null).filter((id) => id !== null)),
  ];
  // Its own (sub)transaction: the setting is transaction-local, and the counts land with the rows or not at all.
  return outer.transaction(async (db) => {
    const [found] = (
      (await db.execute(sql`
        SELECT (SELECT count(*) FROM reserves WHERE id = ANY(${ids}::uuid[]))::int AS reserves,
               (SELECT count(*) FROM programme_versions WHERE id = ANY(${`{${versionIds.join(',')}}`}::uuid[]))::int AS versions,
               (SELECT count(*) FROM people WHERE id = ANY(${`{${actorIds.join(',')}}`}::uuid[]))::int AS actors`)) as unknown as {
        rows: { reserves: number; versions: number; actors: number }[];
      }
    ).rows;
    if (
      found.reserves !== reserveIds.length ||
      found.versions !== versionIds.length ||
      found.actors !== actorIds.length
    )
      throw new Error(
        'an obligation refers to a reserve, programme version, person or user that does not exist',
      );
    await db.execute(sql`SELECT set_config('houbei.generated_from_plan', 'on', true)`);
    const created = await insertPlan(db, plan, reserveIds, sql``);
    await db.execute(sql`SELECT set_config('houbei.generated_from_plan', 'off', true)`);
    // Active reserves counted by programme and anchor first (one anchor worked out per reserve),
    // then crossed with the plan: a few hundred rows, not one per obligation.
    await db.execute(sql`
      WITH anchored AS (
        SELECT r.programme_id, tally_anchor(u.path) AS anchor, count(*)::int AS n
          FROM reserves r
          JOIN people pe ON pe.id = r.person_id
          JOIN org_units u ON u.id = pe.unit_id
         WHERE r.id = ANY(${ids}::uuid[]) AND r.state = 'active'
         GROUP BY 1, 2)
      INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
      SELECT a.programme_id, p.cycle_year, a.anchor, p.rule_key, p.due_date, 'open', sum(a.n)::int
        FROM anchored a
       CROSS JOIN json_populate_recordset(NULL::obligations, ${plan.json}::json) AS p
       GROUP BY 1, 2, 3, 4, 5`);
    return created;
  });
}

/**
 * The plan is sent once, as JSON, and the database crosses it with the reserves. Row k
 * of the statement (reserve by reserve, plan row by plan row) gets the ordered id `prefix` + k, so
 * the primary key grows at its right-hand edge (see `ordered-ids.ts`).
 */
async function insertPlan(db: Db, plan: PlanSent, reserveIds: string[], onConflict: SQL) {
  const columns =
    'programme_version_id, rule_key, period_key, cycle_year, period_start, period_end, due_date, actor, actor_person_id, actor_key, quantity, min_chars';
  const counter = sql.raw(`(r.i - 1) * ${plan.rows.length} + p.j - 1`);
  const result = (await db.execute(sql`
    WITH p AS MATERIALIZED (
      SELECT q.*, q.ordinality AS j
        FROM json_populate_recordset(NULL::obligations, ${plan.json}::json) WITH ORDINALITY AS q),
    inserted AS (
      INSERT INTO obligations (id, reserve_id, ${sql.raw(columns)})
      SELECT (${orderedIdPrefix()} || lpad(to_hex(${counter}), ${ORDERED_ID_COUNTER_DIGITS}, '0'))::uuid,
             r.id, ${sql.raw(columns.replace(/(\w+)/g, 'p.$1'))}
        FROM unnest(${`{${reserveIds.join(',')}}`}::uuid[]) WITH ORDINALITY AS r(id, i)
       CROSS JOIN p
      ${onConflict}
      RETURNING 1)
    SELECT count(*)::int AS n FROM inserted`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0].n);
}

/**
 * Holds, until the caller's transaction ends, the one lock every schedule generation takes: a second
 * generation (a roll-over while a batch is approved) waits, then sees what the first stored.
 */
async function lockGeneration(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('houbei.obligations.generate'))`);
}

/**
 * HR's review of submitted evidence (the generic review of the compliance screens): accept
 * (fulfilled on the day it was submitted) or return for revision.
 */
export async function reviewObligation(
  db: Db,
  ctx: ServiceContext,
  input: { obligationId: string; decision: 'accept' | 'return'; comment?: string | null },
): Promise<void> {
  const found = await findObligationInContext(db, input.obligationId);
  assertInScope(ctx.actor, 'obligations.record', found?.unitPath);
  const { pending } = await loadSubmission(db, input.obligationId);
  if (!genericReviewAllowed(pending?.sourceType ?? null)) {
    throw new AppError('conflict', null, {
      zh: '该提交须在其业务页面审核（如“心得审核”）。',
      en: 'Review this submission on its own page (e.g. Reflection review).',
    });
  }
  if (input.decision === 'accept') await acceptSubmission(db, ctx, input);
  else await returnSubmission(db, ctx, input);
}

/** Waives an obligation (e.g. while on rotation) with a reason; who and why are kept. */
export async function waiveObligation(
  db: Db,
  ctx: ServiceContext,
  input: { obligationId: string; reason: string },
): Promise<void> {
  const found = await findObligationInContext(db, input.obligationId);
  assertInScope(ctx.actor, 'obligations.record', found?.unitPath);
  if (found!.obligation.state === 'fulfilled' || found!.obligation.state === 'waived') {
    throw new AppError('conflict', null, {
      zh: '该任务已完成或已免除。',
      en: 'The obligation is already settled.',
    });
  }
  await db
    .update(obligations)
    .set({
      state: 'waived',
      waivedReason: input.reason,
      waivedBy: ctx.actor.userId,
      version: sql`${obligations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(obligations.id, input.obligationId));
  await writeAudit(db, ctx.audit, {
    action: 'obligation.waived',
    entityType: 'obligation',
    entityId: input.obligationId,
    unitPath: found!.unitPath,
    summary: `${found!.personName}：${found!.obligation.ruleKey} ${found!.obligation.periodKey} 免除：${input.reason}`,
  });
}

/**
 * Settles open obligations still ahead: waived with a reason — a leaving reserve's, or (with
 * `actorPersonId`) only those one mentor owes the reserve, when the mentor changes. Returns how
 * many were waived.
 */
export async function waiveFutureObligations(
  db: Db,
  input: { reserveId: string; from: string; reason: string; byUserId: string; actorPersonId?: string },
): Promise<number> {
  const rows = await db
    .update(obligations)
    .set({
      state: 'waived',
      waivedReason: input.reason,
      waivedBy: input.byUserId,
      version: sql`${obligations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(obligations.reserveId, input.reserveId),
        inArray(obligations.state, ['open', 'returned']),
        gte(obligations.dueDate, input.from),
        input.actorPersonId ? eq(obligations.actorPersonId, input.actorPersonId) : undefined,
      ),
    )
    .returning({ id: obligations.id });
  return rows.length;
}

/**
 * Opens again what `waiveFutureObligations` waived for a mentor with a given reason, from a day on
 * (the same mentor assigned again): the obligations become theirs again. Returns how many.
 */
export async function reopenWaivedObligations(
  db: Db,
  input: { reserveId: string; actorPersonId: string; from: string; reason: string },
): Promise<number> {
  const rows = await db
    .update(obligations)
    .set({
      state: 'open',
      waivedReason: null,
      waivedBy: null,
      version: sql`${obligations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(obligations.reserveId, input.reserveId),
        eq(obligations.actorPersonId, input.actorPersonId),
        eq(obligations.state, 'waived'),
        eq(obligations.waivedReason, input.reason),
        gte(obligations.dueDate, input.from),
      ),
    )
    .returning({ id: obligations.id });
  return rows.length;
}
