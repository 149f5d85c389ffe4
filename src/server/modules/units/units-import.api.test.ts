import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser, nextSeq, reloadUnit } from '../../../../test/factories.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { auditLog } from '../../platform/audit.table.js';
import { XLSX_MIME } from '../../platform/excel.js';
import { orgUnits } from './units.table.js';
import { UNIT_COLUMNS } from './units-import.service.js';

type UnitRow = Awaited<ReturnType<typeof createUnit>>;
type Report = {
  committed: boolean;
  totalRows: number;
  created: number;
  updated: number;
  errors: { row: number; column: string | null; value: string | null; message: string }[];
};

const HEADERS = UNIT_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header));

/** Writes a one-sheet workbook: a header row, then the rows as given. */
async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('组织机构');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A unit row: code, name, type (Chinese label), parent code, sort order. */
const unitRow = (
  code: string,
  name: string,
  type: string,
  parentCode: string | null,
  sortOrder: number | null = null,
) => [code, name, type, parentCode, sortOrder];

describe.each(dbKinds())('units import and export on %s', (kind) => {
  let t: TestApp;
  let city: UnitRow;
  let county: UnitRow;
  let otherCounty: UnitRow;
  let admin: TestClient;
  let hr: TestClient;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    city = await createUnit(t.db, { type: 'city_branch' });
    county = await createUnit(t.db, { parent: city, type: 'county_branch' });
    otherCounty = await createUnit(t.db, { parent: city, type: 'county_branch' });
    admin = await t.login(
      (await createUser(t.db, { grants: [{ role: 'system_admin', unit: city }] })).username,
    );
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: county }] })).username);
  });
  afterAll(() => t.close());

  const importFile = async (file: Buffer, mode: 'preview' | 'commit', client: TestClient = hr) => {
    const res = await client.upload(`/api/units/import/${mode}`, file, 'units.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  const byCodes = async (codes: string[]) => {
    const rows = await t.db
      .select()
      .from(orgUnits)
      .where(
        inArray(
          sql`lower(${orgUnits.code})`,
          codes.map((c) => c.toLowerCase()),
        ),
      );
    return new Map(rows.map((r) => [r.code.toLowerCase(), r]));
  };
  const code = (label: string) => `${label}${nextSeq()}`;
  /** The caller's unit export with its status column removed (the import does not take it). */
  const exportWithoutStatus = async (client: TestClient) => {
    const res = await client.get('/api/units/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (sheet.getRow(1).getCell(6).value === '状态') sheet.spliceColumns(6, 1);
    return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: sheet.actualRowCount - 1 };
  };

  it('serves a template with the unit headers', async () => {
    const res = await hr.get('/api/units/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
  });

  it('creates units whose parents come later in the file, under a unit in scope', async () => {
    const [p, c, g] = [code('P'), code('C'), code('G')];
    const file = await workbook(HEADERS, [
      unitRow(g, '班组', '班组', c, 3),
      unitRow(c, '科室', '部门', p, 2),
      unitRow(p, '新部门', '部门', county.code, 1),
    ]);
    const preview = await importFile(file, 'preview');
    expect(preview).toEqual({ committed: false, totalRows: 3, created: 3, updated: 0, errors: [] });
    expect((await byCodes([p, c, g])).size).toBe(0);

    const commit = await importFile(file, 'commit');
    expect(commit).toEqual({ committed: true, totalRows: 3, created: 3, updated: 0, errors: [] });
    const units = await byCodes([p, c, g]);
    const [up, uc, ug] = [
      units.get(p.toLowerCase())!,
      units.get(c.toLowerCase())!,
      units.get(g.toLowerCase())!,
    ];
    expect(up).toMatchObject({
      parentId: county.id,
      depth: county.depth + 1,
      path: `${county.path}${up.id}/`,
      type: 'department',
      sortOrder: 1,
    });
    expect(uc).toMatchObject({ parentId: up.id, depth: county.depth + 2, path: `${up.path}${uc.id}/` });
    expect(ug).toMatchObject({
      parentId: uc.id,
      depth: county.depth + 3,
      path: `${uc.path}${ug.id}/`,
      type: 'team',
      name: '班组',
    });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.entityId, [up.id, uc.id, ug.id]));
    expect(audits.map((a) => a.action)).toEqual([
      'unit.imported_create',
      'unit.imported_create',
      'unit.imported_create',
    ]);
  });

  it('reports parent loops and self-parents, writing nothing', async () => {
    const [a, b, s, ok] = [code('LA'), code('LB'), code('LS'), code('LOK')];
    const report = await importFile(
      await workbook(HEADERS, [
        unitRow(ok, '正常', '部门', county.code),
        unitRow(a, '甲', '部门', b),
        unitRow(b, '乙', '部门', a),
        unitRow(s, '自己', '部门', s),
      ]),
      'commit',
    );
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '上级机构编码'],
      [4, '上级机构编码'],
      [5, '上级机构编码'],
    ]);
    expect(report.errors[0].value).toBe(b);
    expect((await byCodes([a, b, s, ok])).size).toBe(0);
  });

  it('reports an unknown parent and other bad cells by row, writing nothing although other rows are good', async () => {
    const [good, orphan, badType, dup] = [code('GOOD'), code('ORPH'), code('BT'), code('DUP')];
    const report = await importFile(
      await workbook(HEADERS, [
        unitRow(good, '好的', '部门', county.code), // row 2
        unitRow(orphan, '孤儿', '部门', 'NO-SUCH-PARENT'), // row 3
        unitRow(badType, '类型错', '不是类型', county.code), // row 4
        unitRow('坏 编码', '编码错', '部门', county.code), // row 5
        unitRow(dup, '第一', '部门', county.code), // row 6
        unitRow(dup.toLowerCase(), '重复', '部门', county.code), // row 7
        unitRow(code('SO'), '排序错', '部门', county.code, -1), // row 8
      ]),
      'commit',
    );
    expect(report.committed).toBe(false);
    expect(report.totalRows).toBe(7);
    expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, '上级机构编码', 'NO-SUCH-PARENT'],
      [4, '机构类型', '不是类型'],
      [5, '机构编码', '坏 编码'],
      [7, '机构编码', dup.toLowerCase()],
      [8, '排序号', '-1'],
    ]);
    expect(report.errors.find((e) => e.row === 7)!.message).toContain('6');
    expect((await byCodes([good, orphan, badType, dup])).size).toBe(0);
  });

  it('updates an existing unit by code (case-insensitively): renames, retypes and moves it with its subtree', async () => {
    const from = await createUnit(t.db, { parent: county, type: 'department' });
    const to = await createUnit(t.db, { parent: county, type: 'department' });
    const unit = await createUnit(t.db, {
      parent: from,
      type: 'department',
      code: code('Upd'),
      name: '旧名',
    });
    const child = await createUnit(t.db, { parent: unit, type: 'team' });
    const report = await importFile(
      await workbook(HEADERS, [unitRow(unit.code.toUpperCase(), '新名', '班组', to.code, 7)]),
      'commit',
    );
    expect(report).toEqual({ committed: true, totalRows: 1, created: 0, updated: 1, errors: [] });
    const after = await reloadUnit(t.db, unit.id);
    expect(after).toMatchObject({
      code: unit.code,
      name: '新名',
      type: 'team',
      sortOrder: 7,
      parentId: to.id,
      path: `${to.path}${unit.id}/`,
      version: unit.version + 1,
    });
    expect(await reloadUnit(t.db, child.id)).toMatchObject({
      path: `${to.path}${unit.id}/${child.id}/`,
      depth: to.depth + 2,
    });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, unit.id));
    expect(entry.action).toBe('unit.imported_update');

    // Moving a unit under its own child through the import is refused.
    const cycle = await importFile(
      await workbook(HEADERS, [unitRow(unit.code, '新名', '班组', child.code)]),
      'commit',
    );
    expect(cycle.committed).toBe(false);
    expect(cycle.errors).toEqual([
      expect.objectContaining({ row: 2, column: '上级机构编码', value: child.code }),
    ]);
    expect((await reloadUnit(t.db, unit.id)).parentId).toBe(to.id);
  });

  it('keeps an hr_admin inside the granted subtree: no parents, codes or roots outside it', async () => {
    const outsideUnit = await createUnit(t.db, { parent: otherCounty, type: 'department', name: '外部部门' });
    const [inOutside, root, fine] = [code('OUT'), code('ROOT'), code('FINE')];
    const report = await importFile(
      await workbook(HEADERS, [
        unitRow(fine, '范围内', '部门', county.code), // row 2
        unitRow(inOutside, '越权新建', '部门', otherCounty.code), // row 3
        unitRow(outsideUnit.code, '越权改名', '部门', county.code), // row 4
        unitRow(root, '越权顶级', '公司', null), // row 5
        unitRow(county.code, '改自己的上级', '县(区)分公司', otherCounty.code), // row 6
      ]),
      'commit',
    );
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect((await byCodes([inOutside, root, fine])).size).toBe(0);
    expect(await reloadUnit(t.db, outsideUnit.id)).toMatchObject({
      name: '外部部门',
      parentId: otherCounty.id,
      version: outsideUnit.version,
    });
    expect(await reloadUnit(t.db, county.id)).toMatchObject({ parentId: city.id, name: county.name });

    // The system administrator may add a root.
    const asAdmin = await importFile(
      await workbook(HEADERS, [unitRow(root, '新公司', '公司', null)]),
      'commit',
      admin,
    );
    expect(asAdmin).toMatchObject({ committed: true, created: 1, errors: [] });
    expect((await byCodes([root])).get(root.toLowerCase())).toMatchObject({ parentId: null, depth: 0 });
  });

  it('refuses missing or unknown columns and non-xlsx files', async () => {
    const noType = await importFile(
      await workbook(['机构编码*', '机构名称*', '上级机构编码'], [[code('X'), '无类型', county.code]]),
      'commit',
    );
    expect(noType.errors).toEqual([expect.objectContaining({ row: 1, column: '机构类型' })]);
    const extra = await importFile(
      await workbook([...HEADERS, '负责人'], [[code('Y'), '多列', '部门', county.code, 1, '张三']]),
      'commit',
    );
    expect(extra.errors).toEqual([expect.objectContaining({ row: 1, column: '负责人' })]);
    const res = await hr.upload('/api/units/import/commit', Buffer.from('%PDF-1.7\n'), 'units.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_file');
  });

  it('round-trips the export: importing it as a preview creates nothing and updates every unit', async () => {
    const dept = await createUnit(t.db, { parent: county, type: 'department' });
    await createUnit(t.db, { parent: dept, type: 'team' });
    const res = await admin.get('/api/units/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const total = (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM org_units'))[0].n;
    expect(sheet.actualRowCount - 1).toBe(total);
    const codes = Array.from({ length: total }, (_, i) => String(sheet.getRow(i + 2).getCell(1).value));
    expect(codes).toEqual(expect.arrayContaining([city.code, county.code, dept.code]));

    const report = await importFile(res.rawPayload, 'preview', admin);
    expect(report.errors).toEqual([]);
    expect(report).toEqual({ committed: false, totalRows: total, created: 0, updated: total, errors: [] });
  });

  it('exports only the units in the caller scope', async () => {
    const outside = await createUnit(t.db, { parent: otherCounty, type: 'department' });
    const inside = await createUnit(t.db, { parent: county, type: 'department' });
    const res = await hr.get('/api/units/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const codes = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) =>
      String(sheet.getRow(i + 2).getCell(1).value),
    );
    expect(codes).toContain(inside.code);
    expect(codes).toContain(county.code);
    expect(codes).not.toContain(outside.code);
    expect(codes).not.toContain(city.code);
    expect(codes).not.toContain(otherCounty.code);
  });

  it("round-trips a scoped hr_admin's own export", async () => {
    await createUnit(t.db, { parent: county, type: 'department' });
    const exported = await exportWithoutStatus(hr);
    const report = await importFile(exported.buffer, 'preview');
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ totalRows: exported.rows, created: 0, updated: exported.rows });
  });

  it('keeps a name starting with "-" unchanged through export and import', async () => {
    const unit = await createUnit(t.db, { parent: county, type: 'team', name: '-外包组' });
    const exported = await exportWithoutStatus(admin);
    const report = await importFile(exported.buffer, 'commit', admin);
    expect(report).toMatchObject({ committed: true, errors: [] });
    expect((await reloadUnit(t.db, unit.id)).name).toBe('-外包组');
  });

  it('refuses to create a unit under a deactivated parent', async () => {
    const closed = await createUnit(t.db, { parent: county, type: 'department', active: false });
    const child = code('UNDERCLOSED');
    const report = await importFile(
      await workbook(HEADERS, [unitRow(child, '停用下新建', '班组', closed.code)]),
      'commit',
    );
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, column: '上级机构编码' })]);
    expect((await byCodes([child])).size).toBe(0);
  });
});
