import { sql } from 'drizzle-orm';
import type { Dashboard } from '../../../contracts/dashboard.js';
import { anchorsCover } from '../../../core/org/anchors.js';
import { DEFAULT_PROGRAMME } from '../../../core/programme/default-programme.js';
import { todayIn, yearOf } from '../../../core/time/dates.js';
import { assertPermission, pathInSubtrees, scopePaths } from '../../platform/access.js';
import type { ServiceContext } from '../../platform/request-context.js';
import * as obligationViews from '../obligations/obligations-views.repository.js';
import { listDueSoon, listOverdue, scopeCondition } from '../obligations/obligations-views.service.js';
import { tallyMatrixGroups } from '../obligations/tallies.repository.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import * as repo from './dashboard.repository.js';

const FIRST_LOOK = 5;

const percentOf = (done: number, due: number) => (due === 0 ? null : Math.round((done / due) * 1000) / 10);

/**
 * 工作台: the pool, this year's completion per programme, and the first overdue and due-soon work
 * in the caller's scope. The year's counts are the compliance matrix's, grouped by programme
 * instead of by unit; "today" is the office's date (Asia/Shanghai).
 */
/**
 * This year's counts per programme: from the tallies when the caller's scope is the organisation,
 * a root or a root's child; else from the obligations of their (smaller) subtree.
 */
async function yearCountsByProgramme(ctx: ServiceContext, year: number, today: string) {
  const scope = scopePaths(ctx.actor, 'obligations.read');
  if (anchorsCover(scope)) {
    const groups = await tallyMatrixGroups(ctx.db, {
      programmeId: null,
      year,
      today,
      rowKey: sql<string>`k.programme_id::text`,
      unitWhere: pathInSubtrees(orgUnits.path, scope),
    });
    return obligationViews.foldMatrixGroups(groups);
  }
  return obligationViews.foldMatrixGroups(
    await obligationViews.liveMatrixGroups(ctx.db, {
      reserveWhere: scopeCondition(ctx),
      year,
      rowKey: sql<string>`${reserves.programmeId}::text`,
      today,
    }),
  );
}

export async function getDashboard(ctx: ServiceContext): Promise<Dashboard> {
  assertPermission(ctx.actor, 'obligations.read');
  const today = todayIn(DEFAULT_PROGRAMME.timeZone);
  const year = yearOf(today);
  const [pool, cells, overdue, dueSoon] = await Promise.all([
    repo.poolCounts(ctx.db, scopePaths(ctx.actor, 'pool.read')),
    yearCountsByProgramme(ctx, year, today),
    listOverdue(ctx, { page: 1, pageSize: FIRST_LOOK }),
    listDueSoon(ctx, FIRST_LOOK),
  ]);

  type Line = Dashboard['programmes'][number];
  const lines = new Map<string, Line>();
  const lineOf = (programmeId: string) => {
    let line = lines.get(programmeId);
    if (!line) {
      line = {
        programmeId,
        name: '',
        tier: '',
        active: 0,
        nominated: 0,
        due: 0,
        doneDue: 0,
        overdue: 0,
        submitted: 0,
        percent: null,
      };
      lines.set(programmeId, line);
    }
    return line;
  };
  for (const p of pool) {
    const line = lineOf(p.programmeId);
    if (p.state === 'active') line.active += p.count;
    else line.nominated += p.count;
  }
  for (const c of cells) {
    const line = lineOf(c.rowKey);
    line.due += c.due;
    line.doneDue += c.doneDue;
    line.overdue += c.overdue;
    line.submitted += c.submitted;
  }
  const names = new Map((await repo.programmesByIds(ctx.db, [...lines.keys()])).map((p) => [p.id, p]));
  const programmes = [...lines.values()]
    .filter((line) => names.has(line.programmeId))
    .map((line) => ({
      ...line,
      name: names.get(line.programmeId)!.name,
      tier: names.get(line.programmeId)!.tier,
      percent: percentOf(line.doneDue, line.due),
    }))
    .sort((a, b) => b.active - a.active || a.name.localeCompare(b.name, 'zh'));
  const sum = (key: 'active' | 'nominated' | 'due' | 'doneDue' | 'submitted') =>
    programmes.reduce((n, p) => n + p[key], 0);
  return {
    today,
    year,
    totals: {
      active: sum('active'),
      nominated: sum('nominated'),
      overdue: overdue.total,
      dueSoon: dueSoon.total,
      submitted: sum('submitted'),
      percent: percentOf(sum('doneDue'), sum('due')),
    },
    programmes,
    overdue: overdue.items,
    dueSoon: dueSoon.items,
  };
}
