import { and, eq, sql } from 'drizzle-orm';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../../../test/factories.js';
import {
  createProgramme,
  createReserve,
  scheduleReserve,
  type TestReserve,
} from '../../../../test/factories-programme.js';
import { createAssignment, createCharge, talkBody } from '../../../../test/factories-talks.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import type { Role } from '../../../core/access/roles.js';
import { obligations } from '../obligations/obligations.table.js';
import { orgUnits } from '../units/units.table.js';

type Person = Awaited<ReturnType<typeof createPerson>>;

describe.each(dbKinds())('talk records and talk plans on %s', (kind) => {
  let t: TestApp;
  const c: Record<string, TestClient> = {};
  const p: Record<string, Person> = {};
  let rA: TestReserve;
  let rA2: TestReserve;
  let rB: TestReserve;

  const obligation = async (
    reserveId: string,
    ruleKey: string,
    periodKey: string,
    actorPersonId?: string,
  ) => {
    const rows = await t.db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, reserveId),
          eq(obligations.ruleKey, ruleKey),
          eq(obligations.periodKey, periodKey),
          actorPersonId ? eq(obligations.actorPersonId, actorPersonId) : undefined,
        ),
      );
    return rows[0];
  };

  let countyAId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const root = await createUnit(t.db, { name: '江州市分公司' });
    const countyA = await createUnit(t.db, { parent: root, name: '青山县分公司', type: 'county_branch' });
    countyAId = countyA.id;
    const deptA = await createUnit(t.db, { parent: countyA, name: '青山市场部' });
    const countyB = await createUnit(t.db, { parent: root, name: '临江县分公司', type: 'county_branch' });
    const deptB = await createUnit(t.db, { parent: countyB, name: '临江市场部' });
    for (const [key, unit, name] of [
      ['mentor1', deptA, '李导师'],
      ['mentor2', countyA, '周导师'],
      ['mentor3', countyA, '吴导师'],
      ['leader', root, '赵分管'],
      ['idle', root, '钱领导'],
      ['hrLeader', root, '孙人力'],
      ['a', deptA, '王后备'],
      ['a2', deptA, '陈后备'],
      ['b', deptB, '林后备'],
    ] as const)
      p[key] = await createPerson(t.db, t.cipher, unit, { name, currentPost: '职员' });
    await t.db.update(orgUnits).set({ headPersonId: p.mentor1.id }).where(eq(orgUnits.id, deptA.id));
    const programme = await createProgramme(t.db, root);
    rA = await createReserve(t.db, { person: p.a, programme, enrolledOn: '2025-01-01' });
    rA2 = await createReserve(t.db, { person: p.a2, programme, enrolledOn: '2025-01-01' });
    rB = await createReserve(t.db, { person: p.b, programme, enrolledOn: '2025-01-01' });
    await scheduleReserve(t.db, rA, programme, 2025, { mentorIds: [p.mentor1.id, p.mentor2.id] });
    await scheduleReserve(t.db, rA2, programme, 2025, { mentorIds: [p.mentor3.id] });
    await scheduleReserve(t.db, rB, programme, 2025);
    await createAssignment(t.db, { reserveId: rA.id, mentorPersonId: p.mentor1.id, slot: 'unit_head' });
    await createAssignment(t.db, { reserveId: rA.id, mentorPersonId: p.mentor2.id, slot: 'related_leader' });
    await createAssignment(t.db, { reserveId: rA2.id, mentorPersonId: p.mentor3.id, slot: 'related_leader' });
    await createCharge(t.db, p.leader.id, countyA.id);
    const login = async (name: string, role: Role, unit: typeof root, personId?: string) => {
      const user = await createUser(t.db, { grants: [{ role, unit }], personId });
      c[name] = await t.login(user.username);
    };
    await login('mentor1', 'unit_head', deptA, p.mentor1.id);
    await login('mentor3', 'mentor', countyA, p.mentor3.id);
    await login('leader', 'leadership', root, p.leader.id);
    await login('idle', 'leadership', root, p.idle.id);
    await login('hrLeader', 'hr_leader', root, p.hrLeader.id);
    await login('hrA', 'hr_admin', countyA);
    await login('hrB', 'hr_admin', countyB);
    await login('a', 'reserve', deptA, p.a.id);
    await login('a2', 'reserve', deptA, p.a2.id);
  });
  afterAll(() => t.close());

  const mentorTalk = (heldOn: string, extra: Record<string, unknown> = {}) =>
    talkBody({ reserveId: rA.id, heldOn, talkers: [{ personId: p.mentor1.id, role: 'mentor' }], ...extra });

  it('a mentor’s talk on the last day of a quarter fulfils that mentor’s obligation for the quarter only', async () => {
    const res = await c.mentor1.post('/api/talks', mentorTalk('2025-03-31'));
    expect(res.statusCode, res.body).toBe(200);
    const talk = res.json();
    expect(talk.obligations).toHaveLength(1);
    expect(talk.obligations[0]).toMatchObject({
      ruleKey: 'mentor_talk',
      periodKey: '2025-Q1',
      state: 'fulfilled',
    });
    expect((await obligation(rA.id, 'mentor_talk', '2025-Q1', p.mentor1.id)).state).toBe('fulfilled');
    expect((await obligation(rA.id, 'mentor_talk', '2025-Q1', p.mentor2.id)).state).toBe('open');
    expect((await obligation(rA.id, 'mentor_talk', '2025-Q2', p.mentor1.id)).state).toBe('open');
  });

  it('a draft does not count; recording it does; moving its date moves the evidence to the new quarter', async () => {
    const draft = (
      await c.mentor1.post('/api/talks', mentorTalk('2025-04-01', { state: 'draft', thinking: '' }))
    ).json();
    expect(draft.obligations).toEqual([]);
    expect((await obligation(rA.id, 'mentor_talk', '2025-Q2', p.mentor1.id)).state).toBe('open');
    const recorded = await c.mentor1.patch(`/api/talks/${draft.id}`, {
      ...mentorTalk('2025-04-01'),
      reserveId: undefined,
      version: draft.version,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect((await obligation(rA.id, 'mentor_talk', '2025-Q2', p.mentor1.id)).state).toBe('fulfilled');
    const moved = await c.mentor1.patch(`/api/talks/${draft.id}`, {
      ...mentorTalk('2025-07-01'),
      reserveId: undefined,
      version: recorded.json().version,
    });
    expect(moved.json().obligations.map((o: { periodKey: string }) => o.periodKey)).toEqual(['2025-Q3']);
    expect((await obligation(rA.id, 'mentor_talk', '2025-Q2', p.mentor1.id)).state).toBe('open');
    expect((await obligation(rA.id, 'mentor_talk', '2025-Q3', p.mentor1.id)).state).toBe('fulfilled');
    // A stale version is refused.
    const stale = await c.mentor1.patch(`/api/talks/${draft.id}`, {
      ...mentorTalk('2025-07-02'),
      reserveId: undefined,
      version: draft.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('the leader in charge (分管) and the HR leader fulfil their own talks, by year and half-year', async () => {
    const leader = await c.leader.post(
      '/api/talks',
      talkBody({
        reserveId: rA.id,
        kind: 'leader_annual',
        heldOn: '2025-12-31',
        talkers: [{ personId: p.leader.id, role: 'leader_in_charge' }],
      }),
    );
    expect(leader.statusCode, leader.body).toBe(200);
    expect((await obligation(rA.id, 'leader_talk', '2025')).state).toBe('fulfilled');
    for (const heldOn of ['2025-06-30', '2025-07-01']) {
      const res = await c.hrLeader.post(
        '/api/talks',
        talkBody({
          reserveId: rA.id,
          kind: 'hr_leader',
          heldOn,
          talkers: [{ personId: p.hrLeader.id, role: 'hr_leader' }],
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await obligation(rA.id, 'hr_leader_talk', '2025-H1')).state).toBe('fulfilled');
    expect((await obligation(rA.id, 'hr_leader_talk', '2025-H2')).state).toBe('fulfilled');
    // A leadership member not in charge of the unit may not record with this reserve, nor be named as its leader.
    const idle = await c.idle.post(
      '/api/talks',
      talkBody({
        reserveId: rA.id,
        kind: 'leader_annual',
        talkers: [{ personId: p.idle.id, role: 'leader_in_charge' }],
      }),
    );
    expect(idle.statusCode).toBe(404);
    const named = await c.hrA.post(
      '/api/talks',
      talkBody({
        reserveId: rA.id,
        kind: 'leader_annual',
        talkers: [{ personId: p.idle.id, role: 'leader_in_charge' }],
      }),
    );
    expect(named.statusCode).toBe(400);
    expect(named.json().error.details.fields[0].path).toBe('talkers.0.personId');
  });

  it('HR records a talk held by others (a paper record typed in)', async () => {
    const res = await c.hrA.post(
      '/api/talks',
      talkBody({
        reserveId: rA2.id,
        heldOn: '2025-03-10',
        talkers: [{ personId: p.mentor3.id, role: 'mentor' }],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await obligation(rA2.id, 'mentor_talk', '2025-Q1', p.mentor3.id)).state).toBe('fulfilled');
  });

  it('refuses a future date, missing content, a talk kind without its talker, and a mentor of someone else', async () => {
    const future = await c.mentor1.post('/api/talks', mentorTalk('2099-01-01'));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('heldOn');
    const empty = await c.mentor1.post(
      '/api/talks',
      mentorTalk('2025-05-01', { thinking: ' ', shortcomings: '' }),
    );
    expect(empty.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'thinking',
      'shortcomings',
    ]);
    const noMentor = await c.mentor1.post(
      '/api/talks',
      mentorTalk('2025-05-01', { talkers: [{ personId: p.mentor1.id, role: 'unit_head' }] }),
    );
    expect(noMentor.statusCode).toBe(400);
    expect(noMentor.json().error.details.fields[0].path).toBe('talkers');
    const other = await c.mentor3.post(
      '/api/talks',
      mentorTalk('2025-05-01', { talkers: [{ personId: p.mentor3.id, role: 'mentor' }] }),
    );
    expect(other.statusCode).toBe(404);
    const bad = await c.mentor1.post('/api/talks', { ...mentorTalk('2025-05-01'), kind: 'gossip' });
    expect(bad.statusCode).toBe(400);
  });

  it('shows each viewer only the talks they may see; the reserve confirms and the record is locked', async () => {
    const ids = (res: { json: () => { items: { reserveId: string; state: string }[] } }) => res.json().items;
    const mentor3 = ids(await c.mentor3.get('/api/talks?pageSize=100'));
    expect(mentor3.length).toBeGreaterThan(0);
    expect(mentor3.every((i) => i.reserveId === rA2.id)).toBe(true);
    const draft = (await c.mentor1.post('/api/talks', mentorTalk('2025-08-01', { state: 'draft' }))).json();
    const reserve = ids(await c.a.get('/api/talks?pageSize=100'));
    expect(reserve.every((i) => i.reserveId === rA.id && i.state === 'recorded')).toBe(true);
    await expect(c.a.get(`/api/talks/${draft.id}`)).resolves.toMatchObject({ statusCode: 404 });
    // HR sees the recorded talks of its county, not the mentor's draft; the other county sees none.
    const hr = ids(await c.hrA.get('/api/talks?pageSize=100'));
    expect(hr.some((i) => i.state === 'draft')).toBe(false);
    expect(hr.length).toBe(reserve.length + mentor3.length);
    expect((await c.hrB.get('/api/talks')).json().total).toBe(0);
    const [first] = reserve;
    const talkId = (first as unknown as { id: string }).id;
    expect((await c.hrB.get(`/api/talks/${talkId}`)).statusCode).toBe(404);
    expect((await c.a2.get(`/api/talks/${talkId}`)).statusCode).toBe(404);
    expect((await c.leader.get(`/api/talks/${talkId}`)).statusCode).toBe(200);
    expect((await c.idle.get(`/api/talks/${talkId}`)).statusCode).toBe(404);
    // Only the reserve confirms; afterwards nobody changes the record.
    expect((await c.mentor1.post(`/api/talks/${talkId}/confirm`, {})).statusCode).toBe(404);
    const confirmed = await c.a.post(`/api/talks/${talkId}/confirm`, { comment: '同意记录内容' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ reserveComment: '同意记录内容', actions: { edit: false } });
    expect((await c.a.post(`/api/talks/${talkId}/confirm`, {})).statusCode).toBe(409);
    const detail = confirmed.json();
    const locked = await c.mentor1.patch(`/api/talks/${talkId}`, {
      ...mentorTalk(detail.heldOn, {
        talkers: detail.talkers.map((x: { personId: string; role: string }) => ({
          personId: x.personId,
          role: x.role,
        })),
        kind: detail.kind,
      }),
      reserveId: undefined,
      version: detail.version,
    });
    expect(locked.statusCode).toBe(409);
    // Drafts are deleted by their writer; recorded talks are not deleted.
    expect((await c.mentor1.delete(`/api/talks/${draft.id}`)).statusCode).toBe(200);
    expect((await c.mentor1.delete(`/api/talks/${talkId}`)).statusCode).toBe(409);
  });

  it('prints 附件一 with the record’s values, and a blank form', async () => {
    const talk = (
      await c.mentor1.post('/api/talks', mentorTalk('2025-09-10', { place: '青山县分公司小会议室' }))
    ).json();
    const res = await c.mentor1.get(`/api/talks/${talk.id}/form.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
    for (const text of [
      '后备干部谈话记录',
      '2025年9月10日',
      '青山县分公司小会议室',
      '李导师',
      '王后备',
      '思想稳定，积极向上',
      '牵头完成二季度集团客户走访计划',
      '☑导师季度谈话',
    ])
      expect(value).toContain(text);
    expect((await c.a2.get(`/api/talks/${talk.id}/form.docx`)).statusCode).toBe(404);
    const blank = await c.a.get('/api/talks/form-blank.docx');
    expect(blank.statusCode).toBe(200);
    expect((await mammoth.extractRawText({ buffer: blank.rawPayload })).value).toContain('上次谈话');
  });

  it('lists the talks each talker owes with the next deadline and the last talk', async () => {
    const owed = (await c.mentor1.get('/api/talks/owed?year=2025')).json();
    expect(owed.items).toHaveLength(1);
    expect(owed.items[0]).toMatchObject({
      reserveId: rA.id,
      ruleKey: 'mentor_talk',
      kind: 'mentor_quarterly',
      total: 4,
    });
    expect(owed.items[0].lastTalkOn).toBe('2025-09-10');
    const leader = (await c.leader.get('/api/talks/owed?year=2025')).json();
    expect(leader.items.map((i: { reserveId: string }) => i.reserveId).sort()).toEqual(
      [rA.id, rA2.id].sort(),
    );
    expect(leader.items.find((i: { reserveId: string }) => i.reserveId === rA.id).status).toBe('done');
    expect(leader.items.find((i: { reserveId: string }) => i.reserveId === rA2.id).status).toBe('overdue');
    expect((await c.idle.get('/api/talks/owed?year=2025')).json().total).toBe(0);
    const hrLeader = (await c.hrLeader.get('/api/talks/owed?year=2025&status=overdue')).json();
    expect(hrLeader.items.map((i: { reserveId: string }) => i.reserveId).sort()).toEqual(
      [rA2.id, rB.id].sort(),
    );
  });

  it('shows HR the coverage by talker, with who is behind', async () => {
    const res = await c.hrA.get('/api/talks/coverage?year=2025&pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    const items: {
      name: string;
      role: string;
      due: number;
      done: number;
      overdue: number;
      reserves: number;
    }[] = res.json().items;
    const of = (name: string, role: string) => items.find((i) => i.name === name && i.role === role)!;
    expect(of('赵分管', 'leader_in_charge')).toMatchObject({ reserves: 2, due: 2, done: 1, overdue: 1 });
    // Q1 and Q3 recorded (the September talk is a second one in Q3); Q2 and Q4 overdue.
    expect(of('李导师', 'mentor')).toMatchObject({ reserves: 1, due: 4, done: 2, overdue: 2 });
    expect(of('周导师', 'mentor')).toMatchObject({ done: 0, overdue: 4 });
    // County A's HR sees only county A's reserves: the HR leader's two talks with 王后备, none with 林后备.
    expect(of('孙人力', 'hr_leader')).toMatchObject({ reserves: 2, due: 4, done: 2 });
    const behind = (await c.hrA.get('/api/talks/coverage?year=2025&behind=true&role=mentor')).json().items;
    expect(behind.every((i: { overdue: number; role: string }) => i.overdue > 0 && i.role === 'mentor')).toBe(
      true,
    );
    expect((await c.mentor1.get('/api/talks/coverage')).statusCode).toBe(404);
  });

  it('offers the talker the reserves they may talk with, and the part they play', async () => {
    const mine = (await c.mentor1.get('/api/talks/talkable')).json();
    const a = mine.find((r: { reserveId: string }) => r.reserveId === rA.id);
    expect(a.roles).toEqual(['mentor', 'unit_head']);
    expect(mine.some((r: { reserveId: string }) => r.reserveId === rB.id)).toBe(false);
    expect((await c.idle.get('/api/talks/talkable')).json()).toEqual([]);
    const previous = (await c.mentor1.get(`/api/talks/previous?reserveId=${rA.id}&before=2025-12-01`)).json();
    expect(previous.talk.agreedActions[0].text).toBe('牵头完成二季度集团客户走访计划');
  });

  it('checks the leader in charge on the day of the talk: one held before a change of 分管 still counts', async () => {
    // 钱领导 was in charge of county A from January to May 2025, and is no longer.
    await createCharge(t.db, p.idle.id, countyAId, '2025-01-01');
    await t.db.execute(sql`UPDATE leader_charges SET end_on = '2025-05-31'
                            WHERE leader_person_id = ${p.idle.id} AND unit_id = ${countyAId}`);
    const held = (heldOn: string) =>
      c.hrA.post(
        '/api/talks',
        talkBody({
          reserveId: rA2.id,
          kind: 'leader_annual',
          heldOn,
          talkers: [{ personId: p.idle.id, role: 'leader_in_charge' }],
        }),
      );
    const after = await held('2025-06-15');
    expect(after.statusCode).toBe(400);
    expect(after.json().error.details.fields[0]).toMatchObject({ path: 'talkers.0.personId' });
    expect(after.json().error.details.fields[0].message).toContain('2025-06-15');
    const before = await held('2025-03-10');
    expect(before.statusCode, before.body).toBe(200);
    expect((await obligation(rA2.id, 'leader_talk', '2025')).state).toBe('fulfilled');
  });

  it('checks a mentor on the day of the talk: a mentor replaced since can have an earlier talk recorded', async () => {
    // 周导师 mentored 陈后备 from 2025-01-01 until 2025-02-28.
    await createAssignment(t.db, {
      reserveId: rA2.id,
      mentorPersonId: p.mentor2.id,
      slot: 'unit_head',
      startOn: '2025-01-01',
    });
    await t.db.execute(sql`UPDATE mentor_assignments SET end_on = '2025-02-28'
                            WHERE reserve_id = ${rA2.id} AND mentor_person_id = ${p.mentor2.id}`);
    const held = (heldOn: string) =>
      c.hrA.post(
        '/api/talks',
        talkBody({ reserveId: rA2.id, heldOn, talkers: [{ personId: p.mentor2.id, role: 'mentor' }] }),
      );
    const after = await held('2025-03-05');
    expect(after.statusCode).toBe(400);
    expect(after.json().error.details.fields[0].message).toContain('2025-03-05');
    const before = await held('2025-02-20');
    expect(before.statusCode, before.body).toBe(200);
  });
});
