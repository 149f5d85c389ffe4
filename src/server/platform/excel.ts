import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { todayIn } from '../../core/time/dates.js';
import { AppError } from './errors.js';
import { assertSafeZip } from './safe-zip.js';

/** Bounds on what an uploaded workbook may unpack to (zip bombs). */
export const XLSX_LIMITS = { maxEntries: 2000, maxUnpackedBytes: 300 * 1024 * 1024, maxRatio: 400 } as const;

const INVALID_XLSX = {
  zh: '文件不是有效的 Excel（.xlsx）文件。',
  en: 'The file is not a valid Excel (.xlsx) workbook.',
};

/**
 * Checks an upload before any parser sees it: it must be a zip holding `[Content_Types].xml` and a
 * workbook, and it must not unpack beyond the limits. Every entry is inflated and counted (the sizes a
 * zip declares can lie).
 */
export async function assertSafeXlsx(buffer: Buffer): Promise<void> {
  const names = await assertSafeZip(buffer, XLSX_LIMITS, INVALID_XLSX);
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml'))
    throw new AppError('invalid_file', null, INVALID_XLSX);
}

/** A cell value as the import sees it: trimmed text, a Date, a number, a boolean, or null. */
export type CellValue = string | number | boolean | Date | null;

// Exports put an apostrophe before text a spreadsheet would run as a formula (see safeCell);
// an import of such an export takes it off again, so values round-trip unchanged.
function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function plainCellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') return unneutralise(value.trim()) || null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return plainCellValue(value.richText.map((t) => t.text).join(''));
    if ('text' in value && typeof value.text === 'string') return plainCellValue(value.text);
    if ('result' in value) return plainCellValue(value.result as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return String(value);
}

/**
 * Streams the rows of the first worksheet: the header row, then each data row as a map from header
 * to value. Rows that are entirely empty are skipped. Memory stays flat for big files.
 */
export async function* readSheetRows(
  buffer: Buffer,
): AsyncGenerator<{ rowNumber: number; headers: string[]; values: CellValue[] }> {
  await assertSafeXlsx(buffer);
  let yielded = false;
  try {
    for await (const row of streamRows(buffer)) {
      yielded = true;
      yield row;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // exceljs' streaming reader now and then fails on a valid workbook under load (about one read
    // in 400). Before any row has gone out, reading the buffer whole is safe and gives the answer;
    // after that, rows would repeat, so the file is refused.
    if (yielded) throw new AppError('invalid_file', null, INVALID_XLSX);
    yield* wholeRows(buffer);
  }
}

async function* streamRows(buffer: Buffer) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let headers: string[] | null = null;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(plainCellValue);
      if (!headers) {
        headers = headerNames(cells);
        continue;
      }
      if (cells.every((c) => c === null)) continue;
      yield { rowNumber: row.number, headers, values: cells };
    }
    break; // only the first worksheet holds data; others are instructions
  }
}

/** The same rows from the non-streaming reader (the whole workbook in memory): the fallback. */
async function* wholeRows(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_file', null, INVALID_XLSX);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return;
  let headers: string[] | null = null;
  const rows: { rowNumber: number; headers: string[]; values: CellValue[] }[] = [];
  sheet.eachRow((row) => {
    const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(plainCellValue);
    if (!headers) {
      headers = headerNames(cells);
      return;
    }
    if (!cells.every((c) => c === null)) rows.push({ rowNumber: row.number, headers, values: cells });
  });
  yield* rows;
}

const headerNames = (cells: CellValue[]) =>
  cells.map((c) => (c === null ? '' : String(c).replace(/\*$/, '').trim()));

/** Neutralises text that a spreadsheet would run as a formula (= + - @, tab, CR). */
export function safeCell(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A column of an export: header and width. */
export type ExportColumn = { header: string; key: string; width?: number };

/**
 * Writes an .xlsx export to a stream, row by row, so that 100 000 rows never sit in memory.
 * `rows` is an async source of plain objects keyed by the columns' keys.
 */
export function streamWorkbook(options: {
  sheetName: string;
  columns: ExportColumn[];
  rows: AsyncIterable<Record<string, unknown>[]>;
}): PassThrough {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = options.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const batch of options.rows) {
      for (const row of batch) {
        const safe: Record<string, ExcelJS.CellValue> = {};
        for (const c of options.columns) safe[c.key] = safeCell(row[c.key]);
        sheet.addRow(safe).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => output.destroy(error));
  return output;
}

/** A `Content-Disposition` value that is safe for any file name (ASCII fallback plus UTF-8 form). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\/;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Answers with a workbook download named `<name>-<today>.xlsx` (or `<name>.xlsx` for templates),
 * the date being the office's (Asia/Shanghai).
 */
export function sendXlsx(
  reply: FastifyReply,
  name: string,
  body: Buffer | Readable,
  options: { dated?: boolean } = {},
) {
  const fileName = options.dated === false ? `${name}.xlsx` : `${name}-${todayIn()}.xlsx`;
  return reply.type(XLSX_MIME).header('content-disposition', attachmentHeader(fileName)).send(body);
}

/** Builds an import template: a header row (required columns marked *), an example row, and a notes sheet. */
export async function buildTemplate(options: {
  sheetName: string;
  columns: { header: string; required: boolean; width?: number; note: string }[];
  example: (string | number | null)[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = options.columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    width: c.width ?? 16,
  }));
  sheet.getRow(1).font = { bold: true };
  options.columns.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = c.note;
    sheet.getColumn(i + 1).numFmt = '@';
  });
  sheet.addRow(options.example);
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 20 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of options.columns) notes.addRow([c.header, c.required ? '必填' : '选填', c.note]);
  notes.addRow([]);
  notes.addRow(['说明', '', '第一行为标题，请勿修改；示例行可删除或覆盖。导入为“全部成功或全部不导入”。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
