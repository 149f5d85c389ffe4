/**
 * Demo data for talks and mentors (六(三), 六(五)), on top of the demo programme's cohort: the
 * leadership's 分管 relations, the direction → departments dictionary, two mentors for every reserve
 * (one left with a breach to show), a few recorded talks and one filed annual assessment. Written
 * straight to the tables as the programme's demo is — there is no signed-in user at first start to
 * attribute them to — with the evidence rows and obligation states the evidence interface would give.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { addDays, todayIn, yearOf } from '../core/time/dates.js';
import { leaderCharges } from '../server/modules/leadership/leadership.table.js';
import {
  directionUnits,
  mentorAssessments,
  mentorAssignments,
} from '../server/modules/mentors/mentors.table.js';
import { scheduleMentor } from '../server/modules/mentors/mentors-schedule.js';
import { evidence, obligations } from '../server/modules/obligations/obligations.table.js';
import { people } from '../server/modules/people/people.table.js';
import { programmes } from '../server/modules/programmes/programmes.table.js';
import { reserves } from '../server/modules/reserves/reserves.table.js';
import { talkRecords, talkTalkers } from '../server/modules/talks/talks.table.js';
import { orgUnitDeputies, orgUnits } from '../server/modules/units/units.table.js';
import type { Db } from '../server/platform/db.js';

/** Which leadership post is in charge of which units (by unit name). */
const CHARGES: [string, string[]][] = [
  ['总经理', ['综合部(办公室)', '人力资源部']],
  ['副总经理', ['市场部', '政企客户部', '青山县分公司']],
  ['副总经理#2', ['网络运营部', '客户服务部', '临江县分公司', '南湖区分公司']],
  ['总会计师', ['财务部']],
  ['纪委书记', ['党群工作部', '纪检监察室']],
];

/** The departments each development direction relates to. */
const DIRECTIONS: [string, string[]][] = [
  ['市场营销', ['市场部', '政企客户部']],
  ['网络运营', ['网络运营部', '客户服务部']],
  ['综合管理', ['综合部(办公室)', '人力资源部']],
  ['财务管理', ['财务部']],
];

const TALK = {
  thinking: [
    '思想稳定，积极向上，能够正确对待组织安排，对个人发展有清晰规划。',
    '工作热情高，主动学习，有较强的进取心。',
  ],
  work: [
    '本季度圆满完成各项工作任务，牵头推进重点项目，业绩位居部门前列。',
    '能够按计划推进本岗位工作，配合完成专项突击任务。',
  ],
  achievements: ['主动担当，勇于攻坚，在专项工作中发挥了骨干作用。', '学习能力强，网上大学课程按时完成。'],
  shortcomings: [
    '统筹协调能力有待加强，对基层一线情况了解不够深入。',
    '工作方法还需改进，跨部门沟通不够主动。',
  ],
  advice: ['多到一线调研，主动牵头跨部门项目，提升全局观念。', '加强管理知识学习，注重总结提炼工作经验。'],
};

type Seeded = { charges: number; assignments: number; talks: number; assessments: number };

/** Seeds the demo's talks and mentors. */
export async function seedDemoMentoring(db: Db, rootUnitId: string): Promise<Seeded> {
  return db.transaction(async (tx) => {
    const today = todayIn();
    const year = yearOf(today);
    const units = await tx.select().from(orgUnits);
    const byName = new Map(units.map((u) => [u.name, u]));
    const root = units.find((u) => u.id === rootUnitId)!;
    // The leadership: the root's head, its deputies, then the other posts of the root unit.
    const rootPeople = await tx
      .select({ id: people.id, post: people.currentPost })
      .from(people)
      .where(eq(people.unitId, rootUnitId))
      .orderBy(asc(people.employeeNo));
    const deputies = await tx
      .select({ id: orgUnitDeputies.personId })
      .from(orgUnitDeputies)
      .where(eq(orgUnitDeputies.unitId, rootUnitId))
      .orderBy(asc(orgUnitDeputies.sortOrder));
    const leaderOf = (post: string): string | undefined => {
      if (post === '总经理') return root.headPersonId ?? undefined;
      if (post.startsWith('副总经理')) return deputies[post.endsWith('#2') ? 1 : 0]?.id;
      return rootPeople.find((p) => p.post === post)?.id;
    };
    let charges = 0;
    for (const [post, names] of CHARGES) {
      const leader = leaderOf(post);
      const chosen = names.map((n) => byName.get(n)).filter((u): u is (typeof units)[number] => !!u);
      if (!leader || chosen.length === 0) continue;
      await tx.insert(leaderCharges).values(
        chosen.map((u) => ({
          leaderPersonId: leader,
          unitId: u.id,
          startOn: `${year}-01-01`,
          note: '演示数据',
        })),
      );
      charges += chosen.length;
    }
    for (const [direction, names] of DIRECTIONS)
      for (const name of names) {
        const unit = byName.get(name);
        if (unit) await tx.insert(directionUnits).values({ direction, unitId: unit.id });
      }

    const cohort = await tx
      .select({
        id: reserves.id,
        personId: reserves.personId,
        direction: reserves.direction,
        enrolledOn: reserves.enrolledOn,
        cycleEnd: reserves.cycleEnd,
        programmeId: reserves.programmeId,
        timeZone: programmes.timeZone,
        unitId: people.unitId,
      })
      .from(reserves)
      .innerJoin(people, eq(people.id, reserves.personId))
      .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
      .where(eq(reserves.state, 'active'))
      .orderBy(asc(people.employeeNo));
    const unitById = new Map(units.map((u) => [u.id, u]));
    const mapped = new Map(
      DIRECTIONS.map(([d, names]) => [d, names.map((n) => byName.get(n)).filter(Boolean)]),
    );
    let assignments = 0;
    const mentorsOf = new Map<string, { head?: string; related?: string }>();
    for (const [i, r] of cohort.entries()) {
      const unit = unitById.get(r.unitId)!;
      const parent = unit.parentId ? unitById.get(unit.parentId) : undefined;
      const ownHead = unit.headPersonId && unit.headPersonId !== r.personId ? unit.headPersonId : null;
      const head =
        ownHead ?? (parent?.headPersonId && parent.headPersonId !== r.personId ? parent.headPersonId : null);
      const related = (mapped.get(r.direction ?? '') ?? [])
        .filter((u) => u!.id !== r.unitId)
        .map((u) => u!.headPersonId)
        .find((id) => id && id !== r.personId && id !== head);
      const picks: {
        slot: 'unit_head' | 'related_leader';
        personId: string | null | undefined;
        exception?: string;
      }[] = [
        {
          slot: 'unit_head',
          personId: head,
          exception: ownHead ? undefined : '所在单位未设正职，由上级单位正职担任导师',
        },
        // The last reserve is left with one mentor: the mentors page shows the breach.
        { slot: 'related_leader', personId: i === cohort.length - 1 ? null : related },
      ];
      const mine: { head?: string; related?: string } = {};
      for (const pick of picks) {
        if (!pick.personId) continue;
        await tx.insert(mentorAssignments).values({
          reserveId: r.id,
          mentorPersonId: pick.personId,
          slot: pick.slot,
          startOn: r.enrolledOn!,
          exceptionReason: pick.exception ?? null,
          exceptedIssues: pick.exception ? ['not_unit_head'] : [],
          createdByName: '人力资源部',
        });
        await scheduleMentor(tx, {
          reserve: {
            id: r.id,
            programmeId: r.programmeId,
            enrolledOn: r.enrolledOn!,
            cycleEnd: r.cycleEnd!,
            timeZone: r.timeZone,
          },
          mentorPersonId: pick.personId,
          startOn: r.enrolledOn!,
        });
        if (pick.slot === 'unit_head') mine.head = pick.personId;
        else mine.related = pick.personId;
        assignments += 1;
      }
      mentorsOf.set(r.id, mine);
    }

    // Every mentor's quarterly talks for the quarters already past — a few missed, so that some
    // mentors are behind — and leader-in-charge talks with the first reserves; each fulfils its
    // obligation as a recorded talk does.
    let talks = 0;
    const record = async (input: {
      reserveId: string;
      kind: 'mentor_quarterly' | 'leader_annual';
      heldOn: string;
      talker: string;
      role: 'mentor' | 'leader_in_charge';
      ruleKey: string;
      n: number;
    }) => {
      const pick = <T>(list: T[]) => list[input.n % list.length];
      const [talk] = await tx
        .insert(talkRecords)
        .values({
          reserveId: input.reserveId,
          kind: input.kind,
          heldOn: input.heldOn,
          place: input.kind === 'leader_annual' ? '公司领导办公室' : '部门会议室',
          thinking: pick(TALK.thinking),
          work: pick(TALK.work),
          achievements: pick(TALK.achievements),
          shortcomings: pick(TALK.shortcomings),
          advice: pick(TALK.advice),
          actions: [
            { text: '制定下季度能力提升计划并报导师', owner: '本人', dueOn: addDays(input.heldOn, 30) },
          ],
          state: 'recorded',
          recordedAt: new Date(`${input.heldOn}T08:00:00Z`),
          reserveConfirmedAt: input.n % 2 === 0 ? new Date(`${addDays(input.heldOn, 2)}T08:00:00Z`) : null,
          createdByName: '演示数据',
        })
        .returning();
      await tx.insert(talkTalkers).values({ talkId: talk.id, personId: input.talker, role: input.role });
      const [target] = await tx
        .select({ id: obligations.id })
        .from(obligations)
        .where(
          and(
            eq(obligations.reserveId, input.reserveId),
            eq(obligations.ruleKey, input.ruleKey),
            sql`${obligations.periodStart} <= ${input.heldOn}::date AND ${obligations.periodEnd} >= ${input.heldOn}::date`,
            input.role === 'mentor'
              ? eq(obligations.actorPersonId, input.talker)
              : isNull(obligations.actorPersonId),
            inArray(obligations.state, ['open', 'returned']),
          ),
        );
      if (target) {
        await tx.insert(evidence).values({
          obligationId: target.id,
          sourceType: 'talk',
          sourceId: talk.id,
          occurredOn: input.heldOn,
          note: `谈话记录（${input.heldOn}）`,
          units: 1,
          counted: true,
          recordedByName: '演示数据',
        });
        await tx
          .update(obligations)
          .set({ state: 'fulfilled', progress: 1, fulfilledOn: input.heldOn })
          .where(eq(obligations.id, target.id));
      }
      talks += 1;
    };
    for (const [i, r] of cohort.entries()) {
      const m = mentorsOf.get(r.id)!;
      for (const quarter of [1, 2, 3, 4]) {
        const heldOn = `${year}-${String(quarter * 3 - 1).padStart(2, '0')}-${String(10 + (i % 15)).padStart(2, '0')}`;
        if (heldOn >= today || heldOn < r.enrolledOn!) continue;
        if (m.head && !(quarter === 3 && i % 7 === 3))
          await record({
            reserveId: r.id,
            kind: 'mentor_quarterly',
            heldOn,
            talker: m.head,
            role: 'mentor',
            ruleKey: 'mentor_talk',
            n: i + quarter,
          });
        if (m.related && !(quarter === 3 && i % 4 === 1))
          await record({
            reserveId: r.id,
            kind: 'mentor_quarterly',
            heldOn: addDays(heldOn, 3),
            talker: m.related,
            role: 'mentor',
            ruleKey: 'mentor_talk',
            n: i + quarter + 1,
          });
      }
    }
    const charged = await tx
      .select({ leader: leaderCharges.leaderPersonId, path: orgUnits.path })
      .from(leaderCharges)
      .innerJoin(orgUnits, eq(orgUnits.id, leaderCharges.unitId));
    for (const [i, r] of cohort.slice(0, 8).entries()) {
      const charge = charged.find((c) => unitById.get(r.unitId)!.path.startsWith(c.path));
      const heldOn = `${year}-06-${String(10 + i).padStart(2, '0')}`;
      if (charge && heldOn < today)
        await record({
          reserveId: r.id,
          kind: 'leader_annual',
          heldOn,
          talker: charge.leader,
          role: 'leader_in_charge',
          ruleKey: 'leader_talk',
          n: i,
        });
    }
    const first = cohort[0];

    // One annual assessment, filed by HR: the first reserve's unit-head mentor, this year.
    let assessments = 0;
    const head = first ? mentorsOf.get(first.id)?.head : undefined;
    if (first && head) {
      const assessedOn = [`${year}-11-20`, today].sort()[0];
      const [a] = await tx
        .insert(mentorAssessments)
        .values({
          reserveId: first.id,
          mentorPersonId: head,
          year,
          assessedOn,
          panel: [
            { name: '部门正职', post: '组长' },
            { name: '部门副职', post: '成员' },
            { name: '人力资源部绩效管理岗', post: '成员' },
          ],
          ratings: { de: '优秀', neng: '良好', qin: '优秀', ji: '良好', lian: '优秀' },
          strengths: '政治素质过硬，工作积极主动，牵头完成重点项目，业绩突出。',
          shortcomings: '统筹协调能力有待加强，基层管理经验不足。',
          suggestions: '建议明年安排到县分公司挂职锻炼，加强基层管理能力。',
          overallGrade: '称职',
          mentorComment: '同意考核小组意见。',
          state: 'filed',
          submittedAt: new Date(`${assessedOn}T08:00:00Z`),
          filedAt: new Date(`${assessedOn}T09:00:00Z`),
          filedByName: '人力资源部',
          hrComment: '同意备案。',
        })
        .returning();
      const [target] = await tx
        .select({ id: obligations.id })
        .from(obligations)
        .where(
          and(
            eq(obligations.reserveId, first.id),
            eq(obligations.ruleKey, 'mentor_assessment'),
            eq(obligations.actorPersonId, head),
            eq(obligations.periodKey, String(year)),
          ),
        );
      if (target) {
        await tx.insert(evidence).values({
          obligationId: target.id,
          sourceType: 'assessment',
          sourceId: a.id,
          occurredOn: assessedOn,
          note: `导师年度考核评估（${year}年度）`,
          units: 1,
          counted: true,
          recordedByName: '演示数据',
        });
        await tx
          .update(obligations)
          .set({ state: 'fulfilled', progress: 1, fulfilledOn: assessedOn })
          .where(eq(obligations.id, target.id));
      }
      assessments = 1;
    }
    return { charges, assignments, talks, assessments };
  });
}
