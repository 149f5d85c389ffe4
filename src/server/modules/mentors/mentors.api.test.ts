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
import { obligations } from '../obligations/obligations.table.js';
import { orgUnitDeputies, orgUnits } from '../units/units.table.js';
import { MENTOR_CHANGED } from './mentors-schedule.js';

type Person = Awaited<ReturnType<typeof createPerson>>;
type Unit = Awaited<ReturnType<typeof createUnit>>;

describe.each(dbKinds())('mentors on %s', (kind) => {
  let t: TestApp;
  const c: Record<string, TestClient> = {};
  const p: Record<string, Person> = {};
  const u: Record<string, Unit> = {};
  let r1: TestReserve;
  let r2: TestReserve;
  let programmeId: string;

  const mentorObligations = async (reserveId: string, personId: string) =>
    (
      await t.db
        .select()
        .from(obligations)
        .where(and(eq(obligations.reserveId, reserveId), eq(obligations.actorPersonId, personId)))
    ).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.ruleKey.localeCompare(b.ruleKey));

  beforeAll(async () => {
    t = await buildTestApp(kind);
    u.root = await createUnit(t.db, { name: '江州市分公司' });
    u.sales = await createUnit(t.db, { parent: u.root, name: '市场部' });
    u.network = await createUnit(t.db, { parent: u.root, name: '网络运营部' });
    u.finance = await createUnit(t.db, { parent: u.root, name: '财务部' });
    u.county = await createUnit(t.db, { parent: u.root, name: '临江县分公司', type: 'county_branch' });
    for (const [key, unit, name] of [
      ['salesHead', 'sales', '市场部经理'],
      ['salesDeputy', 'sales', '市场部副经理'],
      ['netHead', 'network', '网络部经理'],
      ['netDeputy', 'network', '网络部副经理'],
      ['finHead', 'finance', '财务部经理'],
      ['r1', 'sales', '后备甲'],
      ['r2', 'sales', '后备乙'],
      ['countyStaff', 'county', '县公司职员'],
    ] as const)
      p[key] = await createPerson(t.db, t.cipher, u[unit], {
        name,
        currentPost: name.endsWith('经理') ? name.slice(-3) : '职员',
      });
    await t.db.update(orgUnits).set({ headPersonId: p.salesHead.id }).where(eq(orgUnits.id, u.sales.id));
    await t.db.update(orgUnits).set({ headPersonId: p.netHead.id }).where(eq(orgUnits.id, u.network.id));
    await t.db.update(orgUnits).set({ headPersonId: p.finHead.id }).where(eq(orgUnits.id, u.finance.id));
    await t.db.insert(orgUnitDeputies).values([
      { unitId: u.sales.id, personId: p.salesDeputy.id },
      { unitId: u.network.id, personId: p.netDeputy.id },
    ]);
    const programme = await createProgramme(t.db, u.root);
    programmeId = programme.id;
    r1 = await createReserve(t.db, { person: p.r1, programme, enrolledOn: '2025-01-01' });
    r2 = await createReserve(t.db, { person: p.r2, programme, enrolledOn: '2025-01-01' });
    for (const r of [r1, r2]) {
      await scheduleReserve(t.db, r, programme, 2025);
      await scheduleReserve(t.db, r, programme, 2026);
    }
    const login = async (
      name: string,
      role: 'hr_admin' | 'mentor' | 'reserve' | 'leadership',
      unit: Unit,
      personId?: string,
    ) => {
      const user = await createUser(t.db, { grants: [{ role, unit }], personId });
      c[name] = await t.login(user.username);
    };
    await login('hr', 'hr_admin', u.root);
    await login('countyHr', 'hr_admin', u.county);
    await login('salesHead', 'mentor', u.sales, p.salesHead.id);
    await login('netDeputy', 'mentor', u.network, p.netDeputy.id);
    await login('r1', 'reserve', u.sales, p.r1.id);
  });
  afterAll(() => t.close());

  const assign = (client: TestClient, reserveId: string, body: Record<string, unknown>) =>
    client.put(`/api/mentors/reserves/${reserveId}/assignments`, { startOn: '2025-01-01', ...body });

  it('proposes the unit head and, once the direction is mapped, the related department’s leaders', async () => {
    const before = (await c.hr.get(`/api/mentors/reserves/${r1.id}`)).json();
    expect(before.proposals.unit_head.map((x: { name: string }) => x.name)).toEqual(['市场部经理']);
    expect(before.proposals.related_leader).toEqual([]);
    expect(before.breaches.map((b: { issue: string }) => b.issue)).toEqual(['missing', 'missing']);
    const pool = await c.hr.patch(`/api/pool/${r1.id}`, { version: r1.version, direction: '网络运营' });
    expect(pool.statusCode, pool.body).toBe(200);
    const mapped = await c.hr.put('/api/mentors/directions', {
      direction: '网络运营',
      unitIds: [u.network.id],
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json().find((d: { direction: string }) => d.direction === '网络运营')).toMatchObject({
      units: [{ id: u.network.id, name: '网络运营部' }],
      reserves: 1,
    });
    const after = (await c.hr.get(`/api/mentors/reserves/${r1.id}`)).json();
    expect(after.proposals.related_leader.map((x: { name: string }) => x.name)).toEqual([
      '网络部经理',
      '网络部副经理',
    ]);
    expect(after.proposals.related_leader[0].issues).toEqual([]);
  });

  it('assigns both mentors by the rule, refuses a pairing that breaks it unless HR gives an exception reason', async () => {
    expect(
      (await assign(c.hr, r1.id, { slot: 'unit_head', mentorPersonId: p.salesHead.id })).statusCode,
    ).toBe(200);
    // A deputy is not the head; a finance leader is not related to 网络运营.
    const notHead = await assign(c.hr, r2.id, { slot: 'unit_head', mentorPersonId: p.salesDeputy.id });
    expect(notHead.statusCode).toBe(400);
    expect(notHead.json().error.details.fields[0]).toMatchObject({ path: 'exceptionReason' });
    expect(notHead.json().error.details.fields[0].message).toContain('不是后备人员所在单位的正职');
    const check = (
      await c.hr.post(`/api/mentors/reserves/${r1.id}/check`, {
        slot: 'related_leader',
        mentorPersonId: p.finHead.id,
      })
    ).json();
    expect(check).toMatchObject({ exceptionAllowed: true, issues: [{ issue: 'not_related_unit' }] });
    const unrelated = await assign(c.hr, r1.id, { slot: 'related_leader', mentorPersonId: p.finHead.id });
    expect(unrelated.statusCode).toBe(400);
    // Hard issues: the reserve themselves, the same person in both slots — no exception covers them.
    const self = await assign(c.hr, r1.id, {
      slot: 'related_leader',
      mentorPersonId: p.r1.id,
      exceptionReason: '试试',
    });
    expect(self.json().error.details.fields[0].path).toBe('mentorPersonId');
    const twice = await assign(c.hr, r1.id, {
      slot: 'related_leader',
      mentorPersonId: p.salesHead.id,
      exceptionReason: '兼任',
    });
    expect(twice.statusCode).toBe(400);
    const ok = await assign(c.hr, r1.id, { slot: 'related_leader', mentorPersonId: p.netDeputy.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().breaches).toEqual([]);
    const excepted = await assign(c.hr, r2.id, {
      slot: 'unit_head',
      mentorPersonId: p.salesDeputy.id,
      exceptionReason: '部门经理长期外派，由副经理代行',
    });
    expect(excepted.statusCode, excepted.body).toBe(200);
    expect(excepted.json().unitHead).toMatchObject({
      exceptedIssues: ['not_unit_head'],
      exceptionReason: '部门经理长期外派，由副经理代行',
    });
    // Only HR over the reserve assigns; a county's HR does not even see the reserve.
    expect(
      (await assign(c.countyHr, r1.id, { slot: 'unit_head', mentorPersonId: p.salesHead.id })).statusCode,
    ).toBe(404);
    expect((await c.countyHr.get(`/api/mentors/reserves/${r1.id}`)).statusCode).toBe(404);
    expect(
      (await assign(c.salesHead, r1.id, { slot: 'unit_head', mentorPersonId: p.salesHead.id })).statusCode,
    ).toBe(404);
  });

  it('gives each mentor the mentor rules from the day of assignment', async () => {
    const head = await mentorObligations(r1.id, p.salesHead.id);
    expect(head.filter((o) => o.ruleKey === 'mentor_talk' && o.cycleYear === 2025)).toHaveLength(4);
    expect(head.filter((o) => o.ruleKey === 'mentor_assessment').map((o) => o.periodKey)).toEqual([
      '2025',
      '2026',
    ]);
    // r2's related leader assigned in mid-July: from the third quarter on.
    const late = await assign(c.hr, r2.id, {
      slot: 'related_leader',
      mentorPersonId: p.netHead.id,
      startOn: '2025-07-15',
    });
    expect(late.statusCode, late.body).toBe(200);
    const net = await mentorObligations(r2.id, p.netHead.id);
    expect(
      net.filter((o) => o.cycleYear === 2025 && o.ruleKey === 'mentor_talk').map((o) => o.periodKey),
    ).toEqual(['2025-Q3', '2025-Q4']);
    expect(net.filter((o) => o.cycleYear === 2026 && o.ruleKey === 'mentor_talk')).toHaveLength(4);
  });

  it('keeps the history when a mentor is replaced: the old one’s future obligations are waived, the new one owes them', async () => {
    const replaced = await assign(c.hr, r2.id, {
      slot: 'related_leader',
      mentorPersonId: p.netDeputy.id,
      startOn: '2026-04-01',
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const detail = replaced.json();
    expect(detail.history.filter((h: { slot: string }) => h.slot === 'related_leader')).toMatchObject([
      { mentor: { name: '网络部副经理' }, startOn: '2026-04-01', endOn: null },
      { mentor: { name: '网络部经理' }, startOn: '2025-07-15', endOn: '2026-03-31' },
    ]);
    const old = await mentorObligations(r2.id, p.netHead.id);
    const q = (list: typeof old, key: string) =>
      list.find((o) => o.ruleKey === 'mentor_talk' && o.periodKey === key)!;
    expect(q(old, '2026-Q1').state).toBe('open'); // still owed (now overdue): due before the change
    expect(q(old, '2026-Q2')).toMatchObject({ state: 'waived', waivedReason: MENTOR_CHANGED });
    expect(old.find((o) => o.periodKey === '2026' && o.ruleKey === 'mentor_assessment')!.state).toBe(
      'waived',
    );
    const now = await mentorObligations(r2.id, p.netDeputy.id);
    expect(now.filter((o) => o.ruleKey === 'mentor_talk').map((o) => o.periodKey)).toEqual([
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    // The first mentor comes back: their waived obligations are theirs again.
    const back = await assign(c.hr, r2.id, {
      slot: 'related_leader',
      mentorPersonId: p.netHead.id,
      startOn: '2026-07-01',
    });
    expect(back.statusCode, back.body).toBe(200);
    const again = await mentorObligations(r2.id, p.netHead.id);
    expect(q(again, '2026-Q2').state).toBe('waived'); // before the return
    expect(q(again, '2026-Q3').state).toBe('open');
    expect(q(await mentorObligations(r2.id, p.netDeputy.id), '2026-Q3').state).toBe('waived');
  });

  it('flags existing breaches: the unit’s head changed, or a mentorship ended', async () => {
    await t.db.update(orgUnits).set({ headPersonId: p.salesDeputy.id }).where(eq(orgUnits.id, u.sales.id));
    const list = (await c.hr.get('/api/mentors/reserves?breach=true')).json();
    const breach = list.items.find((i: { reserveId: string }) => i.reserveId === r1.id);
    expect(breach.breaches).toMatchObject([{ slot: 'unit_head', issue: 'not_unit_head' }]);
    // r2's unit-head mentor is now the head after all; the exception stays on record.
    expect(list.items.some((i: { reserveId: string }) => i.reserveId === r2.id)).toBe(false);
    expect(list.breachCount).toBe(1);
    await t.db.update(orgUnits).set({ headPersonId: p.salesHead.id }).where(eq(orgUnits.id, u.sales.id));
    const detail = (await c.hr.get(`/api/mentors/reserves/${r1.id}`)).json();
    const end = await c.hr.post(`/api/mentors/assignments/${detail.relatedLeader.id}/end`, {
      endOn: '2026-06-30',
      reason: '调离',
    });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json().breaches).toMatchObject([{ slot: 'related_leader', issue: 'missing' }]);
    const gone = await mentorObligations(r1.id, p.netDeputy.id);
    expect(gone.find((o) => o.periodKey === '2026-Q2' && o.ruleKey === 'mentor_talk')!.state).toBe('open');
    expect(gone.find((o) => o.periodKey === '2026-Q3' && o.ruleKey === 'mentor_talk')!.state).toBe('waived');
    expect(
      (
        await c.hr.post(`/api/mentors/assignments/${detail.relatedLeader.id}/end`, {
          endOn: '2026-07-01',
          reason: '再次',
        })
      ).statusCode,
    ).toBe(409);
    await assign(c.hr, r1.id, {
      slot: 'related_leader',
      mentorPersonId: p.netDeputy.id,
      startOn: '2026-07-01',
    });
  });

  it('rolls the next year over with the current mentors only, from the day each began', async () => {
    const res = await c.hr.post('/api/pool/roll-over', { programmeId, year: 2027 });
    expect(res.statusCode, res.body).toBe(200);
    const next = await t.db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, r2.id),
          eq(obligations.cycleYear, 2027),
          eq(obligations.ruleKey, 'mentor_talk'),
        ),
      );
    // The cycle ends on 31 December 2026 (two years from 2025-01-01): nothing in 2027.
    expect(next).toEqual([]);
  });

  it('shows the mentor their mentees, and the reserve their mentors', async () => {
    const mine = (await c.salesHead.get('/api/my/mentees?year=2026')).json();
    expect(mine.items.map((i: { reserveId: string }) => i.reserveId)).toEqual([r1.id]);
    expect(mine.items[0]).toMatchObject({
      slot: 'unit_head',
      talks: { total: 4, done: 0 },
      assessment: { year: 2026, state: null },
    });
    const deputy = (await c.netDeputy.get('/api/my/mentees?year=2026')).json();
    expect(deputy.items.map((i: { reserveId: string }) => i.reserveId)).toEqual([r1.id]);
    const reserve = (await c.r1.get('/api/my/mentors')).json();
    expect(
      reserve.memberships[0].mentors.map((m: { mentor: { name: string }; endOn: string | null }) => [
        m.mentor.name,
        m.endOn,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['市场部经理', null],
        ['网络部副经理', '2026-06-30'],
        ['网络部副经理', null],
      ]),
    );
    expect(reserve.memberships[0].mentors.every((m: { mayEndorse: boolean }) => !m.mayEndorse)).toBe(true);
    expect((await c.r1.get(`/api/mentors/reserves/${r1.id}`)).statusCode).toBe(404);
  });

  it('keeps the reward and the scales per programme, amounts in fen', async () => {
    const defaults = (await c.hr.get(`/api/mentors/settings?programmeId=${programmeId}`)).json();
    expect(defaults).toMatchObject({ rewardFen: 100_000, rewardYuan: '1,000.00', saved: false, version: 0 });
    const saved = await c.hr.put('/api/mentors/settings', {
      programmeId,
      gradeScale: defaults.gradeScale,
      ratingScale: defaults.ratingScale,
      rewardYuan: '1,200.50',
      version: 0,
    });
    expect(saved.json()).toMatchObject({ rewardFen: 120_050, saved: true, version: 1 });
    const bad = await c.hr.put('/api/mentors/settings', {
      programmeId,
      gradeScale: ['优秀', '优秀'],
      ratingScale: defaults.ratingScale,
      rewardYuan: '1.005',
      version: 1,
    });
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['gradeScale', 'rewardYuan']);
    const stale = await c.hr.put('/api/mentors/settings', {
      ...defaults,
      programmeId,
      rewardYuan: '1000',
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (
        await c.countyHr.put('/api/mentors/settings', {
          ...defaults,
          programmeId,
          rewardYuan: '1',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('exports the mentor line-up', async () => {
    const res = await c.hr.get('/api/mentors/export');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets[0].getColumn(2).values.slice(2).map(String);
    expect(names.sort()).toEqual(['后备乙', '后备甲']);
  });
});
