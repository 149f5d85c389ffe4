import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../../../test/factories.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { todayIn, yearOf } from '../../../core/time/dates.js';
import { obligations } from '../obligations/obligations.table.js';
import { reserves } from './reserves.table.js';

const today = todayIn();
const year = yearOf(today);
const meetingDate = `${year}-01-10`;

describe.each(dbKinds())('programmes and the pool on %s', (kind) => {
  let t: TestApp;
  let hr: TestClient;
  let leader: TestClient;
  let otherHr: TestClient;
  let county: Awaited<ReturnType<typeof createUnit>>;
  let dept: Awaited<ReturnType<typeof createUnit>>;
  let programmeId: string;

  const eligiblePerson = (overrides = {}) =>
    createPerson(t.db, t.cipher, dept, {
      birthDate: '1990-03-01',
      workStartDate: '2012-07-01',
      fullTimeEducation: '大学本科',
      assessments: [{ year: year - 1, grade: '称职' }],
      ...overrides,
    });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const city = await createUnit(t.db, { type: 'city_branch' });
    county = await createUnit(t.db, { parent: city, type: 'county_branch' });
    dept = await createUnit(t.db, { parent: county, type: 'department' });
    const otherCounty = await createUnit(t.db, { parent: city, type: 'county_branch' });
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: county }] })).username);
    leader = await t.login(
      (await createUser(t.db, { grants: [{ role: 'leadership', unit: county }] })).username,
    );
    otherHr = await t.login(
      (await createUser(t.db, { grants: [{ role: 'hr_admin', unit: otherCounty }] })).username,
    );
    const res = await hr.post('/api/programmes', {
      name: '县分公司中层后备培养方案',
      tier: '中层管理人员后备',
      unitId: county.id,
      cycleYears: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    programmeId = res.json().id;
  });
  afterAll(() => t.close());

  const nominate = (personId: string, extra: Record<string, unknown> = {}) =>
    hr.post('/api/pool/nominations', { programmeId, nominations: [{ personId, ...extra }] });
  const approve = (reserveIds: string[], decision: 'approve' | 'reject' = 'approve') =>
    leader.post('/api/pool/decisions', {
      reserveIds,
      decision,
      meetingName: '公司领导班子会议',
      meetingDate,
      remarks: '同意',
    });

  it('creates a programme with the default rules, and copies another one for a new tier', async () => {
    const programme = (await hr.get(`/api/programmes/${programmeId}`)).json();
    expect(programme.current.number).toBe(1);
    expect(programme.current.rules.map((r: { key: string }) => r.key)).toEqual(
      DEFAULT_RULES.map((r) => r.key),
    );
    const copy = await hr.post('/api/programmes', {
      name: '班组长后备培养方案',
      tier: '班组长后备',
      unitId: dept.id,
      cycleYears: 1,
      copyFromProgrammeId: programmeId,
    });
    expect(copy.statusCode, copy.body).toBe(200);
    expect(copy.json().current.rules).toEqual(programme.current.rules);
    expect(copy.json().cycleYears).toBe(1);
  });

  it('shows why a nominee fails the checks and nominates them only with an override reason', async () => {
    const tooOld = await eligiblePerson({ birthDate: '1970-01-01' });
    const check = (await hr.post('/api/pool/eligibility', { programmeId, personIds: [tooOld.id] })).json();
    expect(check[0].issues.map((i: { check: string }) => i.check)).toEqual(['age']);
    const refused = await nominate(tooOld.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].path).toBe('nominations.0.overrideReason');
    const ok = await nominate(tooOld.id, { overrideReason: '业务骨干，破格提名' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()[0]).toMatchObject({ state: 'nominated', overrideReason: '业务骨干，破格提名' });
    expect(ok.json()[0].eligibilityIssues).toHaveLength(1);
    const again = await nominate(tooOld.id, { overrideReason: 'x' });
    expect(again.statusCode).toBe(400);
  });

  it('lets only the leadership decide; approval opens the cycle and schedules the year, rejection schedules nothing', async () => {
    const [a, b, c] = [await eligiblePerson(), await eligiblePerson(), await eligiblePerson()];
    const ids: string[] = [];
    for (const p of [a, b, c]) ids.push((await nominate(p.id)).json()[0].id);
    expect(
      (
        await hr.post('/api/pool/decisions', {
          reserveIds: ids,
          decision: 'approve',
          meetingName: 'x',
          meetingDate,
        })
      ).statusCode,
    ).toBe(404);
    expect((await approve(ids.slice(0, 2))).statusCode).toBe(200);
    expect((await approve([ids[2]], 'reject')).statusCode).toBe(200);
    const approved = (await hr.get(`/api/pool/${ids[0]}`)).json();
    expect(approved).toMatchObject({
      state: 'active',
      enrolledOn: meetingDate,
      cycleEnd: `${year + 2}-01-09`,
    });
    expect(approved.history.map((h: { toState: string }) => h.toState)).toEqual(['nominated', 'active']);
    expect(approved.history[1]).toMatchObject({
      meetingName: '公司领导班子会议',
      meetingDate,
      reason: '同意',
    });
    const owed = await t.db.select().from(obligations).where(eq(obligations.reserveId, ids[0]));
    // A whole year of the default programme, without mentors yet: 44 − 8 mentor talks − 2 assessments.
    expect(owed.length).toBe(34);
    expect(owed.every((o) => o.cycleYear === year)).toBe(true);
    expect(await t.db.select().from(obligations).where(eq(obligations.reserveId, ids[2]))).toHaveLength(0);
    expect((await hr.get(`/api/pool/${ids[2]}`)).json().state).toBe('rejected');
    // A decided nominee cannot be decided again.
    expect((await approve([ids[2]])).statusCode).toBe(409);
  });

  it('records transitions with reasons, waives what is no longer owed, and refuses impossible ones', async () => {
    const p = await eligiblePerson();
    const id = (await nominate(p.id)).json()[0].id;
    await approve([id]);
    const current = (await hr.get(`/api/pool/${id}`)).json();
    const noReason = await hr.post(`/api/pool/${id}/transition`, {
      version: current.version,
      to: 'eliminated',
      effectiveOn: today,
      reason: '年度考核后淘汰',
    });
    expect(noReason.statusCode).toBe(400);
    const done = await hr.post(`/api/pool/${id}/transition`, {
      version: current.version,
      to: 'eliminated',
      effectiveOn: today,
      reasonCode: 'slow_growth',
      reason: '年度动态调整',
    });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await hr.get(`/api/pool/${id}`)).json();
    expect(after.history.at(-1)).toMatchObject({
      fromState: 'active',
      toState: 'eliminated',
      reasonCode: 'slow_growth',
      reason: '年度动态调整',
    });
    const open = await t.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.reserveId, id), eq(obligations.state, 'open')));
    expect(open.every((o) => o.dueDate < today)).toBe(true);
    const again = await hr.post(`/api/pool/${id}/transition`, {
      version: after.version,
      to: 'promoted',
      effectiveOn: today,
      reason: 'x',
    });
    expect(again.statusCode).toBe(409);
  });

  it('rolls over into the next year once, however often it runs', async () => {
    const p = await eligiblePerson();
    const id = (await nominate(p.id)).json()[0].id;
    await approve([id]);
    const first = (await hr.post('/api/pool/roll-over', { programmeId, year: year + 1 })).json();
    expect(first.created).toBeGreaterThan(0);
    const second = (await hr.post('/api/pool/roll-over', { programmeId, year: year + 1 })).json();
    expect(second.created).toBe(0);
    const next = await t.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.reserveId, id), eq(obligations.cycleYear, year + 1)));
    // The cycle ends 9 January two years on: the next year is a whole year (34 without mentors).
    expect(next.length).toBe(34);
  });

  it('exports the filtered pool to Excel, within the caller’s scope', async () => {
    const p = await eligiblePerson({ name: '导出测试人' });
    await nominate(p.id);
    const res = await hr.get('/api/pool/export?state=nominated');
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const names = sheet.getColumn(2).values.slice(2).map(String);
    expect(names).toContain('导出测试人');
    expect(
      sheet
        .getColumn(11)
        .values.slice(2)
        .every((v) => v === '已提名待审定'),
    ).toBe(true);
    const other = await otherHr.get('/api/pool/export');
    const otherBook = new ExcelJS.Workbook();
    await otherBook.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(otherBook.worksheets[0].getColumn(2).values.slice(2).map(String)).not.toContain('导出测试人');
  });

  it('filters the pool by tier, programme, state and cohort year', async () => {
    const team = await hr.post('/api/programmes', {
      name: '班组长后备培养方案',
      tier: '班组长后备',
      unitId: county.id,
      cycleYears: 1,
    });
    expect(team.statusCode, team.body).toBe(200);
    const teamLead = await eligiblePerson({ name: '班组长甲' });
    const nominated = await hr.post('/api/pool/nominations', {
      programmeId: team.json().id,
      nominations: [{ personId: teamLead.id }],
    });
    expect(nominated.statusCode, nominated.body).toBe(200);
    const names = async (query: string) => {
      const res = await hr.get(`/api/pool?pageSize=50&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: { personName: string }[] }).items.map((i) => i.personName);
    };
    expect(await names(`tier=${encodeURIComponent('班组长后备')}`)).toEqual(['班组长甲']);
    expect(await names(`tier=${encodeURIComponent('中层管理人员后备')}`)).not.toContain('班组长甲');
    expect(await names(`programmeId=${team.json().id}&state=nominated&cohortYear=${year}`)).toEqual([
      '班组长甲',
    ]);
    expect(await names(`programmeId=${team.json().id}&cohortYear=${year - 1}`)).toEqual([]);
    expect((await hr.get(`/api/pool?tier=${'x'.repeat(51)}`)).statusCode).toBe(400);
  });

  it('keeps one county’s pool from another county’s HR office', async () => {
    const p = await eligiblePerson();
    const id = (await nominate(p.id)).json()[0].id;
    expect((await otherHr.get(`/api/pool/${id}`)).statusCode).toBe(404);
    const list = (await otherHr.get('/api/pool')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await otherHr.get(`/api/programmes/${programmeId}`)).statusCode).toBe(404);
    const steal = await otherHr.post('/api/pool/nominations', {
      programmeId,
      nominations: [{ personId: p.id, overrideReason: 'x' }],
    });
    expect(steal.statusCode).toBe(404);
  });

  it('previews a draft without changing anything, then publishes: fulfilled and past obligations keep their version', async () => {
    const p = await eligiblePerson();
    const id = (await nominate(p.id)).json()[0].id;
    await approve([id]);
    const before = await t.db.select().from(obligations).where(eq(obligations.reserveId, id));
    const fulfilled = before.find(
      (o) => o.ruleKey === 'quarterly_reflection' && o.periodKey === `${year}-Q1`,
    )!;
    await t.db
      .update(obligations)
      .set({ state: 'fulfilled', fulfilledOn: fulfilled.dueDate })
      .where(eq(obligations.id, fulfilled.id));
    const programme = (await hr.get(`/api/programmes/${programmeId}`)).json();
    const rules = programme.current.rules
      .map((r: { key: string; minChars: number | null }) =>
        r.key === 'quarterly_reflection' ? { ...r, minChars: 1500 } : r,
      )
      .filter((r: { key: string }) => r.key !== 'business_meeting');
    expect((await hr.put(`/api/programmes/${programmeId}/draft`, { rules })).statusCode).toBe(200);

    const preview = (await hr.get(`/api/programmes/${programmeId}/draft/preview`)).json();
    const mine = preview.byUnit
      .flatMap((u: { reserves: { reserveId: string }[] }) => u.reserves)
      .find((r: { reserveId: string }) => r.reserveId === id);
    const futureReflections = before.filter(
      (o) => o.ruleKey === 'quarterly_reflection' && o.dueDate >= today,
    ).length;
    const futureMeetings = before.filter(
      (o) => o.ruleKey === 'business_meeting' && o.dueDate >= today,
    ).length;
    expect(mine.changed).toBe(futureReflections);
    expect(mine.removed).toBe(futureMeetings);
    const unchanged = await t.db.select().from(obligations).where(eq(obligations.reserveId, id));
    expect(unchanged).toEqual(
      before.map((o) =>
        o.id === fulfilled.id ? { ...o, state: 'fulfilled', fulfilledOn: fulfilled.dueDate } : o,
      ),
    );

    const published = await hr.post(`/api/programmes/${programmeId}/draft/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().current.number).toBe(2);
    const after = await t.db.select().from(obligations).where(eq(obligations.reserveId, id));
    const keptFulfilled = after.find((o) => o.id === fulfilled.id)!;
    expect(keptFulfilled).toMatchObject({
      programmeVersionId: fulfilled.programmeVersionId,
      minChars: 1000,
      state: 'fulfilled',
    });
    for (const o of after.filter((x) => x.ruleKey === 'quarterly_reflection' && x.dueDate >= today)) {
      expect(o).toMatchObject({ minChars: 1500, programmeVersionId: published.json().current.id });
    }
    for (const o of after.filter((x) => x.ruleKey === 'quarterly_reflection' && x.dueDate < today))
      expect(o.minChars).toBe(1000);
    const meetings = after.filter((x) => x.ruleKey === 'business_meeting' && x.dueDate >= today);
    expect(meetings.every((m) => m.state === 'waived')).toBe(true);
    expect((await t.db.select().from(reserves).where(eq(reserves.id, id)))[0].state).toBe('active');
  });
});
