import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../../../test/factories.js';
import {
  createProgramme,
  createReserve,
  scheduleReserve,
  type TestReserve,
} from '../../../../test/factories-programme.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import type { Dashboard } from '../../../contracts/dashboard.js';
import type { Role } from '../../../core/access/roles.js';
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import { obligations } from '../obligations/obligations.table.js';

const T = todayIn('Asia/Shanghai');
const Y = Number(T.slice(0, 4));
const d = (days: number) => addDays(T, days);

describe.each(dbKinds())('dashboard on %s', (kind) => {
  let t: TestApp;
  const c: Record<string, TestClient> = {};
  let programmeId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const root = await createUnit(t.db, { name: '江州市分公司' });
    const countyA = await createUnit(t.db, { parent: root, name: '青山县分公司', type: 'county_branch' });
    const countyB = await createUnit(t.db, { parent: root, name: '临江县分公司', type: 'county_branch' });
    // One quarterly rule, so every obligation below is known and counted by hand.
    const programme = await createProgramme(t.db, root, {
      rules: DEFAULT_RULES.filter((r) => r.key === 'assigned_courses'),
    });
    programmeId = programme.id;
    const quarters = async (r: TestReserve, states: Partial<typeof obligations.$inferInsert>[]) => {
      await scheduleReserve(t.db, r, programme, Y);
      for (const [i, values] of states.entries())
        await t.db
          .update(obligations)
          .set(values)
          .where(and(eq(obligations.reserveId, r.id), eq(obligations.periodKey, `${Y}-Q${i + 1}`)));
    };
    const a = await createReserve(t.db, {
      person: await createPerson(t.db, t.cipher, countyA, { name: '张青山' }),
      programme,
    });
    await quarters(a, [
      { dueDate: d(-30), state: 'fulfilled', fulfilledOn: d(-31) },
      { dueDate: d(-20), state: 'open' },
      { dueDate: d(-10), state: 'waived', waivedReason: '轮岗' },
      { dueDate: d(5), state: 'open' },
    ]);
    await createReserve(t.db, {
      person: await createPerson(t.db, t.cipher, countyA, { name: '李提名' }),
      programme,
      state: 'nominated',
    });
    const b = await createReserve(t.db, {
      person: await createPerson(t.db, t.cipher, countyB, { name: '赵临江' }),
      programme,
    });
    await quarters(b, [
      { dueDate: d(-25), state: 'open' },
      { dueDate: d(-25), state: 'open' },
      { dueDate: d(-25), state: 'submitted' },
      { dueDate: d(60), state: 'open' },
    ]);
    const login = async (role: Role, unit: typeof root) =>
      t.login((await createUser(t.db, { grants: [{ role, unit }] })).username);
    c.hrA = await login('hr_admin', countyA);
    c.hrCity = await login('hr_admin', root);
    c.reserve = await login('reserve', countyA);
  });
  afterAll(() => t.close());

  const dashboard = async (client: TestClient) => {
    const res = await client.get('/api/dashboard');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as Dashboard;
  };

  it("sums the county's pool and this year's completion, with its overdue and due-soon work", async () => {
    const a = await dashboard(c.hrA);
    expect(a.year).toBe(Y);
    // Due so far: Q1 (done), Q2 (overdue), Q3 (waived counts as done) — 2 of 3.
    expect(a.totals).toEqual({
      active: 1,
      nominated: 1,
      overdue: 1,
      dueSoon: 1,
      submitted: 0,
      percent: 66.7,
    });
    expect(a.programmes).toEqual([
      expect.objectContaining({
        programmeId,
        active: 1,
        nominated: 1,
        due: 3,
        doneDue: 2,
        overdue: 1,
        percent: 66.7,
      }),
    ]);
    expect(a.overdue.map((i) => i.personName)).toEqual(['张青山']);
    expect(a.dueSoon.map((i) => [i.personName, i.dueDate])).toEqual([['张青山', d(5)]]);
  });

  it("adds the other county for the city, and leaves a county's out of the county's answer", async () => {
    const city = await dashboard(c.hrCity);
    // 赵临江: three due, none done (one submitted), two overdue; 60 days ahead is not due soon.
    expect(city.totals).toEqual({
      active: 2,
      nominated: 1,
      overdue: 3,
      dueSoon: 1,
      submitted: 1,
      percent: 33.3,
    });
    expect(city.overdue.map((i) => i.personName).sort()).toEqual(['张青山', '赵临江', '赵临江']);
    const county = await dashboard(c.hrA);
    expect(county.overdue.some((i) => i.personName === '赵临江')).toBe(false);
  });

  it('is not for reserves (they land on their own tasks)', async () => {
    // Without the permission the route answers as if it did not exist (the project's rule).
    expect((await c.reserve.get('/api/dashboard')).statusCode).toBe(404);
  });
});
