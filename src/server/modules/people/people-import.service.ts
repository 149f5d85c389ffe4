import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type ImportReport, PersonFields } from '../../../contracts/people.js';
import { assertPermission, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { type AuditEntry, changedFields, writeAuditMany } from '../../platform/audit.js';
import { bulkInsert } from '../../platform/bulk-insert.js';
import type { Db } from '../../platform/db.js';
import { type CellValue, readSheetRows } from '../../platform/excel.js';
import { runImportTransaction } from '../../platform/import-transaction.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { orgUnits } from '../units/units.table.js';
import { crossFieldIssues, protectIdNumber } from './people.service.js';
import { people } from './people.table.js';
import {
  type CellIssue,
  displayCell,
  EXPORT_ONLY_HEADERS,
  parseAssessmentsCell,
  parseBooleanCell,
  parseDateCell,
  parseResumeCell,
  ROSTER_COLUMNS,
} from './people-import.columns.js';

const BATCH_SIZE = 500;
const MAX_REPORTED_ERRORS = 2000;
const KNOWN_HEADERS = new Set([...ROSTER_COLUMNS.map((c) => c.header), ...EXPORT_ONLY_HEADERS]);

type RowError = ImportReport['errors'][number];
// A row sets only the columns the file has: re-importing a narrower sheet leaves other fields alone.
const ImportRow = PersonFields.partial().required({
  employeeNo: true,
  name: true,
  gender: true,
  unitId: true,
});
type ParsedRow = { rowNumber: number; values: z.output<typeof ImportRow> };

/** Turns one sheet row into person fields, or lists what is wrong with each cell. */
function parseRow(
  headers: string[],
  cells: CellValue[],
  unitsByCode: Map<string, { id: string }>,
): { values?: ParsedRow['values']; issues: CellIssue[] } {
  const raw: Record<string, unknown> = {};
  const issues: CellIssue[] = [];
  const cellOf = new Map<string, CellValue>();
  for (const [i, h] of headers.entries()) cellOf.set(h, cells[i] ?? null);
  for (const column of ROSTER_COLUMNS) {
    if (!cellOf.has(column.header)) continue;
    const cell = cellOf.get(column.header) ?? null;
    const bad = (message: string) =>
      issues.push({ column: column.header, value: displayCell(cell), message });
    // A replacement character means the text was damaged on its way here: refuse rather than store it.
    if (typeof cell === 'string' && cell.includes('\uFFFD')) {
      bad('含有无法识别的字符，文件可能已损坏 / the cell holds undecodable characters');
      continue;
    }
    if (cell === null && column.required) {
      bad('必填项不能为空 / required');
      continue;
    }
    let parsed: unknown;
    if (column.kind === 'date') parsed = parseDateCell(cell);
    else if (column.kind === 'boolean') parsed = parseBooleanCell(cell);
    else if (column.kind === 'resume') parsed = parseResumeCell(cell);
    else if (column.kind === 'assessments') parsed = parseAssessmentsCell(cell);
    else
      parsed =
        cell === null ? null : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
    if (parsed === undefined) {
      const hint = {
        date: '日期格式应为 1985-03-12',
        boolean: '请填“是”或“否”',
        resume: '每行格式：2005-07—2010-06 内容',
        assessments: '格式：2023 称职；2024 优秀',
        text: '',
      }[column.kind];
      bad(`无法识别 / cannot read: ${hint}`);
      continue;
    }
    raw[column.field] = parsed;
  }
  const unitCode = typeof raw.unitCode === 'string' ? raw.unitCode : null;
  const unit = unitCode ? unitsByCode.get(unitCode.toLowerCase()) : undefined;
  if (unitCode && !unit) {
    issues.push({
      column: '所在机构编码',
      value: unitCode,
      message: '机构编码不存在或不在您的管理范围内 / unknown unit code',
    });
  }
  const result = ImportRow.safeParse({
    ...raw,
    unitId: unit?.id ?? '00000000-0000-4000-8000-000000000000',
  });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field === 'unitId') continue;
      const column = ROSTER_COLUMNS.find((c) => c.field === field);
      if (column && issues.some((i) => i.column === column.header)) continue;
      issues.push({
        column: column?.header ?? field,
        value: displayCell(cellOf.get(column?.header ?? '') ?? null),
        message: issue.message,
      });
    }
  } else {
    for (const issue of crossFieldIssues(result.data)) {
      const column = ROSTER_COLUMNS.find((c) => c.field === issue.path)!;
      issues.push({
        column: column.header,
        value: displayCell(cellOf.get(column.header) ?? null),
        message: issue.message,
      });
    }
  }
  return issues.length === 0 && result.success ? { values: result.data, issues } : { issues };
}

/**
 * Imports the roster, all or nothing: every row is validated and written inside one transaction,
 * which commits only when `commit` is set and no row has an error (a preview always rolls back,
 * so its counts are exact). Re-importing an employee number updates that person.
 */
export async function importPeople(
  ctx: ServiceContext,
  file: Buffer,
  options: { commit: boolean },
): Promise<ImportReport> {
  assertPermission(ctx.actor, 'people.import');
  assertPermission(ctx.actor, 'people.write');
  const report: ImportReport = { committed: false, totalRows: 0, created: 0, updated: 0, errors: [] };
  let errorCount = 0;
  const addError = (error: RowError) => {
    errorCount++;
    if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(error);
  };
  report.committed = await runImportTransaction(
    ctx.db,
    async (tx) => {
      const writePaths = scopePaths(ctx.actor, 'people.write');
      const units = await tx
        .select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path })
        .from(orgUnits)
        .where(and(pathInSubtrees(orgUnits.path, writePaths), eq(orgUnits.active, true)));
      const unitsByCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
      const pathByUnitId = new Map(units.map((u) => [u.id, u.path]));
      const seenEmployeeNos = new Map<string, number>();
      const seenIdNumbers = new Map<string, number>();
      let batch: ParsedRow[] = [];
      let headerChecked = false;

      for await (const row of readSheetRows(file)) {
        if (!headerChecked) {
          headerChecked = true;
          const missing = ROSTER_COLUMNS.filter((c) => c.required && !row.headers.includes(c.header));
          const unknown = row.headers.filter((h) => h && !KNOWN_HEADERS.has(h));
          for (const c of missing)
            addError({
              row: 1,
              column: c.header,
              value: null,
              message: '缺少必填列 / required column missing',
            });
          for (const h of unknown)
            addError({
              row: 1,
              column: h,
              value: h,
              message: '无法识别的列，请使用导入模板 / unknown column',
            });
          if (missing.length > 0 || unknown.length > 0) break;
        }
        report.totalRows++;
        const { values, issues } = parseRow(row.headers, row.values, unitsByCode);
        for (const issue of issues) addError({ row: row.rowNumber, ...issue });
        if (!values) continue;
        const firstRow = seenEmployeeNos.get(values.employeeNo);
        if (firstRow) {
          addError({
            row: row.rowNumber,
            column: '工号',
            value: values.employeeNo,
            message: `与第 ${firstRow} 行工号重复 / duplicate of row ${firstRow}`,
          });
          continue;
        }
        seenEmployeeNos.set(values.employeeNo, row.rowNumber);
        if (values.idNumber) {
          const firstId = seenIdNumbers.get(values.idNumber);
          if (firstId) {
            addError({
              row: row.rowNumber,
              column: '身份证号码',
              value: null,
              message: `与第 ${firstId} 行身份证号码重复 / duplicate ID number`,
            });
            continue;
          }
          seenIdNumbers.set(values.idNumber, row.rowNumber);
        }
        batch.push({ rowNumber: row.rowNumber, values });
        if (batch.length >= BATCH_SIZE) {
          await writeBatch(tx, ctx, batch, pathByUnitId, report, addError);
          batch = [];
        }
      }
      if (!headerChecked)
        addError({ row: 1, column: null, value: null, message: '表格为空 / the sheet is empty' });
      if (batch.length > 0) await writeBatch(tx, ctx, batch, pathByUnitId, report, addError);
    },
    () => errorCount === 0 && options.commit,
  );
  // Fresh statistics after a large change (PGlite has no autovacuum to do it).
  if (report.committed && report.created + report.updated > 1000) await ctx.db.execute(sql`ANALYZE people`);
  if (errorCount > report.errors.length) {
    report.errors.push({
      row: 0,
      column: null,
      value: null,
      message: `另有 ${errorCount - report.errors.length} 处错误未列出 / more errors not listed`,
    });
  }
  return report;
}

/** Writes one batch: new employee numbers are inserted, known ones updated; conflicts become row errors. */
async function writeBatch(
  tx: Db,
  ctx: ServiceContext,
  batch: ParsedRow[],
  pathByUnitId: Map<string, string>,
  report: ImportReport,
  addError: (e: RowError) => void,
): Promise<void> {
  const existing = await tx
    .select({ person: people, unitPath: orgUnits.path })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(
      inArray(
        people.employeeNo,
        batch.map((b) => b.values.employeeNo),
      ),
    );
  const byEmployeeNo = new Map(existing.map((e) => [e.person.employeeNo, e]));
  const withIds = batch.filter((b) => b.values.idNumber);
  const idOwners = withIds.length
    ? await tx
        .select({ employeeNo: people.employeeNo, hash: people.idNumberHash })
        .from(people)
        .where(
          inArray(
            people.idNumberHash,
            withIds.map((b) => ctx.cipher.hash(b.values.idNumber!)),
          ),
        )
    : [];
  const ownerByHash = new Map(idOwners.map((o) => [o.hash, o.employeeNo]));
  const writePaths = scopePaths(ctx.actor, 'people.write');
  const inserts: (typeof people.$inferInsert)[] = [];
  const audits: AuditEntry[] = [];

  for (const { rowNumber, values } of batch) {
    const current = byEmployeeNo.get(values.employeeNo);
    if (current && !writePaths.some((p) => current.unitPath.startsWith(p))) {
      addError({
        row: rowNumber,
        column: '工号',
        value: values.employeeNo,
        message: '该工号属于您无权管理的人员 / employee number belongs to someone outside your scope',
      });
      continue;
    }
    const { idNumber, ...fields } = values;
    if (idNumber) {
      const owner = ownerByHash.get(ctx.cipher.hash(idNumber));
      if (owner && owner !== values.employeeNo) {
        addError({
          row: rowNumber,
          column: '身份证号码',
          value: null,
          message: '身份证号码已登记在其他人员名下 / ID number belongs to another person',
        });
        continue;
      }
    }
    const protectedId = idNumber ? protectIdNumber(ctx.cipher, idNumber) : {};
    if (!current) {
      inserts.push({ ...fields, ...protectedId });
      continue;
    }
    const [after] = await tx
      .update(people)
      .set({ ...fields, ...protectedId, version: current.person.version + 1, updatedAt: new Date() })
      .where(eq(people.id, current.person.id))
      .returning();
    report.updated++;
    audits.push({
      action: 'person.imported_update',
      entityType: 'person',
      entityId: after.id,
      unitPath: pathByUnitId.get(after.unitId),
      summary: `导入更新人员 ${after.name}（${after.employeeNo}）`,
      ...changedFields(current.person, after),
    });
  }
  if (inserts.length > 0) {
    const created = (await bulkInsert(tx, people, inserts, {
      returning: ['id', 'name', 'employeeNo', 'unitId'],
    })) as {
      id: string;
      name: string;
      employeeNo: string;
      unitId: string;
    }[];
    report.created += created.length;
    for (const c of created) {
      audits.push({
        action: 'person.imported_create',
        entityType: 'person',
        entityId: c.id,
        unitPath: pathByUnitId.get(c.unitId),
        summary: `导入新增人员 ${c.name}（${c.employeeNo}）`,
        after: c,
      });
    }
  }
  await writeAuditMany(tx, ctx.audit, audits);
}
