import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ComplianceCalendarQuery,
  ComplianceListQuery,
  ComplianceMatrix,
  MatrixCell,
  MatrixQuery,
  OverdueQuery,
} from '../../../contracts/obligations.js';
import { anchorsCover } from '../../../core/org/anchors.js';
import type { RuleActor } from '../../../core/programme/rule.js';
import { todayIn, yearOf } from '../../../core/time/dates.js';
import { assertInScope, assertPermission, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { type ExportColumn, streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { obligations } from './obligations.table.js';
import { itemsWorkbook } from './obligations-export.js';
import * as repo from './obligations-views.repository.js';
import {
  activeReserve,
  calendarOf,
  iterateOverdue,
  presentItems,
  scopeCondition,
  unitFilterPath,
} from './obligations-views.service.js';
import { tallyMatrixGroups } from './tallies.repository.js';

type Matrix = z.infer<typeof ComplianceMatrix>;

/**
 * A programme the caller may report on: one whose owning subtree overlaps their read scope (a city's
 * programme applies to its counties; a county's own programme to the city above it). 404 otherwise.
 */
async function loadProgramme(ctx: ServiceContext, id: string) {
  const programme = await repo.findProgrammeWithRules(ctx.db, id);
  const scope = scopePaths(ctx.actor, 'obligations.read');
  if (!programme || !scope.some((p) => programme.unitPath.startsWith(p) || p.startsWith(programme.unitPath)))
    throw new AppError('not_found');
  return programme;
}

function emptyCell(): MatrixCell {
  return { total: 0, due: 0, done: 0, doneDue: 0, overdue: 0, submitted: 0, open: 0, percent: null };
}

function addInto(target: MatrixCell, source: Omit<MatrixCell, 'percent'>): void {
  for (const key of ['total', 'due', 'done', 'doneDue', 'overdue', 'submitted', 'open'] as const)
    target[key] += source[key];
}

function withPercent(cell: MatrixCell): MatrixCell {
  return { ...cell, percent: cell.due === 0 ? null : Math.round((cell.doneDue / cell.due) * 1000) / 10 };
}

/**
 * The rows of the matrix: the children of the unit asked for (each aggregating its subtree, plus a
 * row for the unit's own people), or — without a unit — the caller's scope roots.
 */
async function rowsOf(ctx: ServiceContext, unitId: string | undefined) {
  const scope = scopePaths(ctx.actor, 'obligations.read');
  let parent: repo.UnitRef | null = null;
  if (unitId) {
    parent = await repo.findUnit(ctx.db, unitId);
    assertInScope(ctx.actor, 'obligations.read', parent?.path);
  } else if (scope.length === 1 && scope[0] !== '/') {
    parent = await repo.findUnit(ctx.db, scope[0].split('/').filter(Boolean).pop()!);
  }
  if (!parent && scope[0] === '/') {
    // A whole organisation under one root (the usual case): start at the root's children.
    const roots = await repo.listChildUnits(ctx.db, null);
    if (roots.length === 1) parent = await repo.findUnit(ctx.db, roots[0].id);
  }
  if (parent || scope[0] === '/') {
    const prefix = parent?.path ?? '/';
    const children = await repo.listChildUnits(ctx.db, parent?.id ?? null);
    return { parent, units: children, rowKey: repo.childSegment(prefix), prefix };
  }
  const roots = await repo.findUnits(
    ctx.db,
    scope.map((p) => p.split('/').filter(Boolean).pop()!),
  );
  return { parent: null, units: roots, rowKey: repo.subtreeOf(roots), prefix: null };
}

/**
 * The groups of the matrix: from `obligation_tallies` when the rows are the root's children (or
 * roots, or a root's children as scope roots) — the whole organisation, the heavy case — else from the
 * obligations of the subtree asked for, which holds a few hundred reserves at most.
 */
async function matrixGroups(
  ctx: ServiceContext,
  input: {
    programmeId: string;
    year: number;
    today: string;
    rowKey: SQL<string>;
    prefix: string | null;
    rootPaths: string[];
  },
) {
  const scope = scopePaths(ctx.actor, 'obligations.read');
  const unitWhere = and(
    pathInSubtrees(orgUnits.path, scope),
    input.prefix ? sql`${orgUnits.path} LIKE ${`${input.prefix}%`}` : undefined,
  );
  const rowsAreAnchors =
    input.prefix === null
      ? anchorsCover(input.rootPaths)
      : input.prefix.split('/').filter(Boolean).length <= 1;
  if (anchorsCover(scope) && rowsAreAnchors) {
    return tallyMatrixGroups(ctx.db, { ...input, unitWhere });
  }
  return repo.liveMatrixGroups(ctx.db, {
    rowKey: input.rowKey,
    today: input.today,
    year: input.year,
    reserveWhere: and(activeReserve, eq(reserves.programmeId, input.programmeId), unitWhere),
  });
}

/** The compliance matrix: units × the programme's rules. */
export async function getComplianceMatrix(
  ctx: ServiceContext,
  query: z.infer<typeof MatrixQuery>,
): Promise<Matrix> {
  assertPermission(ctx.actor, 'obligations.read');
  const programme = await loadProgramme(ctx, query.programmeId);
  const today = todayIn(programme.timeZone);
  const year = query.year ?? yearOf(today);
  const { parent, units, rowKey, prefix } = await rowsOf(ctx, query.unitId);
  const counts = repo.foldMatrixGroups(
    await matrixGroups(ctx, {
      programmeId: programme.id,
      year,
      today,
      rowKey,
      prefix,
      rootPaths: units.map((u) => u.path),
    }),
  );

  // Columns: the current rules in order, then keys only older versions still have obligations for.
  const current =
    programme.versions.find((v) => v.id === programme.currentVersionId) ?? programme.versions[0];
  const columns: Matrix['columns'] = (current?.rules ?? []).map((r) => ({
    ruleKey: r.key,
    title: r.title,
    actor: r.actor,
  }));
  const known = new Set(columns.map((c) => c.ruleKey));
  for (const c of counts) {
    if (known.has(c.ruleKey)) continue;
    known.add(c.ruleKey);
    const rule = programme.versions.flatMap((v) => v.rules).find((r) => r.key === c.ruleKey);
    columns.push({
      ruleKey: c.ruleKey,
      title: rule?.title ?? c.ruleKey,
      actor: (rule?.actor ?? null) as RuleActor | null,
    });
  }
  const columnIndex = new Map(columns.map((c, i) => [c.ruleKey, i]));

  const byRow = new Map<string, MatrixCell[]>();
  for (const c of counts) {
    const cells = byRow.get(c.rowKey) ?? columns.map(emptyCell);
    byRow.set(c.rowKey, cells);
    addInto(cells[columnIndex.get(c.ruleKey)!], c);
  }
  const rowUnits = units
    .filter((u) => u.active || byRow.has(u.id))
    .map((u) => ({ unitId: u.id, unitName: u.name, unitOnly: false, key: u.id }));
  if (parent && byRow.has(''))
    rowUnits.unshift({ unitId: parent.id, unitName: `${parent.name}（本级）`, unitOnly: true, key: '' });

  const totals = columns.map(emptyCell);
  const grand = emptyCell();
  const rows = rowUnits.map((r) => {
    const cells = byRow.get(r.key) ?? columns.map(emptyCell);
    const total = emptyCell();
    cells.forEach((cell, i) => {
      addInto(total, cell);
      addInto(totals[i], cell);
      addInto(grand, cell);
    });
    return {
      unitId: r.unitId,
      unitName: r.unitName,
      unitOnly: r.unitOnly,
      cells: cells.map(withPercent),
      total: withPercent(total),
    };
  });
  return {
    year,
    today,
    programme: { id: programme.id, name: programme.name },
    unit: parent ? { id: parent.id, name: parent.name } : null,
    columns,
    rows,
    totals: { cells: totals.map(withPercent), total: withPercent(grand) },
  };
}

/** The matrix as a workbook: per rule, due / done / overdue / percentage. */
export async function exportComplianceMatrix(ctx: ServiceContext, query: z.infer<typeof MatrixQuery>) {
  const matrix = await getComplianceMatrix(ctx, query);
  const columns: ExportColumn[] = [{ header: '机构', key: 'unit', width: 24 }];
  const groups = [...matrix.columns.map((c) => c.title), '合计'];
  groups.forEach((title, i) => {
    columns.push(
      { header: `${title}·应完成`, key: `c${i}_due` },
      { header: `${title}·已完成`, key: `c${i}_doneDue` },
      { header: `${title}·逾期`, key: `c${i}_overdue` },
      { header: `${title}·完成率%`, key: `c${i}_percent` },
    );
  });
  const line = (unit: string, cells: MatrixCell[], total: MatrixCell) => {
    const out: Record<string, unknown> = { unit };
    [...cells, total].forEach((cell, i) => {
      out[`c${i}_due`] = cell.due;
      out[`c${i}_doneDue`] = cell.doneDue;
      out[`c${i}_overdue`] = cell.overdue;
      out[`c${i}_percent`] = cell.percent;
    });
    return out;
  };
  async function* rows() {
    yield [
      ...matrix.rows.map((r) => line(r.unitName, r.cells, r.total)),
      line('合计', matrix.totals.cells, matrix.totals.total),
    ];
  }
  return streamWorkbook({ sheetName: `${matrix.year}年完成情况`, columns, rows: rows() });
}

type ListFilter = Omit<z.infer<typeof ComplianceListQuery>, 'page' | 'pageSize'>;

async function cellWhere(ctx: ServiceContext, query: ListFilter): Promise<SQL> {
  assertPermission(ctx.actor, 'obligations.read');
  const programme = await loadProgramme(ctx, query.programmeId);
  const today = todayIn(programme.timeZone);
  const unitPath = await unitFilterPath(ctx, query.unitId);
  const unitCondition =
    query.unitId && query.unitOnly === 'true'
      ? eq(people.unitId, query.unitId)
      : unitPath
        ? sql`${orgUnits.path} LIKE ${`${unitPath}%`}`
        : undefined;
  const reserveCondition = and(scopeCondition(ctx), eq(reserves.programmeId, programme.id), unitCondition);
  // The reserves first, as an array the identity index (reserve, year, rule) is probed with: joined
  // instead, the planner guesses a county's share of the pool badly and scans every obligation.
  const reserveIds = ctx.db
    .select({ id: reserves.id })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(reserveCondition);
  return and(
    reserveCondition,
    sql`${obligations.reserveId} = ANY (ARRAY(${reserveIds}))`,
    eq(obligations.cycleYear, query.year ?? yearOf(today)),
    query.ruleKey ? eq(obligations.ruleKey, query.ruleKey) : undefined,
    query.reserveId ? eq(obligations.reserveId, query.reserveId) : undefined,
    query.status ? repo.statusCondition(query.status, repo.dateParam(today)) : undefined,
  )!;
}

/** The obligations behind a matrix cell (or row, or column), by due date. */
export async function listComplianceObligations(
  ctx: ServiceContext,
  query: z.infer<typeof ComplianceListQuery>,
) {
  const where = await cellWhere(ctx, query);
  const { rows, total } = await repo.listItems(ctx.db, where, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentItems(ctx, rows), total, page: query.page, pageSize: query.pageSize };
}

/** The drill-down list as a streamed workbook. */
export async function exportComplianceObligations(ctx: ServiceContext, query: ListFilter) {
  const where = await cellWhere(ctx, query);
  async function* batches() {
    for await (const rows of repo.iterateItems(ctx.db, where)) yield presentItems(ctx, rows);
  }
  return itemsWorkbook('任务明细', batches());
}

/** The overdue list as a streamed workbook. */
export async function exportOverdue(
  ctx: ServiceContext,
  query: Omit<z.infer<typeof OverdueQuery>, 'page' | 'pageSize'>,
) {
  // Resolve filters (and 404s) before the response starts streaming.
  const first = iterateOverdue(ctx, query);
  const head = await first.next();
  async function* batches() {
    if (head.done) return;
    yield await head.value;
    for await (const items of first) yield items;
  }
  return itemsWorkbook('逾期任务', batches());
}

/** The compliance calendar of a month, in scope, optionally for a unit and programme. */
export async function getComplianceCalendar(
  ctx: ServiceContext,
  query: z.infer<typeof ComplianceCalendarQuery>,
) {
  assertPermission(ctx.actor, 'obligations.read');
  const unitPath = await unitFilterPath(ctx, query.unitId);
  if (query.programmeId) await loadProgramme(ctx, query.programmeId);
  const where = and(
    scopeCondition(ctx),
    unitPath ? sql`${orgUnits.path} LIKE ${`${unitPath}%`}` : undefined,
    query.programmeId ? eq(reserves.programmeId, query.programmeId) : undefined,
  );
  return calendarOf(ctx, { where, month: query.month, today: repo.programmeToday });
}
