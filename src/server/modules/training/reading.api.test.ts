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
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { obligations } from '../obligations/obligations.table.js';

const Y = 2026;
type Unit = Awaited<ReturnType<typeof createUnit>>;
const book = (title: string) => ({ kind: 'book', title, author: '作者', source: '中信出版社', note: '' });

/** Reading plans (六(一)3): 1–3 materials, publishing moves reading reflections, unpublishing restores. */
describe.each(dbKinds())('reading plans on %s', (kind) => {
  let t: TestApp;
  const c: Record<string, TestClient> = {};
  const r: Record<string, TestReserve> = {};
  let root: Unit;
  let countyA: Unit;
  let countyB: Unit;
  let programmeId: string;

  const due = async (reserve: TestReserve) => {
    const [row] = await t.db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, reserve.id),
          eq(obligations.ruleKey, 'reading_reflection'),
          eq(obligations.periodKey, `${Y}`),
        ),
      );
    return row;
  };
  const plan = (extra: Record<string, unknown> = {}) => ({
    unitId: countyA.id,
    year: Y,
    studyStart: `${Y}-07-01`,
    studyEnd: `${Y}-09-15`,
    mode: 'self',
    materials: [book('《卓有成效的管理者》'), book('《高效能人士的七个习惯》')],
    ...extra,
  });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    root = await createUnit(t.db, { name: '江州市分公司' });
    countyA = await createUnit(t.db, { parent: root, name: '青山县分公司', type: 'county_branch' });
    countyB = await createUnit(t.db, { parent: root, name: '临江县分公司', type: 'county_branch' });
    const programme = await createProgramme(t.db, root);
    programmeId = programme.id;
    // A programme without the reading rule: its reserves have nothing to move.
    const bare = await createProgramme(t.db, root, {
      rules: DEFAULT_RULES.filter((x) => x.key !== 'reading_reflection'),
    });
    for (const [key, unit, prog, state] of [
      ['a', countyA, programme, 'active'],
      ['a2', countyA, programme, 'active'],
      ['bare', countyA, bare, 'active'],
      ['gone', countyA, programme, 'withdrawn'],
      ['b', countyB, programme, 'active'],
    ] as const) {
      const person = await createPerson(t.db, t.cipher, unit, { name: `读者${key}` });
      r[key] = await createReserve(t.db, { person, programme: prog, state, enrolledOn: `${Y}-01-01` });
      await scheduleReserve(t.db, r[key], prog, Y);
      const user = await createUser(t.db, { grants: [{ role: 'reserve', unit }], personId: person.id });
      c[key] = await t.login(user.username);
    }
    for (const [name, unit, role] of [
      ['hrA', countyA, 'hr_admin'],
      ['hrB', countyB, 'hr_admin'],
      ['hrCity', root, 'hr_admin'],
      ['leader', root, 'leadership'],
    ] as const) {
      const user = await createUser(t.db, { grants: [{ role, unit }] });
      c[name] = await t.login(user.username);
    }
  });
  afterAll(() => t.close());

  it('takes 1–3 materials: refuses four with a clear message, warns at one', async () => {
    const four = await c.hrA.post(
      '/api/reading-plans',
      plan({ materials: ['一', '二', '三', '四'].map((x) => book(`《${x}》`)) }),
    );
    expect(four.statusCode).toBe(400);
    expect(four.json().error.details.fields[0]).toMatchObject({ path: 'materials' });
    expect(four.json().error.details.fields[0].message).toContain('最多 3 种');
    const none = await c.hrA.post('/api/reading-plans', plan({ materials: [] }));
    expect(none.json().error.details.fields[0].message).toContain('至少');
    const period = await c.hrA.post('/api/reading-plans', plan({ studyEnd: `${Y}-06-01` }));
    expect(period.json().error.details.fields[0].path).toBe('studyEnd');
    const one = await c.hrA.post('/api/reading-plans', plan({ materials: [book('《论语》')] }));
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().warnings[0]).toContain('2-3');
    expect(one.json().state).toBe('draft');
    // One plan per unit and year.
    expect((await c.hrA.post('/api/reading-plans', plan())).statusCode).toBe(409);
    expect((await c.hrA.delete(`/api/reading-plans/${one.json().id}`)).statusCode).toBe(200);
    expect((await c.hrA.post('/api/reading-plans', plan({ unitId: countyB.id }))).statusCode).toBe(400);
  });

  it('publishing sets the active reserves’ reading reflections; a new period moves them; unpublishing restores', async () => {
    const settled = await due(r.a2);
    await t.db
      .update(obligations)
      .set({ state: 'fulfilled', fulfilledOn: `${Y}-09-01` })
      .where(eq(obligations.id, settled.id));
    const created = (await c.hrA.post('/api/reading-plans', plan())).json();
    expect((await due(r.a)).dueDate).toBe(`${Y}-11-30`);
    const published = await c.hrA.post(`/api/reading-plans/${created.id}/publish`, {
      version: created.version,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ state: 'published', moved: 1 });
    expect((await due(r.a)).dueDate).toBe(`${Y}-10-15`);
    expect((await due(r.a2)).dueDate).toBe(settled.dueDate);
    expect((await due(r.gone)).dueDate).toBe(`${Y}-11-30`);
    expect((await due(r.b)).dueDate).toBe(`${Y}-11-30`);

    // The reserve sees it on /my/learning; the other county's does not.
    const mine = (await c.a.get(`/api/my/learning?year=${Y}`)).json();
    expect(mine.readingPlans).toHaveLength(1);
    expect(mine.readingPlans[0]).toMatchObject({
      studyEnd: `${Y}-09-15`,
      reflection: { dueDate: `${Y}-10-15` },
    });
    expect(mine.readingPlans[0].materials).toHaveLength(2);
    expect((await c.b.get(`/api/my/learning?year=${Y}`)).json().readingPlans).toEqual([]);

    // A period ending on 30 September: due on 31 October.
    const changed = await c.hrA.patch(`/api/reading-plans/${created.id}`, {
      ...plan({ studyEnd: `${Y}-09-30` }),
      unitId: undefined,
      year: undefined,
      version: published.json().version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().moved).toBe(1);
    expect((await due(r.a)).dueDate).toBe(`${Y}-10-31`);

    // The city's plan would cover the same reserves: refused while the county's is published.
    const city = (await c.hrCity.post('/api/reading-plans', plan({ unitId: root.id }))).json();
    const clash = await c.hrCity.post(`/api/reading-plans/${city.id}/publish`, { version: city.version });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toContain('青山县分公司');
    // County B's HR sees neither the county's plan nor can change it.
    expect((await c.hrB.get(`/api/reading-plans/${created.id}`)).statusCode).toBe(404);
    expect((await c.hrB.get('/api/reading-plans')).json().total).toBe(0);
    expect((await c.hrB.post(`/api/reading-plans/${created.id}/unpublish`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect((await c.hrA.delete(`/api/reading-plans/${created.id}`)).statusCode).toBe(409);

    const unpublished = await c.hrA.post(`/api/reading-plans/${created.id}/unpublish`, {
      version: changed.json().version,
    });
    expect(unpublished.json()).toMatchObject({ state: 'draft', moved: 1 });
    expect((await due(r.a)).dueDate).toBe(`${Y}-11-30`);
    expect((await due(r.a2)).dueDate).toBe(settled.dueDate);
    expect((await c.a.get(`/api/my/learning?year=${Y}`)).json().readingPlans).toEqual([]);
  });

  it('a reserve approved after the plan was published, and a roll-over into a year whose plan is out, follow the plan at once', async () => {
    // The county's plan of the year (one per unit and year), withdrawn by the test before: study until 31 August.
    const [draft] = (await c.hrA.get(`/api/reading-plans?year=${Y}`)).json().items;
    const edited = await c.hrA.patch(`/api/reading-plans/${draft.id}`, {
      ...plan({ studyEnd: `${Y}-08-31` }),
      unitId: undefined,
      year: undefined,
      version: draft.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await c.hrA.post(`/api/reading-plans/${draft.id}/publish`, { version: edited.json().version });
    expect((await due(r.a)).dueDate).toBe(`${Y}-09-30`);

    // A newcomer of the county, nominated and approved after publication.
    const person = await createPerson(t.db, t.cipher, countyA, { name: '新入库后备' });
    const nominated = await c.hrCity.post('/api/pool/nominations', {
      programmeId,
      nominations: [{ personId: person.id, overrideReason: '测试：资格条件不在本用例' }],
    });
    expect(nominated.statusCode, nominated.body).toBe(200);
    const newcomer = nominated.json()[0];
    const decided = await c.leader.post('/api/pool/decisions', {
      reserveIds: [newcomer.id],
      decision: 'approve',
      meetingName: '公司领导班子会议',
      meetingDate: `${Y}-09-10`,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await due({ id: newcomer.id } as TestReserve)).dueDate).toBe(`${Y}-09-30`);

    // Next year's plan is out before the roll-over: the new year's reflections follow it (30 April, a
    // month end, gives 31 May).
    const next = (
      await c.hrA.post(
        '/api/reading-plans',
        plan({ year: Y + 1, studyStart: `${Y + 1}-03-01`, studyEnd: `${Y + 1}-04-30` }),
      )
    ).json();
    await c.hrA.post(`/api/reading-plans/${next.id}/publish`, { version: next.version });
    // So is next year's training, with this county's reserve taking part, ending on 22 May.
    const training = await c.hrA.post('/api/training/events', {
      unitId: countyA.id,
      title: `${Y + 1}年管理技能提升培训`,
      startOn: `${Y + 1}-05-20`,
      endOn: `${Y + 1}-05-22`,
    });
    expect(training.statusCode, training.body).toBe(200);
    const joined = await c.hrA.post(`/api/training/events/${training.json().id}/participants`, {
      reserveIds: [r.a.id],
    });
    expect(joined.statusCode, joined.body).toBe(200);
    const rolled = await c.hrCity.post('/api/pool/roll-over', { programmeId, year: Y + 1 });
    expect(rolled.statusCode, rolled.body).toBe(200);
    const nextDue = async (reserveId: string, ruleKey = 'reading_reflection') =>
      (
        await t.db
          .select({ dueDate: obligations.dueDate })
          .from(obligations)
          .where(
            and(
              eq(obligations.reserveId, reserveId),
              eq(obligations.ruleKey, ruleKey),
              eq(obligations.periodKey, `${Y + 1}`),
            ),
          )
      )[0]?.dueDate;
    expect(await nextDue(r.a.id)).toBe(`${Y + 1}-05-31`);
    expect(await nextDue(newcomer.id)).toBe(`${Y + 1}-05-31`);
    expect(await nextDue(r.a.id, 'training_reflection')).toBe(`${Y + 1}-06-22`);
    // Not in the training: the nominal date (31 July).
    expect(await nextDue(newcomer.id, 'training_reflection')).toBe(`${Y + 1}-07-31`);
    // The other county has no plan for next year: the nominal date.
    expect(await nextDue(r.b.id)).toBe(`${Y + 1}-11-30`);
  });
});
