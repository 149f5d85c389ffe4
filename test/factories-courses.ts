import type { Role } from '../src/core/access/roles.js';
import { quarterOf } from '../src/core/courses/quarters.js';
import { todayIn, yearOf } from '../src/core/time/dates.js';
import { createPerson, createUnit, createUser } from './factories.js';
import { createProgramme, createReserve, scheduleReserve } from './factories-programme.js';
import { multipartForm } from './multipart.js';
import { buildRosterXlsx } from './roster.js';
import type { TestApp, TestClient } from './test-app.js';

type Unit = Awaited<ReturnType<typeof createUnit>>;

/**
 * A city branch with two counties: reserves a1, a2 and middle manager m in county A, reserve b in
 * county B, the default programme on the city with this year's obligations; signed-in clients for
 * each person, HR of each county and of the city.
 */
export async function buildCourseWorld(t: TestApp) {
  const city = await createUnit(t.db, { name: '江州市分公司' });
  const countyA = await createUnit(t.db, { parent: city, name: '青山县分公司', type: 'county_branch' });
  const countyB = await createUnit(t.db, { parent: city, name: '临江县分公司', type: 'county_branch' });
  const deptA = await createUnit(t.db, { parent: countyA, name: '青山市场部' });
  const programme = await createProgramme(t.db, city);
  const year = yearOf(todayIn());
  const enrol = async (unit: Unit, name: string) => {
    const person = await createPerson(t.db, t.cipher, unit, { name });
    const reserve = await createReserve(t.db, { person, programme });
    await scheduleReserve(t.db, reserve, programme, year);
    return { person, reserve };
  };
  const a1 = await enrol(deptA, '张青山');
  const a2 = await enrol(deptA, '李青山');
  const b = await enrol(countyB, '赵临江');
  const m = await createPerson(t.db, t.cipher, countyA, { name: '王中层', isMiddleManager: true });
  const login = async (role: Role, unit: Unit, personId?: string): Promise<TestClient> =>
    t.login((await createUser(t.db, { grants: [{ role, unit }], personId })).username);
  const clients = {
    a1: await login('reserve', deptA, a1.person.id),
    a2: await login('reserve', deptA, a2.person.id),
    b: await login('reserve', countyB, b.person.id),
    m: await login('reserve', countyA, m.id),
    hrA: await login('hr_admin', countyA),
    hrB: await login('hr_admin', countyB),
    hrCity: await login('hr_admin', city),
  };
  return {
    units: { city, countyA, countyB, deptA },
    programme,
    a1,
    a2,
    b,
    m,
    clients,
    year,
    quarter: quarterOf(todayIn()),
  };
}

/** Adds a course as HR of a unit; returns its id. */
export async function addCourse(client: TestClient, unitId: string, code: string, title = `课程${code}`) {
  const res = await client.post('/api/courses', { unitId, code, title, category: '领导力', hours: '1.5' });
  if (res.statusCode !== 200) throw new Error(`course ${code}: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** An .xlsx with a header row and rows keyed by header. */
export function sheet(headers: string[], rows: Record<string, unknown>[]): Promise<Buffer> {
  return buildRosterXlsx(rows, headers);
}

/** Uploads a platform export with the column mapping, to preview or commit. */
export function uploadCompletions(
  client: TestClient,
  step: 'preview' | 'commit',
  file: Buffer,
  fields: Record<string, string> = {},
) {
  const form = multipartForm(
    { employeeNo: '学员工号', course: '课程编号', completedOn: '完成时间', courseBy: 'code', ...fields },
    { name: 'export.xlsx', data: file },
  );
  return client.request('POST', `/api/course-completions/import/${step}`, form.body, {
    'content-type': form.contentType,
  });
}
