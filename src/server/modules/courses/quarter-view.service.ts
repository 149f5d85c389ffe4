import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { QuarterQuery } from '../../../contracts/courses.js';
import { assignedCoursesFor } from '../../../core/courses/assignment.js';
import { assertPermission, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { courseChoices, courseCompletions, courseCredits, courses } from './courses.table.js';
import { CHOSEN_RULE, defaultUnit, ruleQuantity, unitInScope } from './courses-scope.js';
import { loadAssignmentRows } from './credits.service.js';

type Query = z.infer<typeof QuarterQuery>;
type Person = {
  id: string;
  name: string;
  employeeNo: string;
  unitId: string;
  unitName: string;
  path: string;
  isReserve: boolean;
  isMiddleManager: boolean;
  expected: number;
  completed: number;
};

/**
 * The people of a quarter (reserves and middle managers of a subtree) with how many courses each
 * owes — the assigned ones of the nearest assigning unit, plus the rule's chosen quantity for a
 * reserve — and how many counted, in one statement so that "incomplete only" filters and pages
 * in SQL. The assignment table is small (units × quarters), read per person by a lateral.
 */
async function peopleOfQuarter(
  ctx: ServiceContext,
  query: Query,
  page: { limit: number; offset: number } | null,
) {
  const root = query.unitId
    ? await unitInScope(ctx.db, ctx.actor, query.unitId, 'learning.read')
    : await defaultUnit(ctx.db, ctx.actor, 'learning.read');
  const chosenQuantity = await ruleQuantity(ctx.db, root.path, CHOSEN_RULE);
  const like = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const base = sql`
    WITH a AS (
      SELECT ca.unit_id, u.path, u.depth FROM course_assignments ca JOIN org_units u ON u.id = ca.unit_id
       WHERE ca.period_key = ${query.periodKey}),
    ps AS (
      SELECT p.id, p.name, p.employee_no AS "employeeNo", u.id AS "unitId", u.name AS "unitName", u.path,
             EXISTS (SELECT 1 FROM reserves r WHERE r.person_id = p.id AND r.state = 'active') AS "isReserve",
             p.is_middle_manager AS "isMiddleManager"
        FROM people p JOIN org_units u ON u.id = p.unit_id
       WHERE p.active AND u.path LIKE ${`${root.path}%`} AND ${pathInSubtrees(sql`u.path`, scopePaths(ctx.actor, 'learning.read'))}
         ${like ? sql`AND (p.name ILIKE ${like} OR p.employee_no ILIKE ${like})` : sql``}),
    owed AS (
      SELECT ps.*,
             (SELECT count(*) FROM course_assignments x
               WHERE x.period_key = ${query.periodKey}
                 AND x.unit_id = (SELECT a.unit_id FROM a WHERE ps.path LIKE a.path || '%' ORDER BY a.depth DESC LIMIT 1))::int
             + CASE WHEN ps."isReserve" THEN ${chosenQuantity}::int ELSE 0 END AS expected,
             (SELECT count(*) FROM course_credits cr WHERE cr.person_id = ps.id AND cr.period_key = ${query.periodKey})::int AS completed
        FROM ps
       WHERE (ps."isReserve" OR ps."isMiddleManager")
         ${query.kind === 'reserve' ? sql`AND ps."isReserve"` : query.kind === 'middle_manager' ? sql`AND ps."isMiddleManager" AND NOT ps."isReserve"` : sql``})
    SELECT * FROM owed ${query.incomplete === 'true' ? sql`WHERE completed < expected` : sql``}`;
  const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
  const items = rowsOf<Person>(
    await ctx.db.execute(
      page
        ? sql`${base} ORDER BY "unitName", name, id LIMIT ${page.limit} OFFSET ${page.offset}`
        : sql`${base} ORDER BY path, name, id`,
    ),
  );
  const unitTotals = rowsOf<{
    unitId: string;
    unitName: string;
    people: number;
    expected: number;
    completed: number;
  }>(
    await ctx.db.execute(sql`
      SELECT "unitId", "unitName", count(*)::int AS people, sum(expected)::int AS expected, sum(completed)::int AS completed
        FROM (${base}) t GROUP BY "unitId", "unitName", path ORDER BY path`),
  );
  return { root, items, unitTotals };
}

/** The courses of each listed person in the quarter: assigned and chosen, completed or not. */
async function coursesOf(ctx: ServiceContext, periodKey: string, list: Person[]) {
  if (list.length === 0)
    return new Map<
      string,
      {
        courseId: string;
        code: string;
        title: string;
        kind: 'assigned' | 'chosen';
        completedOn: string | null;
      }[]
    >();
  const ids = list.map((p) => p.id);
  const assignments = (await loadAssignmentRows(ctx.db)).filter((a) => a.periodKey === periodKey);
  const [choices, credits] = await Promise.all([
    ctx.db
      .select()
      .from(courseChoices)
      .where(and(eq(courseChoices.periodKey, periodKey), inArray(courseChoices.personId, ids))),
    ctx.db
      .select({ credit: courseCredits, completedOn: courseCompletions.completedOn })
      .from(courseCredits)
      .innerJoin(courseCompletions, eq(courseCompletions.id, courseCredits.completionId))
      .where(and(eq(courseCredits.periodKey, periodKey), inArray(courseCredits.personId, ids))),
  ]);
  const slots = list.map((p) => ({
    person: p,
    assigned: assignedCoursesFor(p.path, assignments).get(periodKey) ?? [],
    chosen: p.isReserve ? choices.filter((c) => c.personId === p.id).map((c) => c.courseId) : [],
  }));
  const courseIds = [...new Set(slots.flatMap((s) => [...s.assigned, ...s.chosen]))];
  const rows = courseIds.length
    ? await ctx.db
        .select({ id: courses.id, code: courses.code, title: courses.title })
        .from(courses)
        .where(inArray(courses.id, courseIds))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<
    string,
    {
      courseId: string;
      code: string;
      title: string;
      kind: 'assigned' | 'chosen';
      completedOn: string | null;
    }[]
  >();
  for (const s of slots) {
    const entry = (courseId: string, kind: 'assigned' | 'chosen') => ({
      courseId,
      code: byId.get(courseId)?.code ?? '',
      title: byId.get(courseId)?.title ?? '',
      kind,
      completedOn:
        credits.find(
          (c) =>
            c.credit.personId === s.person.id && c.credit.courseId === courseId && c.credit.kind === kind,
        )?.completedOn ?? null,
    });
    out.set(s.person.id, [
      ...s.assigned.map((id) => entry(id, 'assigned')),
      ...s.chosen.map((id) => entry(id, 'chosen')).sort((x, y) => (x.code < y.code ? -1 : 1)),
    ]);
  }
  return out;
}

const present = (p: Person, list: Awaited<ReturnType<typeof coursesOf>>) => ({
  personId: p.id,
  name: p.name,
  employeeNo: p.employeeNo,
  unitName: p.unitName,
  isReserve: p.isReserve,
  isMiddleManager: p.isMiddleManager,
  courses: list.get(p.id) ?? [],
  expected: p.expected,
  completed: p.completed,
});

/** The quarter view (季度学习情况): each reserve and middle manager of a subtree, with totals. */
export async function getQuarterView(ctx: ServiceContext, query: Query) {
  assertPermission(ctx.actor, 'learning.read');
  const { items, unitTotals } = await peopleOfQuarter(ctx, query, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const courseLists = await coursesOf(ctx, query.periodKey, items);
  const totals = unitTotals.reduce(
    (t, u) => ({
      people: t.people + u.people,
      expected: t.expected + u.expected,
      completed: t.completed + u.completed,
    }),
    { people: 0, expected: 0, completed: 0 },
  );
  return {
    items: items.map((p) => present(p, courseLists)),
    total: totals.people,
    page: query.page,
    pageSize: query.pageSize,
    unitTotals,
    totals,
  };
}

/** The quarter view as a workbook: one row per person, their courses and dates, filtered alike. */
export async function exportQuarterView(ctx: ServiceContext, query: Query) {
  assertPermission(ctx.actor, 'learning.read');
  const { items } = await peopleOfQuarter(ctx, query, null);
  const columns = [
    { header: '姓名', key: 'name', width: 10 },
    { header: '工号', key: 'employeeNo', width: 12 },
    { header: '所在机构', key: 'unitName', width: 20 },
    { header: '类别', key: 'kind', width: 14 },
    { header: '指定课程', key: 'assigned', width: 50 },
    { header: '自选课程', key: 'chosen', width: 50 },
    { header: '应完成', key: 'expected', width: 8 },
    { header: '已完成', key: 'completed', width: 8 },
  ];
  const describe = (list: { code: string; title: string; completedOn: string | null }[]) =>
    list
      .map((c) => `${c.code} ${c.title}（${c.completedOn ? `${c.completedOn} 完成` : '未完成'}）`)
      .join('；');
  return streamWorkbook({
    sheetName: `${query.periodKey} 网上大学学习情况`,
    columns,
    rows: (async function* () {
      for (let i = 0; i < items.length; i += 500) {
        const batch = items.slice(i, i + 500);
        const lists = await coursesOf(ctx, query.periodKey, batch);
        yield batch.map((p) => {
          const list = lists.get(p.id) ?? [];
          return {
            ...p,
            kind: [p.isReserve ? '后备人员' : null, p.isMiddleManager ? '现任中层' : null]
              .filter(Boolean)
              .join('、'),
            assigned: describe(list.filter((c) => c.kind === 'assigned')),
            chosen: p.isReserve ? describe(list.filter((c) => c.kind === 'chosen')) : '—',
          };
        });
      }
    })(),
  });
}
