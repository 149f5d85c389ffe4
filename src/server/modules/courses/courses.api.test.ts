import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCourse, buildCourseWorld, sheet } from '../../../../test/factories-courses.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';

type World = Awaited<ReturnType<typeof buildCourseWorld>>;
const HEADERS = ['课程编号', '课程名称', '课程类别', '学时', '课程链接'];

/** The catalogue: add, edit, deactivate, search, import and export, within each HR's units. */
describe.each(dbKinds())('course catalogue on %s', (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    w = await buildCourseWorld(t);
  });
  afterAll(() => t?.close());

  it('adds a course with exact hours, and refuses a taken code, a bad link and bad hours field by field', async () => {
    const ok = await w.clients.hrCity.post('/api/courses', {
      unitId: w.units.city.id,
      code: 'LD-001',
      title: '新任中层管理者的角色认知',
      category: '领导力',
      hours: '1.5',
      link: 'https://elearning.example.com/c/1',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ hours: '1.5', active: true, actions: { edit: true } });
    const bad = async (body: Record<string, unknown>, path: string) => {
      const res = await w.clients.hrCity.post('/api/courses', {
        unitId: w.units.city.id,
        code: 'LD-002',
        title: '课程',
        category: '领导力',
        hours: '2',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    };
    await bad({ code: 'ld-001' }, 'code');
    await bad({ link: 'javascript:alert(1)' }, 'link');
    await bad({ link: 'ftp://x' }, 'link');
    await bad({ hours: '1.25' }, 'hours');
    await bad({ hours: '0' }, 'hours');
    await bad({ title: '' }, 'title');
  });

  it('edits with a version, deactivates, and searches', async () => {
    const id = await addCourse(w.clients.hrCity, w.units.city.id, 'FN-001', '预算管理实务');
    const first = await w.clients.hrCity.patch(`/api/courses/${id}`, { version: 1, hours: '3' });
    expect(first.json()).toMatchObject({ hours: '3', version: 2 });
    const stale = await w.clients.hrCity.patch(`/api/courses/${id}`, { version: 1, title: '旧' });
    expect(stale.statusCode).toBe(409);
    const off = await w.clients.hrCity.patch(`/api/courses/${id}`, { version: 2, active: false });
    expect(off.json().active).toBe(false);
    const found = await w.clients.hrCity.get('/api/courses?search=预算&active=all');
    expect(found.json().items.map((c: { code: string }) => c.code)).toEqual(['FN-001']);
    expect((await w.clients.hrCity.get('/api/courses?search=预算')).json().total).toBe(0);
  });

  it('lets a county read the city catalogue but not change it, and hides another county’s courses', async () => {
    const own = await addCourse(w.clients.hrA, w.units.countyA.id, 'QS-001', '青山县安全生产');
    const cityCourse = (await w.clients.hrA.get('/api/courses?search=LD-001')).json().items[0];
    expect(cityCourse.actions.edit).toBe(false);
    expect(
      (await w.clients.hrA.patch(`/api/courses/${cityCourse.id}`, { version: 1, title: 'x' })).statusCode,
    ).toBe(404);
    const seenByB = (await w.clients.hrB.get('/api/courses?pageSize=200')).json();
    expect(seenByB.items.map((c: { id: string }) => c.id)).not.toContain(own);
    expect((await w.clients.hrB.patch(`/api/courses/${own}`, { version: 1, title: 'x' })).statusCode).toBe(
      404,
    );
    const intoA = await w.clients.hrB.post('/api/courses', {
      unitId: w.units.countyA.id,
      code: 'LJ-9',
      title: 'x',
      category: 'y',
      hours: '1',
    });
    expect(intoA.statusCode).toBe(404);
    expect((await w.clients.a1.get('/api/courses')).statusCode).toBe(404);
  });

  it('imports a catalogue all or nothing, and reports each bad row and duplicate code', async () => {
    const template = await w.clients.hrCity.get('/api/courses/import/template');
    expect(template.statusCode).toBe(200);
    const file = await sheet(HEADERS, [
      { 课程编号: 'AQ-001', 课程名称: '安全生产责任制解读', 课程类别: '安全生产', 学时: '2' },
      {
        课程编号: 'AQ-002',
        课程名称: '有限空间作业安全',
        课程类别: '安全生产',
        学时: 1.5,
        课程链接: 'ftp://x',
      },
      { 课程编号: 'aq-001', 课程名称: '重复', 课程类别: '安全生产', 学时: '1' },
      { 课程编号: 'AQ-003', 课程名称: '', 课程类别: '安全生产', 学时: 'abc' },
    ]);
    const res = await w.clients.hrCity.upload('/api/courses/import/commit', file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ committed: false, created: 0 });
    const rows = report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(rows).toEqual(expect.arrayContaining(['3:课程链接', '4:课程编号', '5:课程名称', '5:学时']));
    expect((await w.clients.hrCity.get('/api/courses?search=AQ-')).json().total).toBe(0);

    const good = await sheet(HEADERS, [
      { 课程编号: 'AQ-001', 课程名称: '安全生产责任制解读', 课程类别: '安全生产', 学时: '2' },
      { 课程编号: 'LD-001', 课程名称: '新任中层管理者的角色认知（更新）', 课程类别: '领导力', 学时: 1.5 },
    ]);
    const preview = (await w.clients.hrCity.upload('/api/courses/import/preview', good)).json();
    expect(preview).toMatchObject({ committed: false, created: 1, updated: 1, errors: [] });
    const done = (await w.clients.hrCity.upload('/api/courses/import/commit', good)).json();
    expect(done).toMatchObject({ committed: true, created: 1, updated: 1 });
    // A county cannot overwrite the city's course through its own import.
    const takeover = (await w.clients.hrA.upload('/api/courses/import/commit', good)).json();
    expect(takeover.committed).toBe(false);
    expect(takeover.errors[0].message).toContain('其他机构');
  });

  it('refuses malformed files with a clear answer', async () => {
    const wrong = await sheet(['编号', '名称'], [{ 编号: 'X', 名称: 'Y' }]);
    const report = (await w.clients.hrCity.upload('/api/courses/import/preview', wrong)).json();
    expect(report.errors.map((e: { column: string }) => e.column)).toEqual(
      expect.arrayContaining(['课程编号', '课程名称', '编号']),
    );
    const empty = (await w.clients.hrCity.upload('/api/courses/import/preview', await sheet([], []))).json();
    expect(empty.errors[0].message).toContain('表格为空');
    const bytes = await w.clients.hrCity.upload('/api/courses/import/preview', Buffer.from('PK not really'));
    expect(bytes.statusCode).toBe(400);
    expect(bytes.json().error.code).toBe('invalid_file');
  });

  it('exports the catalogue in the import layout', async () => {
    const res = await w.clients.hrCity.get('/api/courses/export?active=all');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['课程编号', '课程名称', '学时', '状态']));
    const codes = ws.getColumn(1).values.slice(2);
    expect(codes).toEqual(expect.arrayContaining(['LD-001', 'FN-001', 'AQ-001']));
  });
});
