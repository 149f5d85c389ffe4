import { and, eq } from 'drizzle-orm';
import type { Role } from '../src/core/access/roles.js';
import { todayIn, yearOf } from '../src/core/time/dates.js';
import { obligations } from '../src/server/modules/obligations/obligations.table.js';
import { createPerson, createUnit, createUser } from './factories.js';
import { createProgramme, createReserve, scheduleReserve, type TestReserve } from './factories-programme.js';
import type { TestApp, TestClient } from './test-app.js';

type Unit = Awaited<ReturnType<typeof createUnit>>;

/** The obligation of a reserve under a rule (and period), for tests that write its reflection. */
export async function obligationOf(t: TestApp, reserve: TestReserve, ruleKey: string, periodKey?: string) {
  const rows = await t.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.reserveId, reserve.id), eq(obligations.ruleKey, ruleKey)))
    .orderBy(obligations.periodKey);
  const row = periodKey ? rows.find((r) => r.periodKey === periodKey) : rows[0];
  if (!row) throw new Error(`no ${ruleKey} obligation`);
  return row;
}

/**
 * A city branch with two counties: reserves a1 and a2 in county A (a1 with a mentor), b in county B,
 * the default programme on the city, this year's obligations; a signed-in client for each reserve,
 * the mentor, HR of each county and of the city, and county A's unit head.
 */
export async function buildReflectionWorld(t: TestApp) {
  const city = await createUnit(t.db, { name: '江州市分公司' });
  const countyA = await createUnit(t.db, { parent: city, name: '青山县分公司', type: 'county_branch' });
  const countyB = await createUnit(t.db, { parent: city, name: '临江县分公司', type: 'county_branch' });
  const deptA = await createUnit(t.db, { parent: countyA, name: '青山市场部' });
  const programme = await createProgramme(t.db, city);
  const year = yearOf(todayIn());
  const mentor = await createPerson(t.db, t.cipher, countyA, { name: '导师王' });
  const enrol = async (unit: Unit, name: string, mentorIds: string[] = []) => {
    const person = await createPerson(t.db, t.cipher, unit, { name });
    const reserve = await createReserve(t.db, { person, programme });
    await scheduleReserve(t.db, reserve, programme, year, { mentorIds });
    return reserve;
  };
  const reserves = {
    a1: await enrol(deptA, '张青山', [mentor.id]),
    a2: await enrol(deptA, '李青山'),
    b: await enrol(countyB, '赵临江'),
  };
  const login = async (role: Role, unit: Unit, personId?: string): Promise<TestClient> =>
    t.login((await createUser(t.db, { grants: [{ role, unit }], personId })).username);
  const clients = {
    a1: await login('reserve', deptA, reserves.a1.personId),
    a2: await login('reserve', deptA, reserves.a2.personId),
    b: await login('reserve', countyB, reserves.b.personId),
    mentor: await login('mentor', countyA, mentor.id),
    hrA: await login('hr_admin', countyA),
    hrB: await login('hr_admin', countyB),
    hrCity: await login('hr_admin', city),
    headA: await login('unit_head', countyA),
  };
  return { units: { city, countyA, countyB, deptA }, programme, reserves, clients, mentor, year };
}

/** Starts (or opens) a reflection of an obligation and submits a text, as its reserve; returns the answer. */
export async function writeAndSubmit(client: TestClient, obligationId: string, text: string, title = '') {
  const started = await client.post('/api/my/reflections', { obligationId });
  if (started.statusCode !== 200) throw new Error(`start: ${started.statusCode} ${started.body}`);
  const { id, version } = started.json() as { id: string; version: number };
  return { id, res: await client.post(`/api/reflections/${id}/submit`, { text, title, version }) };
}
