import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRosterXlsx } from '../../../test/roster.js';
import { readSheetRows } from './excel.js';

const original = ExcelJS.stream.xlsx.WorkbookReader;

/** A streaming reader that fails as exceljs' does now and then under load: before its first row. */
class FailingReader {
  // biome-ignore lint/correctness/useYield: it fails before it yields, which is the point
  async *[Symbol.asyncIterator]() {
    throw new Error('unexpected end of stream');
  }
}

const collect = async (buffer: Buffer) => {
  const rows = [];
  for await (const row of readSheetRows(buffer)) rows.push(row);
  return rows;
};

describe('readSheetRows', () => {
  afterEach(() => {
    ExcelJS.stream.xlsx.WorkbookReader = original;
  });

  it('reads the buffer again without streaming when the streaming reader fails before the first row', async () => {
    const file = await buildRosterXlsx(
      [
        { 工号: 'E1', 姓名: '张三', 日期: '2026-05-03' },
        { 工号: 'E2', 姓名: '李四' },
      ],
      ['工号', '姓名', '日期'],
    );
    const streamed = await collect(file);
    ExcelJS.stream.xlsx.WorkbookReader = FailingReader as unknown as typeof original;
    const fallback = await collect(file);
    expect(fallback).toEqual(streamed);
    expect(fallback.map((r) => r.values[1])).toEqual(['张三', '李四']);
  });

  it('still refuses a broken workbook when both readers fail', async () => {
    ExcelJS.stream.xlsx.WorkbookReader = FailingReader as unknown as typeof original;
    const file = await buildRosterXlsx([{ a: 1 }], ['a']);
    // Damage the workbook part but keep a valid zip: replace the sheet XML with junk of the same name.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(file);
    zip.file('xl/worksheets/sheet1.xml', '<not-xml');
    const broken = Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
    await expect(collect(broken)).rejects.toMatchObject({ code: 'invalid_file' });
  });
});
