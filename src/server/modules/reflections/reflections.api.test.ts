import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HONEST_READING_A, HONEST_READING_B } from '../../../../test/data/reflection-texts.js';
import {
  buildReflectionWorld,
  obligationOf,
  writeAndSubmit,
} from '../../../../test/factories-reflections.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import type { MyReflectionTask, ReflectionDetail } from '../../../contracts/reflections.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import { obligations } from '../obligations/obligations.table.js';

type World = Awaited<ReturnType<typeof buildReflectionWorld>>;
type Task = ReturnType<typeof MyReflectionTask.parse>;

describe.each(dbKinds())('reflections: write, submit, review on %s', (kind) => {
  let t: TestApp;
  let w: World;
  let reading: { id: string };
  let reflectionId: string;
  const today = todayIn();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    w = await buildReflectionWorld(t);
    reading = await obligationOf(t, w.reserves.a1, 'reading_reflection');
    // Due in ten days: accepting it later must count as on time (fulfilled on the submission day).
    await t.db
      .update(obligations)
      .set({ dueDate: addDays(today, 10) })
      .where(eq(obligations.id, reading.id));
  });
  afterAll(() => t.close());

  const detail = async (client = w.clients.a1, id = reflectionId, status = 200) => {
    const res = await client.get(`/api/reflections/${id}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    return res.json() as ReflectionDetail;
  };
  const obligationState = async (id = reading.id) =>
    (await t.db.select().from(obligations).where(eq(obligations.id, id)))[0];

  it('lists the reserve’s reflection obligations with their minimum 字数', async () => {
    const res = await w.clients.a1.get('/api/my/reflections');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Task[];
    const kinds = new Set(items.map((i) => i.evidenceKind));
    expect(kinds).toEqual(
      new Set(['training_reflection', 'learning_reflection', 'reading_reflection', 'research_report']),
    );
    expect(items.find((i) => i.obligationId === reading.id)).toMatchObject({
      minChars: 1000,
      reflection: null,
      canStart: true,
    });
    expect(items.find((i) => i.evidenceKind === 'research_report')?.minChars).toBe(2000);
    expect(items.find((i) => i.evidenceKind === 'training_reflection')?.minChars).toBe(1500);
  });

  it('starts a reflection once, and saves drafts with an optimistic version', async () => {
    const first = await w.clients.a1.post('/api/my/reflections', { obligationId: reading.id });
    expect(first.statusCode, first.body).toBe(200);
    reflectionId = first.json().id;
    const again = await w.clients.a1.post('/api/my/reflections', { obligationId: reading.id });
    expect(again.json().id).toBe(reflectionId);
    const d = await detail();
    expect(d).toMatchObject({ state: 'draft', minChars: 1000, actions: { edit: true, review: false } });
    const saved = await w.clients.a1.put(`/api/reflections/${reflectionId}/draft`, {
      text: '我们要加强学习。',
      title: '读书心得',
      version: d.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ chars: 8, version: d.version + 1 });
    const stale = await w.clients.a1.put(`/api/reflections/${reflectionId}/draft`, {
      text: '另一个窗口',
      version: d.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((await detail()).draft?.text).toBe('我们要加强学习。');
  });

  it('others cannot start or write a reserve’s reflection', async () => {
    expect((await w.clients.a2.post('/api/my/reflections', { obligationId: reading.id })).statusCode).toBe(
      404,
    );
    expect((await w.clients.hrA.post('/api/my/reflections', { obligationId: reading.id })).statusCode).toBe(
      404,
    );
    const d = await detail();
    for (const client of [w.clients.a2, w.clients.hrA, w.clients.mentor])
      expect(
        (await client.put(`/api/reflections/${reflectionId}/draft`, { text: 'x', version: d.version }))
          .statusCode,
      ).toBe(404);
  });

  it('refuses a submission below the minimum with the count and the minimum, and keeps the draft', async () => {
    const d = await detail();
    const short = HONEST_READING_A.slice(0, 500);
    const res = await w.clients.a1.post(`/api/reflections/${reflectionId}/submit`, {
      text: short,
      title: '读书心得',
      version: d.version,
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.message).toMatch(/当前 \d+ 字，要求不少于 1000 字/);
    expect(error.details.fields[0].path).toBe('text');
    const after = await detail();
    expect(after.state).toBe('draft');
    expect(after.draft?.text).toBe(short);
    expect(after.versions).toHaveLength(0);
    expect((await obligationState()).state).toBe('open');
  });

  it('submits a complete reflection: a version, the obligation submitted, no copy flag', async () => {
    const d = await detail();
    const res = await w.clients.a1.post(`/api/reflections/${reflectionId}/submit`, {
      text: HONEST_READING_A,
      title: '读《高效能人士的七个习惯》',
      version: d.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as ReflectionDetail;
    expect(after.state).toBe('submitted');
    expect(after.versions).toHaveLength(1);
    expect(after.versions[0]).toMatchObject({ number: 1, chars: 1012, minChars: 1000 });
    expect(after.actions.edit).toBe(false);
    // The author does not see the copy check.
    expect(after.copyCheck).toBeNull();
    expect((await obligationState()).state).toBe('submitted');
    const again = await w.clients.a1.put(`/api/reflections/${reflectionId}/draft`, {
      text: 'x',
      version: after.version,
    });
    expect(again.statusCode).toBe(409);
  });

  it('scopes who sees it: HR of the county and the city, the mentor, the unit head; not the other county', async () => {
    const hr = await detail(w.clients.hrA);
    expect(hr.draft).toBeNull();
    expect(hr.copyCheck?.matches).toEqual([]);
    expect(hr.actions).toMatchObject({ review: true, edit: false });
    expect((await detail(w.clients.hrCity)).actions.review).toBe(true);
    const mentor = await detail(w.clients.mentor);
    expect(mentor.versions[0].text).toBe(HONEST_READING_A);
    expect(mentor.copyCheck).toBeNull();
    expect(mentor.actions).toEqual({ edit: false, review: false, recheck: false });
    const head = await detail(w.clients.headA);
    expect(head.actions.review).toBe(false);
    for (const client of [w.clients.hrB, w.clients.b, w.clients.a2]) await detail(client, reflectionId, 404);
    const queueA = (await w.clients.hrA.get('/api/reflections?state=submitted')).json();
    expect(queueA.items.map((i: { id: string }) => i.id)).toContain(reflectionId);
    const queueB = await w.clients.hrB.get('/api/reflections');
    expect(queueB.body).not.toContain(reflectionId);
    expect(queueB.body).not.toContain('张青山');
    const mentees = (await w.clients.mentor.get('/api/my/mentee-reflections')).json();
    expect(mentees.items.map((i: { id: string }) => i.id)).toEqual([reflectionId]);
    expect((await w.clients.a2.get('/api/my/mentee-reflections')).json().items).toEqual([]);
    // Reviewing needs the permission: the unit head and the mentor are refused like a missing row.
    for (const client of [w.clients.headA, w.clients.mentor, w.clients.hrB])
      expect(
        (await client.post(`/api/reflections/${reflectionId}/accept`, { version: hr.version })).statusCode,
      ).toBe(404);
  });

  it('HR returns it with a comment; the reserve revises and resubmits; the earlier version is not a copy', async () => {
    const d = await detail(w.clients.hrA);
    const noComment = await w.clients.hrA.post(`/api/reflections/${reflectionId}/return`, {
      version: d.version,
    });
    expect(noComment.statusCode).toBe(400);
    const returned = await w.clients.hrA.post(`/api/reflections/${reflectionId}/return`, {
      version: d.version,
      comment: '请结合本部门工作再具体谈谈。',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect((await obligationState()).state).toBe('returned');
    const task = ((await w.clients.a1.get('/api/my/reflections')).json().items as Task[]).find(
      (i) => i.obligationId === reading.id,
    );
    expect(task?.reflection).toMatchObject({
      state: 'returned',
      lastComment: '请结合本部门工作再具体谈谈。',
    });
    const mine = await detail();
    expect(mine.actions.edit).toBe(true);
    expect(mine.draft?.text).toBe(HONEST_READING_A);
    const revised = `${HONEST_READING_A}\n\n补充：今年我在片区推行了厅店周例会制度，把书中“要事第一”的方法用到了渠道管理中。`;
    const res = await w.clients.a1.post(`/api/reflections/${reflectionId}/submit`, {
      text: revised,
      title: mine.title,
      version: mine.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const hr = await detail(w.clients.hrA);
    expect(hr.versions.map((v) => [v.number, v.decision])).toEqual([
      [1, 'returned'],
      [2, null],
    ]);
    expect(hr.versions[0].comment).toBe('请结合本部门工作再具体谈谈。');
    expect(hr.copyCheck?.matches).toEqual([]);
  });

  it('HR accepts: the obligation is fulfilled on the submission day, on time', async () => {
    const d = await detail(w.clients.hrA);
    const stale = await w.clients.hrA.post(`/api/reflections/${reflectionId}/accept`, {
      version: d.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    const res = await w.clients.hrA.post(`/api/reflections/${reflectionId}/accept`, {
      version: d.version,
      comment: '同意',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('accepted');
    const o = await obligationState();
    expect(o.state).toBe('fulfilled');
    expect(o.fulfilledOn).toBe(today);
    const twice = await w.clients.hrA.post(`/api/reflections/${reflectionId}/accept`, {
      version: d.version + 1,
    });
    expect(twice.statusCode).toBe(409);
    expect((await detail()).obligationStatus).toBe('fulfilled');
  });

  it('a reflection submitted after the due date is fulfilled late once accepted', async () => {
    const quarterly = await obligationOf(t, w.reserves.a2, 'quarterly_reflection');
    await t.db
      .update(obligations)
      .set({ dueDate: addDays(today, -3) })
      .where(eq(obligations.id, quarterly.id));
    const { id, res } = await writeAndSubmit(w.clients.a2, quarterly.id, HONEST_READING_B);
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(w.clients.hrA, id);
    expect(
      (await w.clients.hrA.post(`/api/reflections/${id}/accept`, { version: d.version })).statusCode,
    ).toBe(200);
    expect((await detail(w.clients.a2, id)).obligationStatus).toBe('fulfilled_late');
  });

  it('exports the queue to Excel, filtered and within scope', async () => {
    const res = await w.clients.hrA.get('/api/reflections/export?state=accepted');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const names = sheet.getColumn(2).values.slice(2);
    expect(names.sort()).toEqual(['张青山', '李青山']);
    expect(sheet.getRow(1).getCell(1).value).toBe('工号');
    const b = await w.clients.hrB.get('/api/reflections/export');
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(b.rawPayload as unknown as ArrayBuffer);
    expect(other.worksheets[0].rowCount).toBe(1);
  });

  it('answers bad input with 4xx', async () => {
    expect((await w.clients.hrA.get('/api/reflections?kind=poem')).statusCode).toBe(400);
    expect((await w.clients.hrA.get(`/api/reflections?unitId=${w.units.countyB.id}`)).statusCode).toBe(404);
    expect((await w.clients.a1.get(`/api/reflections/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await w.clients.a1.post('/api/my/reflections', { obligationId: 'nope' })).statusCode).toBe(400);
    const research = await obligationOf(t, w.reserves.a1, 'internal_training');
    expect((await w.clients.a1.post('/api/my/reflections', { obligationId: research.id })).statusCode).toBe(
      404,
    );
  });
});
