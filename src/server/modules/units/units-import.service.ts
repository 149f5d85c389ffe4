import { asc, eq, like, sql } from 'drizzle-orm';
import type { ImportReport } from '../../../contracts/people.js';
import {
  childPath,
  UNIT_TYPE_LABELS,
  UNIT_TYPES,
  type UnitType,
  wouldCreateCycle,
} from '../../../core/org/unit-types.js';
import { assertPermission, inScope, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { type AuditEntry, writeAuditMany } from '../../platform/audit.js';
import { buildTemplate, type CellValue, readSheetRows, streamWorkbook } from '../../platform/excel.js';
import { runImportTransaction } from '../../platform/import-transaction.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { displayCell } from '../people/people-import.columns.js';
import { findUnitsByIds, rewriteSubtreePaths } from './units.repository.js';
import { orgUnits } from './units.table.js';

export const UNIT_COLUMNS = [
  { header: '机构编码', required: true, note: '唯一；字母、数字、_ . -；再次导入同一编码将更新该机构' },
  { header: '机构名称', required: true, note: '' },
  {
    header: '机构类型',
    required: true,
    note: Object.values(UNIT_TYPE_LABELS)
      .map((l) => l.zh)
      .join('、'),
  },
  {
    header: '上级机构编码',
    required: false,
    note: '可引用本表中其他行或系统中已有机构；留空表示顶级机构（仅系统管理员）',
  },
  { header: '排序号', required: false, note: '整数，越小越靠前' },
];
const MAX_UNIT_ROWS = 20_000;
/** The export's status column: for reading; an import of an edited export ignores it. */
const EXPORT_ONLY_HEADER = '状态';

type UnitRowIn = {
  row: number;
  code: string;
  name: string;
  type: UnitType;
  parentCode: string | null;
  sortOrder: number;
};

function typeOf(label: string): UnitType | undefined {
  return UNIT_TYPES.find(
    (t) =>
      UNIT_TYPE_LABELS[t].zh === label ||
      t === label ||
      UNIT_TYPE_LABELS[t].en.toLowerCase() === label.toLowerCase(),
  );
}

type UnitRecord = typeof orgUnits.$inferSelect;

/** Why a row may not (re)attach to this parent, or null when it may. */
function parentProblemOf(
  ctx: ServiceContext,
  {
    parent,
    current,
    isSystemAdmin,
  }: { parent: UnitRecord | null | undefined; current: UnitRecord | undefined; isSystemAdmin: boolean },
): string | null {
  if (!parent) {
    if (isSystemAdmin && !current) return null;
    return '只有系统管理员可以导入顶级机构，已有机构也不能改为顶级 / only a system administrator adds roots';
  }
  if (!inScope(ctx.actor, 'units.manage', parent.path))
    return '上级机构不在您的管理范围内 / parent outside your scope';
  if (!parent.active) return '上级机构已停用 / the parent is inactive';
  if (current && wouldCreateCycle(current.path, parent.path))
    return '不能把机构移到其自身或下级之下 / a unit cannot move under itself';
  return null;
}

/** The unit-tree import template. */
export function buildUnitTemplate(): Promise<Buffer> {
  return buildTemplate({
    sheetName: '组织机构',
    columns: UNIT_COLUMNS,
    example: ['XS01', '市场部', '部门', 'ROOT', 10],
  });
}

/**
 * Imports the unit tree, all or nothing. Rows may name parents that come later in the file; a code
 * that exists is updated (renamed, retyped, moved). Everything runs in one transaction.
 */
export async function importUnits(
  ctx: ServiceContext,
  file: Buffer,
  options: { commit: boolean },
): Promise<ImportReport> {
  assertPermission(ctx.actor, 'units.manage');
  const report: ImportReport = { committed: false, totalRows: 0, created: 0, updated: 0, errors: [] };
  const bad = (row: number, column: string | null, value: CellValue | string, message: string) =>
    report.errors.push({
      row,
      column,
      value: typeof value === 'string' ? value : displayCell(value),
      message,
    });

  const rows: UnitRowIn[] = [];
  const seen = new Map<string, number>();
  let headerChecked = false;
  for await (const r of readSheetRows(file)) {
    if (!headerChecked) {
      headerChecked = true;
      const missing = UNIT_COLUMNS.filter((c) => c.required && !r.headers.includes(c.header));
      for (const c of missing) bad(1, c.header, null, '缺少必填列 / required column missing');
      for (const h of r.headers.filter(
        (h) => h && h !== EXPORT_ONLY_HEADER && !UNIT_COLUMNS.some((c) => c.header === h),
      ))
        bad(1, h, h, '无法识别的列，请使用导入模板 / unknown column');
      if (report.errors.length > 0) return report;
    }
    report.totalRows++;
    if (report.totalRows > MAX_UNIT_ROWS) {
      bad(r.rowNumber, null, null, `一次最多导入 ${MAX_UNIT_ROWS} 个机构 / too many rows`);
      return report;
    }
    const cell = (h: string) => r.values[r.headers.indexOf(h)] ?? null;
    const errorsBefore = report.errors.length;
    const code = cell('机构编码') === null ? '' : String(cell('机构编码')).trim();
    const name = cell('机构名称') === null ? '' : String(cell('机构名称')).trim();
    const typeLabel = cell('机构类型') === null ? '' : String(cell('机构类型')).trim();
    const parentCode = cell('上级机构编码') === null ? null : String(cell('上级机构编码')).trim();
    const sortCell = cell('排序号');
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(code))
      bad(r.rowNumber, '机构编码', cell('机构编码'), '必填；1–32 位字母、数字、_ . - / invalid code');
    if (!name || name.length > 100)
      bad(r.rowNumber, '机构名称', cell('机构名称'), '必填，最多 100 字 / required, at most 100 characters');
    const type = typeOf(typeLabel);
    if (!type) bad(r.rowNumber, '机构类型', cell('机构类型'), `应为：${UNIT_COLUMNS[2].note}`);
    const sortOrder = sortCell === null ? 0 : Number(sortCell);
    if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 100_000)
      bad(r.rowNumber, '排序号', sortCell, '应为 0–100000 的整数 / integer 0–100000');
    const first = seen.get(code.toLowerCase());
    if (code && first) bad(r.rowNumber, '机构编码', code, `与第 ${first} 行重复 / duplicate of row ${first}`);
    if (code && parentCode && parentCode.toLowerCase() === code.toLowerCase())
      bad(r.rowNumber, '上级机构编码', parentCode, '上级不能是自己 / a unit cannot be its own parent');
    seen.set(code.toLowerCase(), r.rowNumber);
    if (report.errors.length === errorsBefore)
      rows.push({ row: r.rowNumber, code, name, type: type!, parentCode, sortOrder });
  }
  if (!headerChecked) bad(1, null, null, '表格为空 / the sheet is empty');

  report.committed = await runImportTransaction(
    ctx.db,
    async (tx) => {
      const existing = await tx.select().from(orgUnits).orderBy(asc(orgUnits.depth));
      const byCode = new Map(existing.map((u) => [u.code.toLowerCase(), u]));
      const isSystemAdmin = ctx.actor.grants.some((g) => g.role === 'system_admin');
      const audits: AuditEntry[] = [];
      // Resolve parents first: repeat passes until no row can be placed (what is left names a missing parent or a loop).
      let pending = rows.filter((r) => report.errors.every((e) => e.row !== r.row));
      while (pending.length > 0) {
        const next: UnitRowIn[] = [];
        for (const row of pending) {
          const parent = row.parentCode ? byCode.get(row.parentCode.toLowerCase()) : null;
          const inFile =
            row.parentCode &&
            pending.some((p) => p !== row && p.code.toLowerCase() === row.parentCode!.toLowerCase());
          if (row.parentCode && !parent) {
            if (inFile) next.push(row);
            else bad(row.row, '上级机构编码', row.parentCode, '上级机构不存在 / parent not found');
            continue;
          }
          const current = byCode.get(row.code.toLowerCase());
          if (current && !inScope(ctx.actor, 'units.manage', current.path)) {
            bad(row.row, '机构编码', row.code, '该编码已被使用 / the code is already used');
            continue;
          }
          // The parent is checked only where it changes: a scoped export names a parent above the scope.
          const parentChanged = !current || (parent?.id ?? null) !== current.parentId;
          const parentProblem = parentChanged
            ? parentProblemOf(ctx, { parent, current, isSystemAdmin })
            : null;
          if (parentProblem) {
            bad(row.row, '上级机构编码', row.parentCode, parentProblem);
            continue;
          }
          if (current) {
            const [after] = await tx
              .update(orgUnits)
              .set({
                name: row.name,
                type: row.type,
                sortOrder: row.sortOrder,
                parentId: parent?.id ?? null,
                version: sql`${orgUnits.version} + 1`,
                updatedAt: new Date(),
              })
              .where(eq(orgUnits.id, current.id))
              .returning();
            if (parentChanged && parent) {
              const newPath = childPath(parent.path, current.id);
              await rewriteSubtreePaths(tx, current.path, newPath, parent.depth + 1 - current.depth);
              for (const u of await tx
                .select()
                .from(orgUnits)
                .where(like(orgUnits.path, `${newPath}%`)))
                byCode.set(u.code.toLowerCase(), u);
            } else byCode.set(row.code.toLowerCase(), after);
            report.updated++;
            audits.push({
              action: 'unit.imported_update',
              entityType: 'unit',
              entityId: current.id,
              unitPath: byCode.get(row.code.toLowerCase())!.path,
              summary: `导入更新机构 ${row.name}`,
            });
            continue;
          }
          const id = crypto.randomUUID();
          const [created] = await tx
            .insert(orgUnits)
            .values({
              id,
              parentId: parent?.id ?? null,
              path: childPath(parent?.path ?? null, id),
              depth: parent ? parent.depth + 1 : 0,
              code: row.code,
              name: row.name,
              type: row.type,
              sortOrder: row.sortOrder,
            })
            .returning();
          byCode.set(row.code.toLowerCase(), created);
          report.created++;
          audits.push({
            action: 'unit.imported_create',
            entityType: 'unit',
            entityId: id,
            unitPath: created.path,
            summary: `导入新增机构 ${row.name}`,
            after: created,
          });
        }
        if (next.length === pending.length) {
          for (const row of next)
            bad(
              row.row,
              '上级机构编码',
              row.parentCode,
              '上级机构关系形成循环 / parent references form a loop',
            );
          break;
        }
        pending = next;
      }
      await writeAuditMany(tx, ctx.audit, audits);
    },
    () => report.errors.length === 0 && options.commit,
  );
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}

/** The units in the caller's scope as a workbook in the import's columns (plus status). */
export async function exportUnits(ctx: ServiceContext) {
  assertPermission(ctx.actor, 'units.read');
  const units = await ctx.db
    .select()
    .from(orgUnits)
    .where(pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'units.read')))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.code));
  const codeById = new Map(units.map((u) => [u.id, u.code]));
  // The top units of a scope have their parent outside it; the export still names it, so that
  // importing the file back changes nothing.
  const outsideParents = [
    ...new Set(units.map((u) => u.parentId).filter((id): id is string => !!id && !codeById.has(id))),
  ];
  for (const parent of await findUnitsByIds(ctx.db, outsideParents)) codeById.set(parent.id, parent.code);
  async function* rows() {
    yield units.map((u) => ({
      code: u.code,
      name: u.name,
      type: UNIT_TYPE_LABELS[u.type as UnitType]?.zh ?? u.type,
      parentCode: u.parentId ? (codeById.get(u.parentId) ?? '') : '',
      sortOrder: u.sortOrder,
      status: u.active ? '启用' : '停用',
    }));
  }
  return streamWorkbook({
    sheetName: '组织机构',
    columns: [
      { header: '机构编码', key: 'code' },
      { header: '机构名称', key: 'name', width: 24 },
      { header: '机构类型', key: 'type' },
      { header: '上级机构编码', key: 'parentCode' },
      { header: '排序号', key: 'sortOrder', width: 8 },
      { header: '状态', key: 'status', width: 8 },
    ],
    rows: rows(),
  });
}
