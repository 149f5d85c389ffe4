import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS } from '../src/server/modules/people/people-import.columns.js';

/** A valid roster row for the template layout, keyed by Chinese header. */
export function rosterRow(n: number, unitCode: string): Record<string, string> {
  return {
    工号: `R${String(n).padStart(6, '0')}`,
    姓名: `导入人员${n}`,
    性别: n % 2 ? '男' : '女',
    出生日期: '1990-01-15',
    参加工作时间: '2012-07-01',
    全日制学历: '大学本科',
    所在机构编码: unitCode,
    是否中层: '否',
  };
}

/** Writes rows (objects keyed by header) into an .xlsx in the import layout, streaming for big files. */
export async function buildRosterXlsx(
  rows: Iterable<Record<string, unknown>>,
  headers = ROSTER_COLUMNS.map((c) => c.header),
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('人员名册');
  sheet.addRow(headers).commit();
  for (const row of rows) sheet.addRow(headers.map((h) => (row[h] ?? null) as ExcelJS.CellValue)).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Long Chinese text, so that characters straddle the reader's chunk boundaries. */
export function longChineseText(n: number): string {
  const phrase = '坚持专业培养和综合培养同步进行，提高解决基层问题的能力；';
  return `${n}：${phrase.repeat(8)}`;
}
