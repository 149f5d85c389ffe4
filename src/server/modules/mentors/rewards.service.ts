import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ApproveBody,
  CandidatesQuery,
  PaidBody,
  REWARD_FILTERS,
  RevokeBody,
  RewardCandidate,
  RewardExportQuery,
} from '../../../contracts/rewards.js';
import { formatFen, sumFen } from '../../../core/mentors/money.js';
import { isEligible, type PairObligation, rewardConditions } from '../../../core/mentors/reward.js';
import { todayIn } from '../../../core/time/dates.js';
import { assertPermission, inScope, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { type Db, readAll } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { type EvidenceTarget, findObligationsForEvidence } from '../obligations/evidence.service.js';
import { orgUnits } from '../units/units.table.js';
import * as mentors from './mentors.repository.js';
import { mentorRewards } from './mentors.table.js';
import { settingsOf } from './mentors-config.service.js';
import * as repo from './rewards.repository.js';

type Candidate = z.infer<typeof RewardCandidate> & { unitPath: string };

/**
 * Every mentor–mentee pair of the promoted reserves in scope, with each reward condition met or
 * not and the evidence behind it: the mentor's quarterly talk obligations and the talk records that
 * settled them, the annual assessments filed, the mentee's endorsement, any reward approved.
 */
export async function computeCandidates(
  db: Db,
  ctx: ServiceContext,
  filter: { programmeId?: string; q?: string; reserveIds?: string[] },
): Promise<Candidate[]> {
  const promoted = await repo.promotedReserves(db, {
    scope: pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'rewards.read')),
    ...filter,
  });
  if (promoted.length === 0) return [];
  const ids = promoted.map((p) => p.reserveId);
  const [assignments, talks, assessments, endorsements, rewards] = await readAll(db, [
    () => mentors.assignmentsOfReserves(db, ids),
    () => findObligationsForEvidence(db, { reserveIds: ids, evidenceKind: 'mentor_talk' }),
    () => findObligationsForEvidence(db, { reserveIds: ids, evidenceKind: 'mentor_assessment' }),
    () => repo.endorsementsOf(db, ids),
    () => repo.rewardsOf(db, ids),
  ]);
  const records = await repo.recordsFor(
    db,
    [...talks, ...assessments].map((o) => o.id),
  );
  const recordsOf = new Map<string, string[]>();
  for (const r of records)
    if (r.sourceId) recordsOf.set(r.obligationId, [...(recordsOf.get(r.obligationId) ?? []), r.sourceId]);
  const settings = new Map<string, number>();
  for (const programmeId of new Set(promoted.map((p) => p.programmeId)))
    settings.set(programmeId, (await settingsOf(db, programmeId)).rewardFen);
  // Everything by pair (reserve and mentor), so that a province's thousand pairs are look-ups.
  const pairKey = (reserveId: string, mentorId: string | null) => `${reserveId}|${mentorId}`;
  const byPair = (list: EvidenceTarget[]) => {
    const out = new Map<string, PairObligation[]>();
    for (const o of list) {
      const key = pairKey(o.reserveId, o.actorPersonId);
      const item = {
        obligationId: o.id,
        periodKey: o.periodKey,
        dueDate: o.dueDate,
        state: o.state,
        fulfilledOn: o.fulfilledOn,
        recordIds: recordsOf.get(o.id) ?? [],
      };
      const known = out.get(key);
      if (known) known.push(item);
      else out.set(key, [item]);
    }
    return out;
  };
  const talksOf = byPair(talks);
  const assessmentsOf = byPair(assessments);
  const endorsementOf = new Map(endorsements.map((e) => [pairKey(e.reserveId, e.mentorPersonId), e]));
  const rewardOf = new Map(rewards.map((r) => [pairKey(r.reserveId, r.mentorPersonId), r]));
  const assignmentsOf = new Map<string, mentors.AssignmentRow[]>();
  for (const a of assignments) {
    const known = assignmentsOf.get(a.assignment.reserveId);
    if (known) known.push(a);
    else assignmentsOf.set(a.assignment.reserveId, [a]);
  }
  const out: Candidate[] = [];
  for (const reserve of promoted) {
    const mine = assignmentsOf.get(reserve.reserveId) ?? [];
    for (const mentorId of new Set(mine.map((a) => a.assignment.mentorPersonId))) {
      const spans = mine.filter((a) => a.assignment.mentorPersonId === mentorId);
      const first = spans.reduce((a, b) => (a.assignment.startOn <= b.assignment.startOn ? a : b));
      const ends = spans.map((s) => s.assignment.endOn);
      const endorsement = endorsementOf.get(pairKey(reserve.reserveId, mentorId)) ?? null;
      const reward = rewardOf.get(pairKey(reserve.reserveId, mentorId)) ?? null;
      const facts = {
        promotion: reserve.promotion
          ? {
              on: reserve.promotion.effectiveOn,
              newPost: reserve.promotion.newPost,
              middleManagement: !!reserve.promotion.middleManagement,
            }
          : null,
        talks: talksOf.get(pairKey(reserve.reserveId, mentorId)) ?? [],
        assessments: assessmentsOf.get(pairKey(reserve.reserveId, mentorId)) ?? [],
        endorsement,
      };
      const conditions = rewardConditions(facts);
      const failing = new Set(conditions.flatMap((c) => c.failing ?? []));
      const eligible = isEligible(conditions);
      const amountFen = reward?.amountFen ?? settings.get(reserve.programmeId)!;
      const manage = inScope(ctx.actor, 'rewards.manage', reserve.unitPath);
      out.push({
        key: `${reserve.reserveId}:${mentorId}`,
        reserveId: reserve.reserveId,
        unitPath: reserve.unitPath,
        personName: reserve.personName,
        employeeNo: reserve.employeeNo,
        unitName: reserve.unitName,
        programmeName: reserve.programmeName,
        promotion: facts.promotion,
        mentor: {
          personId: mentorId,
          name: first.mentorName,
          employeeNo: first.mentorEmployeeNo,
          post: first.mentorPost,
          unitName: first.mentorUnitName,
        },
        mentorship: {
          startOn: first.assignment.startOn,
          endOn: ends.includes(null) ? null : ends.sort().at(-1)!,
        },
        conditions: conditions.map(({ key, met, required, satisfied }) => ({
          key,
          met,
          required,
          satisfied,
        })),
        talks: facts.talks.map((o) => ({ ...o, ok: !failing.has(o.obligationId) })),
        assessments: facts.assessments.map((o) => ({ ...o, ok: !failing.has(o.obligationId) })),
        endorsement: endorsement
          ? {
              endorsed: endorsement.endorsed,
              comment: endorsement.comment,
              answeredAt: endorsement.answeredAt.toISOString(),
            }
          : null,
        eligible,
        amountFen,
        amountYuan: formatFen(amountFen),
        reward: reward
          ? {
              id: reward.id,
              state: reward.state,
              amountFen: reward.amountFen,
              approvedByName: reward.approvedByName,
              approvedAt: reward.approvedAt.toISOString(),
              paidOn: reward.paidOn,
              version: reward.version,
            }
          : null,
        actions: {
          approve: manage && eligible && !reward,
          revoke: manage && reward?.state === 'approved',
          pay: manage && reward?.state === 'approved',
        },
      });
    }
  }
  return out;
}

type Filter = (typeof REWARD_FILTERS)[number];
const matches = (c: Candidate, f: Filter) =>
  f === 'approved'
    ? c.reward?.state === 'approved'
    : f === 'paid'
      ? c.reward?.state === 'paid'
      : f === 'eligible'
        ? c.eligible && !c.reward
        : !c.eligible && !c.reward;

/** The candidate pairs, filtered and paged, with counts per status and the approved amount unpaid. */
export async function listCandidates(ctx: ServiceContext, query: z.infer<typeof CandidatesQuery>) {
  assertPermission(ctx.actor, 'rewards.read');
  const all = await computeCandidates(ctx.db, ctx, { programmeId: query.programmeId, q: query.q });
  const counts = { eligible: 0, not_eligible: 0, approved: 0, paid: 0 } as Record<Filter, number>;
  for (const c of all) for (const f of Object.keys(counts) as Filter[]) if (matches(c, f)) counts[f] += 1;
  const chosen = query.status ? all.filter((c) => matches(c, query.status!)) : all;
  const items = chosen
    .slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
    .map(({ unitPath: _p, ...c }) => c);
  return {
    items,
    total: chosen.length,
    page: query.page,
    pageSize: query.pageSize,
    counts,
    approvedFen: sumFen(all.filter((c) => c.reward?.state === 'approved').map((c) => c.reward!.amountFen)),
  };
}

/** HR approves eligible pairs: each reward is fixed at the programme's amount, with the conditions as they stand. */
export async function approveRewards(ctx: ServiceContext, body: z.infer<typeof ApproveBody>) {
  assertPermission(ctx.actor, 'rewards.manage');
  return ctx.db.transaction(async (tx) => {
    const candidates = await computeCandidates(tx, ctx, {
      reserveIds: [...new Set(body.pairs.map((p) => p.reserveId))],
    });
    const approved: string[] = [];
    for (const pair of body.pairs) {
      const c = candidates.find(
        (x) => x.reserveId === pair.reserveId && x.mentor.personId === pair.mentorPersonId,
      );
      if (!c || !inScope(ctx.actor, 'rewards.manage', c.unitPath)) throw new AppError('not_found');
      if (c.reward)
        throw new AppError('conflict', null, {
          zh: `${c.mentor.name}（${c.personName}）的奖励已审批。`,
          en: 'Already approved.',
        });
      if (!c.eligible)
        throw new AppError('conflict', null, {
          zh: `${c.mentor.name}（导师）与 ${c.personName} 不符合奖励条件。`,
          en: 'The pair does not meet the conditions.',
        });
      const conditions = rewardConditions({
        promotion: c.promotion,
        talks: c.talks,
        assessments: c.assessments,
        endorsement: c.endorsement,
      });
      const [row] = await tx
        .insert(mentorRewards)
        .values({
          reserveId: c.reserveId,
          mentorPersonId: c.mentor.personId,
          amountFen: c.amountFen,
          conditions,
          approvedBy: ctx.actor.userId,
          approvedByName: ctx.actor.displayName,
        })
        .returning();
      await writeAudit(tx, ctx.audit, {
        action: 'reward.approved',
        entityType: 'mentor_reward',
        entityId: row.id,
        unitPath: c.unitPath,
        summary: `导师 ${c.mentor.name}（后备人员 ${c.personName} 晋升 ${c.promotion?.newPost ?? ''}）奖励 ${formatFen(c.amountFen)} 元`,
        after: row,
      });
      approved.push(row.id);
    }
    return { approved: approved.length };
  });
}

async function loadReward(db: Db, ctx: ServiceContext, id: string) {
  const [row] = await db.select().from(mentorRewards).where(eq(mentorRewards.id, id)).limit(1);
  const [candidate] = row ? await computeCandidates(db, ctx, { reserveIds: [row.reserveId] }) : [];
  if (!row || !candidate || !inScope(ctx.actor, 'rewards.manage', candidate.unitPath))
    throw new AppError('not_found');
  return { row, candidate };
}

/** HR takes back an approval not yet paid. */
export async function revokeReward(ctx: ServiceContext, id: string, body: z.infer<typeof RevokeBody>) {
  assertPermission(ctx.actor, 'rewards.manage');
  return ctx.db.transaction(async (tx) => {
    const { row, candidate } = await loadReward(tx, ctx, id);
    if (row.state !== 'approved')
      throw new AppError('conflict', null, {
        zh: '已发放的奖励不能撤销。',
        en: 'A paid reward cannot be revoked.',
      });
    const deleted = await tx
      .delete(mentorRewards)
      .where(and(eq(mentorRewards.id, id), eq(mentorRewards.version, body.version)))
      .returning();
    if (deleted.length === 0) throw new AppError('conflict');
    await writeAudit(tx, ctx.audit, {
      action: 'reward.revoked',
      entityType: 'mentor_reward',
      entityId: id,
      unitPath: candidate.unitPath,
      summary: `撤销导师奖励：${formatFen(row.amountFen)} 元（${body.reason}）`,
      before: row,
    });
    return { ok: true as const };
  });
}

/** HR marks approved rewards paid on a day. */
export async function markPaid(ctx: ServiceContext, body: z.infer<typeof PaidBody>) {
  assertPermission(ctx.actor, 'rewards.manage');
  return ctx.db.transaction(async (tx) => {
    if (body.paidOn > todayIn())
      throw new AppError('validation_failed', {
        fields: [{ path: 'paidOn', message: '发放日期不能晚于今天 / not in the future' }],
      });
    const rows = await tx
      .select()
      .from(mentorRewards)
      .where(inArray(mentorRewards.id, [...new Set(body.rewardIds)]));
    if (rows.length !== new Set(body.rewardIds).size) throw new AppError('not_found');
    const candidates = await computeCandidates(tx, ctx, {
      reserveIds: [...new Set(rows.map((r) => r.reserveId))],
    });
    for (const row of rows) {
      const c = candidates.find(
        (x) => x.reserveId === row.reserveId && x.mentor.personId === row.mentorPersonId,
      );
      if (!c || !inScope(ctx.actor, 'rewards.manage', c.unitPath)) throw new AppError('not_found');
      if (row.state !== 'approved')
        throw new AppError('conflict', null, { zh: `${c.mentor.name} 的奖励已发放。`, en: 'Already paid.' });
      await tx
        .update(mentorRewards)
        .set({
          state: 'paid',
          paidOn: body.paidOn,
          paidBy: ctx.actor.userId,
          version: sql`${mentorRewards.version} + 1`,
        })
        .where(eq(mentorRewards.id, row.id));
      await writeAudit(tx, ctx.audit, {
        action: 'reward.paid',
        entityType: 'mentor_reward',
        entityId: row.id,
        unitPath: c.unitPath,
        summary: `导师 ${c.mentor.name} 奖励 ${formatFen(row.amountFen)} 元已于 ${body.paidOn} 发放`,
      });
    }
    return { paid: rows.length };
  });
}

/** The approved (or paid) rewards as a workbook for payment, with the total; the export is audited. */
export async function exportRewards(ctx: ServiceContext, query: z.infer<typeof RewardExportQuery>) {
  assertPermission(ctx.actor, 'rewards.read');
  const chosen = (await computeCandidates(ctx.db, ctx, { programmeId: query.programmeId })).filter(
    (c) => c.reward?.state === query.status,
  );
  await writeAudit(ctx.db, ctx.audit, {
    action: 'reward.exported',
    entityType: 'mentor_reward',
    unitPath: scopePaths(ctx.actor, 'rewards.read')[0] ?? null,
    summary: `导出导师奖励名单（${query.status === 'approved' ? '待发放' : '已发放'}）${chosen.length} 人，合计 ${formatFen(sumFen(chosen.map((c) => c.reward!.amountFen)))} 元`,
  });
  const rows = chosen.map((c, i) => ({
    no: i + 1,
    mentor: c.mentor.name,
    employeeNo: c.mentor.employeeNo,
    mentorUnit: c.mentor.unitName,
    mentorPost: c.mentor.post,
    mentee: c.personName,
    menteeNo: c.employeeNo,
    newPost: c.promotion?.newPost,
    promotedOn: c.promotion?.on,
    amount: formatFen(c.reward!.amountFen),
    approvedBy: c.reward!.approvedByName,
    approvedOn: c.reward!.approvedAt.slice(0, 10),
    paidOn: c.reward!.paidOn,
  }));
  rows.push({
    no: '合计' as unknown as number,
    mentor: `${chosen.length} 人`,
    amount: formatFen(sumFen(chosen.map((c) => c.reward!.amountFen))),
  } as (typeof rows)[number]);
  async function* batches() {
    yield rows;
  }
  return streamWorkbook({
    sheetName: '导师奖励',
    columns: [
      { header: '序号', key: 'no', width: 6 },
      { header: '导师姓名', key: 'mentor', width: 10 },
      { header: '工号', key: 'employeeNo', width: 10 },
      { header: '导师单位', key: 'mentorUnit', width: 18 },
      { header: '导师职务', key: 'mentorPost', width: 16 },
      { header: '后备人员', key: 'mentee', width: 10 },
      { header: '后备人员工号', key: 'menteeNo', width: 12 },
      { header: '晋升职务', key: 'newPost', width: 18 },
      { header: '晋升日期', key: 'promotedOn', width: 12 },
      { header: '奖励金额（元）', key: 'amount', width: 14 },
      { header: '审批人', key: 'approvedBy', width: 12 },
      { header: '审批日期', key: 'approvedOn', width: 12 },
      { header: '发放日期', key: 'paidOn', width: 12 },
    ],
    rows: batches(),
  });
}
