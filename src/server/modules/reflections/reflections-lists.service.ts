import { and, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  isReflectionKind,
  type MyReflectionsQuery,
  type MyReflectionTask,
  type ReflectionItem,
  type ReflectionQueueQuery,
} from '../../../contracts/reflections.js';
import { OBLIGATION_STATUS_LABELS, obligationStatus } from '../../../core/programme/status.js';
import { todayIn } from '../../../core/time/dates.js';
import { assertInScope, assertPermission, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { type ExportColumn, streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { escapeLike } from '../../platform/sql-text.js';
import { listMyObligations } from '../obligations/obligations-views.service.js';
import { people } from '../people/people.table.js';
import { orgUnits } from '../units/units.table.js';
import { menteeReserveIds } from './reflections.mentors.js';
import * as repo from './reflections.repository.js';
import { reflections, reflectionVersions } from './reflections.table.js';

type Item = z.infer<typeof ReflectionItem>;

/** 我的心得: the caller's own obligations that ask for a reflection, each with its reflection. */
export async function listMyReflectionTasks(
  ctx: ServiceContext,
  query: z.infer<typeof MyReflectionsQuery>,
): Promise<{ items: z.infer<typeof MyReflectionTask>[] }> {
  if (!ctx.actor.personId) return { items: [] };
  // A reserve has a few dozen obligations a year; reflections are a handful of them.
  const own = await listMyObligations(ctx, { page: 1, pageSize: 200, year: query.year });
  const tasks = own.items.filter((o) => isReflectionKind(o.evidenceKind));
  const written = new Map(
    (
      await repo.findReflectionsByObligations(
        ctx.db,
        tasks.map((t) => t.id),
      )
    ).map((r) => [r.obligationId, r]),
  );
  const comments = await lastComments(
    ctx,
    [...written.values()].map((r) => r.id),
  );
  return {
    items: tasks.map((t) => {
      const r = written.get(t.id);
      return {
        obligationId: t.id,
        programmeName: t.programmeName,
        ruleTitle: t.ruleTitle,
        evidenceKind: t.evidenceKind as z.infer<typeof MyReflectionTask>['evidenceKind'],
        periodKey: t.periodKey,
        dueDate: t.dueDate,
        status: t.status,
        minChars: t.minChars,
        reflection: r
          ? {
              id: r.id,
              state: r.state,
              title: r.title,
              draftChars: r.draftChars,
              versions: r.versions,
              updatedAt: r.updatedAt.toISOString(),
              lastComment: r.state === 'returned' ? (comments.get(r.id) ?? null) : null,
            }
          : null,
        canStart: !r && (t.state === 'open' || t.state === 'returned'),
      };
    }),
  };
}

async function lastComments(ctx: ServiceContext, ids: string[]) {
  if (ids.length === 0) return new Map<string, string | null>();
  const rows = await ctx.db
    .selectDistinctOn([reflectionVersions.reflectionId], {
      id: reflectionVersions.reflectionId,
      comment: reflectionVersions.comment,
    })
    .from(reflectionVersions)
    .where(inArray(reflectionVersions.reflectionId, ids))
    .orderBy(reflectionVersions.reflectionId, sql`${reflectionVersions.number} DESC`);
  return new Map(rows.map((r) => [r.id, r.comment]));
}

function presentRow(row: repo.ReflectionRow): Item {
  const r = row.reflection;
  return {
    id: r.id,
    obligationId: r.obligationId,
    personName: row.personName,
    employeeNo: row.employeeNo,
    unitName: row.unitName,
    programmeName: row.programmeName,
    ruleTitle: r.ruleTitle,
    evidenceKind: r.evidenceKind as Item['evidenceKind'],
    periodKey: r.periodKey,
    title: r.title,
    state: r.state,
    chars: r.draftChars,
    minChars: row.minChars,
    versions: r.versions,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    dueDate: row.dueDate,
    obligationStatus: obligationStatus(
      { state: row.obligationState, dueDate: row.dueDate, fulfilledOn: row.fulfilledOn },
      todayIn(row.timeZone),
      row.dueSoonDays,
    ),
    copyScore: r.copyScore,
    ownReuseScore: r.ownReuseScore,
    copyFlag: r.copyFlag,
  };
}

type Filter = Omit<ReflectionQueueQuery, 'page' | 'pageSize'>;

/** The queue's filters as SQL: always the caller's read scope, never anyone's unsubmitted draft. */
async function queueWhere(ctx: ServiceContext, query: Filter): Promise<SQL> {
  assertPermission(ctx.actor, 'reflections.read');
  let unitPath: string | null = null;
  if (query.unitId) {
    const [unit] = await ctx.db
      .select({ path: orgUnits.path })
      .from(orgUnits)
      .where(eq(orgUnits.id, query.unitId));
    assertInScope(ctx.actor, 'reflections.read', unit?.path);
    unitPath = unit.path;
  }
  const pattern = query.q ? `%${escapeLike(query.q)}%` : null;
  const flag =
    query.flag === 'any'
      ? sql`${reflections.copyFlag} IS NOT NULL`
      : query.flag === 'none'
        ? sql`${reflections.copyFlag} IS NULL`
        : query.flag
          ? eq(reflections.copyFlag, query.flag)
          : undefined;
  return and(
    pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'reflections.read')),
    query.state ? eq(reflections.state, query.state) : ne(reflections.state, 'draft'),
    unitPath ? sql`${orgUnits.path} LIKE ${`${unitPath}%`}` : undefined,
    query.programmeId ? eq(reflections.programmeId, query.programmeId) : undefined,
    query.kind ? eq(reflections.evidenceKind, query.kind) : undefined,
    query.year ? sql`${reflections.periodKey} LIKE ${`${query.year}%`}` : undefined,
    query.obligationId ? eq(reflections.obligationId, query.obligationId) : undefined,
    flag,
    pattern
      ? or(ilike(people.name, pattern), ilike(people.employeeNo, pattern), ilike(reflections.title, pattern))
      : undefined,
  )!;
}

/** 待审核心得 and the rest of the submitted reflections in the caller's scope, filtered and paged. */
export async function listReflectionQueue(ctx: ServiceContext, query: ReflectionQueueQuery) {
  const where = await queueWhere(ctx, query);
  const { rows, total } = await repo.listRows(ctx.db, where, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map(presentRow), total, page: query.page, pageSize: query.pageSize };
}

/** The mentor's view: their mentees' submitted reflections. */
export async function listMenteeReflections(ctx: ServiceContext, query: { page: number; pageSize: number }) {
  const ids = ctx.actor.personId ? await menteeReserveIds(ctx.db, ctx.actor.personId) : [];
  const where =
    ids.length > 0 ? and(inArray(reflections.reserveId, ids), ne(reflections.state, 'draft')) : sql`false`;
  const { rows, total } = await repo.listRows(ctx.db, where, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map(presentRow), total, page: query.page, pageSize: query.pageSize };
}

const STATE_LABELS = { draft: '草稿', submitted: '待审核', returned: '已退回', accepted: '已通过' } as const;
const KIND_LABELS: Record<Item['evidenceKind'], string> = {
  training_reflection: '培训心得',
  learning_reflection: '季度学习心得',
  reading_reflection: '读书心得',
  research_report: '调研报告',
};

const COLUMNS: ExportColumn[] = [
  { header: '工号', key: 'employeeNo', width: 12 },
  { header: '姓名', key: 'personName', width: 10 },
  { header: '所在机构', key: 'unitName', width: 20 },
  { header: '培养方案', key: 'programmeName', width: 24 },
  { header: '类别', key: 'kind', width: 14 },
  { header: '任务', key: 'ruleTitle', width: 26 },
  { header: '周期', key: 'periodKey', width: 10 },
  { header: '题目', key: 'title', width: 26 },
  { header: '字数', key: 'chars', width: 8 },
  { header: '最低字数', key: 'minChars', width: 10 },
  { header: '版本', key: 'versions', width: 6 },
  { header: '审核状态', key: 'stateLabel', width: 10 },
  { header: '任务状态', key: 'statusLabel', width: 12 },
  { header: '截止日期', key: 'dueDate', width: 12 },
  { header: '提交时间', key: 'submitted', width: 18 },
  { header: '与他人重复率(%)', key: 'copyScore', width: 16 },
  { header: '与本人其他心得重复率(%)', key: 'ownReuseScore', width: 22 },
];

const EXPORT_BATCH = 1000;
const EXPORT_MAX = 100_000;

/** The queue as filtered, as a streamed workbook. */
export async function exportReflectionQueue(ctx: ServiceContext, query: Filter) {
  // Filters (and their 404s) are resolved before the response starts streaming.
  const where = await queueWhere(ctx, query);
  async function* rows() {
    for (let offset = 0; offset < EXPORT_MAX; offset += EXPORT_BATCH) {
      const page = await repo.listRows(ctx.db, where, { offset, limit: EXPORT_BATCH });
      yield page.rows.map(presentRow).map((item) => ({
        ...item,
        kind: KIND_LABELS[item.evidenceKind],
        stateLabel: STATE_LABELS[item.state],
        statusLabel: OBLIGATION_STATUS_LABELS[item.obligationStatus].zh,
        submitted: item.submittedAt
          ? new Date(item.submittedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
          : '',
      }));
      if (page.rows.length < EXPORT_BATCH) return;
    }
  }
  return streamWorkbook({ sheetName: '心得体会', columns: COLUMNS, rows: rows() });
}
