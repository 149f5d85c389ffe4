import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCourse, buildCourseWorld, sheet, uploadCompletions } from '../../../../test/factories-courses.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { previousQuarter, quarterBounds } from '../../../core/courses/quarters.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import { obligations } from '../obligations/obligations.table.js';

type World = Awaited<ReturnType<typeof buildCourseWorld>>;
const EXPORT_HEADERS = ['学员工号', '学员姓名', '课程编号', '完成时间', '学时'];

/**
 * Assignment, choices, completions and the quarter view, end to end through the API: completions
 * count for the reserves' course obligations through the evidence interface.
 */
describe.each(dbKinds())('online-university learning on %s', (kind) => {
  let t: TestApp;
  let w: World;
  let c: Record<string, string>;
  const today = todayIn();
  let Q: string;
  let P: string;

  const obligation = async (reserveId: string, ruleKey: string, periodKey: string) =>
    (
      await t.db
        .select()
        .from(obligations)
        .where(
          and(
            eq(obligations.reserveId, reserveId),
            eq(obligations.ruleKey, ruleKey),
            eq(obligations.periodKey, periodKey),
          ),
        )
    )[0];

  beforeAll(async () => {
    t = await buildTestApp(kind);
    w = await buildCourseWorld(t);
    Q = w.quarter;
    P = previousQuarter(Q);
    c = {};
    for (const code of ['LD-1', 'LD-2', 'CW-1', 'CW-2', 'AQ-1', 'DJ-1', 'DJ-2'])
      c[code] = await addCourse(w.clients.hrCity, w.units.city.id, code);
    c['LJ-1'] = await addCourse(w.clients.hrB, w.units.countyB.id, 'LJ-1');
  });
  afterAll(() => t?.close());

  it('assigns exactly the rule’s quantity to a subtree and shows who it covers', async () => {
    const wrong = await w.clients.hrA.put('/api/course-assignments', {
      unitId: w.units.countyA.id,
      periodKey: Q,
      courseIds: [c['LD-1']],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].message).toContain('2');
    const other = await w.clients.hrA.put('/api/course-assignments', {
      unitId: w.units.countyA.id,
      periodKey: Q,
      courseIds: [c['LD-1'], c['LJ-1']],
    });
    expect(other.statusCode, 'a course kept by another county').toBe(400);
    const res = await w.clients.hrA.put('/api/course-assignments', {
      unitId: w.units.countyA.id,
      periodKey: Q,
      courseIds: [c['LD-1'], c['LD-2']],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reserves: 2, middleManagers: 1, quantity: 2 });
    const list = (await w.clients.hrA.get(`/api/course-assignments?periodKey=${Q}`)).json();
    expect(list.items[0]).toMatchObject({
      unitName: '青山县分公司',
      coverage: { reserves: 2, middleManagers: 1 },
    });
    expect((await w.clients.hrB.get(`/api/course-assignments?periodKey=${Q}`)).json().items).toEqual([]);
    const intrude = await w.clients.hrB.put('/api/course-assignments', {
      unitId: w.units.countyA.id,
      periodKey: Q,
      courseIds: [c['LD-1'], c['LD-2']],
    });
    expect(intrude.statusCode).toBe(404);
    // The previous quarter too, with other courses, for the late case below.
    const prev = await w.clients.hrA.put('/api/course-assignments', {
      unitId: w.units.countyA.id,
      periodKey: P,
      courseIds: [c['CW-1'], c['CW-2']],
    });
    expect(prev.statusCode).toBe(200);
  });

  it('lets a reserve choose up to the quantity, never an assigned course, and shows it on my courses', async () => {
    const mine = (await w.clients.a1.get('/api/my/courses')).json();
    expect(mine).toMatchObject({
      periodKey: Q,
      isReserve: true,
      quantity: { assigned: 2, chosen: 2 },
      canChoose: true,
    });
    expect(mine.assigned.map((x: { code: string }) => x.code)).toEqual(['LD-1', 'LD-2']);
    const choose = (ids: string[], client = w.clients.a1) =>
      client.put('/api/my/courses/choices', { periodKey: Q, courseIds: ids });
    expect((await choose([c['LD-1']])).statusCode).toBe(400);
    expect((await choose([c['AQ-1'], c['DJ-1'], c['DJ-2']])).statusCode).toBe(400);
    expect((await choose([c['AQ-1'], c['AQ-1']])).statusCode).toBe(400);
    expect((await choose([c['LJ-1']])).statusCode, 'a course of another county').toBe(400);
    const ok = await choose([c['AQ-1'], c['DJ-1']]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().chosen.map((x: { code: string }) => x.code)).toEqual(['AQ-1', 'DJ-1']);
    expect((await choose([c['AQ-1'], c['DJ-2']])).json().chosen.map((x: { code: string }) => x.code)).toEqual(
      ['AQ-1', 'DJ-2'],
    );
    // A middle manager has assigned courses and no choices.
    const m = (await w.clients.m.get('/api/my/courses')).json();
    expect(m).toMatchObject({ isReserve: false, isMiddleManager: true, canChoose: false });
    expect(m.assigned).toHaveLength(2);
    expect((await choose([c['AQ-1']], w.clients.m)).statusCode).toBe(404);
    // County B's reserve sees their own (empty) quarter only.
    expect((await w.clients.b.get('/api/my/courses')).json().assigned).toEqual([]);
    expect((await w.clients.a1.get(`/api/course-quarter?periodKey=${Q}`)).statusCode).toBe(404);
  });

  it('previews a platform export listing unknown people and courses and bad dates, and commits nothing', async () => {
    const cols = await w.clients.hrA.upload(
      '/api/course-completions/import/columns',
      await sheet(EXPORT_HEADERS, [{ 学员工号: w.a1.person.employeeNo, 课程编号: 'LD-1', 完成时间: today }]),
    );
    expect(cols.json().headers).toEqual(EXPORT_HEADERS);
    const file = await sheet(EXPORT_HEADERS, [
      { 学员工号: w.a1.person.employeeNo, 课程编号: 'LD-1', 完成时间: today },
      { 学员工号: 'NOBODY-1', 课程编号: 'LD-1', 完成时间: today },
      { 学员工号: w.b.person.employeeNo, 课程编号: 'LD-1', 完成时间: today },
      { 学员工号: w.a2.person.employeeNo, 课程编号: 'XX-404', 完成时间: today },
      { 学员工号: w.a2.person.employeeNo, 课程编号: 'LD-2', 完成时间: '2026-13-45' },
      { 学员工号: w.a2.person.employeeNo, 课程编号: 'LD-2', 完成时间: addDays(today, 3) },
    ]);
    const res = await uploadCompletions(w.clients.hrA, 'preview', file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.committed).toBe(false);
    // County B's reserve is unknown to county A's HR: never matched, never named.
    expect(report.unknownEmployees).toEqual([
      { value: 'NOBODY-1', rows: [3] },
      { value: w.b.person.employeeNo, rows: [4] },
    ]);
    expect(report.unknownCourses).toEqual([{ value: 'XX-404', rows: [5] }]);
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([6, 7]);
    const commit = (await uploadCompletions(w.clients.hrA, 'commit', file)).json();
    expect(commit).toMatchObject({ committed: false });
    expect((await w.clients.hrA.get('/api/course-completions')).json().total).toBe(0);
    const noMapping = await uploadCompletions(w.clients.hrA, 'preview', file, { employeeNo: '' });
    expect(noMapping.statusCode).toBe(400);
    const wrongColumn = (
      await uploadCompletions(w.clients.hrA, 'preview', file, { completedOn: '学习日期' })
    ).json();
    expect(wrongColumn.errors[0]).toMatchObject({ row: 1, column: '学习日期' });
    const junk = await uploadCompletions(w.clients.hrA, 'preview', Buffer.from('not a workbook'));
    expect(junk.json().error.code).toBe('invalid_file');
  });

  it('fulfils the assigned obligation after two completions, once, however often the file comes', async () => {
    const file = await sheet(EXPORT_HEADERS, [
      { 学员工号: w.a1.person.employeeNo, 课程编号: 'LD-1', 完成时间: today, 学时: 1.5 },
      { 学员工号: w.a1.person.employeeNo, 课程编号: 'ld-2', 完成时间: `${today} 09:30:00` },
      { 学员工号: w.m.employeeNo, 课程编号: 'LD-1', 完成时间: today },
      { 学员工号: 'NOBODY-1', 课程编号: 'LD-1', 完成时间: today },
    ]);
    const blocked = (await uploadCompletions(w.clients.hrA, 'commit', file)).json();
    expect(blocked.committed).toBe(false);
    const first = (
      await uploadCompletions(w.clients.hrA, 'commit', file, { skipUnknown: 'true', hours: '学时' })
    ).json();
    expect(first).toMatchObject({ committed: true, created: 3, alreadyRecorded: 0, counted: 3 });
    const o = await obligation(w.a1.reserve.id, 'assigned_courses', Q);
    expect(o).toMatchObject({ state: 'fulfilled', progress: 2, fulfilledOn: today });
    const again = (await uploadCompletions(w.clients.hrA, 'commit', file, { skipUnknown: 'true' })).json();
    expect(again).toMatchObject({ committed: true, created: 0, alreadyRecorded: 3, counted: 0 });
    expect((await obligation(w.a1.reserve.id, 'assigned_courses', Q)).version).toBe(o.version);
    const mine = (await w.clients.a1.get('/api/my/courses')).json();
    expect(mine.assigned.map((x: { completedOn: string }) => x.completedOn)).toEqual([today, today]);
  });

  it('counts a chosen course, refuses to drop it once completed, and marks a late completion late', async () => {
    const res = await w.clients.hrA.post('/api/course-completions', {
      personId: w.a1.person.id,
      courseId: c['AQ-1'],
      completedOn: today,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await obligation(w.a1.reserve.id, 'chosen_courses', Q)).progress).toBe(1);
    const drop = await w.clients.a1.put('/api/my/courses/choices', { periodKey: Q, courseIds: [c['DJ-2']] });
    expect(drop.statusCode).toBe(400);
    expect(drop.json().error.details.fields[0].message).toContain('已完成');
    const dup = await w.clients.hrA.post('/api/course-completions', {
      personId: w.a1.person.id,
      courseId: c['AQ-1'],
      completedOn: today,
    });
    expect(dup.statusCode).toBe(409);
    // The previous quarter's assigned courses, completed only now: fulfilled, after the due date.
    const { end } = quarterBounds(P);
    for (const code of ['CW-1', 'CW-2'])
      await w.clients.hrA.post('/api/course-completions', {
        personId: w.a2.person.id,
        courseId: c[code],
        completedOn: today,
      });
    const late = await obligation(w.a2.reserve.id, 'assigned_courses', P);
    expect(late).toMatchObject({ state: 'fulfilled', fulfilledOn: today, dueDate: end });
    expect(late.fulfilledOn! > late.dueDate).toBe(true);
  });

  it('reopens the obligation when a completion is deleted, and lets only the unit’s HR delete it', async () => {
    const list = (await w.clients.hrA.get(`/api/course-completions?search=${w.a2.person.employeeNo}`)).json();
    const cw1 = list.items.find((i: { course: { code: string } }) => i.course.code === 'CW-1');
    expect(cw1.countsFor).toEqual({ periodKey: P, kind: 'assigned' });
    expect((await w.clients.hrB.delete(`/api/course-completions/${cw1.id}`)).statusCode).toBe(404);
    expect((await w.clients.hrB.get('/api/course-completions')).json().total).toBe(0);
    const res = await w.clients.hrA.delete(`/api/course-completions/${cw1.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await obligation(w.a2.reserve.id, 'assigned_courses', P)).toMatchObject({
      state: 'open',
      progress: 1,
      fulfilledOn: null,
    });
  });

  it('shows the quarter per person and unit, filters, searches, and exports', async () => {
    const view = (await w.clients.hrA.get(`/api/course-quarter?periodKey=${Q}`)).json();
    const byName = Object.fromEntries(view.items.map((i: { name: string }) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual(['张青山', '李青山', '王中层'].sort());
    expect(byName.张青山).toMatchObject({ expected: 4, completed: 3, isReserve: true });
    expect(byName.王中层).toMatchObject({
      expected: 2,
      completed: 1,
      isMiddleManager: true,
      isReserve: false,
    });
    expect(
      byName.张青山.courses.map((x: { code: string; completedOn: string | null }) => [x.code, x.completedOn]),
    ).toEqual([
      ['LD-1', today],
      ['LD-2', today],
      ['AQ-1', today],
      ['DJ-2', null],
    ]);
    expect(view.totals).toEqual({ people: 3, expected: 10, completed: 4 });
    expect(view.unitTotals.map((u: { unitName: string }) => u.unitName)).toEqual([
      '青山县分公司',
      '青山市场部',
    ]);
    const managers = (
      await w.clients.hrA.get(`/api/course-quarter?periodKey=${Q}&kind=middle_manager`)
    ).json();
    expect(managers.items.map((i: { name: string }) => i.name)).toEqual(['王中层']);
    const search = (
      await w.clients.hrA.get(`/api/course-quarter?periodKey=${Q}&search=${w.a2.person.employeeNo}`)
    ).json();
    expect(search.items.map((i: { name: string }) => i.name)).toEqual(['李青山']);
    const incomplete = (
      await w.clients.hrA.get(`/api/course-quarter?periodKey=${Q}&incomplete=true&pageSize=1`)
    ).json();
    expect(incomplete).toMatchObject({ total: 3, pageSize: 1 });
    expect(incomplete.items).toHaveLength(1);
    const b = (await w.clients.hrB.get(`/api/course-quarter?periodKey=${Q}`)).json();
    expect(b.items.map((i: { name: string }) => i.name)).toEqual(['赵临江']);
    expect(
      (await w.clients.hrB.get(`/api/course-quarter?periodKey=${Q}&unitId=${w.units.countyA.id}`)).statusCode,
    ).toBe(404);

    const file = await w.clients.hrA.get(`/api/course-quarter/export?periodKey=${Q}`);
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const text = book.worksheets[0].getColumn(5).values.join('\n');
    expect(text).toContain(`LD-1 课程LD-1（${today} 完成）`);
    expect(book.worksheets[0].rowCount).toBe(4);
  });

  it('withdraws what a replaced assignment counted, and reopens the obligation', async () => {
    expect((await obligation(w.a1.reserve.id, 'assigned_courses', Q)).state).toBe('fulfilled');
    const res = await w.clients.hrA.put('/api/course-assignments', {
      unitId: w.units.countyA.id,
      periodKey: Q,
      courseIds: [c['LD-1'], c['DJ-1']],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await obligation(w.a1.reserve.id, 'assigned_courses', Q)).toMatchObject({
      state: 'open',
      progress: 1,
      fulfilledOn: null,
    });
    const list = (await w.clients.hrA.get(`/api/course-completions?search=${w.a1.person.employeeNo}`)).json();
    const ld2 = list.items.find((i: { course: { code: string } }) => i.course.code === 'LD-2');
    expect(ld2.countsFor).toBeNull();
  });

  it('moves a late completion’s credit to an on-time one recorded after it: the quarter was done on time', async () => {
    const { start, end } = quarterBounds(P);
    const record = (code: string, completedOn: string) =>
      w.clients.hrA.post('/api/course-completions', {
        personId: w.a1.person.id,
        courseId: c[code],
        completedOn,
      });
    expect((await record('CW-1', today)).statusCode).toBe(200);
    expect((await record('CW-2', end)).statusCode).toBe(200);
    expect(await obligation(w.a1.reserve.id, 'assigned_courses', P)).toMatchObject({
      state: 'fulfilled',
      fulfilledOn: today,
    });
    // The platform's record of CW-1 done within the quarter comes in afterwards.
    const onTime = await record('CW-1', start);
    expect(onTime.statusCode, onTime.body).toBe(200);
    const after = await obligation(w.a1.reserve.id, 'assigned_courses', P);
    expect(after).toMatchObject({ state: 'fulfilled', fulfilledOn: end, dueDate: end });
    const list = (await w.clients.hrA.get(`/api/course-completions?search=${w.a1.person.employeeNo}`)).json();
    const cw1 = list.items.filter((i: { course: { code: string } }) => i.course.code === 'CW-1');
    const countsFor = Object.fromEntries(
      cw1.map((i: { completedOn: string; countsFor: unknown }) => [i.completedOn, i.countsFor]),
    );
    expect(countsFor).toEqual({ [start]: { periodKey: P, kind: 'assigned' }, [today]: null });
  });
});
