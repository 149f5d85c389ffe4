/**
 * Demo data for learning (六(一)1, 六(一)3): this year's management-skills training held by the city
 * branch with most of the cohort (人力资源部's own reserves ran it and take the make-up session) and
 * their attendance, and the year's reading plan of three materials, published. Written through the
 * training services — so due dates move through the evidence interface as HR's would — under the
 * demo's own inactive account.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { todayIn, yearOf } from '../core/time/dates.js';
import { people } from '../server/modules/people/people.table.js';
import { reserves } from '../server/modules/reserves/reserves.table.js';
import { createPlan, setPublished } from '../server/modules/training/reading.service.js';
import { createEvent } from '../server/modules/training/training.service.js';
import { addParticipants, setAttendance } from '../server/modules/training/training-participants.service.js';
import { orgUnits } from '../server/modules/units/units.table.js';
import { users } from '../server/modules/users/users.table.js';
import type { FieldCipher } from '../server/platform/crypto.js';
import type { Db } from '../server/platform/db.js';
import type { ServiceContext } from '../server/platform/request-context.js';

/** The unit whose reserves the demo leaves out of the training (they take the make-up one). */
export const DEMO_MAKE_UP_UNIT = '人力资源部';

const MATERIALS = [
  {
    kind: 'book' as const,
    title: '《卓有成效的管理者》',
    author: '彼得·德鲁克',
    source: '机械工业出版社',
    note: '重点阅读第二、三章：掌握自己的时间、我能贡献什么',
  },
  {
    kind: 'book' as const,
    title: '《华为基本法》',
    author: '黄卫伟 等',
    source: '中信出版社',
    note: '',
  },
  {
    kind: 'av' as const,
    title: '《大国重器》（第二季）',
    author: '中央电视台',
    source: 'https://tv.cctv.com/',
    note: '纪录片，共8集，集中观看',
  },
];

async function demoUser(db: Db): Promise<string> {
  const [found] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo_data'));
  if (found) return found.id;
  const [created] = await db
    .insert(users)
    .values({ username: 'demo_data', displayName: '演示数据', passwordHash: '!', active: false })
    .returning({ id: users.id });
  return created.id;
}

/** Seeds the demo's training and reading plan; returns how many took part in the training. */
export async function seedDemoLearning(
  db: Db,
  cipher: FieldCipher,
  rootUnitId: string,
): Promise<{ participants: number; materials: number }> {
  const year = yearOf(todayIn());
  const userId = await demoUser(db);
  const [root] = await db.select().from(orgUnits).where(eq(orgUnits.id, rootUnitId));
  const hr: ServiceContext = {
    db,
    actor: {
      userId,
      username: 'demo_data',
      displayName: '人力资源部',
      personId: null,
      grants: [{ role: 'hr_admin', unitId: root.id, unitPath: root.path, unitName: root.name }],
    },
    audit: { userId, displayName: '人力资源部（演示数据）' },
    cipher,
    lang: 'zh',
  };
  const event = await createEvent(hr, {
    unitId: root.id,
    title: `${year}年后备干部管理技能提升培训`,
    trainer: '张明远（外聘培训师，管理咨询公司高级讲师）',
    organiser: root.name,
    startOn: `${year}-05-20`,
    endOn: `${year}-05-22`,
    place: `${root.name}培训中心三楼多功能厅`,
    description: '团队管理与领导力、目标管理与绩效辅导、高效沟通与跨部门协作、情景模拟与案例研讨。',
  });
  const cohort = await db
    .select({ id: reserves.id, employeeNo: people.employeeNo })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(reserves.state, 'active'), ne(orgUnits.name, DEMO_MAKE_UP_UNIT)))
    .orderBy(asc(people.employeeNo));
  const ids = cohort.map((r) => r.id);
  const { added } = await addParticipants(hr, event.id, { reserveIds: ids });
  if (ids.length > 0)
    await setAttendance(hr, event.id, {
      items: ids.map((reserveId, i) => ({
        reserveId,
        attendance: i === 3 ? 'excused' : i === 7 ? 'absent' : 'present',
        note: i === 3 ? '参加省公司专项会议' : i === 7 ? '未请假' : '',
      })),
    });
  const plan = await createPlan(hr, {
    unitId: root.id,
    year,
    studyStart: `${year}-07-01`,
    studyEnd: `${year}-09-30`,
    mode: 'self',
    materials: MATERIALS,
    note: '由人力资源部会同市场部、网络运营部选定；自学为主，9月组织一次读书交流会。',
  });
  await setPublished(hr, plan.id, { version: plan.version, publish: true });
  return { participants: added, materials: MATERIALS.length };
}
