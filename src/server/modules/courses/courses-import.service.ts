import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { CourseBody, type CourseImportReport, type CourseListQuery } from '../../../contracts/courses.js';
import { formatHours, parseHours } from '../../../core/courses/hours.js';
import { assertPermission, inScope } from '../../platform/access.js';
import { type AuditEntry, writeAuditMany } from '../../platform/audit.js';
import { bulkInsert } from '../../platform/bulk-insert.js';
import { buildTemplate, type CellValue, readSheetRows, streamWorkbook } from '../../platform/excel.js';
import { runImportTransaction } from '../../platform/import-transaction.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { orgUnits } from '../units/units.table.js';
import { catalogueFilter } from './courses.service.js';
import { courses } from './courses.table.js';
import { defaultUnit, unitInScope } from './courses-scope.js';

type Report = z.infer<typeof CourseImportReport>;
type RowError = Report['errors'][number];

/** The catalogue's columns, as the template, the import and the export name them. */
const COLUMNS = [
  {
    header: '课程编号',
    field: 'code',
    required: true,
    note: '网上大学平台的课程编号，唯一；再次导入同一编号将更新该课程',
  },
  { header: '课程名称', field: 'title', required: true, note: '', width: 36 },
  { header: '课程类别', field: 'category', required: true, note: '如：领导力、财务管理、安全生产、党建' },
  { header: '学时', field: 'hours', required: true, note: '大于 0，最多一位小数，如 1.5', width: 8 },
  { header: '课程链接', field: 'link', required: false, note: '以 http:// 或 https:// 开头', width: 40 },
] as const;
const EXPORT_ONLY = ['状态', '所属机构'];
const MAX_ERRORS = 2000;
const ImportRow = CourseBody.omit({ unitId: true });

/** The catalogue import template. */
export function buildCourseTemplate(): Promise<Buffer> {
  return buildTemplate({
    sheetName: '课程目录',
    columns: COLUMNS.map((c) => ({ ...c })),
    example: [
      'LD-2026-001',
      '新任中层管理者的角色认知',
      '领导力',
      '1.5',
      'https://elearning.example.com/course/1001',
    ],
  });
}

function cellText(cell: CellValue): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim() || null;
}

/**
 * Imports the catalogue into a unit the caller manages, all or nothing: each row is checked (a
 * course code twice in the file, a code kept by a unit outside the caller's scope, a bad link or
 * 学时), and the file commits only when no row has an error. A known code updates that course.
 */
export async function importCourses(
  ctx: ServiceContext,
  file: Buffer,
  options: { commit: boolean; unitId?: string },
): Promise<Report> {
  assertPermission(ctx.actor, 'learning.manage');
  const unit = options.unitId
    ? await unitInScope(ctx.db, ctx.actor, options.unitId, 'learning.manage')
    : await defaultUnit(ctx.db, ctx.actor, 'learning.manage');
  const report: Report = { committed: false, totalRows: 0, created: 0, updated: 0, errors: [] };
  let errorCount = 0;
  const addError = (e: RowError) => {
    errorCount++;
    if (report.errors.length < MAX_ERRORS) report.errors.push(e);
  };
  report.committed = await runImportTransaction(
    ctx.db,
    async (tx) => {
      const rows: { rowNumber: number; values: z.infer<typeof ImportRow> }[] = [];
      const seen = new Map<string, number>();
      let headerChecked = false;
      for await (const row of readSheetRows(file)) {
        if (!headerChecked) {
          headerChecked = true;
          const known = new Set<string>([...COLUMNS.map((c) => c.header), ...EXPORT_ONLY]);
          for (const c of COLUMNS.filter((c) => c.required && !row.headers.includes(c.header)))
            addError({
              row: 1,
              column: c.header,
              value: null,
              message: '缺少必填列 / required column missing',
            });
          for (const h of row.headers.filter((h) => h && !known.has(h)))
            addError({
              row: 1,
              column: h,
              value: h,
              message: '无法识别的列，请使用导入模板 / unknown column',
            });
          if (errorCount > 0) break;
        }
        report.totalRows++;
        const raw: Record<string, string | null> = {};
        for (const c of COLUMNS) {
          const i = row.headers.indexOf(c.header);
          raw[c.field] = i < 0 ? null : cellText(row.values[i] ?? null);
        }
        const parsed = ImportRow.safeParse(raw);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const column = COLUMNS.find((c) => c.field === issue.path[0]);
            const value = column ? raw[column.field] : null;
            addError({
              row: row.rowNumber,
              column: column?.header ?? null,
              value,
              message: value === null && column?.required ? '必填项不能为空 / required' : issue.message,
            });
          }
          continue;
        }
        const key = parsed.data.code.toLowerCase();
        const first = seen.get(key);
        if (first) {
          addError({
            row: row.rowNumber,
            column: '课程编号',
            value: parsed.data.code,
            message: `与第 ${first} 行课程编号重复 / duplicate of row ${first}`,
          });
          continue;
        }
        seen.set(key, row.rowNumber);
        rows.push({ rowNumber: row.rowNumber, values: parsed.data });
      }
      if (!headerChecked)
        addError({ row: 1, column: null, value: null, message: '表格为空 / the sheet is empty' });
      if (errorCount > 0 || rows.length === 0) return;
      await writeCourses(tx, ctx, unit, rows, report, addError);
    },
    () => errorCount === 0 && options.commit,
  );
  if (errorCount > report.errors.length)
    report.errors.push({
      row: 0,
      column: null,
      value: null,
      message: `另有 ${errorCount - report.errors.length} 处错误未列出 / more errors not listed`,
    });
  return report;
}

async function writeCourses(
  tx: ServiceContext['db'],
  ctx: ServiceContext,
  unit: { id: string; path: string },
  rows: { rowNumber: number; values: z.infer<typeof ImportRow> }[],
  report: Report,
  addError: (e: RowError) => void,
) {
  const existing = await tx
    .select({ course: courses, path: orgUnits.path })
    .from(courses)
    .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
    .where(
      sql`lower(${courses.code}) IN (SELECT lower(value) FROM json_array_elements_text(${JSON.stringify(rows.map((r) => r.values.code))}::json))`,
    );
  const byCode = new Map(existing.map((e) => [e.course.code.toLowerCase(), e]));
  const inserts: (typeof courses.$inferInsert)[] = [];
  for (const { rowNumber, values } of rows) {
    const fields = {
      code: values.code,
      title: values.title,
      category: values.category,
      hoursTenths: parseHours(values.hours)!,
      link: values.link,
    };
    const current = byCode.get(values.code.toLowerCase());
    if (!current) {
      inserts.push({ ...fields, unitId: unit.id });
      continue;
    }
    if (!inScope(ctx.actor, 'learning.manage', current.path)) {
      addError({
        row: rowNumber,
        column: '课程编号',
        value: values.code,
        message: '该课程编号已被其他机构的课程使用 / the code belongs to a course outside your scope',
      });
      continue;
    }
    await tx
      .update(courses)
      .set({ ...fields, version: sql`${courses.version} + 1`, updatedAt: new Date() })
      .where(and(eq(courses.id, current.course.id)));
    report.updated++;
  }
  if (inserts.length > 0)
    report.created += (await bulkInsert(tx, courses, inserts, { returning: ['id'] })).length;
  const audits: AuditEntry[] = [
    {
      action: 'course.imported',
      entityType: 'course',
      unitPath: unit.path,
      summary: `导入课程目录：新增 ${report.created} 门，更新 ${report.updated} 门`,
      after: { created: report.created, updated: report.updated },
    },
  ];
  await writeAuditMany(tx, ctx.audit, audits);
}

/** The catalogue (as filtered) as a workbook that the import reads back. */
export async function exportCourses(ctx: ServiceContext, query: z.infer<typeof CourseListQuery>) {
  assertPermission(ctx.actor, 'learning.read');
  const rows = await ctx.db
    .select({ course: courses, unitName: orgUnits.name })
    .from(courses)
    .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
    .where(catalogueFilter(ctx, query))
    .orderBy(courses.category, courses.code);
  return streamWorkbook({
    sheetName: '课程目录',
    columns: [
      ...COLUMNS.map((c) => ({ header: c.header, key: c.field, width: 'width' in c ? c.width : 16 })),
      { header: '状态', key: 'state', width: 8 },
      { header: '所属机构', key: 'unitName', width: 20 },
    ],
    rows: (async function* () {
      yield rows.map((r) => ({
        ...r.course,
        hours: formatHours(r.course.hoursTenths),
        state: r.course.active ? '启用' : '停用',
        unitName: r.unitName,
      }));
    })(),
  });
}
