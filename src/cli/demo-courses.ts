/**
 * Demo online-university data, made through the real services where they apply: a catalogue of
 * twenty courses kept by the company, this and last quarter's assigned courses, some reserves'
 * choices, and completions (most of last quarter's, a few of this one's), counted for the
 * reserves' course obligations as an import would.
 */
import { eq, sql } from 'drizzle-orm';
import { parseHours } from '../core/courses/hours.js';
import { previousQuarter, quarterBounds, quarterOf } from '../core/courses/quarters.js';
import { addDays, todayIn } from '../core/time/dates.js';
import { assignCourses } from '../server/modules/courses/assignments.service.js';
import { courseChoices, courseCompletions, courses } from '../server/modules/courses/courses.table.js';
import { reconcileCredits } from '../server/modules/courses/credits.service.js';
import { users } from '../server/modules/users/users.table.js';
import { bulkInsert } from '../server/platform/bulk-insert.js';
import type { FieldCipher } from '../server/platform/crypto.js';
import type { Db } from '../server/platform/db.js';
import type { ServiceContext } from '../server/platform/request-context.js';

const CATALOGUE: [string, string, string, string][] = [
  ['LD-101', '新任中层管理者的角色认知与转变', '领导力', '2'],
  ['LD-102', '高效团队建设与激励', '领导力', '1.5'],
  ['LD-103', '授权与辅导：带出能打胜仗的队伍', '领导力', '1.5'],
  ['LD-104', '跨部门沟通与协作', '领导力', '1'],
  ['LD-105', '决策思维与问题解决', '领导力', '2'],
  ['CW-201', '非财务人员的财务管理', '财务管理', '2'],
  ['CW-202', '全面预算管理实务', '财务管理', '1.5'],
  ['CW-203', '成本管控与经营分析', '财务管理', '1.5'],
  ['CW-204', '内部控制与风险防范', '财务管理', '1'],
  ['AQ-301', '安全生产法解读与责任落实', '安全生产', '1'],
  ['AQ-302', '通信线路施工安全规范', '安全生产', '1.5'],
  ['AQ-303', '有限空间与高处作业安全', '安全生产', '1'],
  ['AQ-304', '网络与信息安全意识', '安全生产', '0.5'],
  ['DJ-401', '学习贯彻党的二十大精神', '党建', '2'],
  ['DJ-402', '基层党支部标准化建设', '党建', '1.5'],
  ['DJ-403', '党风廉政建设与警示教育', '党建', '1'],
  ['YX-501', '政企客户营销策略', '市场营销', '1.5'],
  ['YX-502', '数字化转型与5G行业应用', '市场营销', '2'],
  ['YW-601', '网络运营与维护管理', '运营管理', '1.5'],
  ['RL-701', '绩效管理与员工发展', '人力资源', '1'],
];

/** Seeds the demo catalogue, assignments, choices and completions; returns how many completions. */
export async function seedDemoCourses(db: Db, cipher: FieldCipher, rootUnitId: string): Promise<number> {
  const rows = (await bulkInsert(
    db,
    courses,
    CATALOGUE.map(([code, title, category, hours]) => ({
      unitId: rootUnitId,
      code,
      title,
      category,
      hoursTenths: parseHours(hours)!,
      link: `https://elearning.example.com/course/${code}`,
    })),
    { returning: ['id', 'code'] },
  )) as { id: string; code: string }[];
  const id = (code: string) => rows.find((r) => r.code === code)!.id;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'demo_data'));
  const demoUser =
    existing ??
    (
      await db
        .insert(users)
        .values({ username: 'demo_data', displayName: '演示数据', passwordHash: '!', active: false })
        .returning({ id: users.id })
    )[0];
  const hr: ServiceContext = {
    db,
    actor: {
      userId: demoUser.id,
      username: 'demo_data',
      displayName: '人力资源部',
      personId: null,
      grants: [{ role: 'hr_admin', unitId: rootUnitId, unitPath: `/${rootUnitId}/`, unitName: '' }],
    },
    audit: { userId: demoUser.id, displayName: '人力资源部' },
    cipher,
    lang: 'zh',
  };
  const today = todayIn();
  const now = quarterOf(today);
  const last = previousQuarter(now);
  await assignCourses(hr, { unitId: rootUnitId, periodKey: last, courseIds: [id('LD-101'), id('CW-201')] });
  await assignCourses(hr, { unitId: rootUnitId, periodKey: now, courseIds: [id('LD-102'), id('AQ-301')] });

  const reserves = (
    (await db.execute(sql`
      SELECT p.id FROM reserves r JOIN people p ON p.id = r.person_id
       WHERE r.state = 'active' ORDER BY p.employee_no LIMIT 12`)) as unknown as { rows: { id: string }[] }
  ).rows.map((r) => r.id);
  const managers = (
    (await db.execute(sql`
      SELECT id FROM people WHERE is_middle_manager AND active ORDER BY employee_no LIMIT 6`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows.map((r) => r.id);
  const lastStart = quarterBounds(last).start;
  const day = (n: number) => addDays(lastStart, n);
  const picks = [
    ['DJ-401', 'YX-501'],
    ['CW-202', 'AQ-304'],
    ['LD-105', 'DJ-402'],
  ];
  const choices: (typeof courseChoices.$inferInsert)[] = [];
  const completions: (typeof courseCompletions.$inferInsert)[] = [];
  const done = (personId: string, code: string, completedOn: string) =>
    completedOn <= today &&
    completions.push({
      personId,
      courseId: id(code),
      completedOn,
      source: 'import',
      recordedBy: demoUser.id,
    });
  reserves.forEach((personId, i) => {
    const [a, b] = picks[i % picks.length];
    choices.push(
      { personId, periodKey: last, courseId: id(a) },
      { personId, periodKey: last, courseId: id(b) },
    );
    // Last quarter: most finished everything, some late (after the quarter), a few not at all.
    if (i % 4 !== 3) {
      done(personId, 'LD-101', day(10 + i));
      done(personId, 'CW-201', day(40 + i));
      done(personId, a, day(60 + i));
      if (i % 3 !== 2) done(personId, b, i % 5 === 0 ? addDays(quarterBounds(last).end, 5) : day(70 + i));
    }
    // This quarter: the first half chose already, and some have begun.
    if (i < 6) {
      const [c, d] = picks[(i + 1) % picks.length];
      choices.push(
        { personId, periodKey: now, courseId: id(c) },
        { personId, periodKey: now, courseId: id(d) },
      );
      if (i < 3) done(personId, 'LD-102', addDays(quarterBounds(now).start, 3 + i));
    }
  });
  managers.forEach((personId, i) => {
    done(personId, 'LD-101', day(20 + i));
    if (i % 2 === 0) done(personId, 'CW-201', day(50 + i));
  });
  await bulkInsert(db, courseChoices, choices);
  await bulkInsert(db, courseCompletions, completions);
  await reconcileCredits(db, hr, [...reserves, ...managers]);
  return completions.length;
}
