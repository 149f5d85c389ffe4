import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AcceptBody, ReflectionDetail, ReturnBody } from '../../../contracts/reflections.js';
import { fingerprintsOf } from '../../../core/text/fingerprint.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { acceptSubmission, returnSubmission } from '../obligations/evidence.service.js';
import * as repo from './reflections.repository.js';
import { getReflection, load, staleVersion } from './reflections.service.js';
import { reflections, reflectionVersions } from './reflections.table.js';
import * as copy from './reflections-copy.service.js';

/** HR's review of reflections: accept, return with a comment, re-run the copy check. */

async function loadForReview(ctx: ServiceContext, id: string, version: number) {
  const { row, role } = await load(ctx, id);
  if (!role.reviewer) throw new AppError('not_found');
  if (row.reflection.state !== 'submitted')
    throw new AppError('conflict', null, {
      zh: '该心得不在待审核状态。',
      en: 'The reflection is not awaiting review.',
    });
  if (row.reflection.version !== version) throw staleVersion();
  return row;
}

/** HR's decision on the latest version: accept (fulfils the obligation) or return with a comment. */
async function decide(
  ctx: ServiceContext,
  id: string,
  input: { version: number; decision: 'accepted' | 'returned'; comment: string | null },
) {
  const row = await loadForReview(ctx, id, input.version);
  await ctx.db.transaction(async (tx) => {
    const locked = await repo.lockReflection(tx, id);
    if (!locked || locked.version !== input.version || locked.state !== 'submitted') throw staleVersion();
    await tx
      .update(reflectionVersions)
      .set({
        decision: input.decision,
        comment: input.comment,
        decidedAt: new Date(),
        decidedBy: ctx.actor.userId,
        decidedByName: ctx.actor.displayName,
      })
      .where(and(eq(reflectionVersions.reflectionId, id), eq(reflectionVersions.number, locked.versions)));
    if (input.decision === 'accepted')
      await acceptSubmission(tx, ctx, { obligationId: locked.obligationId, comment: input.comment });
    else await returnSubmission(tx, ctx, { obligationId: locked.obligationId, comment: input.comment });
    await tx
      .update(reflections)
      .set({ state: input.decision, version: sql`${reflections.version} + 1`, updatedAt: new Date() })
      .where(eq(reflections.id, id));
    await writeAudit(tx, ctx.audit, {
      action: input.decision === 'accepted' ? 'reflection.accepted' : 'reflection.returned',
      entityType: 'reflection',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：${locked.ruleTitle}（${locked.periodKey}）第 ${locked.versions} 版${input.decision === 'accepted' ? '审核通过' : '退回修改'}${input.comment ? `：${input.comment}` : ''}`,
    });
  });
  return getReflection(ctx, id);
}

export function acceptReflection(ctx: ServiceContext, id: string, body: z.infer<typeof AcceptBody>) {
  return decide(ctx, id, { version: body.version, decision: 'accepted', comment: body.comment });
}

export function returnReflection(ctx: ServiceContext, id: string, body: z.infer<typeof ReturnBody>) {
  return decide(ctx, id, { version: body.version, decision: 'returned', comment: body.comment });
}

/** Runs the latest version's copy check again, against the index as it is now. */
export async function recheckReflection(ctx: ServiceContext, id: string): Promise<ReflectionDetail> {
  const { row, role } = await load(ctx, id);
  if (!role.reviewer) throw new AppError('not_found');
  const latest = await repo.latestVersion(ctx.db, id);
  if (!latest)
    throw new AppError('conflict', null, { zh: '该心得尚未提交，无需查重。', en: 'Nothing submitted yet.' });
  await ctx.db.transaction(async (tx) => {
    const settings =
      (await copy.loadCopySettings(tx, row.reflection.programmeId)) ?? copy.DEFAULT_COPY_SETTINGS;
    const check = await copy.checkCopy(tx, {
      docNo: row.reflection.docNo,
      personId: row.reflection.personId,
      fingerprints: fingerprintsOf(latest.text),
      settings,
    });
    await tx.update(reflectionVersions).set({ copyCheck: check }).where(eq(reflectionVersions.id, latest.id));
    const summary = copy.summariseCheck(check);
    await tx.update(reflections).set(summary).where(eq(reflections.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'reflection.rechecked',
      entityType: 'reflection',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：${row.reflection.ruleTitle}（${row.reflection.periodKey}）重新查重`,
      after: summary,
    });
  });
  return getReflection(ctx, id);
}
