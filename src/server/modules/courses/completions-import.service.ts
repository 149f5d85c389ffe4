import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type CompletionImportReport, CompletionMapping } from '../../../contracts/courses.js';
import { parseHours } from '../../../core/courses/hours.js';
import { todayIn } from '../../../core/time/dates.js';
import { assertPermission, inScope } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { bulkInsert } from '../../platform/bulk-insert.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type CellValue, readSheetRows } from '../../platform/excel.js';
import { runImportTransaction } from '../../platform/import-transaction.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { parseDateCell } from '../people/people-import.columns.js';
import { courseCompletions } from './courses.table.js';
import { courseVisibleTo, defaultUnit } from './courses-scope.js';
import { reconcileCredits } from './credits.service.js';

type Report = CompletionImportReport;
type Row = {
  rowNumber: number;
  employeeNo: string;
  course: string;
  completedOn: string;
  hoursTenths: number | null;
};
const MAX_ERRORS = 2000;
const MAX_ROWS_LISTED = 20;
const CHUNK = 5000;

const text = (cell: CellValue): string | null => {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim() || null;
};

/** A completion date as platforms write it: a date cell, `2026-05-03`, `2026/5/3`, `2026-05-03 14:22`. */
function completionDate(cell: CellValue): string | undefined {
  if (typeof cell === 'string')
    return parseDateCell(cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, '')) ?? undefined;
  return parseDateCell(cell) ?? undefined;
}

/** The header row and the first rows of an uploaded export, to choose which column is which. */
export async function readImportColumns(ctx: ServiceContext, file: Buffer) {
  assertPermission(ctx.actor, 'learning.manage');
  let headers: string[] | null = null;
  const sample: (string | null)[][] = [];
  for await (const row of readSheetRows(file)) {
    headers = row.headers;
    sample.push(row.headers.map((_, i) => text(row.values[i] ?? null)));
    if (sample.length >= 5) break;
  }
  if (!headers) throw new AppError('invalid_file', null, { zh: '表格为空。', en: 'The sheet is empty.' });
  return { headers: headers.filter((h) => h), sample };
}

/** Reads the mapping sent with the file; a missing or unknown column is a field error. */
export function parseMapping(fields: Record<string, string>) {
  const parsed = CompletionMapping.safeParse(fields);
  if (!parsed.success)
    throw new AppError('validation_failed', {
      fields: parsed.error.issues.map((i) => ({
        path: String(i.path[0] ?? ''),
        message: '请选择对应的列 / choose the column',
      })),
    });
  return parsed.data;
}

/**
 * Imports a completion export from the online-university platform, all or nothing. Employees and
 * courses are matched exactly — employee number, and course code (or exact title) — never guessed:
 * the ones not found are listed with their rows. Bad or future dates are row errors. A row already
 * recorded (same person, course and day) creates nothing, so importing the same file twice is
 * harmless. `skipUnknown` commits the rest when HR has seen the list of unknown people and courses.
 */
export async function importCompletions(
  ctx: ServiceContext,
  file: Buffer,
  options: { mapping: z.infer<typeof CompletionMapping>; commit: boolean; skipUnknown: boolean },
): Promise<Report> {
  assertPermission(ctx.actor, 'learning.manage');
  const scopeUnit = await defaultUnit(ctx.db, ctx.actor, 'learning.manage');
  const { mapping } = options;
  const report: Report = {
    committed: false,
    totalRows: 0,
    created: 0,
    alreadyRecorded: 0,
    counted: 0,
    unknownEmployees: [],
    unknownCourses: [],
    errors: [],
  };
  let errorCount = 0;
  const addError = (e: Report['errors'][number]) => {
    errorCount++;
    if (report.errors.length < MAX_ERRORS) report.errors.push(e);
  };
  const rows: Row[] = [];
  let index: { employee: number; course: number; date: number; hours: number } | null = null;
  for await (const row of readSheetRows(file)) {
    if (!index) {
      const find = (h: string | null) => (h ? row.headers.indexOf(h) : -1);
      index = {
        employee: find(mapping.employeeNo),
        course: find(mapping.course),
        date: find(mapping.completedOn),
        hours: find(mapping.hours),
      };
      const wanted: [string, number][] = [
        [mapping.employeeNo, index.employee],
        [mapping.course, index.course],
        [mapping.completedOn, index.date],
      ];
      if (mapping.hours) wanted.push([mapping.hours, index.hours]);
      const missing = wanted.filter(([, i]) => i < 0);
      for (const [h] of missing)
        addError({ row: 1, column: String(h), value: null, message: '文件中没有这一列 / no such column' });
      if (missing.length) break;
    }
    report.totalRows++;
    const employeeNo = text(row.values[index.employee] ?? null);
    const course = text(row.values[index.course] ?? null);
    const dateCell = row.values[index.date] ?? null;
    const completedOn = completionDate(dateCell);
    const hoursCell = index.hours >= 0 ? (row.values[index.hours] ?? null) : null;
    const hoursTenths =
      hoursCell === null ? null : parseHours(typeof hoursCell === 'number' ? hoursCell : String(hoursCell));
    let ok = true;
    const bad = (column: string, value: CellValue, message: string) => {
      ok = false;
      addError({
        row: row.rowNumber,
        column,
        value: value === null ? null : String(text(value)).slice(0, 100),
        message,
      });
    };
    if (!employeeNo) bad(mapping.employeeNo, null, '工号为空 / employee number missing');
    if (!course) bad(mapping.course, null, '课程为空 / course missing');
    if (dateCell === null) bad(mapping.completedOn, null, '完成日期为空 / completion date missing');
    else if (!completedOn) bad(mapping.completedOn, dateCell, '无法识别的日期，应为 2026-05-03 / not a date');
    else if (completedOn > todayIn())
      bad(mapping.completedOn, dateCell, '完成日期晚于今天 / the date is in the future');
    if (hoursCell !== null && hoursTenths === null)
      bad(mapping.hours ?? '', hoursCell, '学时应为大于 0 的数，最多一位小数 / bad hours');
    if (ok)
      rows.push({
        rowNumber: row.rowNumber,
        employeeNo: employeeNo!,
        course: course!,
        completedOn: completedOn!,
        hoursTenths,
      });
  }
  if (!index) addError({ row: 1, column: null, value: null, message: '表格为空 / the sheet is empty' });

  const persons = await resolvePeople(
    ctx,
    rows.map((r) => r.employeeNo),
  );
  const coursesFound = await resolveCourses(
    ctx,
    rows.map((r) => r.course),
    mapping.courseBy,
  );
  const unknownEmployees = new Map<string, number[]>();
  const unknownCourses = new Map<string, number[]>();
  const note = (map: Map<string, number[]>, key: string, row: number) => {
    const rows = map.get(key);
    if (rows) rows.push(row);
    else map.set(key, [row]);
  };
  const records: (typeof courseCompletions.$inferInsert)[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const personId = persons.get(r.employeeNo);
    const course = coursesFound.get(mapping.courseBy === 'code' ? r.course.toLowerCase() : r.course);
    if (!personId) note(unknownEmployees, r.employeeNo, r.rowNumber);
    if (course === 'ambiguous') {
      addError({
        row: r.rowNumber,
        column: mapping.course,
        value: r.course,
        message: '有多门课程同名，请按课程编号导入 / several courses have this title',
      });
      continue;
    }
    if (!course) note(unknownCourses, r.course, r.rowNumber);
    if (!personId || !course) continue;
    const key = `${personId}|${course}|${r.completedOn}`;
    if (seen.has(key)) {
      report.alreadyRecorded++;
      continue;
    }
    seen.add(key);
    records.push({
      personId,
      courseId: course,
      completedOn: r.completedOn,
      hoursTenths: r.hoursTenths,
      source: 'import',
      recordedBy: ctx.actor.userId,
    });
  }
  const list = (map: Map<string, number[]>) =>
    [...map].map(([value, rs]) => ({ value, rows: rs.slice(0, MAX_ROWS_LISTED) }));
  report.unknownEmployees = list(unknownEmployees);
  report.unknownCourses = list(unknownCourses);
  const blocked =
    errorCount > 0 || (!options.skipUnknown && (unknownEmployees.size > 0 || unknownCourses.size > 0));

  report.committed = await runImportTransaction(
    ctx.db,
    async (tx) => {
      if (errorCount > 0 || records.length === 0) return;
      const createdIds: { personId: string }[] = [];
      for (let i = 0; i < records.length; i += CHUNK) {
        const out = await bulkInsert(tx, courseCompletions, records.slice(i, i + CHUNK), {
          onConflictDoNothing: true,
          returning: ['personId'],
        });
        createdIds.push(...(out as { personId: string }[]));
      }
      report.created = createdIds.length;
      report.alreadyRecorded += records.length - createdIds.length;
      report.counted = await reconcileCredits(
        tx,
        { ...ctx, db: tx },
        createdIds.map((c) => c.personId),
      );
      await writeAudit(tx, ctx.audit, {
        action: 'course.completions_imported',
        entityType: 'course_completion',
        unitPath: scopeUnit.path,
        summary: `导入课程完成记录 ${report.created} 条（已登记 ${report.alreadyRecorded} 条，计入任务 ${report.counted} 条）`,
        after: { created: report.created, alreadyRecorded: report.alreadyRecorded, counted: report.counted },
      });
    },
    () => !blocked && options.commit,
  );
  if (errorCount > report.errors.length)
    report.errors.push({
      row: 0,
      column: null,
      value: null,
      message: `另有 ${errorCount - report.errors.length} 处错误未列出 / more errors not listed`,
    });
  // Large imports leave PGlite (no autovacuum) with stale statistics.
  if (report.committed && report.created > 1000) await ctx.db.execute(sql`ANALYZE course_completions`);
  return report;
}

/** Employee number → person id, for people in the caller's scope (others read as unknown). */
async function resolvePeople(ctx: ServiceContext, employeeNos: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(employeeNos)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = (
      (await ctx.db.execute(sql`
        SELECT p.id, p.employee_no AS "employeeNo", u.path FROM people p JOIN org_units u ON u.id = p.unit_id
         WHERE p.employee_no IN (SELECT value FROM json_array_elements_text(${JSON.stringify(unique.slice(i, i + CHUNK))}::json))`)) as unknown as {
        rows: { id: string; employeeNo: string; path: string }[];
      }
    ).rows;
    for (const r of rows) if (inScope(ctx.actor, 'learning.manage', r.path)) out.set(r.employeeNo, r.id);
  }
  return out;
}

/** Course code (any case) or exact title → course id among the courses the caller may read. */
async function resolveCourses(ctx: ServiceContext, keys: string[], by: 'code' | 'title') {
  const out = new Map<string, string | 'ambiguous'>();
  const unique = [...new Set(by === 'code' ? keys.map((k) => k.toLowerCase()) : keys)];
  if (unique.length === 0) return out;
  const db: Db = ctx.db;
  const column = by === 'code' ? sql`lower(c.code)` : sql`c.title`;
  const rows = (
    (await db.execute(sql`
      SELECT c.id, ${column} AS key FROM courses c JOIN org_units org_units ON org_units.id = c.unit_id
       WHERE ${column} IN (SELECT value FROM json_array_elements_text(${JSON.stringify(unique)}::json))
         AND ${courseVisibleTo(ctx.actor, sql`org_units.path`)}`)) as unknown as {
      rows: { id: string; key: string }[];
    }
  ).rows;
  for (const r of rows) out.set(r.key, out.has(r.key) ? 'ambiguous' : r.id);
  return out;
}
