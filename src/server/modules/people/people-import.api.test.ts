import zlib from 'node:zlib';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber, createPerson, createUnit, createUser, nextSeq } from '../../../../test/factories.js';
import { longChineseText } from '../../../../test/roster.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { buildZip } from '../../../../test/zip.js';
import { maskIdNumber } from '../../../core/people/id-number.js';
import { MAX_UPLOAD_BYTES } from '../../app.js';
import { auditLog } from '../../platform/audit.table.js';
import { XLSX_LIMITS, XLSX_MIME } from '../../platform/excel.js';
import { people } from './people.table.js';
import { ROSTER_COLUMNS } from './people-import.columns.js';

type UnitRow = Awaited<ReturnType<typeof createUnit>>;
type Report = {
  committed: boolean;
  totalRows: number;
  created: number;
  updated: number;
  errors: { row: number; column: string | null; value: string | null; message: string }[];
};
type Field = (typeof ROSTER_COLUMNS)[number]['field'];

const HEADERS = ROSTER_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header));

/** Writes a one-sheet workbook: a header row, then the rows as given. */
async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('人员名册');
  if (headers.length > 0) sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A roster row in the template's column order, from field values. */
function rosterRow(values: Partial<Record<Field, unknown>>): unknown[] {
  return ROSTER_COLUMNS.map((c) => values[c.field as Field] ?? null);
}

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** The text values of a worksheet row (1-based cells). */
function rowTexts(sheet: ExcelJS.Worksheet, n: number): (string | null)[] {
  const values = sheet.getRow(n).values as ExcelJS.CellValue[];
  return values.slice(1).map((v) => (v === null || v === undefined ? null : String(v)));
}

const MB = 1024 * 1024;
const ZERO_MB_DEFLATED = zlib.deflateRawSync(Buffer.alloc(MB), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
/** An empty non-final stored block: inflates to nothing, pads the compressed size. */
const EMPTY_STORED_BLOCK = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

/** A raw deflate stream of `mb` megabytes of zeros, padded with `padding` empty blocks (built without inflating anything). */
function deflatedZeros(mb: number, padding = 0): Buffer {
  return Buffer.concat([
    ...Array.from({ length: mb }, () => ZERO_MB_DEFLATED),
    ...Array.from({ length: padding }, () => EMPTY_STORED_BLOCK),
    FINAL_EMPTY_BLOCK,
  ]);
}

describe.each(dbKinds())('people import and export on %s', (kind) => {
  let t: TestApp;
  let city: UnitRow;
  let county: UnitRow;
  let otherCounty: UnitRow;
  let hr: TestClient;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    city = await createUnit(t.db, { type: 'city_branch' });
    county = await createUnit(t.db, { parent: city, type: 'county_branch' });
    otherCounty = await createUnit(t.db, { parent: city, type: 'county_branch' });
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: county }] })).username);
  });
  afterAll(() => t.close());

  const newDept = (parent: UnitRow = county) => createUnit(t.db, { parent, type: 'department' });
  const upload = async (file: Buffer, mode: 'preview' | 'commit', client: TestClient = hr) => {
    const res = await client.upload(`/api/people/import/${mode}`, file, 'roster.xlsx');
    return res;
  };
  const importFile = async (file: Buffer, mode: 'preview' | 'commit') => {
    const res = await upload(file, mode);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  const findByNos = (nos: string[]) => t.db.select().from(people).where(inArray(people.employeeNo, nos));
  const peopleCount = async () =>
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM people'))[0].n;
  /** Good rows for a unit, with unique employee numbers and ID numbers. */
  const goodRows = (unit: UnitRow, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      employeeNo: `IM${nextSeq()}`,
      name: `导入${nextSeq()}`,
      gender: i % 2 ? '女' : '男',
      birthDate: '1986-04-12',
      politicalStatus: '中共党员',
      fullTimeEducation: '大学本科',
      isMiddleManager: i === 0 ? '是' : '否',
      unitCode: unit.code,
      idNumber: buildIdNumber('1986-04-12', i % 2 === 0),
      resume: '2004-09—2008-07 某大学学习\n2008-07— 某公司工作',
      assessments: '2023 称职；2024 优秀',
    }));

  it('serves a template with the roster headers (required ones marked *) that imports once the unit code is filled in', async () => {
    const res = await hr.get('/api/people/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const wb = await readWorkbook(res.rawPayload);
    const sheet = wb.worksheets[0];
    expect(rowTexts(sheet, 1)).toEqual(HEADERS);
    expect(HEADERS.filter((h) => h.endsWith('*'))).toEqual(['工号*', '姓名*', '性别*', '所在机构编码*']);

    const dept = await newDept();
    const unitColumn = HEADERS.indexOf('所在机构编码*') + 1;
    sheet.getRow(2).getCell(unitColumn).value = dept.code;
    const employeeNo = String(sheet.getRow(2).getCell(1).value);
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const report = await importFile(edited, 'commit');
    expect(report).toMatchObject({ committed: true, totalRows: 1, created: 1, updated: 0, errors: [] });
    const [person] = await findByNos([employeeNo]);
    expect(person).toMatchObject({
      unitId: dept.id,
      name: '张明',
      birthDate: '1986-04-12',
      isMiddleManager: false,
    });
    expect(person.resume).toHaveLength(2);
    expect(person.assessments).toEqual([
      { year: 2023, grade: '称职' },
      { year: 2024, grade: '优秀' },
    ]);
  });

  it('previews a good file without writing, then commits every row with audit entries', async () => {
    const dept = await newDept();
    const rows = goodRows(dept, 3);
    const nos = rows.map((r) => r.employeeNo);
    const file = await workbook(HEADERS, rows.map(rosterRow));

    const auditCount = async () =>
      (
        await t.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.imported_create'",
        )
      )[0].n;
    const auditsBefore = await auditCount();
    const preview = await importFile(file, 'preview');
    expect(await auditCount()).toBe(auditsBefore);
    expect(preview).toEqual({ committed: false, totalRows: 3, created: 3, updated: 0, errors: [] });
    expect(await findByNos(nos)).toHaveLength(0);

    const commit = await importFile(file, 'commit');
    expect(commit).toEqual({ committed: true, totalRows: 3, created: 3, updated: 0, errors: [] });
    const stored = await findByNos(nos);
    expect(stored).toHaveLength(3);
    const first = stored.find((p) => p.employeeNo === rows[0].employeeNo)!;
    expect(first).toMatchObject({
      name: rows[0].name,
      gender: '男',
      unitId: dept.id,
      birthDate: '1986-04-12',
      isMiddleManager: true,
      politicalStatus: '中共党员',
    });
    expect(first.idNumberMasked).toBe(maskIdNumber(rows[0].idNumber));
    expect(first.idNumberCipher).not.toContain(rows[0].idNumber);
    expect(t.cipher.decrypt(first.idNumberCipher!)).toBe(rows[0].idNumber);
    expect(first.resume).toEqual([
      { from: '2004-09', to: '2008-07', text: '某大学学习' },
      { from: '2008-07', to: null, text: '某公司工作' },
    ]);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'person.imported_create'),
          inArray(
            auditLog.entityId,
            stored.map((p) => p.id),
          ),
        ),
      );
    expect(audits).toHaveLength(3);
    for (const a of audits) expect(JSON.stringify(a)).not.toContain(rows[0].idNumber);
  });

  it('keeps long Chinese text intact in a big roster (characters straddling read chunks)', async () => {
    const dept = await newDept();
    const rows = goodRows(dept, 1500).map((r, i) => ({
      ...r,
      idNumber: '',
      rewardsPunishments: longChineseText(i),
    }));
    const file = await workbook(HEADERS, rows.map(rosterRow));
    const report = await importFile(file, 'commit');
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(1500);
    const stored = await findByNos(rows.map((r) => r.employeeNo));
    const byNo = new Map(stored.map((p) => [p.employeeNo, p.rewardsPunishments]));
    for (const [i, r] of rows.entries()) expect(byNo.get(r.employeeNo)).toBe(longChineseText(i));
  });

  it('updates by employee number when a file is imported again', async () => {
    const dept = await newDept();
    const rows = goodRows(dept, 3);
    const nos = rows.map((r) => r.employeeNo);
    await importFile(await workbook(HEADERS, rows.map(rosterRow)), 'commit');
    const before = await findByNos(nos);

    const changed = rows.map((r) => ({ ...r, currentPost: '客户经理', fullTimeEducation: '硕士研究生' }));
    const again = await importFile(await workbook(HEADERS, changed.map(rosterRow)), 'commit');
    expect(again).toEqual({ committed: true, totalRows: 3, created: 0, updated: 3, errors: [] });
    const after = await findByNos(nos);
    expect(after).toHaveLength(3);
    for (const p of after) {
      const old = before.find((b) => b.id === p.id)!;
      expect(p).toMatchObject({
        currentPost: '客户经理',
        fullTimeEducation: '硕士研究生',
        version: old.version + 1,
        name: old.name,
      });
    }
  });

  it('refuses a file with a required column missing or an unknown column, on row 1, writing nothing', async () => {
    const dept = await newDept();
    const rows = goodRows(dept, 2);
    const nameIndex = HEADERS.indexOf('姓名*');
    const withoutName = await workbook(
      HEADERS.filter((_, i) => i !== nameIndex),
      rows.map((r) => rosterRow(r).filter((_, i) => i !== nameIndex)),
    );
    const missing = await importFile(withoutName, 'commit');
    expect(missing.committed).toBe(false);
    expect(missing.errors).toEqual([expect.objectContaining({ row: 1, column: '姓名' })]);

    const extra = await workbook(
      [...HEADERS, '备注'],
      rows.map((r) => [...rosterRow(r), '多余']),
    );
    const unknown = await importFile(extra, 'commit');
    expect(unknown.committed).toBe(false);
    expect(unknown.errors).toEqual([expect.objectContaining({ row: 1, column: '备注' })]);
    expect(await findByNos(rows.map((r) => r.employeeNo))).toHaveLength(0);
  });

  it('reports every bad cell with row, column and value, and writes nothing although other rows are good', async () => {
    const dept = await newDept();
    const outside = await newDept(otherCounty);
    const [good, r3, r4, r5, r6, r7, r8, r9] = goodRows(dept, 8);
    const validId = buildIdNumber('1990-10-10');
    const badId = validId.slice(0, 17) + (validId[17] === '1' ? '2' : '1');
    const rows = [
      good, // row 2
      { ...r3, birthDate: '2023-02-30' }, // row 3
      { ...r4, workStartDate: 'abc' }, // row 4
      { ...r5, unitCode: 'NO-SUCH-UNIT' }, // row 5
      { ...r6, employeeNo: good.employeeNo }, // row 6: duplicate of row 2
      { ...r7, gender: 'M' }, // row 7
      { ...r8, idNumber: badId }, // row 8
      { ...r9, unitCode: outside.code }, // row 9: a unit outside the caller's scope
    ];
    const before = await peopleCount();
    const report = await importFile(await workbook(HEADERS, rows.map(rosterRow)), 'commit');
    expect(report.committed).toBe(false);
    expect(report.totalRows).toBe(8);
    const byRow = (row: number) => report.errors.filter((e) => e.row === row);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual([expect.objectContaining({ column: '出生日期', value: '2023-02-30' })]);
    expect(byRow(4)).toEqual([expect.objectContaining({ column: '参加工作时间', value: 'abc' })]);
    expect(byRow(5)).toEqual([expect.objectContaining({ column: '所在机构编码', value: 'NO-SUCH-UNIT' })]);
    expect(byRow(6)).toEqual([expect.objectContaining({ column: '工号', value: good.employeeNo })]);
    expect(byRow(6)[0].message).toContain('2');
    expect(byRow(7)).toEqual([expect.objectContaining({ column: '性别', value: 'M' })]);
    expect(byRow(8)).toEqual([expect.objectContaining({ column: '身份证号码' })]);
    expect(byRow(9)).toEqual([expect.objectContaining({ column: '所在机构编码', value: outside.code })]);
    expect(report.errors).toHaveLength(7);
    for (const e of report.errors) expect(e.message.length).toBeGreaterThan(0);
    expect(await peopleCount()).toBe(before);
    expect(await findByNos([good.employeeNo])).toHaveLength(0);
  });

  it('refuses to update, by employee number, a person outside the scope', async () => {
    const outsider = await createPerson(t.db, t.cipher, await newDept(otherCounty), { name: '外部人员' });
    const dept = await newDept();
    const [row] = goodRows(dept, 1);
    const report = await importFile(
      await workbook(HEADERS, [rosterRow({ ...row, employeeNo: outsider.employeeNo, name: '被篡改' })]),
      'commit',
    );
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, column: '工号', value: outsider.employeeNo }),
    ]);
    const [after] = await findByNos([outsider.employeeNo]);
    expect(after).toMatchObject({ name: '外部人员', unitId: outsider.unitId, version: outsider.version });
  });

  it('refuses files that are not xlsx workbooks with 400 invalid_file', async () => {
    const before = await peopleCount();
    const notWorkbook = buildZip([
      { name: 'hello.txt', data: zlib.deflateRawSync(Buffer.from('hello')), uncompressedSize: 5 },
    ]);
    const files = [
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
      Buffer.from('工号,姓名,性别\nA1,张三,男\n'),
      notWorkbook,
      // A zip header followed by garbage.
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 0x41)]),
    ];
    for (const file of files) {
      for (const mode of ['preview', 'commit'] as const) {
        const res = await upload(file, mode);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.code).toBe('invalid_file');
      }
    }
    const empty = await upload(Buffer.alloc(0), 'commit');
    expect(empty.statusCode).toBe(400);
    expect(await peopleCount()).toBe(before);
  });

  it('refuses an upload over the size limit with 413', async () => {
    const res = await upload(Buffer.alloc(MAX_UPLOAD_BYTES + MB, 0x41), 'commit');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('file_too_large');
  });

  it('refuses zip bombs (by ratio, by total unpacked size, and with lying sizes) and writes nothing', async () => {
    const before = await peopleCount();
    // 50 MB of zeros in ~50 kB: a ratio of ~1000, far over the limit.
    const ratioBomb = buildZip([
      {
        name: '[Content_Types].xml',
        data: zlib.deflateRawSync(Buffer.from('<Types/>')),
        uncompressedSize: 8,
      },
      {
        name: 'xl/workbook.xml',
        data: zlib.deflateRawSync(Buffer.from('<workbook/>')),
        uncompressedSize: 11,
      },
      { name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(50), uncompressedSize: 50 * MB },
    ]);
    const byRatio = await upload(ratioBomb, 'commit');
    expect(byRatio.statusCode).toBe(413);
    expect(byRatio.json().error.code).toBe('file_too_large');

    // Two entries each under the ratio and size limits, together over maxUnpackedBytes.
    const perEntryMb = Math.ceil(XLSX_LIMITS.maxUnpackedBytes / MB / 2) + 10;
    const padding = Math.ceil((perEntryMb * MB) / XLSX_LIMITS.maxRatio / EMPTY_STORED_BLOCK.length) + 1000;
    const sumBomb = buildZip([
      {
        name: '[Content_Types].xml',
        data: deflatedZeros(perEntryMb, padding),
        uncompressedSize: perEntryMb * MB,
      },
      {
        name: 'xl/workbook.xml',
        data: deflatedZeros(perEntryMb, padding),
        uncompressedSize: perEntryMb * MB,
      },
    ]);
    expect(sumBomb.length).toBeLessThan(5 * MB);
    const bySum = await upload(sumBomb, 'commit');
    expect(bySum.statusCode).toBe(413);
    expect(bySum.json().error.code).toBe('file_too_large');

    // Declared as 1 MB but inflating to 40 MB: the declared sizes are not trusted.
    const liar = buildZip([
      { name: '[Content_Types].xml', data: deflatedZeros(40, 2000), uncompressedSize: MB },
      {
        name: 'xl/workbook.xml',
        data: zlib.deflateRawSync(Buffer.from('<workbook/>')),
        uncompressedSize: 11,
      },
    ]);
    const lying = await upload(liar, 'commit');
    expect([400, 413]).toContain(lying.statusCode);
    expect(['invalid_file', 'file_too_large']).toContain(lying.json().error.code);
    expect(await peopleCount()).toBe(before);
  }, 60_000);

  it('reports an empty sheet and a header-only sheet as empty, with no rows and nothing written', async () => {
    for (const file of [await workbook([], []), await workbook(HEADERS, [])]) {
      const report = await importFile(file, 'commit');
      expect(report).toMatchObject({ committed: false, totalRows: 0, created: 0, updated: 0 });
      expect(report.errors).toEqual([expect.objectContaining({ row: 1 })]);
      expect(report.errors[0].message).toMatch(/空|empty/);
    }
  });

  it('reads dates given as real Excel dates and as text', async () => {
    const dept = await newDept();
    const [a, b, c, d] = goodRows(dept, 4);
    const rows = [
      { ...a, birthDate: new Date(Date.UTC(1985, 2, 12)), workStartDate: new Date(Date.UTC(2007, 6, 1)) },
      { ...b, birthDate: '1985-03-12', workStartDate: '2007-07-01' },
      { ...c, birthDate: '1985/3/12', workStartDate: '2007年7月1日' },
      { ...d, birthDate: '19850312', workStartDate: '2007.07.01' },
    ];
    const report = await importFile(await workbook(HEADERS, rows.map(rosterRow)), 'commit');
    expect(report).toMatchObject({ committed: true, created: 4, errors: [] });
    const stored = await findByNos(rows.map((r) => r.employeeNo));
    expect(stored).toHaveLength(4);
    for (const p of stored) expect(p).toMatchObject({ birthDate: '1985-03-12', workStartDate: '2007-07-01' });
  });

  it('exports the filtered rows only, masks ID numbers and neutralises formula-like text', async () => {
    const dept = await newDept();
    const tag = `导出${nextSeq()}`;
    const idNumbers = [buildIdNumber('1980-01-01'), buildIdNumber('1981-02-02'), buildIdNumber('1982-03-03')];
    const formula = await createPerson(t.db, t.cipher, dept, {
      name: `${tag}甲`,
      currentPost: '=SUM(A1:A9)',
      idNumber: idNumbers[0],
    });
    const plus = await createPerson(t.db, t.cipher, dept, {
      name: `${tag}乙`,
      currentPost: '+cmd|calc',
      grade: '@x',
      idNumber: idNumbers[1],
    });
    await createPerson(t.db, t.cipher, dept, { name: '不匹配的人', idNumber: idNumbers[2] });
    const outsider = await createPerson(t.db, t.cipher, await newDept(otherCounty), { name: `${tag}外` });

    const res = await hr.get(`/api/people/export?q=${encodeURIComponent(tag)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const sheet = (await readWorkbook(res.rawPayload)).worksheets[0];
    const headers = rowTexts(sheet, 1);
    const col = (h: string) => headers.indexOf(h);
    expect(headers).toContain('身份证号码（脱敏）');
    expect(headers).not.toContain('身份证号码');
    const rows = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => rowTexts(sheet, i + 2));
    expect(rows.map((r) => r[col('工号')]).sort()).toEqual([formula.employeeNo, plus.employeeNo].sort());
    expect(rows.map((r) => r[col('工号')])).not.toContain(outsider.employeeNo);

    const byNo = new Map(rows.map((r) => [r[col('工号')], r]));
    const formulaRow = byNo.get(formula.employeeNo)!;
    expect(formulaRow[col('现任职务')]).not.toMatch(/^[=+\-@]/);
    expect(formulaRow[col('现任职务')]).toContain('SUM(A1:A9)');
    expect(formulaRow[col('身份证号码（脱敏）')]).toBe(maskIdNumber(idNumbers[0]));
    const plusRow = byNo.get(plus.employeeNo)!;
    expect(plusRow[col('现任职务')]).not.toMatch(/^[=+\-@]/);
    expect(plusRow[col('职级')]).not.toMatch(/^[=+\-@]/);
    // No cell holds a formula, and no full ID number appears anywhere.
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        for (const id of idNumbers) expect(String(cell.value)).not.toContain(id);
      }),
    );
    const exported = await t.db.select().from(auditLog).where(eq(auditLog.action, 'person.exported'));
    expect(exported.some((a) => a.summary?.includes(tag))).toBe(true);
  });

  it('refuses import to a role without people.import (404)', async () => {
    const leader = await t.login(
      (await createUser(t.db, { grants: [{ role: 'leadership', unit: county }] })).username,
    );
    const dept = await newDept();
    const rows = goodRows(dept, 1);
    const file = await workbook(HEADERS, rows.map(rosterRow));
    expect((await upload(file, 'commit', leader)).statusCode).toBe(404);
    expect((await leader.get('/api/people/import/template')).statusCode).toBe(404);
    expect(await findByNos([rows[0].employeeNo])).toHaveLength(0);
  });

  it('refuses an ID number that another person holds or that repeats in the file, without echoing it', async () => {
    const dept = await newDept();
    const taken = buildIdNumber('1975-05-05');
    await createPerson(t.db, t.cipher, dept, { idNumber: taken });
    const [a, b, c] = goodRows(dept, 3);
    const repeated = buildIdNumber('1976-06-06');
    const report = await importFile(
      await workbook(HEADERS, [
        rosterRow({ ...a, idNumber: taken }),
        rosterRow({ ...b, idNumber: repeated }),
        rosterRow({ ...c, idNumber: repeated }),
      ]),
      'commit',
    );
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [2, '身份证号码'],
        [4, '身份证号码'],
      ]),
    );
    expect(report.errors).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain(taken);
    expect(JSON.stringify(report)).not.toContain(repeated);
    expect(await findByNos([a.employeeNo, b.employeeNo, c.employeeNo])).toHaveLength(0);
  });
});
