import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
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
import type { ComplianceMatrix, ObligationItem } from '../../../contracts/obligations.js';
import type { Role } from '../../../core/access/roles.js';
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { leaderCharges } from '../leadership/leadership.table.js';
import { applyEvidence, attachEvidence, withdrawEvidence } from './evidence.service.js';
import { obligations } from './obligations.table.js';

type Item = ObligationItem;
type Matrix = ReturnType<typeof ComplianceMatrix.parse>;
type UnitRow = Awaited<ReturnType<typeof createUnit>>;

const RULE_KEYS = ['assigned_courses', 'annual_report', 'mentor_talk', 'hr_leader_talk', 'leader_talk'];
const T = todayIn('Asia/Shanghai');
const Y = Number(T.slice(0, 4));
const d = (days: number) => addDays(T, days);

describe.each(dbKinds())('obligation views on %s', (kind) => {
  let t: TestApp;
  let units: Record<'root' | 'countyA' | 'countyB' | 'deptA1' | 'deptA2' | 'deptB', UnitRow>;
  let reserve: Record<'a1' | 'a2' | 'a0' | 'b' | 'gone', TestReserve>;
  let programmeId: string;
  let mentorId: string;
  const c: Record<string, TestClient> = {};
  let hrAUser: { id: string; username: string; displayName: string };

  /** Sets one obligation's due date and state (after generation), returning its id. */
  const setObligation = async (
    r: TestReserve,
    ruleKey: string,
    periodKey: string,
    values: Partial<typeof obligations.$inferInsert>,
  ) => {
    const [row] = await t.db
      .update(obligations)
      .set(values)
      .where(
        and(
          eq(obligations.reserveId, r.id),
          eq(obligations.ruleKey, ruleKey),
          eq(obligations.periodKey, periodKey),
        ),
      )
      .returning({ id: obligations.id });
    return row.id;
  };
  const ids: Record<string, string> = {};
  const get = async <R = unknown>(client: TestClient, url: string, status = 200): Promise<R> => {
    const res = await client.get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(status);
    return res.json() as R;
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const root = await createUnit(t.db, { name: '江州市分公司' });
    const countyA = await createUnit(t.db, {
      parent: root,
      name: '青山县分公司',
      type: 'county_branch',
      sortOrder: 1,
    });
    const countyB = await createUnit(t.db, {
      parent: root,
      name: '临江县分公司',
      type: 'county_branch',
      sortOrder: 2,
    });
    units = {
      root,
      countyA,
      countyB,
      deptA1: await createUnit(t.db, { parent: countyA, name: '青山市场部', sortOrder: 1 }),
      deptA2: await createUnit(t.db, { parent: countyA, name: '青山网络部', sortOrder: 2 }),
      deptB: await createUnit(t.db, { parent: countyB, name: '临江市场部' }),
    };
    const programme = await createProgramme(t.db, root, {
      rules: DEFAULT_RULES.filter((r) => RULE_KEYS.includes(r.key)),
    });
    programmeId = programme.id;
    const mentor = await createPerson(t.db, t.cipher, countyA, { name: '导师甲' });
    mentorId = mentor.id;
    const enrol = async (
      unit: UnitRow,
      name: string,
      state: 'active' | 'eliminated' = 'active',
      mentors: string[] = [],
    ) => {
      const person = await createPerson(t.db, t.cipher, unit, { name });
      const r = await createReserve(t.db, { person, programme, state });
      await scheduleReserve(t.db, r, programme, Y, { mentorIds: mentors });
      // Everything not set below is open and far ahead, so the counts are known exactly.
      await t.db
        .update(obligations)
        .set({ dueDate: d(100), state: 'open' })
        .where(and(eq(obligations.reserveId, r.id), sql`${obligations.ruleKey} <> 'assigned_courses'`));
      return r;
    };
    reserve = {
      a1: await enrol(units.deptA1, '张一', 'active', [mentor.id]),
      a2: await enrol(units.deptA2, '李二'),
      a0: await enrol(countyA, '王本级'),
      b: await enrol(units.deptB, '赵临江'),
      gone: await enrol(units.deptA1, '钱淘汰', 'eliminated'),
    };
    // assigned_courses, quarter by quarter: one of every status the matrix must tell apart.
    const fourStates = async (r: TestReserve, states: Partial<typeof obligations.$inferInsert>[]) => {
      for (const [i, values] of states.entries())
        ids[`${r.id}:Q${i + 1}`] = await setObligation(r, 'assigned_courses', `${Y}-Q${i + 1}`, values);
    };
    const a1States = [
      { dueDate: d(-30), state: 'fulfilled' as const, fulfilledOn: d(-40) },
      { dueDate: d(-20), state: 'open' as const },
      { dueDate: d(-10), state: 'fulfilled' as const, fulfilledOn: d(-5) },
      { dueDate: d(5), state: 'open' as const },
    ];
    await fourStates(reserve.a1, a1States);
    await fourStates(reserve.gone, a1States);
    await fourStates(reserve.a2, [
      { dueDate: d(-30), state: 'waived', waivedReason: '轮岗' },
      { dueDate: d(-20), state: 'submitted' },
      { dueDate: d(-10), state: 'returned' },
      { dueDate: d(30), state: 'returned' },
    ]);
    await fourStates(reserve.a0, [
      { dueDate: T, state: 'open' },
      { dueDate: d(40), state: 'open' },
      { dueDate: d(40), state: 'open' },
      { dueDate: d(40), state: 'open' },
    ]);
    await fourStates(reserve.b, [
      { dueDate: d(-25), state: 'open' },
      { dueDate: d(-25), state: 'open' },
      { dueDate: d(-25), state: 'open' },
      { dueDate: d(-25), state: 'open' },
    ]);

    const login = async (role: Role, unit: UnitRow, personId?: string) => {
      const user = await createUser(t.db, { grants: [{ role, unit }], personId });
      return { user, client: await t.login(user.username) };
    };
    c.reserveA1 = (await login('reserve', units.deptA1, reserve.a1.personId)).client;
    c.reserveB = (await login('reserve', units.deptB, reserve.b.personId)).client;
    c.mentor = (await login('mentor', countyA, mentor.id)).client;
    const hrA = await login('hr_admin', countyA);
    hrAUser = hrA.user;
    c.hrA = hrA.client;
    c.hrB = (await login('hr_admin', countyB)).client;
    c.hrCity = (await login('hr_admin', root)).client;
    c.hrLeaderA = (await login('hr_leader', countyA)).client;
    // A leadership member in charge (分管) of county A; another with a leadership grant but no charge.
    const leaderPerson = await createPerson(t.db, t.cipher, root, { name: '分管领导' });
    await t.db
      .insert(leaderCharges)
      .values({ leaderPersonId: leaderPerson.id, unitId: countyA.id, startOn: `${Y}-01-01` });
    c.leaderA = (await login('leadership', countyA, leaderPerson.id)).client;
    const idleLeader = await createPerson(t.db, t.cipher, root, { name: '未分管领导' });
    c.idleLeader = (await login('leadership', countyA, idleLeader.id)).client;
  });
  afterAll(() => t.close());

  const column = (m: Matrix, ruleKey: string) => m.columns.findIndex((col) => col.ruleKey === ruleKey);
  const row = (m: Matrix, unitId: string, unitOnly = false) => {
    const found = m.rows.find((r) => r.unitId === unitId && r.unitOnly === unitOnly);
    expect(found, `row ${unitId}`).toBeDefined();
    return found!;
  };

  it('counts each matrix cell by status, per child unit of the scope, with totals', async () => {
    const m = await get<Matrix>(c.hrA, `/api/compliance/matrix?programmeId=${programmeId}&year=${Y}`);
    expect(m.unit?.id).toBe(units.countyA.id);
    expect(m.columns.map((col) => col.ruleKey).sort()).toEqual([...RULE_KEYS].sort());
    expect(m.rows.map((r) => r.unitName)).toEqual(['青山县分公司（本级）', '青山市场部', '青山网络部']);
    const ac = column(m, 'assigned_courses');
    // Fulfilled, overdue, fulfilled late, due soon; the eliminated reserve's identical four are left out.
    expect(row(m, units.deptA1.id).cells[ac]).toEqual({
      total: 4,
      due: 3,
      done: 2,
      doneDue: 2,
      overdue: 1,
      submitted: 0,
      open: 1,
      percent: 66.7,
    });
    // Waived, submitted, returned past due (overdue), returned not yet due.
    expect(row(m, units.deptA2.id).cells[ac]).toEqual({
      total: 4,
      due: 3,
      done: 1,
      doneDue: 1,
      overdue: 1,
      submitted: 1,
      open: 1,
      percent: 33.3,
    });
    // Due today counts as due, not overdue.
    expect(row(m, units.countyA.id, true).cells[ac]).toEqual({
      total: 4,
      due: 1,
      done: 0,
      doneDue: 0,
      overdue: 0,
      submitted: 0,
      open: 4,
      percent: 0,
    });
    expect(m.totals.cells[ac]).toMatchObject({
      total: 12,
      due: 7,
      doneDue: 3,
      overdue: 2,
      submitted: 1,
      percent: 42.9,
    });
    // a1 has 8 other obligations (one mentor), a2 and a0 4 each; all open, far ahead.
    expect(row(m, units.deptA1.id).total).toMatchObject({ total: 12, due: 3, open: 9, percent: 66.7 });
    expect(m.totals.total).toMatchObject({ total: 12 + 8 + 4 + 4, due: 7, overdue: 2, percent: 42.9 });
    expect(m.rows.some((r) => r.unitId === units.countyB.id || r.unitId === units.deptB.id)).toBe(false);

    const city = await get<Matrix>(c.hrCity, `/api/compliance/matrix?programmeId=${programmeId}`);
    expect(city.rows.map((r) => r.unitName)).toEqual(['青山县分公司', '临江县分公司']);
    expect(row(city, units.countyA.id).cells[ac]).toMatchObject({ total: 12, due: 7, doneDue: 3 });
    expect(row(city, units.countyB.id).cells[ac]).toMatchObject({ total: 4, due: 4, overdue: 4, percent: 0 });
  });

  it('drills down to the obligations behind a cell, the same count as the cell', async () => {
    const base = `/api/compliance/obligations?programmeId=${programmeId}&year=${Y}&ruleKey=assigned_courses`;
    const overdue = await get<{ items: Item[]; total: number }>(
      c.hrA,
      `${base}&unitId=${units.deptA2.id}&status=overdue`,
    );
    expect(overdue.total).toBe(1);
    expect(overdue.items[0]).toMatchObject({
      id: ids[`${reserve.a2.id}:Q3`],
      status: 'overdue',
      state: 'returned',
    });
    expect(overdue.items[0].actions).toEqual({ record: true, review: false, waive: true });
    const due = await get<{ items: Item[]; total: number }>(
      c.hrA,
      `${base}&unitId=${units.deptA1.id}&status=due`,
    );
    expect(due.total).toBe(3);
    expect(due.items.map((i) => i.status)).toEqual(['fulfilled', 'overdue', 'fulfilled_late']);
    expect(due.items[0]).toMatchObject({
      personName: '张一',
      ruleTitle: '人力资源部指定网上大学课程',
      periodKey: `${Y}-Q1`,
    });
    const own = await get<{ total: number }>(
      c.hrA,
      `${base}&unitId=${units.countyA.id}&unitOnly=true&status=open`,
    );
    expect(own.total).toBe(4);
    const done = await get<{ total: number }>(c.hrA, `${base}&status=done`);
    expect(done.total).toBe(3);
    // Every cell of the column, for every row: the drill-down lists exactly the cell's count.
    const m = await get<Matrix>(c.hrA, `/api/compliance/matrix?programmeId=${programmeId}&year=${Y}`);
    const ac = column(m, 'assigned_courses');
    for (const r of m.rows)
      for (const status of ['due', 'done', 'overdue', 'submitted', 'open'] as const) {
        const unit = `&unitId=${r.unitId}${r.unitOnly ? '&unitOnly=true' : ''}`;
        const list = await get<{ total: number }>(c.hrA, `${base}${unit}&status=${status}`);
        expect(list.total, `${r.unitName} ${status}`).toBe(r.cells[ac][status]);
      }
    const paged = await get<{ items: Item[]; total: number }>(c.hrA, `${base}&page=2&pageSize=5`);
    expect(paged.total).toBe(12);
    expect(paged.items).toHaveLength(5);

    const res = await c.hrA.get(
      `/api/compliance/obligations/export?programmeId=${programmeId}&ruleKey=assigned_courses&status=due`,
    );
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(1 + 7);
    const matrixXlsx = await c.hrA.get(`/api/compliance/matrix/export?programmeId=${programmeId}`);
    expect(matrixXlsx.statusCode).toBe(200);
    const mw = new ExcelJS.Workbook();
    await mw.xlsx.load(matrixXlsx.rawPayload as unknown as ArrayBuffer);
    expect(mw.worksheets[0].getRow(mw.worksheets[0].rowCount).getCell(1).text).toBe('合计');
  });

  it('keeps another county out: no rows, items or obligation ids of county A for county B', async () => {
    const a1Id = ids[`${reserve.a1.id}:Q2`];
    await get(c.hrB, `/api/compliance/matrix?programmeId=${programmeId}&unitId=${units.countyA.id}`, 404);
    await get(c.hrB, `/api/compliance/obligations?programmeId=${programmeId}&unitId=${units.deptA1.id}`, 404);
    await get(c.hrB, `/api/compliance/overdue?unitId=${units.deptA1.id}`, 404);
    await get(c.hrB, `/api/obligations/${a1Id}`, 404);
    const evidence = await c.hrB.post(`/api/obligations/${a1Id}/evidence`, { occurredOn: T });
    expect(evidence.statusCode).toBe(404);
    expect((await c.hrB.post(`/api/obligations/${a1Id}/waive`, { reason: '越权' })).statusCode).toBe(404);
    const m = await get<Matrix>(c.hrB, `/api/compliance/matrix?programmeId=${programmeId}`);
    expect(m.rows.map((r) => r.unitId)).toEqual([units.deptB.id]);
    // Several scope roots: one row per root, each its whole subtree.
    const twoRoots = await createUser(t.db, {
      grants: [
        { role: 'unit_head', unit: units.deptA1 },
        { role: 'unit_head', unit: units.deptB },
      ],
    });
    const both = await get<Matrix>(
      await t.login(twoRoots.username),
      `/api/compliance/matrix?programmeId=${programmeId}`,
    );
    expect(both.unit).toBeNull();
    expect(both.rows.map((r) => r.unitId).sort()).toEqual([units.deptA1.id, units.deptB.id].sort());
    expect(both.totals.cells[column(both, 'assigned_courses')]).toMatchObject({
      total: 8,
      due: 7,
      overdue: 5,
    });
    const list = await get<{ items: Item[] }>(
      c.hrB,
      `/api/compliance/obligations?programmeId=${programmeId}&pageSize=200`,
    );
    expect(new Set(list.items.map((i) => i.personId))).toEqual(new Set([reserve.b.personId]));
    const overdue = await get<{ items: Item[] }>(c.hrB, '/api/compliance/overdue?pageSize=200');
    expect(overdue.items.every((i) => i.personId === reserve.b.personId)).toBe(true);
  });

  it('sorts the overdue list by days overdue and filters it', async () => {
    const list = await get<{ items: Item[]; total: number }>(c.hrA, '/api/compliance/overdue');
    expect(list.items.map((i) => [i.personName, i.daysOverdue])).toEqual([
      ['张一', 20],
      ['李二', 10],
    ]);
    const city = await get<{ items: Item[]; total: number }>(
      c.hrCity,
      '/api/compliance/overdue?pageSize=200',
    );
    expect(city.total).toBe(6);
    const days = city.items.map((i) => i.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect((await get<{ total: number }>(c.hrCity, '/api/compliance/overdue?q=李二')).total).toBe(1);
    const exported = await c.hrCity.get('/api/compliance/overdue/export');
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(1 + 6);
  });

  it('counts a month calendar per day and status', async () => {
    type Month = { days: { date: string; total: number; counts: Record<string, number>; items: Item[] }[] };
    const day = async (client: TestClient, url: string, date: string) => {
      const month = await get<Month>(
        client,
        `${url}${url.includes('?') ? '&' : '?'}month=${date.slice(0, 7)}`,
      );
      return month.days.find((x) => x.date === date)!;
    };
    const past = await day(c.hrA, '/api/compliance/calendar', d(-30));
    expect(past.counts).toMatchObject({ fulfilled: 1, waived: 1, overdue: 0 });
    expect(past.total).toBe(2);
    expect(past.items).toHaveLength(2);
    const soon = await day(c.hrA, `/api/compliance/calendar?programmeId=${programmeId}`, d(5));
    expect(soon).toMatchObject({ total: 1, counts: { due_soon: 1 } });
    expect(soon.items[0].id).toBe(ids[`${reserve.a1.id}:Q4`]);
    const todayOwn = await day(c.hrA, `/api/compliance/calendar?unitId=${units.deptA1.id}`, T);
    expect(todayOwn.total).toBe(0);
    const mine = await day(c.reserveA1, '/api/my/calendar', d(-20));
    expect(mine).toMatchObject({ total: 1, counts: { overdue: 1 } });
    const mentorDay = await day(c.mentor, '/api/my/calendar', d(100));
    expect(mentorDay.total).toBe(4);
    expect(mentorDay.items.every((i) => i.ruleKey === 'mentor_talk')).toBe(true);
  });

  it('shows a reserve only their own obligations, and each duty to whoever owes it', async () => {
    const mine = await get<{ items: Item[]; total: number }>(c.reserveA1, '/api/my/obligations?pageSize=100');
    expect(mine.total).toBe(5);
    expect(new Set(mine.items.map((i) => i.personId))).toEqual(new Set([reserve.a1.personId]));
    expect(mine.items.every((i) => i.actor === 'reserve' && !i.actions.record)).toBe(true);
    const dates = mine.items.map((i) => i.dueDate);
    expect(dates).toEqual([...dates].sort());
    expect((await get<{ total: number }>(c.reserveA1, '/api/my/obligations?status=overdue')).total).toBe(1);
    const other = await get<{ items: Item[] }>(c.reserveB, '/api/my/obligations?pageSize=100');
    expect(other.items.some((i) => i.personId === reserve.a1.personId)).toBe(false);
    await get(c.reserveB, `/api/obligations/${ids[`${reserve.a1.id}:Q1`]}`, 404);
    await get(c.reserveA1, `/api/obligations/${ids[`${reserve.a1.id}:Q1`]}`);

    const mentor = await get<{ items: Item[]; total: number }>(c.mentor, `/api/my/duties?year=${Y}`);
    expect(mentor.total).toBe(4);
    expect(mentor.items.every((i) => i.ruleKey === 'mentor_talk' && i.actorPersonId === mentorId)).toBe(true);
    expect(mentor.items[0]).toMatchObject({ personName: '张一', actorName: '导师甲' });
    await get(c.mentor, `/api/obligations/${mentor.items[0].id}`);
    await get(c.mentor, `/api/obligations/${ids[`${reserve.a1.id}:Q1`]}`, 404);

    const hrLeader = await get<{ items: Item[]; total: number }>(c.hrLeaderA, '/api/my/duties?pageSize=100');
    expect(hrLeader.total).toBe(6);
    expect(hrLeader.items.every((i) => i.actor === 'hr_leader' && i.personId !== reserve.b.personId)).toBe(
      true,
    );
    const leader = await get<{ items: Item[]; total: number }>(c.leaderA, '/api/my/duties');
    expect(leader.items.map((i) => i.actor)).toEqual([
      'leader_in_charge',
      'leader_in_charge',
      'leader_in_charge',
    ]);
    // A leadership grant alone owes nothing: the talks follow the 分管 relation.
    expect((await get<{ total: number }>(c.idleLeader, '/api/my/duties')).total).toBe(0);
    await get(c.leaderA, `/api/obligations/${leader.items[0].id}`);
    expect((await get<{ total: number }>(c.reserveA1, '/api/my/duties')).total).toBe(0);

    // Both lists download as workbooks with the same rows as the list, and nobody else's.
    const rowsOf = async (client: TestClient, url: string) => {
      const res = await client.get(url);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      return sheet
        .getSheetValues()
        .slice(2)
        .map((row) => (row as unknown[])[5] as string);
    };
    const mineAll = await get<{ items: Item[]; total: number }>(
      c.reserveA1,
      '/api/my/obligations?pageSize=100',
    );
    expect((await rowsOf(c.reserveA1, '/api/my/obligations/export')).sort()).toEqual(
      mineAll.items.map((i) => i.ruleTitle).sort(),
    );
    expect(await rowsOf(c.reserveA1, '/api/my/obligations/export?status=overdue')).toHaveLength(1);
    expect(await rowsOf(c.mentor, `/api/my/duties/export?year=${Y}`)).toHaveLength(4);
    expect(await rowsOf(c.reserveA1, '/api/my/duties/export')).toHaveLength(0);
  });

  it('records evidence (late after the due date), reviews submissions and waives, with audit', async () => {
    const late = ids[`${reserve.a1.id}:Q2`];
    const recorded = await c.hrA.post(`/api/obligations/${late}/evidence`, {
      occurredOn: d(-1),
      note: '已完成两门课程',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().item).toMatchObject({
      state: 'fulfilled',
      status: 'fulfilled_late',
      fulfilledOn: d(-1),
      evidenceCount: 1,
    });
    expect(recorded.json().evidence[0]).toMatchObject({
      sourceType: 'manual',
      note: '已完成两门课程',
      occurredOn: d(-1),
    });
    const onTime = ids[`${reserve.a1.id}:Q4`];
    const fulfilled = await c.hrA.post(`/api/obligations/${onTime}/evidence`, { occurredOn: T });
    expect(fulfilled.json().item).toMatchObject({
      status: 'fulfilled',
      actions: { record: false, review: false, waive: false },
    });
    expect((await c.hrA.post(`/api/obligations/${onTime}/evidence`, { occurredOn: T })).statusCode).toBe(409);
    expect((await c.hrA.post(`/api/obligations/${onTime}/evidence`, { occurredOn: d(1) })).statusCode).toBe(
      409,
    );
    const future = ids[`${reserve.a0.id}:Q2`];
    expect((await c.hrA.post(`/api/obligations/${future}/evidence`, { occurredOn: d(1) })).statusCode).toBe(
      400,
    );
    expect(
      (await c.hrA.post(`/api/obligations/${future}/evidence`, { occurredOn: '2026-02-30' })).statusCode,
    ).toBe(400);

    // Another capability submits for review through the one evidence interface; HR then decides.
    const ctx: ServiceContext = {
      db: t.db,
      actor: {
        userId: hrAUser.id,
        username: hrAUser.username,
        displayName: hrAUser.displayName,
        personId: null,
        grants: [{ role: 'hr_admin', unitId: units.countyA.id, unitPath: units.countyA.path, unitName: '' }],
      },
      audit: { userId: hrAUser.id, displayName: hrAUser.displayName },
      cipher: t.cipher,
      lang: 'zh',
    };
    for (const q of ['Q3', 'Q4'] as const) {
      await t.db.transaction((tx) =>
        attachEvidence(tx, ctx, {
          obligationId: ids[`${reserve.a0.id}:${q}`],
          // A capability without a review page of its own: HR reviews it on the compliance screens.
          sourceType: 'internal_training',
          occurredOn: T,
          effect: 'submit',
        }),
      );
    }
    // A reflection is reviewed on its own page only: the generic review neither offers nor takes it.
    const ownReview = ids[`${reserve.a0.id}:Q1`];
    await t.db.transaction((tx) =>
      applyEvidence(tx, ctx, {
        obligationId: ownReview,
        sourceType: 'reflection',
        sourceId: 'r-own',
        occurredOn: T,
        effect: 'submit',
      }),
    );
    expect((await get<{ item: Item }>(c.hrA, `/api/obligations/${ownReview}`)).item.actions).toEqual({
      record: true,
      review: false,
      waive: true,
    });
    expect(
      (await c.hrA.post(`/api/obligations/${ownReview}/review`, { decision: 'accept' })).statusCode,
    ).toBe(409);
    expect((await get<{ item: Item }>(c.hrA, `/api/obligations/${ownReview}`)).item.state).toBe('submitted');
    await t.db.transaction((tx) =>
      withdrawEvidence(tx, ctx, { sourceType: 'reflection', sourceId: 'r-own' }),
    );
    const submitted = await get<{ item: Item }>(c.hrA, `/api/obligations/${ids[`${reserve.a0.id}:Q3`]}`);
    expect(submitted.item).toMatchObject({
      status: 'submitted',
      actions: { record: true, review: true, waive: true },
    });
    const accepted = await c.hrA.post(`/api/obligations/${ids[`${reserve.a0.id}:Q3`]}/review`, {
      decision: 'accept',
    });
    expect(accepted.json().item).toMatchObject({ status: 'fulfilled', fulfilledOn: T });
    const returned = await c.hrA.post(`/api/obligations/${ids[`${reserve.a0.id}:Q4`]}/review`, {
      decision: 'return',
      comment: '字数不足',
    });
    expect(returned.json().item).toMatchObject({ state: 'returned', status: 'returned' });
    expect(
      (await c.hrA.post(`/api/obligations/${ids[`${reserve.a0.id}:Q4`]}/review`, { decision: 'accept' }))
        .statusCode,
    ).toBe(409);

    const waived = await c.hrA.post(`/api/obligations/${future}/waive`, { reason: '挂职锻炼期间' });
    expect(waived.json().item).toMatchObject({ status: 'waived', waivedReason: '挂职锻炼期间' });
    expect((await c.hrA.post(`/api/obligations/${future}/waive`, { reason: '再次' })).statusCode).toBe(409);
    expect((await c.hrA.post(`/api/obligations/${future}/waive`, { reason: '' })).statusCode).toBe(400);
    // Only HR records: the HR leader reads but may not write.
    expect(
      (await c.hrLeaderA.post(`/api/obligations/${ids[`${reserve.a2.id}:Q3`]}/waive`, { reason: 'x' }))
        .statusCode,
    ).toBe(404);

    const audit = await t.database.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'obligation.%' GROUP BY action ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'obligation.accepted', n: 1 },
      { action: 'obligation.evidence_withdrawn', n: 1 },
      { action: 'obligation.fulfilled', n: 2 },
      { action: 'obligation.returned', n: 1 },
      { action: 'obligation.submitted', n: 3 },
      { action: 'obligation.waived', n: 1 },
    ]);
  });

  it('serves a secret iCalendar feed a real parser reads, and stops serving it once revoked', async () => {
    const anonymous = t.anonymous();
    expect((await anonymous.post('/api/my/calendar-feed')).statusCode).toBe(401);
    expect((await get<{ active: boolean }>(c.reserveA1, '/api/my/calendar-feed')).active).toBe(false);
    const created = await c.reserveA1.post('/api/my/calendar-feed');
    expect(created.statusCode, created.body).toBe(200);
    const { url } = created.json() as { url: string };
    expect(url).toMatch(/^\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.slice(6, -4);
    const stored = await t.database.query<{ token_hash: string }>('SELECT token_hash FROM calendar_feeds');
    expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);

    const feed = await anonymous.get(url);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('no-store');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const mine = await get<{ items: Item[] }>(c.reserveA1, '/api/my/obligations?pageSize=100');
    expect(events.map((e) => e.uid).sort()).toEqual(mine.items.map((i) => `${i.id}@houbei`).sort());
    const q2 = events.find((e) => e.uid === `${ids[`${reserve.a1.id}:Q2`]}@houbei`)!;
    expect(q2.summary).toBe(`人力资源部指定网上大学课程 ${Y}-Q2`);
    expect(q2.startDate.isDate).toBe(true);
    expect(q2.startDate.toString()).toBe(d(-20));
    expect(q2.description).toContain('逾期完成');

    const mentorFeed = await c.mentor.post('/api/my/calendar-feed');
    const mentorEvents = new ICAL.Component(ICAL.parse((await anonymous.get(mentorFeed.json().url)).body))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(mentorEvents).toHaveLength(4);
    expect(mentorEvents[0].summary).toContain('导师季度沟通交流（附件一）');
    expect(mentorEvents[0].summary).toContain('张一');

    const again = await c.reserveA1.post('/api/my/calendar-feed');
    expect((await anonymous.get(url)).statusCode).toBe(404);
    expect((await anonymous.get(again.json().url)).statusCode).toBe(200);
    expect((await c.reserveA1.delete('/api/my/calendar-feed')).statusCode).toBe(200);
    expect((await anonymous.get(again.json().url)).statusCode).toBe(404);
    expect((await anonymous.get('/ical/not-a-token.ics')).statusCode).toBe(404);
    expect((await get<{ active: boolean }>(c.reserveA1, '/api/my/calendar-feed')).active).toBe(false);
  });
});
