import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
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
import type { Role } from '../../../core/access/roles.js';
import { auditLog } from '../../platform/audit.table.js';
import { obligations } from '../obligations/obligations.table.js';

const Y = 2026;
type Unit = Awaited<ReturnType<typeof createUnit>>;

/** Training events (六(一)1): participants, attendance, due dates moving and restoring, export, scope. */
describe.each(dbKinds())('training events on %s', (kind) => {
  let t: TestApp;
  const c: Record<string, TestClient> = {};
  const r: Record<string, TestReserve> = {};
  let countyA: Unit;
  let deptA: Unit;
  let countyB: Unit;
  let root: Unit;

  const due = async (reserve: TestReserve, ruleKey = 'training_reflection') => {
    const [row] = await t.db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, reserve.id),
          eq(obligations.ruleKey, ruleKey),
          eq(obligations.periodKey, `${Y}`),
        ),
      );
    return row;
  };
  const event = (extra: Record<string, unknown> = {}) => ({
    unitId: countyA.id,
    title: `${Y}年后备干部管理技能提升培训`,
    trainer: '张明远（外聘培训师）',
    organiser: '江州市分公司',
    startOn: `${Y}-05-20`,
    endOn: `${Y}-05-22`,
    place: '青山县分公司培训中心',
    ...extra,
  });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    root = await createUnit(t.db, { name: '江州市分公司' });
    countyA = await createUnit(t.db, { parent: root, name: '青山县分公司', type: 'county_branch' });
    deptA = await createUnit(t.db, { parent: countyA, name: '青山市场部' });
    const deptA2 = await createUnit(t.db, { parent: countyA, name: '青山网络部' });
    countyB = await createUnit(t.db, { parent: root, name: '临江县分公司', type: 'county_branch' });
    const programme = await createProgramme(t.db, root, { tier: '班组长后备' });
    const other = await createProgramme(t.db, root, { tier: '潜力员工' });
    const people: [string, Unit, typeof programme][] = [
      ['a', deptA, programme],
      ['a2', deptA, programme],
      ['n', deptA2, other],
      ['b', countyB, programme],
    ];
    for (const [key, unit, prog] of people) {
      const person = await createPerson(t.db, t.cipher, unit, { name: `后备${key}` });
      r[key] = await createReserve(t.db, { person, programme: prog, enrolledOn: `${Y}-01-01` });
      await scheduleReserve(t.db, r[key], prog, Y);
      const user = await createUser(t.db, { grants: [{ role: 'reserve', unit }], personId: person.id });
      c[key] = await t.login(user.username);
    }
    const login = async (name: string, role: Role, unit: Unit) => {
      const user = await createUser(t.db, { grants: [{ role, unit }] });
      c[name] = await t.login(user.username);
    };
    await login('hrA', 'hr_admin', countyA);
    await login('hrB', 'hr_admin', countyB);
    await login('hrCity', 'hr_admin', root);
    await login('leader', 'leadership', root);
  });
  afterAll(() => t.close());

  it('refuses bad dates and units outside the scope with field messages', async () => {
    const back = await c.hrA.post('/api/training/events', event({ endOn: `${Y}-05-19` }));
    expect(back.statusCode).toBe(400);
    expect(back.json().error.details.fields[0]).toMatchObject({ path: 'endOn' });
    const span = await c.hrA.post(
      '/api/training/events',
      event({ startOn: `${Y}-12-30`, endOn: `${Y + 1}-01-02` }),
    );
    expect(span.json().error.details.fields[0].message).toContain('跨年度');
    const outside = await c.hrA.post('/api/training/events', event({ unitId: countyB.id }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.fields[0].path).toBe('unitId');
    expect((await c.leader.post('/api/training/events', event())).statusCode).toBe(404);
  });

  it('moves participants’ reflections to a month after the end, leaves settled ones, restores on removal', async () => {
    // a2's reflection was already fulfilled: its date must stay.
    const settled = await due(r.a2);
    await t.db
      .update(obligations)
      .set({ state: 'fulfilled', fulfilledOn: `${Y}-06-01` })
      .where(eq(obligations.id, settled.id));
    const created = await c.hrA.post('/api/training/events', event());
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ year: Y, participants: 0, actions: { edit: true } });

    const added = await c.hrA.post(`/api/training/events/${id}/participants`, { unitId: deptA.id });
    expect(added.json()).toEqual({ added: 2, inOtherTraining: [] });
    expect((await due(r.a)).dueDate).toBe(`${Y}-06-22`);
    expect((await due(r.a2)).dueDate).toBe(settled.dueDate);
    expect((await due(r.n)).dueDate).toBe(`${Y}-07-31`);
    // Candidates leave out those already in: only 后备n (another unit) remains to pick.
    const left = (await c.hrA.get(`/api/training/events/${id}/candidates`)).json();
    expect(left.map((x: { personName: string }) => x.personName)).toEqual(['后备n']);
    // By tier: the other programme's reserve; reserves of county B are never picked.
    const byTier = await c.hrA.post(`/api/training/events/${id}/participants`, { tier: '潜力员工' });
    expect(byTier.json().added).toBe(1);
    const outside = await c.hrA.post(`/api/training/events/${id}/participants`, { reserveIds: [r.b.id] });
    expect(outside.statusCode).toBe(400);

    // A new end date (31 May) moves them again: a month-end stays a month-end.
    const detail = (await c.hrA.get(`/api/training/events/${id}`)).json();
    const moved = await c.hrA.patch(`/api/training/events/${id}`, {
      ...event(),
      endOn: `${Y}-05-31`,
      version: detail.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await due(r.a)).dueDate).toBe(`${Y}-06-30`);
    expect((await due(r.n)).dueDate).toBe(`${Y}-06-30`);
    // A stale version is refused.
    expect(
      (await c.hrA.patch(`/api/training/events/${id}`, { ...event(), version: detail.version })).statusCode,
    ).toBe(409);
    // Another year is refused while it has participants.
    const year = await c.hrA.patch(`/api/training/events/${id}`, {
      ...event({ startOn: `${Y + 1}-05-20`, endOn: `${Y + 1}-05-22` }),
      version: detail.version + 1,
    });
    expect(year.json().error.details.fields[0].path).toBe('startOn');

    const removed = await c.hrA.post(`/api/training/events/${id}/participants/remove`, {
      reserveIds: [r.n.id],
    });
    expect(removed.json()).toEqual({ removed: 1 });
    expect((await due(r.n)).dueDate).toBe(`${Y}-07-31`);

    // One training a year: a second event names the first and adds no one already in it.
    const second = (
      await c.hrA.post(
        '/api/training/events',
        event({ title: '补训班', startOn: `${Y}-06-10`, endOn: `${Y}-06-12` }),
      )
    ).json();
    const again = await c.hrA.post(`/api/training/events/${second.id}/participants`, { unitId: countyA.id });
    expect(again.json().added).toBe(1);
    expect(
      again
        .json()
        .inOtherTraining.map((x: { personName: string }) => x.personName)
        .sort(),
    ).toEqual(['后备a', '后备a2']);
    expect((await due(r.a)).dueDate).toBe(`${Y}-06-30`);
    expect((await due(r.n)).dueDate).toBe(`${Y}-07-12`);
    const candidates = (await c.hrA.get(`/api/training/events/${second.id}/candidates?q=后备a`)).json();
    expect(candidates.find((x: { personName: string }) => x.personName === '后备a').otherEvent).toBe(
      event().title,
    );

    // Deleting the second training restores its participant's nominal date.
    expect((await c.hrA.delete(`/api/training/events/${second.id}`)).statusCode).toBe(200);
    expect((await due(r.n)).dueDate).toBe(`${Y}-07-31`);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'obligation.rescheduled'));
    expect(audits.length).toBeGreaterThan(3);
  });

  it('records attendance, shows reflection status, and exports both', async () => {
    const [first] = (await c.hrA.get(`/api/training/events?year=${Y}`)).json().items;
    const id = first.id;
    const bad = await c.hrA.put(`/api/training/events/${id}/attendance`, {
      items: [{ reserveId: r.n.id, attendance: 'present', note: '' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].message).toContain('参训人员');
    const ok = await c.hrA.put(`/api/training/events/${id}/attendance`, {
      items: [
        { reserveId: r.a.id, attendance: 'present', note: '' },
        { reserveId: r.a2.id, attendance: 'excused', note: '外出学习' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (await c.hrA.get(`/api/training/events/${id}/participants?q=a2`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      attendance: 'excused',
      note: '外出学习',
      reflection: { status: 'fulfilled' },
    });
    const all = (await c.hrA.get(`/api/training/events/${id}/participants?pageSize=1&page=2`)).json();
    expect(all).toMatchObject({ total: 2, page: 2 });
    expect((await c.hrA.get(`/api/training/events?year=${Y}`)).json().items[0]).toMatchObject({
      participants: 2,
      present: 1,
    });

    const res = await c.hrA.get(`/api/training/events/${id}/participants/export`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(5).text).toBe('出勤');
    const rows = [2, 3].map((n) => sheet.getRow(n).values as unknown[]);
    expect(rows.map((v) => v[1]).sort()).toEqual(['后备a', '后备a2']);
    const a2 = rows.find((v) => v[1] === '后备a2')!;
    expect(a2.slice(5)).toEqual(['请假', '外出学习', `${Y}-07-31`, '已完成']);
  });

  it('keeps each county’s trainings to its own HR and shows reserves only their own', async () => {
    const [first] = (await c.hrA.get(`/api/training/events?year=${Y}`)).json().items;
    expect((await c.hrB.get('/api/training/events')).json().total).toBe(0);
    expect((await c.hrB.get(`/api/training/events/${first.id}`)).statusCode).toBe(404);
    expect((await c.hrB.get(`/api/training/events/${first.id}/participants`)).statusCode).toBe(404);
    expect((await c.hrB.delete(`/api/training/events/${first.id}`)).statusCode).toBe(404);
    expect((await c.a.get('/api/training/events')).statusCode).toBe(404);

    const mine = (await c.a.get(`/api/my/learning?year=${Y}`)).json();
    expect(mine.trainings).toHaveLength(1);
    expect(mine.trainings[0]).toMatchObject({
      title: first.title,
      endOn: `${Y}-05-31`,
      attendance: 'present',
      reflection: { dueDate: `${Y}-06-30` },
    });
    expect((await c.b.get(`/api/my/learning?year=${Y}`)).json().trainings).toEqual([]);
  });

  it('shows a county the city’s training its reserves attend: read-only, and only its own people', async () => {
    const programme = await createProgramme(t.db, root, { tier: '中层管理人员后备' });
    const person = await createPerson(t.db, t.cipher, deptA, { name: '后备c' });
    r.c = await createReserve(t.db, { person, programme, enrolledOn: `${Y}-01-01` });
    await scheduleReserve(t.db, r.c, programme, Y);
    const created = await c.hrCity.post(
      '/api/training/events',
      event({ unitId: root.id, title: `${Y}年全市后备干部集中培训`, place: '市分公司培训中心' }),
    );
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    const added = await c.hrCity.post(`/api/training/events/${id}/participants`, {
      reserveIds: [r.c.id, r.b.id],
    });
    expect(added.json()).toEqual({ added: 2, inOtherTraining: [] });

    // The city sees the whole training.
    const city = (await c.hrCity.get(`/api/training/events/${id}`)).json();
    expect(city).toMatchObject({ participants: 2, attendingOnly: false, actions: { edit: true } });
    // County A: listed beside its own, read-only, its one participant only.
    const list = (await c.hrA.get(`/api/training/events?year=${Y}`)).json();
    const seen = list.items.find((e: { id: string }) => e.id === id);
    expect(seen).toMatchObject({ participants: 1, attendingOnly: true, actions: { edit: false } });
    expect(list.items.filter((e: { attendingOnly: boolean }) => !e.attendingOnly)).toHaveLength(1);
    expect((await c.hrA.get(`/api/training/events/${id}`)).json()).toMatchObject({ participants: 1 });
    const people = (await c.hrA.get(`/api/training/events/${id}/participants`)).json();
    expect(people.total).toBe(1);
    expect(people.items.map((p: { personName: string }) => p.personName)).toEqual(['后备c']);
    const file = await c.hrA.get(`/api/training/events/${id}/participants/export`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].getColumn(1).values.filter(Boolean)).toEqual(['姓名', '后备c']);
    // Nothing of it may be changed from the county.
    expect((await c.hrA.delete(`/api/training/events/${id}`)).statusCode).toBe(404);
    expect((await c.hrA.get(`/api/training/events/${id}/candidates`)).statusCode).toBe(404);
    const add = await c.hrA.post(`/api/training/events/${id}/participants`, { reserveIds: [r.c.id] });
    expect(add.statusCode).toBe(404);
    // County B sees its own participant; a search for county A's finds nothing.
    const b = (await c.hrB.get(`/api/training/events/${id}/participants?q=后备c`)).json();
    expect(b.total).toBe(0);
    expect((await c.hrB.get(`/api/training/events/${id}/participants`)).json().items).toMatchObject([
      { personName: '后备b' },
    ]);
  });
});
