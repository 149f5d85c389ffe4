import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AddParticipantsBody,
  AttendanceBody,
  CandidateQuery,
  ParticipantQuery,
  RemoveParticipantsBody,
} from '../../../contracts/training.js';
import { ATTENDANCE_LABELS } from '../../../core/learning/learning.js';
import { scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { invalidFields } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { moveReflections, reflectionsOf } from './learning-obligations.js';
import * as repo from './training.repository.js';
import { loadEvent, participantsSeen } from './training.service.js';
import { trainingEvents, trainingParticipants } from './training.table.js';

/** Participant rows with each one's training reflection of the event's year. */
export async function presentParticipants(db: Db, year: number, rows: repo.ParticipantRow[]) {
  const due = await reflectionsOf(db, {
    kind: 'training_reflection',
    year,
    reserveIds: rows.map((r) => r.reserveId),
  });
  return rows.map((r) => ({ ...r, reflection: due.get(r.reserveId) ?? null }));
}

/** A page of a training's participants, with attendance and reflection status. */
export async function listParticipants(
  ctx: ServiceContext,
  eventId: string,
  query: z.infer<typeof ParticipantQuery>,
) {
  const found = await loadEvent(ctx.db, ctx, eventId, 'learning.read');
  const { rows, total } = await repo.listParticipants(ctx.db, {
    eventId,
    q: query.q,
    onlyUnder: participantsSeen(ctx, found),
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: await presentParticipants(ctx.db, found.event.year, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Active reserves the caller could add to a training (by name or employee number), at most 20. */
export async function listCandidates(
  ctx: ServiceContext,
  eventId: string,
  query: z.infer<typeof CandidateQuery>,
) {
  const found = await loadEvent(ctx.db, ctx, eventId, 'learning.manage');
  const rows = await repo.findReserves(ctx.db, {
    eventPath: found.unitPath,
    scope: scopePaths(ctx.actor, 'learning.manage'),
    year: found.event.year,
    q: query.q,
    limit: 20,
  });
  // Those already in this training are left out: there is nothing to add.
  return rows
    .filter((r) => r.otherEventId !== eventId)
    .map(({ reserveId, personName, employeeNo, unitName, programmeName, otherEventId, otherEvent }) => ({
      reserveId,
      personName,
      employeeNo,
      unitName,
      programmeName,
      otherEvent: otherEventId && otherEventId !== eventId ? otherEvent : null,
    }));
}

/**
 * Adds the active reserves matching the filters (unit subtree, tier, programme, or picked one by
 * one) inside the training's unit and the caller's scope. A reserve already in another training that
 * year is left out and named in the answer — one training a year settles the reflection, and a
 * second would silently move its due date again.
 */
export async function addParticipants(
  ctx: ServiceContext,
  eventId: string,
  input: z.infer<typeof AddParticipantsBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const found = await loadEvent(tx, ctx, eventId, 'learning.manage');
    const unit = input.unitId ? await repo.findUnitRef(tx, input.unitId) : null;
    if (input.unitId && !unit)
      throw invalidFields([{ path: 'unitId', message: '单位不存在 / no such unit' }]);
    const matched = await repo.findReserves(tx, {
      eventPath: found.unitPath,
      scope: scopePaths(ctx.actor, 'learning.manage'),
      year: found.event.year,
      unitPath: unit?.path,
      tier: input.tier,
      programmeId: input.programmeId,
      reserveIds: input.reserveIds,
    });
    if (input.reserveIds && matched.length < new Set(input.reserveIds).size)
      throw invalidFields([
        {
          path: 'reserveIds',
          message:
            '部分人员不是本培训组织单位范围内的在库后备人员 / some people are not active reserves of this unit',
        },
      ]);
    const elsewhere = matched.filter((m) => m.otherEventId && m.otherEventId !== eventId);
    const fresh = matched.filter((m) => !m.otherEventId);
    const inserted =
      fresh.length === 0
        ? []
        : await tx
            .insert(trainingParticipants)
            .values(fresh.map((m) => ({ eventId, reserveId: m.reserveId, year: found.event.year })))
            .onConflictDoNothing()
            .returning({ reserveId: trainingParticipants.reserveId });
    const added = inserted.map((r) => r.reserveId);
    if (found.event.endOn)
      await moveReflections(tx, ctx, {
        kind: 'training_reflection',
        year: found.event.year,
        reserveIds: added,
        eventDate: found.event.endOn,
      });
    if (added.length > 0) {
      await touch(tx, eventId);
      await writeAudit(tx, ctx.audit, {
        action: 'training.participants_added',
        entityType: 'training_event',
        entityId: eventId,
        unitPath: found.unitPath,
        summary: `${found.event.title}：增加 ${added.length} 名参训人员`,
        after: { reserveIds: added },
      });
    }
    return {
      added: added.length,
      inOtherTraining: elsewhere.map((m) => ({ personName: m.personName, eventTitle: m.otherEvent ?? '' })),
    };
  });
}

async function touch(db: Db, eventId: string) {
  await db
    .update(trainingEvents)
    .set({ version: sql`${trainingEvents.version} + 1`, updatedAt: new Date() })
    .where(eq(trainingEvents.id, eventId));
}

/** Removes participants; their training reflection goes back to its nominal due date. */
export async function removeParticipants(
  ctx: ServiceContext,
  eventId: string,
  input: z.infer<typeof RemoveParticipantsBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const found = await loadEvent(tx, ctx, eventId, 'learning.manage');
    const removed = (
      await tx
        .delete(trainingParticipants)
        .where(
          and(
            eq(trainingParticipants.eventId, eventId),
            inArray(trainingParticipants.reserveId, input.reserveIds),
          ),
        )
        .returning({ reserveId: trainingParticipants.reserveId })
    ).map((r) => r.reserveId);
    if (found.event.endOn)
      await moveReflections(tx, ctx, {
        kind: 'training_reflection',
        year: found.event.year,
        reserveIds: removed,
        eventDate: null,
      });
    if (removed.length > 0) {
      await touch(tx, eventId);
      await writeAudit(tx, ctx.audit, {
        action: 'training.participants_removed',
        entityType: 'training_event',
        entityId: eventId,
        unitPath: found.unitPath,
        summary: `${found.event.title}：移除 ${removed.length} 名参训人员`,
        before: { reserveIds: removed },
      });
    }
    return { removed: removed.length };
  });
}

/** Records attendance (出席 / 缺席 / 请假) and a note for participants of the training. */
export async function setAttendance(
  ctx: ServiceContext,
  eventId: string,
  input: z.infer<typeof AttendanceBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const found = await loadEvent(tx, ctx, eventId, 'learning.manage');
    const ids = input.items.map((i) => i.reserveId);
    const known = new Set(
      (
        await tx
          .select({ id: trainingParticipants.reserveId })
          .from(trainingParticipants)
          .where(and(eq(trainingParticipants.eventId, eventId), inArray(trainingParticipants.reserveId, ids)))
      ).map((r) => r.id),
    );
    const issues = input.items.flatMap((item, i) =>
      known.has(item.reserveId)
        ? []
        : [
            {
              path: `items.${i}.reserveId`,
              message: '不是本次培训的参训人员 / not a participant of this training',
            },
          ],
    );
    if (issues.length > 0) throw invalidFields(issues);
    await tx.execute(sql`
      UPDATE ${trainingParticipants} p SET attendance = a.attendance, note = a.note
        FROM json_to_recordset(${JSON.stringify(input.items.map((i) => ({ reserve_id: i.reserveId, attendance: i.attendance, note: i.note })))}::json) AS a(reserve_id uuid, attendance text, note text)
       WHERE p.event_id = ${eventId} AND p.reserve_id = a.reserve_id`);
    await touch(tx, eventId);
    const counts = Object.entries(ATTENDANCE_LABELS)
      .map(([k, l]) => `${l.zh} ${input.items.filter((i) => i.attendance === k).length}`)
      .join('，');
    await writeAudit(tx, ctx.audit, {
      action: 'training.attendance_recorded',
      entityType: 'training_event',
      entityId: eventId,
      unitPath: found.unitPath,
      summary: `${found.event.title}：登记 ${input.items.length} 人出勤（${counts}）`,
      after: { items: input.items },
    });
    return { ok: true as const };
  });
}
