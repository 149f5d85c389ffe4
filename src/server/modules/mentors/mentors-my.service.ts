import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { EndorseBody, MenteeItem, MenteesQuery, MyMentorsOut } from '../../../contracts/mentors.js';
import { summariseOwed } from '../../../core/talks/talk-plan.js';
import { todayIn, yearOf } from '../../../core/time/dates.js';
import { writeAudit } from '../../platform/audit.js';
import { readAll } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { findObligationsForEvidence } from '../obligations/evidence.service.js';
import { lastTalksOf } from '../talks/talks-plan.service.js';
import * as mentors from './mentors.repository.js';
import { mentorAssessments, mentorEndorsements, mentorRewards } from './mentors.table.js';
import * as rewards from './rewards.repository.js';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The mentor's page: each current mentee, this year's quarterly talks done and due, the year's assessment. */
export async function listMentees(ctx: ServiceContext, query: z.infer<typeof MenteesQuery>) {
  const year = query.year ?? yearOf(todayIn(DEFAULT_TIME_ZONE));
  const me = ctx.actor.personId;
  if (!me) return { year, items: [] };
  const assignments = await mentors.assignmentsOfMentor(ctx.db, me);
  const reserves = (
    await Promise.all(assignments.map((a) => mentors.findReserve(ctx.db, a.assignment.reserveId)))
  ).filter((r): r is mentors.ReserveRow => r?.state === 'active');
  const ids = reserves.map((r) => r.reserveId);
  if (ids.length === 0) return { year, items: [] };
  const [talks, assessmentDuties, assessments, last] = await Promise.all([
    findObligationsForEvidence(ctx.db, { reserveIds: ids, evidenceKind: 'mentor_talk', actorPersonId: me }),
    findObligationsForEvidence(ctx.db, {
      reserveIds: ids,
      evidenceKind: 'mentor_assessment',
      actorPersonId: me,
      onDate: `${year}-12-31`,
    }),
    ctx.db
      .select()
      .from(mentorAssessments)
      .where(
        and(
          inArray(mentorAssessments.reserveId, ids),
          eq(mentorAssessments.mentorPersonId, me),
          eq(mentorAssessments.year, year),
        ),
      ),
    lastTalksOf(ctx.db, me, ids),
  ]);
  const items: z.infer<typeof MenteeItem>[] = reserves.map((r) => {
    const assignment = assignments.find((a) => a.assignment.reserveId === r.reserveId)!.assignment;
    const mine = talks.filter((t) => t.reserveId === r.reserveId && yearOf(t.periodStart) === year);
    const [line] = summariseOwed(mine, todayIn(r.timeZone), 14);
    const duty = assessmentDuties.find((d) => d.reserveId === r.reserveId) ?? null;
    const assessment = assessments.find((a) => a.reserveId === r.reserveId) ?? null;
    return {
      reserveId: r.reserveId,
      personName: r.personName,
      employeeNo: r.employeeNo,
      unitName: r.unitName,
      programmeName: r.programmeName,
      direction: r.direction,
      slot: assignment.slot,
      startOn: assignment.startOn,
      talks: {
        total: line?.total ?? 0,
        done: line?.done ?? 0,
        overdue: line?.overdue ?? 0,
        next: line?.next ? { periodKey: line.next.periodKey, dueDate: line.next.dueDate } : null,
      },
      lastTalkOn:
        last.find((l) => l.reserveId === r.reserveId && l.kind === 'mentor_quarterly')?.heldOn ?? null,
      assessment: {
        year,
        dueDate: duty?.dueDate ?? null,
        obligationState: duty?.state ?? null,
        assessmentId: assessment?.id ?? null,
        state: assessment?.state ?? null,
      },
    };
  });
  return { year, items };
}

/** The reserve's own page: their memberships, mentors (current and past), and endorsements asked. */
export async function myMentors(ctx: ServiceContext): Promise<z.infer<typeof MyMentorsOut>> {
  const me = ctx.actor.personId;
  if (!me) return { memberships: [] };
  const memberships = (await mentors.reservesOfPerson(ctx.db, me)).filter(
    (r) => r.state === 'active' || r.state === 'promoted',
  );
  const ids = memberships.map((m) => m.reserveId);
  // ctx.db is the endorsement's transaction when it answers with the page.
  const [assignments, endorsements, given, promoted] = await readAll(ctx.db, [
    () => mentors.assignmentsOfReserves(ctx.db, ids),
    () => rewards.endorsementsOf(ctx.db, ids),
    () => rewards.rewardsOf(ctx.db, ids),
    () => rewards.promotedReserves(ctx.db, { reserveIds: ids }),
  ]);
  return {
    memberships: memberships.map((m) => {
      const promotion = promoted.find((p) => p.reserveId === m.reserveId)?.promotion ?? null;
      const asked = m.state === 'promoted' && !!promotion?.middleManagement;
      return {
        reserveId: m.reserveId,
        programmeName: m.programmeName,
        state: m.state,
        promotion: promotion
          ? {
              on: promotion.effectiveOn,
              newPost: promotion.newPost,
              middleManagement: !!promotion.middleManagement,
            }
          : null,
        mentors: assignments
          .filter((a) => a.assignment.reserveId === m.reserveId)
          .map((a) => {
            const e = endorsements.find(
              (x) => x.reserveId === m.reserveId && x.mentorPersonId === a.assignment.mentorPersonId,
            );
            const rewarded = given.some(
              (g) => g.reserveId === m.reserveId && g.mentorPersonId === a.assignment.mentorPersonId,
            );
            return {
              mentor: {
                personId: a.assignment.mentorPersonId,
                name: a.mentorName,
                employeeNo: a.mentorEmployeeNo,
                post: a.mentorPost,
                unitName: a.mentorUnitName,
              },
              slot: a.assignment.slot,
              startOn: a.assignment.startOn,
              endOn: a.assignment.endOn,
              endorsement: e
                ? { endorsed: e.endorsed, comment: e.comment, answeredAt: e.answeredAt.toISOString() }
                : null,
              mayEndorse: asked && !rewarded,
            };
          }),
      };
    }),
  };
}

/**
 * The promoted mentee answers whether they endorse a mentor's work (认可导师培养工作), with an
 * optional comment; they may change the answer until HR approves the mentor's reward.
 */
export async function endorse(ctx: ServiceContext, body: z.infer<typeof EndorseBody>) {
  return ctx.db.transaction(async (tx) => {
    const reserve = await mentors.findReserve(tx, body.reserveId);
    if (!reserve || !ctx.actor.personId || reserve.personId !== ctx.actor.personId)
      throw new AppError('not_found');
    const assignments = await mentors.assignmentsOfReserves(tx, [reserve.reserveId]);
    if (!assignments.some((a) => a.assignment.mentorPersonId === body.mentorPersonId))
      throw new AppError('not_found');
    const [promotion] = (await rewards.promotedReserves(tx, { reserveIds: [reserve.reserveId] })).map(
      (p) => p.promotion,
    );
    if (reserve.state !== 'promoted' || !promotion?.middleManagement)
      throw new AppError('conflict', null, {
        zh: '晋升为中层领导后才能评价导师培养工作。',
        en: 'The endorsement is asked once promoted to middle management.',
      });
    const [rewarded] = await tx
      .select({ id: mentorRewards.id })
      .from(mentorRewards)
      .where(
        and(
          eq(mentorRewards.reserveId, reserve.reserveId),
          eq(mentorRewards.mentorPersonId, body.mentorPersonId),
        ),
      );
    if (rewarded)
      throw new AppError('conflict', null, {
        zh: '导师奖励已审批，评价不能再修改。',
        en: 'The reward is approved; the answer is final.',
      });
    const values = { endorsed: body.endorsed, comment: body.comment, answeredAt: new Date() };
    await tx
      .insert(mentorEndorsements)
      .values({ reserveId: reserve.reserveId, mentorPersonId: body.mentorPersonId, ...values })
      .onConflictDoUpdate({
        target: [mentorEndorsements.reserveId, mentorEndorsements.mentorPersonId],
        set: values,
      });
    const mentor = assignments.find((a) => a.assignment.mentorPersonId === body.mentorPersonId)!;
    await writeAudit(tx, ctx.audit, {
      action: 'endorsement.answered',
      entityType: 'mentor_endorsement',
      unitPath: reserve.unitPath,
      summary: `${reserve.personName} ${body.endorsed ? '认可' : '不认可'}导师 ${mentor.mentorName} 的培养工作${body.comment ? `：${body.comment}` : ''}`,
      after: values,
    });
    return myMentors({ ...ctx, db: tx });
  });
}
