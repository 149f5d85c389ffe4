import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ReadingPlanBody,
  ReadingPlanItem,
  ReadingPlanQuery,
  UpdateReadingPlanBody,
} from '../../../contracts/training.js';
import { checkReadingPlan } from '../../../core/learning/learning.js';
import { assertInScope, assertPermission, inScope, scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { moveReflections } from './learning-obligations.js';
import * as repo from './reading.repository.js';
import { findUnitRef } from './training.repository.js';
import { readingPlans } from './training.table.js';

type Item = z.infer<typeof ReadingPlanItem>;

function present(ctx: ServiceContext, row: repo.PlanRow): Item {
  const p = row.plan;
  return {
    id: p.id,
    unitId: p.unitId,
    unitName: row.unitName,
    year: p.year,
    studyStart: p.studyStart,
    studyEnd: p.studyEnd,
    mode: p.mode,
    materials: p.materials,
    note: p.note,
    state: p.state,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    version: p.version,
    warnings: checkReadingPlan(p).warnings,
    actions: { edit: inScope(ctx.actor, 'learning.manage', row.unitPath) },
  };
}

/** A page of the reading plans of units in the caller's scope. */
export async function listPlans(ctx: ServiceContext, query: z.infer<typeof ReadingPlanQuery>) {
  assertPermission(ctx.actor, 'learning.read');
  const { rows, total } = await repo.listPlans(
    ctx.db,
    { paths: scopePaths(ctx.actor, 'learning.read'), year: query.year },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map((r) => present(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

async function loadPlan(
  db: Db,
  ctx: ServiceContext,
  id: string,
  permission: 'learning.read' | 'learning.manage',
) {
  const row = await repo.findPlan(db, id);
  assertInScope(ctx.actor, permission, row?.unitPath);
  return row!;
}

/** One reading plan. */
export async function getPlan(ctx: ServiceContext, id: string, db: Db = ctx.db): Promise<Item> {
  return present(ctx, await loadPlan(db, ctx, id, 'learning.read'));
}

function check(input: Parameters<typeof checkReadingPlan>[0]) {
  const { issues } = checkReadingPlan(input);
  if (issues.length > 0) throw invalidFields(issues);
}

/** Creates a unit's reading plan of a year, as a draft (one plan per unit and year). */
export async function createPlan(ctx: ServiceContext, input: z.infer<typeof ReadingPlanBody>) {
  const unit = await findUnitRef(ctx.db, input.unitId);
  if (!unit || !inScope(ctx.actor, 'learning.manage', unit.path))
    throw invalidFields([
      { path: 'unitId', message: '单位不存在或不在您的管理范围内 / unit not in your scope' },
    ]);
  check(input);
  return ctx.db.transaction(async (tx) => {
    if (await repo.findPlanOf(tx, input.unitId, input.year))
      throw new AppError('duplicate', null, {
        zh: `${unit.name} ${input.year} 年的读书学习计划已存在，请直接修改。`,
        en: `${unit.name} already has a reading plan for ${input.year}.`,
      });
    const [row] = await tx
      .insert(readingPlans)
      .values({
        unitId: input.unitId,
        year: input.year,
        studyStart: input.studyStart,
        studyEnd: input.studyEnd,
        mode: input.mode,
        materials: input.materials,
        note: input.note,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await writeAudit(tx, ctx.audit, {
      action: 'reading_plan.created',
      entityType: 'reading_plan',
      entityId: row.id,
      unitPath: unit.path,
      summary: `${unit.name} ${row.year} 年读书学习计划（${row.materials.map((m) => `《${m.title}》`).join('')}）`,
      after: row,
    });
    return { ...(await getPlan(ctx, row.id, tx)), moved: 0 };
  });
}

/** Every active reserve under the plan's unit has their reading reflection follow (or leave) the period. */
function applyPlan(tx: Db, ctx: ServiceContext, row: repo.PlanRow, eventDate: string | null) {
  return repo
    .activeReserveIdsUnder(tx, row.unitPath)
    .then((reserveIds) =>
      moveReflections(tx, ctx, { kind: 'reading_reflection', year: row.plan.year, reserveIds, eventDate }),
    );
}

/** Changes a plan; a published plan's new study end moves the reflections again. */
export async function updatePlan(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof UpdateReadingPlanBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const found = await loadPlan(tx, ctx, id, 'learning.manage');
    const before = found.plan;
    if (before.version !== input.version) throw new AppError('conflict');
    check({ ...input, year: before.year });
    const { version, studyStart, studyEnd, mode, materials, note } = input;
    const [after] = await tx
      .update(readingPlans)
      .set({
        studyStart,
        studyEnd,
        mode,
        materials,
        note,
        version: sql`${readingPlans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(readingPlans.id, id), eq(readingPlans.version, version)))
      .returning();
    if (!after) throw new AppError('conflict');
    const moved =
      after.state === 'published' && after.studyEnd !== before.studyEnd
        ? await applyPlan(tx, ctx, { ...found, plan: after }, after.studyEnd)
        : 0;
    await writeAudit(tx, ctx.audit, {
      action: 'reading_plan.updated',
      entityType: 'reading_plan',
      entityId: id,
      unitPath: found.unitPath,
      summary: `${found.unitName} ${after.year} 年读书学习计划${moved ? `（调整 ${moved} 人心得截止日期）` : ''}`,
      before,
      after,
    });
    return { ...(await getPlan(ctx, id, tx)), moved };
  });
}

/**
 * Publishes a plan (the reserves under its unit see it) and sets their reading reflection due a
 * month after the study period; unpublishing restores the nominal date.
 */
export async function setPublished(
  ctx: ServiceContext,
  id: string,
  input: { version: number; publish: boolean },
) {
  return ctx.db.transaction(async (tx) => {
    const found = await loadPlan(tx, ctx, id, 'learning.manage');
    const plan = found.plan;
    if (plan.version !== input.version) throw new AppError('conflict');
    const target = input.publish ? 'published' : 'draft';
    if (plan.state === target)
      throw new AppError('conflict', null, {
        zh: input.publish ? '该计划已发布。' : '该计划尚未发布。',
        en: input.publish ? 'The plan is already published.' : 'The plan is not published.',
      });
    if (input.publish) {
      check(plan);
      const other = await repo.findOverlappingPublished(tx, {
        id,
        year: plan.year,
        unitPath: found.unitPath,
      });
      if (other)
        throw new AppError('conflict', null, {
          zh: `${other.unitName} 已发布 ${plan.year} 年读书学习计划，覆盖同一批后备人员；请先撤回其中一个。`,
          en: `${other.unitName} already published a ${plan.year} reading plan covering the same reserves.`,
        });
    }
    await tx
      .update(readingPlans)
      .set({
        state: target,
        publishedAt: input.publish ? new Date() : null,
        version: sql`${readingPlans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(readingPlans.id, id));
    const moved = await applyPlan(tx, ctx, found, input.publish ? plan.studyEnd : null);
    await writeAudit(tx, ctx.audit, {
      action: input.publish ? 'reading_plan.published' : 'reading_plan.unpublished',
      entityType: 'reading_plan',
      entityId: id,
      unitPath: found.unitPath,
      summary: `${found.unitName} ${plan.year} 年读书学习计划：${moved} 人心得截止日期${input.publish ? `调整为学习结束后一个月` : '恢复原定'}`,
      before: { state: plan.state },
      after: { state: target, moved },
    });
    return { ...(await getPlan(ctx, id, tx)), moved };
  });
}

/** Deletes a draft plan (a published one is withdrawn first, so no due date is left behind). */
export async function deletePlan(ctx: ServiceContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const found = await loadPlan(tx, ctx, id, 'learning.manage');
    if (found.plan.state === 'published')
      throw new AppError('conflict', null, {
        zh: '已发布的计划请先撤回再删除。',
        en: 'Withdraw the published plan before deleting it.',
      });
    await tx.delete(readingPlans).where(eq(readingPlans.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'reading_plan.deleted',
      entityType: 'reading_plan',
      entityId: id,
      unitPath: found.unitPath,
      summary: `${found.unitName} ${found.plan.year} 年读书学习计划`,
      before: found.plan,
    });
    return { ok: true as const };
  });
}
