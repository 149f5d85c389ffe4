import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TrainingEventBody,
  TrainingEventDetail,
  TrainingEventItem,
  TrainingEventQuery,
  UpdateTrainingEventBody,
} from '../../../contracts/training.js';
import { trainingDateIssues, trainingYear } from '../../../core/learning/learning.js';
import { assertPermission, inScope, scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { moveReflections } from './learning-obligations.js';
import * as repo from './training.repository.js';
import { trainingEvents, trainingParticipants } from './training.table.js';

type Item = z.infer<typeof TrainingEventItem>;

function present(ctx: ServiceContext, row: repo.EventRow): Item {
  const e = row.event;
  return {
    id: e.id,
    unitId: e.unitId,
    unitName: row.unitName,
    year: e.year,
    title: e.title,
    trainer: e.trainer,
    organiser: e.organiser,
    startOn: e.startOn,
    endOn: e.endOn,
    place: e.place,
    participants: row.participants,
    present: row.present,
    attendingOnly: !row.ownedInScope,
    actions: { edit: row.ownedInScope && inScope(ctx.actor, 'learning.manage', row.unitPath) },
  };
}

/** A page of the trainings of units in the caller's scope, and of those their people attend. */
export async function listEvents(ctx: ServiceContext, query: z.infer<typeof TrainingEventQuery>) {
  assertPermission(ctx.actor, 'learning.read');
  const { rows, total } = await repo.listEvents(
    ctx.db,
    { paths: scopePaths(ctx.actor, 'learning.read'), q: query.q, year: query.year },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map((r) => present(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

/**
 * An event the caller may see (`learning.read`: of a unit in their scope, or attended by people
 * in it) or change (`learning.manage`: of a unit in their scope); 404 otherwise.
 */
export async function loadEvent(
  db: Db,
  ctx: ServiceContext,
  id: string,
  permission: 'learning.read' | 'learning.manage',
): Promise<repo.EventRow> {
  const row = await repo.findEvent(db, id, scopePaths(ctx.actor, permission));
  if (!row || (permission === 'learning.manage' && !row.ownedInScope)) throw new AppError('not_found');
  return row;
}

/**
 * Whose participants the caller sees of an event: all of them at one of their own units' events,
 * else (a city training their reserves attend) only those under their scope.
 */
export function participantsSeen(ctx: ServiceContext, row: repo.EventRow): string[] | undefined {
  return row.ownedInScope ? undefined : scopePaths(ctx.actor, 'learning.read');
}

/** One training with its description. */
export async function getEvent(
  ctx: ServiceContext,
  id: string,
  db: Db = ctx.db,
): Promise<z.infer<typeof TrainingEventDetail>> {
  const row = await loadEvent(db, ctx, id, 'learning.read');
  return { ...present(ctx, row), description: row.event.description, version: row.event.version };
}

function checkDates(input: { startOn: string; endOn: string | null }) {
  const issues = trainingDateIssues(input);
  if (issues.length > 0) throw invalidFields(issues);
}

/** Creates a training owned by a unit in the caller's `learning.manage` scope. */
export async function createEvent(ctx: ServiceContext, input: z.infer<typeof TrainingEventBody>) {
  const unit = await repo.findUnitRef(ctx.db, input.unitId);
  if (!unit || !inScope(ctx.actor, 'learning.manage', unit.path))
    throw invalidFields([
      { path: 'unitId', message: '单位不存在或不在您的管理范围内 / unit not in your scope' },
    ]);
  checkDates(input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingEvents)
      .values({
        // Named one by one: callers inside the server (demo, bench) pass richer objects than the route.
        unitId: input.unitId,
        title: input.title,
        trainer: input.trainer,
        organiser: input.organiser,
        startOn: input.startOn,
        endOn: input.endOn,
        place: input.place,
        description: input.description,
        year: trainingYear(input.startOn),
        createdBy: ctx.actor.userId,
      })
      .returning();
    await writeAudit(tx, ctx.audit, {
      action: 'training.created',
      entityType: 'training_event',
      entityId: row.id,
      unitPath: unit.path,
      summary: `${row.title}（${row.startOn}${row.endOn ? ` 至 ${row.endOn}` : ''}）`,
      after: row,
    });
    return getEvent(ctx, row.id, tx);
  });
}

/**
 * Changes a training. A new end date moves every participant's reflection to a month after it (a
 * cleared one restores the nominal date); a training with participants cannot move to another year.
 */
export async function updateEvent(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof UpdateTrainingEventBody>,
) {
  checkDates(input);
  return ctx.db.transaction(async (tx) => {
    const found = await loadEvent(tx, ctx, id, 'learning.manage');
    const before = found.event;
    if (before.version !== input.version) throw new AppError('conflict');
    const year = trainingYear(input.startOn);
    if (year !== before.year && found.participants > 0)
      throw invalidFields([
        {
          path: 'startOn',
          message: `已有参训人员的培训不能改到其他年度（原为 ${before.year} 年），请先移除参训人员 / remove the participants before moving the training to another year`,
        },
      ]);
    const { version, title, trainer, organiser, startOn, endOn, place, description } = input;
    const [after] = await tx
      .update(trainingEvents)
      .set({
        title,
        trainer,
        organiser,
        startOn,
        endOn,
        place,
        description,
        year,
        version: sql`${trainingEvents.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(trainingEvents.id, id), eq(trainingEvents.version, version)))
      .returning();
    if (!after) throw new AppError('conflict');
    if (after.endOn !== before.endOn)
      await moveReflections(tx, ctx, {
        kind: 'training_reflection',
        year,
        reserveIds: await repo.participantIds(tx, id),
        eventDate: after.endOn,
      });
    await writeAudit(tx, ctx.audit, {
      action: 'training.updated',
      entityType: 'training_event',
      entityId: id,
      unitPath: found.unitPath,
      summary: after.title,
      before,
      after,
    });
    return getEvent(ctx, id, tx);
  });
}

/** Deletes a training; its participants' reflections go back to their nominal due date. */
export async function deleteEvent(ctx: ServiceContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const found = await loadEvent(tx, ctx, id, 'learning.manage');
    const reserveIds = await repo.participantIds(tx, id);
    if (found.event.endOn)
      await moveReflections(tx, ctx, {
        kind: 'training_reflection',
        year: found.event.year,
        reserveIds,
        eventDate: null,
      });
    await tx.delete(trainingParticipants).where(eq(trainingParticipants.eventId, id));
    await tx.delete(trainingEvents).where(eq(trainingEvents.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'training.deleted',
      entityType: 'training_event',
      entityId: id,
      unitPath: found.unitPath,
      summary: `${found.event.title}（${reserveIds.length} 名参训人员）`,
      before: found.event,
    });
    return { ok: true as const };
  });
}
