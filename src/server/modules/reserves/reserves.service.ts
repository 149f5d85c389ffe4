import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  DecideBody,
  NominateBody,
  PoolQuery,
  ReserveDetail,
  ReserveItem,
  TransitionBody,
  UpdateReserveBody,
} from '../../../contracts/reserves.js';
import { checkEligibility } from '../../../core/programme/eligibility.js';
import { canTransition, RESERVE_STATE_LABELS, type ReserveState } from '../../../core/programme/pool.js';
import { cycleEndOf } from '../../../core/programme/schedule.js';
import { todayIn, yearOf } from '../../../core/time/dates.js';
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
import { streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { currentMentorsOf, endMentorshipsOnLeaving } from '../mentors/mentors.service.js';
import { generateObligationsMany, waiveFutureObligations } from '../obligations/obligations.service.js';
import { findPeopleInScope } from '../people/people.service.js';
import { findVersion } from '../programmes/programmes.repository.js';
import { loadProgramme } from '../programmes/programmes.service.js';
import { followRecordedLearning } from '../training/learning-follow.js';
import { getUnitRow } from '../units/units.service.js';
import { orgUnits } from '../units/units.table.js';
import * as repo from './reserves.repository.js';
import { reserveEvents, reserves } from './reserves.table.js';

type Item = z.infer<typeof ReserveItem>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findReserve>>>;

function present(ctx: ServiceContext, row: Row): Item {
  const { reserve } = row;
  return {
    id: reserve.id,
    personId: reserve.personId,
    personName: row.personName,
    employeeNo: row.employeeNo,
    gender: row.gender,
    birthDate: row.birthDate,
    currentPost: row.currentPost,
    unitId: row.unitId,
    unitName: row.unitName,
    programmeId: reserve.programmeId,
    programmeName: row.programmeName,
    tier: row.tier,
    state: reserve.state,
    cohortYear: reserve.cohortYear,
    nominatedOn: reserve.nominatedOn,
    enrolledOn: reserve.enrolledOn,
    cycleEnd: reserve.cycleEnd,
    direction: reserve.direction,
    eligibilityIssues: reserve.eligibilityIssues,
    overrideReason: reserve.overrideReason,
    version: reserve.version,
    actions: {
      decide: reserve.state === 'nominated' && inScope(ctx.actor, 'pool.decide', row.unitPath),
      transition: reserve.state === 'active' && inScope(ctx.actor, 'pool.nominate', row.unitPath),
    },
  };
}

/** The pool filter of a query, scoped to the caller (the unit filter must itself be visible). */
async function poolFilterOf(
  ctx: ServiceContext,
  query: Omit<z.infer<typeof PoolQuery>, 'page' | 'pageSize'>,
): Promise<repo.PoolFilter> {
  const subtreePath = query.unitId
    ? (await getUnitRow(ctx.db, ctx, query.unitId, 'units.read')).path
    : undefined;
  return {
    scope: pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'pool.read')),
    q: query.q,
    state: query.state,
    subtreePath,
    programmeId: query.programmeId,
    tier: query.tier,
    cohortYear: query.cohortYear,
  };
}

/** A page of the pool the caller may see (by the reserve's unit). */
export async function listPool(ctx: ServiceContext, query: z.infer<typeof PoolQuery>) {
  assertPermission(ctx.actor, 'pool.read');
  const { items, total } = await repo.listPool(ctx.db, await poolFilterOf(ctx, query), {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: items.map((r) => present(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

async function loadReserve(
  db: Db,
  ctx: ServiceContext,
  id: string,
  permission: 'pool.read' | 'pool.nominate' | 'pool.decide',
): Promise<Row> {
  const row = await repo.findReserve(db, id);
  assertInScope(ctx.actor, permission, row?.unitPath);
  return row!;
}

/** One reserve with their history and obligation counts. */
export async function getReserve(ctx: ServiceContext, id: string): Promise<z.infer<typeof ReserveDetail>> {
  const row = await loadReserve(ctx.db, ctx, id, 'pool.read');
  const history = await repo.listHistory(ctx.db, id);
  return {
    ...present(ctx, row),
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    obligationCounts: await repo.countObligationsByState(ctx.db, id),
  };
}

/** The eligibility checks of a programme for candidates, with reasons, before nominating. */
export async function checkNominees(
  ctx: ServiceContext,
  input: { programmeId: string; personIds: string[] },
  db: Db = ctx.db,
) {
  assertPermission(ctx.actor, 'pool.nominate');
  const programme = await loadProgramme(db, ctx.actor, input.programmeId, 'read');
  const found = await findPeopleInScope({ ...ctx, db }, input.personIds);
  if (found.length !== new Set(input.personIds).size) throw new AppError('not_found');
  const open = new Set(
    (await repo.findOpenMemberships(db, input.programmeId, input.personIds)).map((m) => m.personId),
  );
  const today = todayIn(programme.programme.timeZone);
  return found.map((p) => ({
    personId: p.id,
    personName: p.name,
    employeeNo: p.employeeNo,
    issues: checkEligibility(programme.programme.eligibility, p, today),
    alreadyInPool: open.has(p.id),
  }));
}

/**
 * Nominates people into a programme's pool (提名). A nominee who fails an eligibility check is
 * nominated only with a recorded override reason; someone already in the pool is refused.
 */
export async function nominate(ctx: ServiceContext, input: z.infer<typeof NominateBody>) {
  return ctx.db.transaction(async (tx) => {
    const checks = await checkNominees(
      ctx,
      { programmeId: input.programmeId, personIds: input.nominations.map((n) => n.personId) },
      tx,
    );
    const programme = await loadProgramme(tx, ctx.actor, input.programmeId, 'read');
    const nominatedOn = input.nominatedOn ?? todayIn(programme.programme.timeZone);
    const fields: { path: string; message: string }[] = [];
    input.nominations.forEach((n, i) => {
      const check = checks.find((c) => c.personId === n.personId)!;
      if (check.alreadyInPool)
        fields.push({
          path: `nominations.${i}.personId`,
          message: `${check.personName} 已在该方案的后备库中 / already in the pool`,
        });
      if (check.issues.length > 0 && !n.overrideReason) {
        fields.push({
          path: `nominations.${i}.overrideReason`,
          message: `${check.personName} 不符合：${check.issues.map((x) => x.message.zh).join('；')}。如仍提名，请填写破格理由 / give a reason to nominate anyway`,
        });
      }
    });
    if (fields.length > 0) throw new AppError('validation_failed', { fields });
    const created: string[] = [];
    // The nominees and their units, loaded once for the batch (a batch shares few units).
    const nominees = new Map(
      (
        await findPeopleInScope(
          { ...ctx, db: tx },
          input.nominations.map((n) => n.personId),
        )
      ).map((p) => [p.id, p]),
    );
    const units = new Map<string, Awaited<ReturnType<typeof getUnitRow>>>();
    for (const n of input.nominations) {
      const check = checks.find((c) => c.personId === n.personId)!;
      const nominee = nominees.get(n.personId);
      if (!nominee) throw new AppError('not_found');
      const unitId = nominee.unitId;
      if (!units.has(unitId)) units.set(unitId, await getUnitRow(tx, ctx, unitId, 'units.read'));
      const unit = units.get(unitId)!;
      assertInScope(ctx.actor, 'pool.nominate', unit.path);
      const [reserve] = await tx
        .insert(reserves)
        .values({
          personId: n.personId,
          programmeId: input.programmeId,
          state: 'nominated',
          cohortYear: yearOf(nominatedOn),
          nominatedOn,
          direction: n.direction ?? null,
          eligibilityIssues: check.issues,
          overrideReason: check.issues.length > 0 ? (n.overrideReason ?? null) : null,
        })
        .returning();
      await tx.insert(reserveEvents).values({
        reserveId: reserve.id,
        fromState: null,
        toState: 'nominated',
        effectiveOn: nominatedOn,
        reason: n.overrideReason ?? null,
        byUserId: ctx.actor.userId,
        byName: ctx.actor.displayName,
      });
      await writeAudit(tx, ctx.audit, {
        action: 'reserve.nominated',
        entityType: 'reserve',
        entityId: reserve.id,
        unitPath: unit.path,
        summary: `提名 ${check.personName} 进入 ${programme.programme.name}${check.issues.length > 0 ? `（破格：${n.overrideReason}）` : ''}`,
        after: reserve,
      });
      created.push(reserve.id);
    }
    return (await repo.findReserves(tx, created)).map((r) => present(ctx, r));
  });
}

/**
 * The leadership's decision (审定) on a batch of nominees, with the meeting, its date and remarks.
 * Approval opens the reserve's cycle on the meeting date and generates their obligations.
 */
export async function decide(ctx: ServiceContext, input: z.infer<typeof DecideBody>) {
  assertPermission(ctx.actor, 'pool.decide');
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.findReserves(tx, [...new Set(input.reserveIds)]);
    if (rows.length !== new Set(input.reserveIds).size) throw new AppError('not_found');
    for (const row of rows) {
      assertInScope(ctx.actor, 'pool.decide', row.unitPath);
      if (row.reserve.state !== 'nominated') {
        throw new AppError('conflict', null, {
          zh: `${row.personName} 不是待审定状态。`,
          en: `${row.personName} is not awaiting a decision.`,
        });
      }
    }
    const to: ReserveState = input.decision === 'approve' ? 'active' : 'rejected';
    const approved: NewReserve[] = [];
    for (const row of rows) {
      const enrolment =
        to === 'active'
          ? { enrolledOn: input.meetingDate, cycleEnd: cycleEndOf(input.meetingDate, row.cycleYears) }
          : {};
      await tx
        .update(reserves)
        .set({ state: to, ...enrolment, version: sql`${reserves.version} + 1`, updatedAt: new Date() })
        .where(eq(reserves.id, row.reserve.id));
      await tx.insert(reserveEvents).values({
        reserveId: row.reserve.id,
        fromState: 'nominated',
        toState: to,
        effectiveOn: input.meetingDate,
        reason: input.remarks ?? null,
        meetingName: input.meetingName,
        meetingDate: input.meetingDate,
        byUserId: ctx.actor.userId,
        byName: ctx.actor.displayName,
      });
      if (to === 'active') {
        approved.push({
          id: row.reserve.id,
          programmeId: row.reserve.programmeId,
          timeZone: row.timeZone,
          ...(enrolment as { enrolledOn: string; cycleEnd: string }),
        });
      }
      await writeAudit(tx, ctx.audit, {
        action: to === 'active' ? 'reserve.approved' : 'reserve.rejected',
        entityType: 'reserve',
        entityId: row.reserve.id,
        unitPath: row.unitPath,
        summary: `${input.meetingName}（${input.meetingDate}）${to === 'active' ? '审定通过' : '审定未通过'}：${row.personName}`,
        after: {
          state: to,
          meetingName: input.meetingName,
          meetingDate: input.meetingDate,
          remarks: input.remarks ?? null,
        },
      });
    }
    await scheduleNewReserves(tx, ctx, approved);
    return (
      await repo.findReserves(
        tx,
        rows.map((r) => r.reserve.id),
      )
    ).map((r) => present(ctx, r));
  });
}

type NewReserve = { id: string; programmeId: string; timeZone: string; enrolledOn: string; cycleEnd: string };

/**
 * Generates newly approved reserves' obligations — for the enrolment year and, when later, the
 * current year — with one version look-up per programme and a few statements per year.
 */
async function scheduleNewReserves(db: Db, ctx: ServiceContext, approved: NewReserve[]) {
  for (const programmeId of new Set(approved.map((r) => r.programmeId))) {
    const group = approved.filter((r) => r.programmeId === programmeId);
    const programme = (await db.query.programmes.findFirst({
      where: (p, { eq: equals }) => equals(p.id, programmeId),
    }))!;
    const version = (await findVersion(db, programme.currentVersionId!))!;
    const years = new Set(group.flatMap((r) => [yearOf(r.enrolledOn), yearOf(todayIn(r.timeZone))]));
    for (const year of years) {
      const covered = group.filter((r) => year >= yearOf(r.enrolledOn) && year <= yearOf(r.cycleEnd));
      await generateObligationsMany(db, {
        reserves: covered,
        versionId: version.id,
        rules: version.rules,
        year,
      });
      // A reading plan published (or a training held with them) before their approval applies now.
      await followRecordedLearning(db, ctx, { reserveIds: covered.map((r) => r.id), year });
    }
  }
}

/**
 * Ends an active reserve's membership: promoted (提拔任用), eliminated (淘汰, with a reason code),
 * withdrawn, or completed — dated, attributed, reasoned; open obligations after the date are waived.
 */
export async function transition(ctx: ServiceContext, id: string, input: z.infer<typeof TransitionBody>) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadReserve(tx, ctx, id, 'pool.nominate');
    if (!canTransition(row.reserve.state, input.to)) {
      throw new AppError('conflict', null, {
        zh: '当前状态下不能进行此变更。',
        en: 'This change is not possible from the current state.',
      });
    }
    if (input.to === 'eliminated' && !input.reasonCode) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'reasonCode', message: '请选择淘汰原因 / choose the reason' }],
      });
    }
    if (input.to === 'promoted' && !input.newPost) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'newPost', message: '请填写晋升后的职务 / the new post' }],
      });
    }
    if (row.reserve.enrolledOn && input.effectiveOn < row.reserve.enrolledOn) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'effectiveOn', message: '日期不能早于入库日期 / before enrolment' }],
      });
    }
    const [after] = await tx
      .update(reserves)
      .set({ state: input.to, version: sql`${reserves.version} + 1`, updatedAt: new Date() })
      .where(and(eq(reserves.id, id), eq(reserves.version, input.version)))
      .returning();
    if (!after) throw new AppError('conflict');
    await tx.insert(reserveEvents).values({
      reserveId: id,
      fromState: row.reserve.state,
      toState: input.to,
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      reasonCode: input.reasonCode ?? null,
      // The promotion record (date, new post) that the mentor reward and later the selection use.
      newPost: input.to === 'promoted' ? input.newPost : null,
      middleManagement: input.to === 'promoted' ? input.middleManagement : null,
      byUserId: ctx.actor.userId,
      byName: ctx.actor.displayName,
    });
    await waiveFutureObligations(tx, {
      reserveId: id,
      from: input.effectiveOn,
      reason: `已离开后备库（${input.to}）：${input.reason}`,
      byUserId: ctx.actor.userId,
    });
    const mentorshipsEnded = await endMentorshipsOnLeaving(tx, ctx, {
      reserveId: id,
      effectiveOn: input.effectiveOn,
      reason: `已离开后备库（${RESERVE_STATE_LABELS[input.to].zh}）：${input.reason}`,
    });
    await writeAudit(tx, ctx.audit, {
      action: 'reserve.transitioned',
      entityType: 'reserve',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：${row.reserve.state} → ${input.to}${input.to === 'promoted' ? ` 任 ${input.newPost}` : ''}（${input.reason}）${mentorshipsEnded > 0 ? `；结束导师指导 ${mentorshipsEnded} 项` : ''}`,
      before: { state: row.reserve.state },
      after: {
        state: input.to,
        effectiveOn: input.effectiveOn,
        reasonCode: input.reasonCode ?? null,
        ...(input.to === 'promoted'
          ? { newPost: input.newPost, middleManagement: input.middleManagement }
          : {}),
      },
    });
    return present(ctx, (await repo.findReserve(tx, id))!);
  });
}

/** HR changes a reserve's development direction (培养方向), which the second mentor follows. */
export async function updateReserve(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof UpdateReserveBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadReserve(tx, ctx, id, 'pool.nominate');
    const [after] = await tx
      .update(reserves)
      .set({ direction: input.direction, version: sql`${reserves.version} + 1`, updatedAt: new Date() })
      .where(and(eq(reserves.id, id), eq(reserves.version, input.version)))
      .returning();
    if (!after) throw new AppError('conflict');
    await writeAudit(tx, ctx.audit, {
      action: 'reserve.updated',
      entityType: 'reserve',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：培养方向 ${row.reserve.direction ?? '（无）'} → ${input.direction ?? '（无）'}`,
      before: { direction: row.reserve.direction },
      after: { direction: input.direction },
    });
    return present(ctx, (await repo.findReserve(tx, id))!);
  });
}

/**
 * The yearly roll-over: generates the year's obligations for every active reserve of a programme
 * whose cycle covers it. Idempotent — running it twice creates nothing twice.
 */
export async function rollOver(ctx: ServiceContext, input: { programmeId: string; year: number }) {
  return ctx.db.transaction(async (tx) => {
    const programme = await loadProgramme(tx, ctx.actor, input.programmeId, 'manage');
    const version = (await findVersion(tx, programme.programme.currentVersionId!))!;
    const active = await repo.listActiveInYear(tx, input.programmeId, input.year);
    // Each current mentor owes the mentor rules from the day they were assigned (mentors module).
    const mentors = await currentMentorsOf(
      tx,
      active.map((r) => r.id),
    );
    const created = await generateObligationsMany(tx, {
      reserves: active.map((r) => ({ id: r.id, enrolledOn: r.enrolledOn!, cycleEnd: r.cycleEnd! })),
      versionId: version.id,
      rules: version.rules,
      year: input.year,
      mentorIds: mentors.ids,
      mentorStarts: mentors.starts,
    });
    // The year's training or reading plan may already be on record: the new reflections follow it.
    await followRecordedLearning(tx, ctx, { reserveIds: active.map((r) => r.id), year: input.year });
    await writeAudit(tx, ctx.audit, {
      action: 'schedule.rolled_over',
      entityType: 'programme',
      entityId: input.programmeId,
      unitPath: programme.unitPath,
      summary: `${programme.programme.name}：生成 ${input.year} 年度任务 ${created} 项（${active.length} 名后备人员）`,
    });
    return { reserves: active.length, created };
  });
}

/** The filtered pool as a workbook (every row, not a page), for the leadership's meetings. */
export async function exportPool(
  ctx: ServiceContext,
  query: Omit<z.infer<typeof PoolQuery>, 'page' | 'pageSize'>,
) {
  assertPermission(ctx.actor, 'pool.read');
  const filter = await poolFilterOf(ctx, query);
  async function* rows() {
    for (let offset = 0; ; offset += 2000) {
      const { items } = await repo.listPool(ctx.db, filter, { offset, limit: 2000 });
      yield items.map((r) => ({
        employeeNo: r.employeeNo,
        name: r.personName,
        gender: r.gender,
        birthDate: r.birthDate,
        unitName: r.unitName,
        currentPost: r.currentPost,
        programmeName: r.programmeName,
        tier: r.tier,
        direction: r.reserve.direction,
        cohortYear: r.reserve.cohortYear,
        state: RESERVE_STATE_LABELS[r.reserve.state].zh,
        nominatedOn: r.reserve.nominatedOn,
        enrolledOn: r.reserve.enrolledOn,
        cycleEnd: r.reserve.cycleEnd,
        overrideReason: r.reserve.overrideReason,
      }));
      if (items.length < 2000) return;
    }
  }
  return streamWorkbook({
    sheetName: '后备干部库',
    columns: [
      { header: '工号', key: 'employeeNo' },
      { header: '姓名', key: 'name' },
      { header: '性别', key: 'gender', width: 6 },
      { header: '出生日期', key: 'birthDate' },
      { header: '所在单位', key: 'unitName', width: 20 },
      { header: '现任职务', key: 'currentPost', width: 20 },
      { header: '培养方案', key: 'programmeName', width: 28 },
      { header: '层级', key: 'tier', width: 16 },
      { header: '培养方向', key: 'direction' },
      { header: '入库年度', key: 'cohortYear', width: 10 },
      { header: '状态', key: 'state', width: 12 },
      { header: '提名日期', key: 'nominatedOn' },
      { header: '入库日期', key: 'enrolledOn' },
      { header: '培养期满', key: 'cycleEnd' },
      { header: '破格理由', key: 'overrideReason', width: 30 },
    ],
    rows: rows(),
  });
}
