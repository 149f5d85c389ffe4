/**
 * The completion-import benchmark (QUALITY.md: "Excel import ≥ 2 000 rows/s"): on an empty database
 * of its own, 6 000 people of whom 1 000 active reserves (with this quarter's course obligations and
 * two chosen courses each) and 500 middle managers, a catalogue of 20 courses with two assigned for
 * the quarter; then a 50 000-row platform export imported as HR would (preview skipped: the commit
 * checks it all again), and imported a second time (nothing created, everything already recorded).
 */
import { quarterBounds, quarterOf } from '../src/core/courses/quarters.js';
import { addDays, daysBetween, todayIn } from '../src/core/time/dates.js';
import { importCompletions } from '../src/server/modules/courses/completions-import.service.js';
import { getQuarterView } from '../src/server/modules/courses/quarter-view.service.js';
import { createFieldCipher } from '../src/server/platform/crypto.js';
import type { Database } from '../src/server/platform/db.js';
import type { ServiceContext } from '../src/server/platform/request-context.js';
import { createUnit, createUser } from '../test/factories.js';
import { createProgramme } from '../test/factories-programme.js';
import { buildRosterXlsx } from '../test/roster.js';
import { BENCH_SECRET, type EngineName } from './options.js';

const PEOPLE = 6000;
const RESERVES = 1000;
const MANAGERS = 500;
export const COMPLETION_ROWS = 50_000;
const HEADERS = ['学员工号', '学员姓名', '课程编号', '完成时间', '获得学时'];

export type CoursesResult = {
  engine: EngineName;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  created: number;
  counted: number;
  reimportSeconds: number;
  reimportCreated: number;
  peakRssMB: number;
  obligationsFulfilled: number;
  /** The quarter view of the whole tree (first page, and incomplete only), median of 10 (ms). */
  quarterViewMs: number;
  quarterIncompleteMs: number;
};

async function load(database: Database) {
  const { db } = database;
  await database.migrate();
  const root = await createUnit(db, { name: '网上大学基准单位' });
  const counties = [];
  for (let i = 0; i < 10; i++)
    counties.push(await createUnit(db, { parent: root, name: `基准县分公司${i}` }));
  const programme = await createProgramme(db, root);
  await database.query(
    `INSERT INTO people (employee_no, name, gender, unit_id, is_middle_manager)
     SELECT 'B' || lpad(g::text, 6, '0'), '学员' || g, '男', ($1::uuid[])[1 + g % 10], g > $2 AND g <= $2 + $3
       FROM generate_series(1, $4::int) g`,
    [counties.map((c) => c.id), RESERVES, MANAGERS, PEOPLE],
  );
  await database.query(
    `INSERT INTO reserves (person_id, programme_id, state, cohort_year, nominated_on, enrolled_on, cycle_end)
     SELECT id, $1, 'active', 2020, '2020-01-01', '2020-01-01', '2030-12-31' FROM people
      WHERE employee_no <= 'B' || lpad($2::text, 6, '0')`,
    [programme.id, RESERVES],
  );
  const q = quarterOf(todayIn());
  const { start, end } = quarterBounds(q);
  await database.query(
    `INSERT INTO obligations (reserve_id, programme_version_id, rule_key, period_key, cycle_year, period_start,
       period_end, due_date, actor, actor_key, quantity, state)
     SELECT r.id, $1, k, $2, $3, $4, $5, $5, 'reserve', '', 2, 'open'
       FROM reserves r CROSS JOIN unnest(ARRAY['assigned_courses', 'chosen_courses']) k`,
    [programme.versionId, q, Number(q.slice(0, 4)), start, end],
  );
  await database.query(
    `INSERT INTO courses (unit_id, code, title, category, hours_tenths)
     SELECT $1, 'BC-' || lpad(g::text, 3, '0'), '基准课程' || g, '领导力', 15 FROM generate_series(1, 20) g`,
    [root.id],
  );
  await database.query(
    `INSERT INTO course_assignments (unit_id, period_key, course_id, position)
     SELECT $1, $2, id, row_number() OVER (ORDER BY code) FROM courses WHERE code IN ('BC-001', 'BC-002')`,
    [root.id, q],
  );
  await database.query(
    `INSERT INTO course_choices (person_id, period_key, course_id)
     SELECT r.person_id, $1, c.id FROM reserves r CROSS JOIN courses c WHERE c.code IN ('BC-003', 'BC-004')`,
    [q],
  );
  await database.query('VACUUM ANALYZE');
  const user = await createUser(db, { grants: [{ role: 'hr_admin', unit: root }] });
  const ctx: ServiceContext = {
    db,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      personId: null,
      grants: [{ role: 'hr_admin', unitId: root.id, unitPath: root.path, unitName: root.name }],
    },
    audit: { userId: user.id, displayName: user.displayName },
    cipher: createFieldCipher(BENCH_SECRET),
    lang: 'zh',
  };
  return { ctx, start };
}

/** A platform export: people and courses spread over the catalogue, days of this quarter up to today. */
async function buildExport(start: string): Promise<Buffer> {
  const days = Math.max(1, daysBetween(start, todayIn()) + 1);
  const rows = function* () {
    for (let i = 0; i < COMPLETION_ROWS; i++) {
      const person = 1 + ((i * 7919) % PEOPLE);
      // Each person's rows name different courses (BC-001, BC-002 … in turn), as real studies do.
      const course = 1 + (Math.floor(i / PEOPLE) % 20);
      yield {
        学员工号: `B${String(person).padStart(6, '0')}`,
        学员姓名: `学员${person}`,
        课程编号: `BC-${String(course).padStart(3, '0')}`,
        完成时间: addDays(start, i % days),
        获得学时: 1.5,
      };
    }
  };
  return buildRosterXlsx(rows(), HEADERS);
}

/** Runs the completion import twice on a freshly loaded database. */
export async function benchCourses(
  engine: EngineName,
  database: Database,
  log: (m: string) => void,
): Promise<CoursesResult> {
  const { ctx, start } = await load(database);
  const file = await buildExport(start);
  log(
    `courses: ${engine}: importing ${COMPLETION_ROWS} completions (${(file.length / 2 ** 20).toFixed(1)} MB)`,
  );
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const mapping = {
    employeeNo: '学员工号',
    course: '课程编号',
    courseBy: 'code' as const,
    completedOn: '完成时间',
    hours: '获得学时',
  };
  const t0 = performance.now();
  const first = await importCompletions(ctx, file, { mapping, commit: true, skipUnknown: false });
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const again = await importCompletions(ctx, file, { mapping, commit: true, skipUnknown: false });
  const reimportSeconds = (performance.now() - t1) / 1000;
  clearInterval(sampler);
  if (!first.committed)
    throw new Error(`courses import did not commit: ${JSON.stringify(first.errors.slice(0, 3))}`);
  const [{ n }] = await database.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM obligations WHERE state = 'fulfilled' AND rule_key IN ('assigned_courses', 'chosen_courses')",
  );
  const timeView = async (incomplete: 'true' | 'false') => {
    const runs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await getQuarterView(ctx, {
        periodKey: quarterOf(todayIn()),
        kind: 'all',
        incomplete,
        search: null,
        page: 1,
        pageSize: 20,
      });
      runs.push(performance.now() - t);
    }
    return runs.sort((a, b) => a - b)[5];
  };
  const quarterViewMs = await timeView('false');
  const quarterIncompleteMs = await timeView('true');
  return {
    engine,
    quarterViewMs,
    quarterIncompleteMs,
    rows: first.totalRows,
    seconds,
    rowsPerSecond: first.totalRows / seconds,
    created: first.created,
    counted: first.counted,
    reimportSeconds,
    reimportCreated: again.created,
    peakRssMB: Math.round(peak / 2 ** 20),
    obligationsFulfilled: n,
  };
}
