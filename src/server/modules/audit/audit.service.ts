import { and, count, desc, eq, gte, ilike, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditQuery } from '../../../contracts/audit.js';
import { assertPermission, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { auditLog } from '../../platform/audit.table.js';
import { streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { containsPattern, escapeLike } from '../../platform/sql-text.js';

type Query = z.infer<typeof AuditQuery>;

/** Shanghai business day → instant: the log is filtered by the office's calendar days. */
function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/**
 * Which entries the caller may read: those of records in their audit scope; entries without a unit
 * (sign-ins, users, system events) only for system administrators.
 */
function whereOf(ctx: ServiceContext, query: Query): SQL | undefined {
  const isSystemAdmin = ctx.actor.grants.some((g) => g.role === 'system_admin');
  const scope = pathInSubtrees(auditLog.unitPath, scopePaths(ctx.actor, 'audit.read'));
  const conditions: (SQL | undefined)[] = [
    isSystemAdmin ? undefined : and(scope, sql`${auditLog.unitPath} IS NOT NULL`),
  ];
  if (query.from) conditions.push(gte(auditLog.at, dayStart(query.from)));
  if (query.to) conditions.push(lt(auditLog.at, new Date(dayStart(query.to).getTime() + 86_400_000)));
  if (query.action) conditions.push(ilike(auditLog.action, `${escapeLike(query.action)}%`));
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.actor)
    conditions.push(
      or(
        ilike(auditLog.actorName, containsPattern(query.actor)),
        query.actor === '-' ? isNull(auditLog.actorUserId) : undefined,
      ),
    );
  return and(...conditions);
}

function present(row: typeof auditLog.$inferSelect) {
  return { ...row, at: row.at.toISOString(), unitPath: undefined };
}

/** A page of the audit log, newest first. */
export async function listAudit(ctx: ServiceContext, query: Query) {
  assertPermission(ctx.actor, 'audit.read');
  const where = whereOf(ctx, query);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
}

/** The filtered audit log as a streamed workbook. */
export function exportAudit(ctx: ServiceContext, query: Query) {
  assertPermission(ctx.actor, 'audit.read');
  const where = whereOf(ctx, query);
  async function* rows() {
    let beforeId = Number.MAX_SAFE_INTEGER;
    for (;;) {
      const batch = await ctx.db
        .select()
        .from(auditLog)
        .where(and(where, lt(auditLog.id, beforeId)))
        .orderBy(desc(auditLog.id))
        .limit(2000);
      if (batch.length === 0) return;
      yield batch.map((r) => ({
        ...r,
        at: r.at.toISOString(),
        before: r.before == null ? '' : JSON.stringify(r.before),
        after: r.after == null ? '' : JSON.stringify(r.after),
      }));
      beforeId = batch[batch.length - 1].id;
    }
  }
  return streamWorkbook({
    sheetName: '审计日志',
    columns: [
      { header: '编号', key: 'id', width: 10 },
      { header: '时间', key: 'at', width: 24 },
      { header: '操作人', key: 'actorName' },
      { header: '操作', key: 'action', width: 24 },
      { header: '对象类型', key: 'entityType' },
      { header: '对象编号', key: 'entityId', width: 38 },
      { header: '摘要', key: 'summary', width: 40 },
      { header: '修改前', key: 'before', width: 40 },
      { header: '修改后', key: 'after', width: 40 },
      { header: 'IP', key: 'ip' },
    ],
    rows: rows(),
  });
}
