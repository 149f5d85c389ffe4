import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../../../test/factories.js';
import {
  createProgramme,
  createReserve,
  scheduleReserve,
  type TestReserve,
} from '../../../../test/factories-programme.js';
import { talkBody } from '../../../../test/factories-talks.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { obligations } from '../obligations/obligations.table.js';
import { orgUnits } from '../units/units.table.js';

type Person = Awaited<ReturnType<typeof createPerson>>;

const QUARTERS_2025 = ['2025-03-15', '2025-06-15', '2025-09-15', '2025-12-15'];
const QUARTERS_2026 = ['2026-03-15', '2026-06-15', '2026-09-15'];

describe.each(dbKinds())('annual assessments and the mentor reward on %s', (kind) => {
  let t: TestApp;
  const c: Record<string, TestClient> = {};
  const p: Record<string, Person> = {};
  let reserve: TestReserve;
  let other: TestReserve;

  const assessmentObligation = async (mentorId: string, year: number) =>
    (
      await t.db
        .select()
        .from(obligations)
        .where(
          and(
            eq(obligations.reserveId, reserve.id),
            eq(obligations.actorPersonId, mentorId),
            eq(obligations.ruleKey, 'mentor_assessment'),
            eq(obligations.periodKey, String(year)),
          ),
        )
    )[0];

  const assessment = (overrides: Record<string, unknown> = {}) => ({
    reserveId: reserve.id,
    year: 2025,
    assessedOn: '2026-01-10',
    panel: [
      { name: '市场部经理', post: '组长' },
      { name: '人力专员', post: '成员' },
    ],
    ratings: { de: '优秀', neng: '良好', qin: '优秀', ji: '良好', lian: '优秀' },
    strengths: '政治素质过硬，业绩突出。',
    shortcomings: '统筹协调能力有待加强。',
    suggestions: '安排到县分公司挂职锻炼。',
    overallGrade: '称职',
    mentorComment: '同意考核小组意见。',
    submit: true,
    ...overrides,
  });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const root = await createUnit(t.db, { name: '江州市分公司' });
    const sales = await createUnit(t.db, { parent: root, name: '市场部' });
    const network = await createUnit(t.db, { parent: root, name: '网络运营部' });
    const county = await createUnit(t.db, { parent: root, name: '临江县分公司', type: 'county_branch' });
    p.head = await createPerson(t.db, t.cipher, sales, { name: '市场部经理', currentPost: '经理' });
    p.net = await createPerson(t.db, t.cipher, network, { name: '网络部经理', currentPost: '经理' });
    p.reserve = await createPerson(t.db, t.cipher, sales, { name: '后备甲', currentPost: '客户经理' });
    p.other = await createPerson(t.db, t.cipher, sales, { name: '后备乙' });
    await t.db.update(orgUnits).set({ headPersonId: p.head.id }).where(eq(orgUnits.id, sales.id));
    await t.db.update(orgUnits).set({ headPersonId: p.net.id }).where(eq(orgUnits.id, network.id));
    const programme = await createProgramme(t.db, root);
    reserve = await createReserve(t.db, { person: p.reserve, programme, enrolledOn: '2025-01-01' });
    other = await createReserve(t.db, { person: p.other, programme, enrolledOn: '2025-01-01' });
    for (const r of [reserve, other])
      for (const y of [2025, 2026]) await scheduleReserve(t.db, r, programme, y);
    const login = async (
      name: string,
      role: 'hr_admin' | 'mentor' | 'reserve' | 'hr_leader',
      unit: typeof root,
      personId?: string,
    ) => {
      const user = await createUser(t.db, { grants: [{ role, unit }], personId });
      c[name] = await t.login(user.username);
    };
    await login('hr', 'hr_admin', root);
    await login('hrLeader', 'hr_leader', root);
    await login('countyHr', 'hr_admin', county);
    await login('head', 'mentor', sales, p.head.id);
    await login('net', 'mentor', network, p.net.id);
    await login('reserve', 'reserve', sales, p.reserve.id);
    await login('other', 'reserve', sales, p.other.id);
    const put = (r: TestReserve, slot: string, mentorPersonId: string) =>
      c.hr.put(`/api/mentors/reserves/${r.id}/assignments`, {
        slot,
        mentorPersonId,
        startOn: '2025-01-01',
        exceptionReason: '测试',
      });
    expect((await put(reserve, 'unit_head', p.head.id)).statusCode).toBe(200);
    expect((await put(reserve, 'related_leader', p.net.id)).statusCode).toBe(200);
    expect((await put(other, 'unit_head', p.head.id)).statusCode).toBe(200);
    // The head talks every quarter on schedule; the network leader misses the second quarter of 2026.
    for (const heldOn of [...QUARTERS_2025, ...QUARTERS_2026]) {
      const head = await c.head.post(
        '/api/talks',
        talkBody({ reserveId: reserve.id, heldOn, talkers: [{ personId: p.head.id, role: 'mentor' }] }),
      );
      expect(head.statusCode, head.body).toBe(200);
      if (heldOn === '2026-06-15') continue;
      await c.net.post(
        '/api/talks',
        talkBody({ reserveId: reserve.id, heldOn, talkers: [{ personId: p.net.id, role: 'mentor' }] }),
      );
    }
  });
  afterAll(() => t.close());

  it('a mentor submits the year’s assessment; HR files it; only then the reserve sees it', async () => {
    const draft = await c.head.post('/api/assessments', assessment({ submit: false, overallGrade: '' }));
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await assessmentObligation(p.head.id, 2025)).state).toBe('open');
    const submitted = await c.head.patch(`/api/assessments/${draft.json().id}`, {
      ...assessment(),
      reserveId: undefined,
      year: undefined,
      version: draft.json().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      state: 'submitted',
      obligation: { state: 'submitted', periodKey: '2025' },
    });
    const id = draft.json().id;
    expect((await c.reserve.get(`/api/assessments/${id}`)).statusCode).toBe(404);
    expect((await c.other.get(`/api/assessments/${id}`)).statusCode).toBe(404);
    expect((await c.countyHr.get(`/api/assessments/${id}`)).statusCode).toBe(404);
    expect((await c.net.get(`/api/assessments/${id}`)).statusCode).toBe(200); // the other mentor of the mentee
    expect((await c.hrLeader.get(`/api/assessments/${id}`)).statusCode).toBe(200);
    expect((await c.hrLeader.post(`/api/assessments/${id}/file`, {})).statusCode).toBe(404);
    expect(
      (
        await c.head.patch(`/api/assessments/${id}`, {
          ...assessment(),
          reserveId: undefined,
          year: undefined,
          version: submitted.json().version,
        })
      ).statusCode,
    ).toBe(409);
    const filed = await c.hr.post(`/api/assessments/${id}/file`, { comment: '同意备案' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({
      state: 'filed',
      hrComment: '同意备案',
      obligation: { state: 'fulfilled' },
    });
    const mine = (await c.reserve.get('/api/assessments')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const form = await c.reserve.get(`/api/assessments/${id}/form.docx`);
    const { value } = await mammoth.extractRawText({ buffer: form.rawPayload });
    for (const text of [
      '后备干部年度考核评估表',
      '后备甲',
      '市场部经理',
      '2026年1月10日',
      '☑称职',
      '政治素质过硬',
      '已备案。同意备案',
    ])
      expect(value).toContain(text);
  });

  it('refuses off-scale grades, a second assessment for the year, and a mentor of someone else', async () => {
    const bad = await c.net.post(
      '/api/assessments',
      assessment({ overallGrade: '合格', ratings: { de: '很好' }, panel: [] }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['ratings.de', 'ratings.lian', 'overallGrade', 'panel']),
    );
    expect((await c.head.post('/api/assessments', assessment())).statusCode).toBe(409);
    expect((await c.net.post('/api/assessments', assessment({ reserveId: other.id }))).statusCode).toBe(404);
  });

  it('HR returns an assessment; the mentor revises and submits again', async () => {
    const first = (await c.net.post('/api/assessments', assessment())).json();
    const returned = await c.hr.post(`/api/assessments/${first.id}/return`, {
      comment: '请补充考核小组成员职务',
    });
    expect(returned.json()).toMatchObject({ state: 'returned', obligation: { state: 'returned' } });
    const again = await c.net.patch(`/api/assessments/${first.id}`, {
      ...assessment({ panel: [{ name: '网络部经理', post: '组长' }] }),
      reserveId: undefined,
      year: undefined,
      version: returned.json().version,
    });
    expect(again.json()).toMatchObject({ state: 'submitted', obligation: { state: 'submitted' } });
    expect((await c.hr.post(`/api/assessments/${first.id}/file`, {})).json().obligation.state).toBe(
      'fulfilled',
    );
  });

  it('HR marks the reserve promoted with the new post; the reward pairs show each condition and its evidence', async () => {
    const detail = (await c.hr.get(`/api/pool/${reserve.id}`)).json();
    const noPost = await c.hr.post(`/api/pool/${reserve.id}/transition`, {
      version: detail.version,
      to: 'promoted',
      effectiveOn: '2026-11-15',
      reason: '党委会研究决定',
    });
    expect(noPost.json().error.details.fields[0].path).toBe('newPost');
    const promoted = await c.hr.post(`/api/pool/${reserve.id}/transition`, {
      version: detail.version,
      to: 'promoted',
      effectiveOn: '2026-11-15',
      reason: '党委会研究决定',
      newPost: '市场部副经理',
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect((await c.hr.get(`/api/pool/${reserve.id}`)).json().history.at(-1)).toMatchObject({
      toState: 'promoted',
      newPost: '市场部副经理',
      middleManagement: true,
    });
    // Leaving the pool ends both mentorships on the promotion date; the history keeps them.
    const mentors = (await c.hr.get(`/api/mentors/reserves/${reserve.id}`)).json();
    expect([mentors.unitHead, mentors.relatedLeader]).toEqual([null, null]);
    expect(
      mentors.history.map((a: { endOn: string | null; endReason: string | null }) => [
        a.endOn,
        a.endReason?.startsWith('已离开后备库（已提拔任用）'),
      ]),
    ).toEqual([
      ['2026-11-15', true],
      ['2026-11-15', true],
    ]);
    const mentees = (await c.head.get('/api/my/mentees')).json();
    expect(mentees.items.map((m: { reserveId: string }) => m.reserveId)).not.toContain(reserve.id);
    const list = (await c.hr.get('/api/rewards/candidates')).json();
    expect(list.items).toHaveLength(2);
    const pair = (name: string) =>
      list.items.find((i: { mentor: { name: string } }) => i.mentor.name === name);
    const met = (name: string) =>
      Object.fromEntries(pair(name).conditions.map((x: { key: string; met: boolean }) => [x.key, x.met]));
    expect(met('市场部经理')).toEqual({ promoted: true, talks: true, assessments: true, endorsed: false });
    expect(met('网络部经理')).toEqual({ promoted: true, talks: false, assessments: true, endorsed: false });
    // The evidence: the 2026 Q4 talk and assessment were waived on promotion; the missed Q2 fails.
    expect(
      pair('市场部经理').talks.map((o: { periodKey: string; ok: boolean; recordIds: string[] }) => [
        o.periodKey,
        o.ok,
        o.recordIds.length > 0,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['2025-Q1', true, true],
        ['2026-Q3', true, true],
      ]),
    );
    expect(pair('市场部经理').talks.find((o: { periodKey: string }) => o.periodKey === '2026-Q4').state).toBe(
      'waived',
    );
    expect(
      pair('网络部经理').talks.find((o: { periodKey: string }) => o.periodKey === '2026-Q2'),
    ).toMatchObject({ ok: false, recordIds: [] });
    expect(list.counts).toEqual({ eligible: 0, not_eligible: 2, approved: 0, paid: 0 });
    expect((await c.countyHr.get('/api/rewards/candidates')).json().total).toBe(0);
  });

  it('the promoted reserve endorses the mentor; HR approves the eligible pair, exports the list, marks it paid', async () => {
    const page = (await c.reserve.get('/api/my/mentors')).json();
    expect(page.memberships[0]).toMatchObject({ state: 'promoted', promotion: { newPost: '市场部副经理' } });
    expect(page.memberships[0].mentors.every((m: { mayEndorse: boolean }) => m.mayEndorse)).toBe(true);
    expect(
      (
        await c.other.post('/api/my/endorsements', {
          reserveId: reserve.id,
          mentorPersonId: p.head.id,
          endorsed: true,
        })
      ).statusCode,
    ).toBe(404);
    for (const mentorPersonId of [p.head.id, p.net.id]) {
      const res = await c.reserve.post('/api/my/endorsements', {
        reserveId: reserve.id,
        mentorPersonId,
        endorsed: true,
        comment: '导师指导细致',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const list = (await c.hr.get('/api/rewards/candidates?status=eligible')).json();
    expect(list.items.map((i: { mentor: { name: string } }) => i.mentor.name)).toEqual(['市场部经理']);
    const [eligible] = list.items;
    expect(eligible).toMatchObject({
      eligible: true,
      amountFen: 100_000,
      amountYuan: '1,000.00',
      actions: { approve: true },
    });
    expect(
      (
        await c.hrLeader.post('/api/rewards/approvals', {
          pairs: [{ reserveId: reserve.id, mentorPersonId: p.head.id }],
        })
      ).statusCode,
    ).toBe(404);
    const refused = await c.hr.post('/api/rewards/approvals', {
      pairs: [{ reserveId: reserve.id, mentorPersonId: p.net.id }],
    });
    expect(refused.statusCode).toBe(409);
    const approved = await c.hr.post('/api/rewards/approvals', {
      pairs: [{ reserveId: reserve.id, mentorPersonId: p.head.id }],
    });
    expect(approved.json()).toEqual({ approved: 1 });
    expect(
      (
        await c.hr.post('/api/rewards/approvals', {
          pairs: [{ reserveId: reserve.id, mentorPersonId: p.head.id }],
        })
      ).statusCode,
    ).toBe(409);
    // Approved: the endorsement is final.
    expect(
      (
        await c.reserve.post('/api/my/endorsements', {
          reserveId: reserve.id,
          mentorPersonId: p.head.id,
          endorsed: false,
        })
      ).statusCode,
    ).toBe(409);
    const after = (await c.hr.get('/api/rewards/candidates?status=approved')).json();
    expect(after.approvedFen).toBe(100_000);
    const res = await c.hr.get('/api/rewards/export');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(rows[0].slice(1, 3)).toEqual([1, '市场部经理']);
    expect(rows[0][10]).toBe('1,000.00');
    expect(rows.at(-1)!.slice(1, 3)).toEqual(['合计', '1 人']);
    const rewardId = after.items[0].reward.id;
    const paid = await c.hr.post('/api/rewards/paid', { rewardIds: [rewardId], paidOn: '2026-11-30' });
    expect(paid.json()).toEqual({ paid: 1 });
    expect(
      (await c.hr.post('/api/rewards/paid', { rewardIds: [rewardId], paidOn: '2026-11-30' })).statusCode,
    ).toBe(409);
    expect(
      (await c.hr.post(`/api/rewards/${rewardId}/revoke`, { version: 2, reason: '误操作' })).statusCode,
    ).toBe(409);
    expect((await c.hr.get('/api/rewards/candidates')).json().counts).toMatchObject({
      paid: 1,
      not_eligible: 1,
    });
  });
});
