import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AssignBody,
  AssignmentOut,
  CheckPairingBody,
  EndAssignmentBody,
  MentorsQuery,
  ReserveMentors,
  ReserveMentorsDetail,
} from '../../../contracts/mentors.js';
import {
  checkPairing,
  exceptionAllowed,
  HARD_ISSUES,
  MENTOR_SLOT_LABELS,
  PAIRING_ISSUE_LABELS,
  proposeMentors,
} from '../../../core/mentors/mentor-rule.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import {
  assertInScope,
  assertPermission,
  inScope,
  pathInSubtrees,
  scopePaths,
} from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { getUnitRow } from '../units/units.service.js';
import { orgUnits } from '../units/units.table.js';
import * as repo from './mentors.repository.js';
import { mentorAssignments } from './mentors.table.js';
import {
  breachesFrom,
  describeBreach,
  describeIssue,
  type FactsOf,
  loadFacts,
  mentorFacts,
} from './mentors-facts.js';
import { releaseMentor, scheduleMentor } from './mentors-schedule.js';

export { currentMentorsOf } from './mentors-schedule.js';

function presentAssignment(
  ctx: ServiceContext,
  a: repo.AssignmentRow,
  unitPath: string,
): z.infer<typeof AssignmentOut> {
  return {
    id: a.assignment.id,
    reserveId: a.assignment.reserveId,
    slot: a.assignment.slot,
    mentor: {
      personId: a.assignment.mentorPersonId,
      name: a.mentorName,
      employeeNo: a.mentorEmployeeNo,
      post: a.mentorPost,
      unitName: a.mentorUnitName,
    },
    startOn: a.assignment.startOn,
    endOn: a.assignment.endOn,
    endReason: a.assignment.endReason,
    exceptionReason: a.assignment.exceptionReason,
    exceptedIssues: a.assignment.exceptedIssues,
    createdByName: a.assignment.createdByName,
    actions: { end: !a.assignment.endOn && inScope(ctx.actor, 'mentors.manage', unitPath) },
  };
}

function present(ctx: ServiceContext, row: repo.ReserveRow, facts: FactsOf): z.infer<typeof ReserveMentors> {
  const current = facts.assignments.get(row.reserveId) ?? [];
  const slot = (s: 'unit_head' | 'related_leader') => {
    const a = current.find((x) => x.assignment.slot === s);
    return a ? presentAssignment(ctx, a, row.unitPath) : null;
  };
  return {
    reserveId: row.reserveId,
    personId: row.personId,
    personName: row.personName,
    employeeNo: row.employeeNo,
    unitId: row.unitId,
    unitName: row.unitName,
    programmeId: row.programmeId,
    programmeName: row.programmeName,
    direction: row.direction,
    reserveVersion: row.version,
    unitHead: slot('unit_head'),
    relatedLeader: slot('related_leader'),
    breaches: breachesFrom(facts, row.reserveId).map(describeBreach),
    actions: { assign: row.state === 'active' && inScope(ctx.actor, 'mentors.manage', row.unitPath) },
  };
}

/**
 * The active reserves the caller may see (pool scope) with their two mentors and the breaches of
 * the rule; `breach=true` keeps those with a breach only. Breaches are computed, not stored, so a
 * change of a unit's head shows at once.
 */
export async function listReserveMentors(ctx: ServiceContext, query: z.infer<typeof MentorsQuery>) {
  assertPermission(ctx.actor, 'pool.read');
  const subtreePath = query.unitId
    ? (await getUnitRow(ctx.db, ctx, query.unitId, 'units.read')).path
    : undefined;
  const filter = {
    scope: pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'pool.read')),
    q: query.q,
    subtreePath,
    programmeId: query.programmeId,
  };
  const offset = (query.page - 1) * query.pageSize;
  // Breaches are counted over every matching reserve; a province's pool is a few thousand.
  const all = await repo.listActiveReserves(ctx.db, filter);
  const facts = await loadFacts(ctx.db, all.rows);
  const withBreach = all.rows.filter((r) => breachesFrom(facts, r.reserveId).length > 0);
  const chosen = query.breach === 'true' ? withBreach : all.rows;
  return {
    items: chosen.slice(offset, offset + query.pageSize).map((r) => present(ctx, r, facts)),
    total: chosen.length,
    page: query.page,
    pageSize: query.pageSize,
    breachCount: withBreach.length,
  };
}

async function loadReserve(
  db: Db,
  ctx: ServiceContext,
  id: string,
  permission: 'pool.read' | 'mentors.manage',
) {
  const row = await repo.findReserve(db, id);
  assertInScope(ctx.actor, permission, row?.unitPath);
  return row!;
}

/** One reserve's mentors with the history of assignments and the mentors the system proposes. */
export async function getReserveMentors(
  ctx: ServiceContext,
  id: string,
  db: Db = ctx.db,
): Promise<z.infer<typeof ReserveMentorsDetail>> {
  const row = await loadReserve(db, ctx, id, 'pool.read');
  const facts = await loadFacts(db, [row]);
  const history = await repo.assignmentHistory(db, id);
  const related = facts.related.filter((u) => u.direction === row.direction);
  const deputies = await repo.deputiesOf(
    db,
    related.map((u) => u.unitId),
  );
  const reserveFacts = facts.reserve.get(id)!;
  const units = related.map((u) => ({ ...u, deputyPersonIds: deputies.get(u.unitId) ?? [] }));
  const proposedIds = {
    unit_head: proposeMentors('unit_head', reserveFacts, units),
    related_leader: proposeMentors('related_leader', reserveFacts, units),
  };
  const ids = [...new Set([...proposedIds.unit_head, ...proposedIds.related_leader])];
  // In sequence: `db` may be a transaction (one connection).
  const refs = await repo.personRefs(db, ids);
  const candidates = await mentorFacts(db, ids);
  const current = facts.assignments.get(id) ?? [];
  const proposal = (slot: 'unit_head' | 'related_leader') =>
    proposedIds[slot]
      .map((pid) => refs.find((r) => r.personId === pid))
      .filter((r): r is (typeof refs)[number] => !!r)
      .map(({ active: _active, ...ref }) => {
        const other = current.find((a) => a.assignment.slot !== slot)?.assignment.mentorPersonId ?? null;
        return {
          ...ref,
          issues: checkPairing(slot, reserveFacts, candidates.get(ref.personId)!, other).map(describeIssue),
        };
      });
  return {
    ...present(ctx, row, facts),
    history: history.map((a) => presentAssignment(ctx, a, row.unitPath)),
    proposals: { unit_head: proposal('unit_head'), related_leader: proposal('related_leader') },
    relatedUnits: related.map((u) => ({ id: u.unitId, name: u.unitName })),
  };
}

/** What the rule says about a proposed pairing, before assigning. */
export async function checkProposedPairing(
  ctx: ServiceContext,
  reserveId: string,
  body: z.infer<typeof CheckPairingBody>,
  db: Db = ctx.db,
) {
  const row = await loadReserve(db, ctx, reserveId, 'mentors.manage');
  const [ref] = await repo.personRefs(db, [body.mentorPersonId]);
  if (!ref) throw new AppError('not_found');
  const facts = await loadFacts(db, [row]);
  const other =
    (facts.assignments.get(reserveId) ?? []).find((a) => a.assignment.slot !== body.slot)?.assignment
      .mentorPersonId ?? null;
  const mentor = (await mentorFacts(db, [body.mentorPersonId])).get(body.mentorPersonId)!;
  const issues = checkPairing(body.slot, facts.reserve.get(reserveId)!, mentor, other);
  const { active: _active, ...person } = ref;
  return {
    row,
    mentor: person,
    issues,
    described: issues.map(describeIssue),
    exceptionAllowed: exceptionAllowed(issues),
  };
}

/**
 * Assigns a mentor to a slot from a day (replacing the current one, whose history is kept). A
 * pairing that breaks the rule needs HR's exception reason; a hard breach (the reserve themselves,
 * someone no longer employed, the other slot's mentor) is refused. The mentor's obligations start
 * on that day; the replaced mentor's still ahead are waived.
 */
export async function assignMentor(ctx: ServiceContext, reserveId: string, body: z.infer<typeof AssignBody>) {
  return ctx.db.transaction(async (tx) => {
    const check = await checkProposedPairing(ctx, reserveId, body, tx);
    const { row } = check;
    if (row.state !== 'active')
      throw new AppError('conflict', null, {
        zh: '只能为在库培养的后备人员指定导师。',
        en: 'The reserve is not active.',
      });
    const label = MENTOR_SLOT_LABELS[body.slot].zh;
    const hard = check.issues.filter((i) => HARD_ISSUES.includes(i));
    if (hard.length > 0)
      throw new AppError('validation_failed', {
        fields: [{ path: 'mentorPersonId', message: hard.map((i) => PAIRING_ISSUE_LABELS[i].zh).join('；') }],
      });
    if (check.issues.length > 0 && !body.exceptionReason)
      throw new AppError('validation_failed', {
        fields: [
          {
            path: 'exceptionReason',
            message: `不符合${label}的规定：${check.issues.map((i) => PAIRING_ISSUE_LABELS[i].zh).join('；')}。如确需指定，请填写例外理由 / give the reason for the exception`,
          },
        ],
      });
    const today = todayIn(row.timeZone);
    if (body.startOn > today)
      throw new AppError('validation_failed', {
        fields: [{ path: 'startOn', message: '开始日期不能晚于今天 / not in the future' }],
      });
    if (row.enrolledOn && body.startOn < row.enrolledOn)
      throw new AppError('validation_failed', {
        fields: [
          { path: 'startOn', message: `开始日期不能早于入库日期 ${row.enrolledOn} / before enrolment` },
        ],
      });
    const [current] = await tx
      .select()
      .from(mentorAssignments)
      .where(
        and(
          eq(mentorAssignments.reserveId, reserveId),
          eq(mentorAssignments.slot, body.slot),
          isNull(mentorAssignments.endOn),
        ),
      );
    if (current?.mentorPersonId === body.mentorPersonId)
      throw new AppError('conflict', null, {
        zh: `${check.mentor.name} 已是该后备人员的${label}。`,
        en: 'Already the mentor.',
      });
    if (current && body.startOn < current.startOn)
      throw new AppError('validation_failed', {
        fields: [
          {
            path: 'startOn',
            message: `不能早于现任导师的开始日期 ${current.startOn} / before the current mentor began`,
          },
        ],
      });
    if (current) {
      // The old mentor's last day is the day before the new one starts (never before their own start).
      const lastDay = [addDays(body.startOn, -1), current.startOn].sort().at(-1)!;
      await tx
        .update(mentorAssignments)
        .set({
          endOn: lastDay,
          endReason: `更换为 ${check.mentor.name}`,
          endedBy: ctx.actor.userId,
          endedAt: new Date(),
        })
        .where(eq(mentorAssignments.id, current.id));
      await releaseMentor(tx, {
        reserveId,
        mentorPersonId: current.mentorPersonId,
        from: body.startOn,
        byUserId: ctx.actor.userId,
      });
    }
    const [created] = await tx
      .insert(mentorAssignments)
      .values({
        reserveId,
        mentorPersonId: body.mentorPersonId,
        slot: body.slot,
        startOn: body.startOn,
        exceptionReason: check.issues.length > 0 ? body.exceptionReason : null,
        exceptedIssues: check.issues,
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
      })
      .returning();
    if (row.enrolledOn && row.cycleEnd)
      await scheduleMentor(tx, {
        reserve: {
          id: reserveId,
          programmeId: row.programmeId,
          enrolledOn: row.enrolledOn,
          cycleEnd: row.cycleEnd,
          timeZone: row.timeZone,
        },
        mentorPersonId: body.mentorPersonId,
        startOn: body.startOn,
      });
    await writeAudit(tx, ctx.audit, {
      action: 'mentor.assigned',
      entityType: 'mentor_assignment',
      entityId: created.id,
      unitPath: row.unitPath,
      summary: `${row.personName} 的${label}：${check.mentor.name}（自 ${body.startOn}）${current ? '，原导师结束指导' : ''}${check.issues.length > 0 ? `，例外：${body.exceptionReason}` : ''}`,
      before: current ?? null,
      after: created,
    });
    return getReserveMentors(ctx, reserveId, tx);
  });
}

/** Ends a mentorship on its last day (the mentor left, for instance): the slot stays empty until HR assigns another. */
export async function endAssignment(
  ctx: ServiceContext,
  id: string,
  body: z.infer<typeof EndAssignmentBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const found = await repo.findAssignment(tx, id);
    const row = found ? await repo.findReserve(tx, found.assignment.reserveId) : null;
    assertInScope(ctx.actor, 'mentors.manage', row?.unitPath);
    const { assignment } = found!;
    if (assignment.endOn)
      throw new AppError('conflict', null, { zh: '该指导关系已结束。', en: 'Already ended.' });
    if (body.endOn < assignment.startOn || body.endOn > todayIn(row!.timeZone))
      throw new AppError('validation_failed', {
        fields: [
          { path: 'endOn', message: '结束日期须在开始日期之后、不晚于今天 / between the start and today' },
        ],
      });
    await tx
      .update(mentorAssignments)
      .set({ endOn: body.endOn, endReason: body.reason, endedBy: ctx.actor.userId, endedAt: new Date() })
      .where(eq(mentorAssignments.id, id));
    const waived = await releaseMentor(tx, {
      reserveId: assignment.reserveId,
      mentorPersonId: assignment.mentorPersonId,
      from: addDays(body.endOn, 1),
      byUserId: ctx.actor.userId,
    });
    await writeAudit(tx, ctx.audit, {
      action: 'mentor.ended',
      entityType: 'mentor_assignment',
      entityId: id,
      unitPath: row!.unitPath,
      summary: `${row!.personName} 的${MENTOR_SLOT_LABELS[assignment.slot].zh} ${found!.mentorName} 结束指导（${body.endOn}）：${body.reason}；免除其后续任务 ${waived} 项`,
      before: { endOn: null },
      after: { endOn: body.endOn, endReason: body.reason },
    });
    return getReserveMentors(ctx, assignment.reserveId, tx);
  });
}

/**
 * A reserve who leaves the pool (promoted, eliminated, withdrawn, completed) has no mentors from
 * that day: their current mentorships end then, so the mentors' pages and the breach flags no
 * longer count them. The history — and with it the mentor reward, which reads ended mentorships
 * too — stays. The mentors' later obligations are waived with the reserve's own by the caller.
 * Runs in the caller's transaction; returns how many mentorships ended.
 */
export async function endMentorshipsOnLeaving(
  db: Db,
  ctx: ServiceContext,
  input: { reserveId: string; effectiveOn: string; reason: string },
): Promise<number> {
  const ended = await db
    .update(mentorAssignments)
    .set({
      // Never before the mentorship began (one assigned after the recorded leaving date).
      endOn: sql`GREATEST(${mentorAssignments.startOn}, ${input.effectiveOn}::date)`,
      endReason: input.reason,
      endedBy: ctx.actor.userId,
      endedAt: new Date(),
    })
    .where(and(eq(mentorAssignments.reserveId, input.reserveId), isNull(mentorAssignments.endOn)))
    .returning({ id: mentorAssignments.id });
  return ended.length;
}
