import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ObligationState } from '../../../core/programme/status.js';
import { type IsoDate, todayIn } from '../../../core/time/dates.js';
import { assertInScope } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { findObligationInContext } from './obligations.repository.js';
import { evidence, evidenceFiles, obligations } from './obligations.table.js';

export {
  type EvidenceTarget,
  findObligationsForEvidence,
  setEventDate,
  type TargetQuery,
} from './evidence-targets.service.js';

/**
 * THE evidence interface of the programme engine. Every capability that keeps a record satisfying
 * an obligation — a reflection, a course completion, a talk record, an assessment, HR's own note —
 * reaches the obligation through these functions, so obligations move the same way whatever
 * fulfils them. Finding which obligation a record settles, and moving due dates after an event,
 * are in `evidence-targets.service.ts`.
 *
 * Counting: an obligation asks for `quantity` units (two courses a quarter). Each piece of evidence
 * accounts for `units` of them; evidence that fulfils counts at once, evidence submitted for review
 * counts once accepted. The obligation is fulfilled when the counted units reach its quantity, on
 * the date of the evidence that completed it (late when after the due date).
 */
export type EvidenceInput = {
  obligationId: string;
  /** 'manual' for HR's own record; each capability names itself ('reflection', 'course', 'talk' …). */
  sourceType: string;
  /** The capability's record, so it can withdraw what it attached. */
  sourceId?: string | null;
  /** The day it happened (a completion, a talk, a submission); never in the future. */
  occurredOn: IsoDate;
  note?: string | null;
  /** A file (type already recognised by content) kept with the evidence. */
  attachment?: { name: string; type: string; data: Buffer } | null;
  /** 'fulfil' when the evidence counts at once; 'submit' when it awaits HR's review. */
  effect: 'fulfil' | 'submit';
  /** How many units of the obligation's quantity it accounts for; default: all that remain. */
  units?: number;
};

export type EvidenceOutcome = { state: ObligationState; progress: number };

const settled = (state: ObligationState) => state === 'fulfilled' || state === 'waived';

/**
 * Sources whose submissions are reviewed on their own page (a reflection with its text, versions
 * and copy check), never through the generic review of the compliance screens: settling them there
 * would leave the source's own record out of step.
 */
export const SOURCES_WITH_OWN_REVIEW: ReadonlySet<string> = new Set(['reflection']);

/** Whether the generic HR review may settle a submission from this source. */
export function genericReviewAllowed(pendingSourceType: string | null): boolean {
  return !pendingSourceType || !SOURCES_WITH_OWN_REVIEW.has(pendingSourceType);
}

/** HR's own record of evidence: the caller must hold `obligations.record` over the reserve's unit. */
export async function attachEvidence(db: Db, ctx: ServiceContext, input: EvidenceInput): Promise<void> {
  const found = await findObligationInContext(db, input.obligationId);
  assertInScope(ctx.actor, 'obligations.record', found?.unitPath);
  if (settled(found!.obligation.state)) {
    throw new AppError('conflict', null, {
      zh: '该任务已完成或已免除，不能再登记。',
      en: 'The obligation is already settled.',
    });
  }
  await applyEvidence(db, ctx, input);
}

/**
 * Evidence from a capability that has checked the caller's access itself (a reserve's own
 * reflection, a mentor's talk record, an imported completion). Stores it, counts it, moves the
 * obligation and audits it, in the caller's transaction. Further evidence for an obligation already
 * fulfilled or waived is kept without changing it (a third course completed); a submission for one
 * is refused.
 */
export async function applyEvidence(
  db: Db,
  ctx: ServiceContext,
  input: EvidenceInput,
): Promise<EvidenceOutcome> {
  const found = await findObligationInContext(db, input.obligationId);
  if (!found) throw new AppError('not_found');
  const { obligation } = found;
  if (input.occurredOn > todayIn(found.timeZone)) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'occurredOn', message: '日期不能晚于今天 / date in the future' }],
    });
  }
  if (input.effect === 'submit' && (settled(obligation.state) || obligation.state === 'submitted')) {
    throw new AppError('conflict', null, {
      zh: obligation.state === 'submitted' ? '已有提交在等待审核。' : '该任务已完成或已免除，不能再提交。',
      en:
        obligation.state === 'submitted'
          ? 'A submission is already awaiting review.'
          : 'The obligation is already settled.',
    });
  }
  const remaining = Math.max(1, obligation.quantity - obligation.progress);
  const units = input.units ?? remaining;
  if (!Number.isInteger(units) || units < 1 || units > 100) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'units', message: '数量须为 1–100 的整数 / units must be 1–100' }],
    });
  }
  const counted = input.effect === 'fulfil';
  const [stored] = await db
    .insert(evidence)
    .values({
      obligationId: obligation.id,
      sourceType: input.sourceType,
      sourceId: input.sourceId ?? null,
      occurredOn: input.occurredOn,
      note: input.note ?? null,
      units,
      counted,
      attachmentName: input.attachment?.name ?? null,
      attachmentType: input.attachment?.type ?? null,
      recordedBy: ctx.actor.userId,
      recordedByName: ctx.actor.displayName,
    })
    .returning({ id: evidence.id });
  if (input.attachment) {
    await db.insert(evidenceFiles).values({
      evidenceId: stored.id,
      name: input.attachment.name,
      mimeType: input.attachment.type,
      size: input.attachment.data.length,
      data: input.attachment.data,
    });
  }
  if (settled(obligation.state)) {
    // Kept as a record; the obligation stays as it is.
    return { state: obligation.state, progress: obligation.progress };
  }
  const next = counted ? await recount(db, obligation.id) : await markSubmitted(db, obligation.id);
  await writeAudit(db, ctx.audit, {
    action: next.state === 'submitted' ? 'obligation.submitted' : 'obligation.fulfilled',
    entityType: 'obligation',
    entityId: obligation.id,
    unitPath: found.unitPath,
    summary: `${found.personName}：${obligation.ruleKey} ${obligation.periodKey} 登记证明（${input.sourceType}${units > 1 || obligation.quantity > 1 ? ` ×${units}` : ''}）`,
    before: { state: obligation.state, progress: obligation.progress },
    after: next,
  });
  return next;
}

async function markSubmitted(db: Db, obligationId: string): Promise<EvidenceOutcome> {
  const [row] = await db
    .update(obligations)
    .set({
      state: 'submitted',
      submittedAt: new Date(),
      version: sql`${obligations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(obligations.id, obligationId))
    .returning({ state: obligations.state, progress: obligations.progress });
  return row;
}

/**
 * Sets an obligation's progress from its counted evidence and its state from the progress:
 * fulfilled (on the latest counted evidence's date) once the quantity is reached, open again when a
 * withdrawal takes it below. Waived obligations keep their state.
 */
async function recount(db: Db, obligationId: string): Promise<EvidenceOutcome> {
  const [row] = (
    (await db.execute(sql`
      WITH c AS (
        SELECT coalesce(sum(units), 0)::int AS units, max(occurred_on) AS last_on
          FROM ${evidence}
         WHERE obligation_id = ${obligationId} AND counted AND withdrawn_at IS NULL)
      UPDATE ${obligations} o SET
        progress = least(c.units, o.quantity),
        state = CASE
          WHEN o.state = 'waived' THEN o.state
          WHEN c.units >= o.quantity THEN 'fulfilled'
          WHEN o.state = 'fulfilled' THEN 'open'
          ELSE o.state END,
        fulfilled_on = CASE
          WHEN o.state = 'waived' THEN o.fulfilled_on
          WHEN c.units >= o.quantity THEN c.last_on
          ELSE NULL END,
        version = o.version + 1,
        updated_at = now()
        FROM c
       WHERE o.id = ${obligationId}
      RETURNING o.state, o.progress`)) as unknown as { rows: EvidenceOutcome[] }
  ).rows;
  return row;
}

/**
 * Takes back the evidence a source attached (a completion deleted, a record withdrawn): it stops
 * counting and is kept, marked withdrawn; each obligation it counted for is recounted (and reopens
 * when it falls below its quantity). Returns how many pieces of evidence were withdrawn.
 */
export async function withdrawEvidence(
  db: Db,
  ctx: ServiceContext,
  input: { sourceType: string; sourceId: string; reason?: string },
): Promise<number> {
  const withdrawn = await db
    .update(evidence)
    .set({ withdrawnAt: new Date() })
    .where(
      and(
        eq(evidence.sourceType, input.sourceType),
        eq(evidence.sourceId, input.sourceId),
        isNull(evidence.withdrawnAt),
      ),
    )
    .returning({ obligationId: evidence.obligationId, counted: evidence.counted });
  for (const obligationId of new Set(withdrawn.map((w) => w.obligationId))) {
    const found = await findObligationInContext(db, obligationId);
    if (!found) continue;
    const before = { state: found.obligation.state, progress: found.obligation.progress };
    // A withdrawn submission awaiting review sends the obligation back to open.
    const next =
      found.obligation.state === 'submitted' &&
      !withdrawn.some((w) => w.obligationId === obligationId && w.counted)
        ? await reopenSubmission(db, obligationId)
        : await recount(db, obligationId);
    await writeAudit(db, ctx.audit, {
      action: 'obligation.evidence_withdrawn',
      entityType: 'obligation',
      entityId: obligationId,
      unitPath: found.unitPath,
      summary: `${found.personName}：${found.obligation.ruleKey} ${found.obligation.periodKey} 撤回证明（${input.sourceType}）${input.reason ? `：${input.reason}` : ''}`,
      before,
      after: next,
    });
  }
  return withdrawn.length;
}

async function reopenSubmission(db: Db, obligationId: string): Promise<EvidenceOutcome> {
  const [row] = await db
    .update(obligations)
    .set({
      state: 'open',
      submittedAt: null,
      version: sql`${obligations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(obligations.id, obligationId))
    .returning({ state: obligations.state, progress: obligations.progress });
  return row;
}

/** The submitted obligation and the submission awaiting review (the latest uncounted evidence). */
export async function loadSubmission(db: Db, obligationId: string) {
  const found = await findObligationInContext(db, obligationId);
  if (!found) throw new AppError('not_found');
  if (found.obligation.state !== 'submitted') {
    throw new AppError('conflict', null, {
      zh: '该任务不在待审核状态。',
      en: 'The obligation is not awaiting review.',
    });
  }
  const [pending] = await db
    .select({ id: evidence.id, occurredOn: evidence.occurredOn, sourceType: evidence.sourceType })
    .from(evidence)
    .where(
      and(eq(evidence.obligationId, obligationId), eq(evidence.counted, false), isNull(evidence.withdrawnAt)),
    )
    .orderBy(desc(evidence.createdAt))
    .limit(1);
  return { found, pending: pending ?? null };
}

/**
 * Accepts what was submitted: its units count, and the obligation is fulfilled on the day it was
 * submitted — so work handed in on time and reviewed later is not late. No permission check: the
 * caller (HR's review route, the reflections review) checked.
 */
export async function acceptSubmission(
  db: Db,
  ctx: ServiceContext,
  input: { obligationId: string; comment?: string | null },
): Promise<EvidenceOutcome> {
  const { found, pending } = await loadSubmission(db, input.obligationId);
  let next: EvidenceOutcome;
  if (pending) {
    await db.update(evidence).set({ counted: true }).where(eq(evidence.id, pending.id));
    next = await recount(db, input.obligationId);
  } else {
    // Submitted without evidence rows (never through this interface): fulfilled on the review day.
    const [row] = await db
      .update(obligations)
      .set({
        state: 'fulfilled',
        progress: found.obligation.quantity,
        fulfilledOn: todayIn(found.timeZone),
        version: sql`${obligations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(obligations.id, input.obligationId))
      .returning({ state: obligations.state, progress: obligations.progress });
    next = row;
  }
  if (next.state === 'submitted') {
    // Accepted units short of the quantity: open again for the rest.
    next = await reopenSubmission(db, input.obligationId);
  }
  await writeAudit(db, ctx.audit, {
    action: 'obligation.accepted',
    entityType: 'obligation',
    entityId: input.obligationId,
    unitPath: found.unitPath,
    summary: `${found.personName}：${found.obligation.ruleKey} ${found.obligation.periodKey} 审核通过${input.comment ? `：${input.comment}` : ''}`,
    before: { state: found.obligation.state },
    after: next,
  });
  return next;
}

/** Returns what was submitted for revision: the reserve revises and submits again. */
export async function returnSubmission(
  db: Db,
  ctx: ServiceContext,
  input: { obligationId: string; comment?: string | null },
): Promise<EvidenceOutcome> {
  const { found } = await loadSubmission(db, input.obligationId);
  const [next] = await db
    .update(obligations)
    .set({ state: 'returned', version: sql`${obligations.version} + 1`, updatedAt: new Date() })
    .where(eq(obligations.id, input.obligationId))
    .returning({ state: obligations.state, progress: obligations.progress });
  await writeAudit(db, ctx.audit, {
    action: 'obligation.returned',
    entityType: 'obligation',
    entityId: input.obligationId,
    unitPath: found.unitPath,
    summary: `${found.personName}：${found.obligation.ruleKey} ${found.obligation.periodKey} 退回：${input.comment ?? ''}`,
    before: { state: found.obligation.state },
    after: next,
  });
  return next;
}
