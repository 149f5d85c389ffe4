import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type CalendarMonth,
  type MyCalendarQuery,
  type MyObligationsQuery,
  type ObligationDetail,
  type ObligationItem,
  type OverdueQuery,
  RecordEvidenceBody,
  type ReviewBody,
  type StatusFilter,
  type WaiveBody,
} from '../../../contracts/obligations.js';
import { anchorsCover } from '../../../core/org/anchors.js';
import type { Rule } from '../../../core/programme/rule.js';
import {
  OBLIGATION_STATUSES,
  type ObligationStatus,
  obligationStatus,
} from '../../../core/programme/status.js';
import { addDays, daysBetween, endOfMonth, todayIn } from '../../../core/time/dates.js';
import {
  type Actor,
  assertInScope,
  assertPermission,
  pathInSubtrees,
  scopePaths,
} from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { detectDocumentType } from '../../platform/file-type.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { escapeLike } from '../../platform/sql-text.js';
import { chargedPaths, inChargeOfPath } from '../leadership/leadership.service.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { attachEvidence, genericReviewAllowed } from './evidence.service.js';
import { findObligationInContext } from './obligations.repository.js';
import { reviewObligation, waiveObligation } from './obligations.service.js';
import { obligations } from './obligations.table.js';
import { itemsWorkbook } from './obligations-export.js';
import * as repo from './obligations-views.repository.js';
import { tallyOverdueCount } from './tallies.repository.js';
import { obligationTallies } from './tallies.table.js';

/** The office's own calendar, for defaults (current year, month) when no programme is named. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** How many obligations a calendar day lists besides its counts. */
const ITEMS_PER_DAY = 3;

type Item = z.infer<typeof ObligationItem>;

/**
 * Turns rows into list items: rule titles from each row's programme version (one query for the
 * page), the status as of today in the programme's time zone, and what the caller may do.
 */
export async function presentItems(
  ctx: Pick<ServiceContext, 'db' | 'actor'>,
  rows: repo.ItemRow[],
): Promise<Item[]> {
  const rules = await repo.loadVersionRules(ctx.db, [...new Set(rows.map((r) => r.programmeVersionId))]);
  const byVersion = new Map<string, Map<string, Rule>>();
  for (const [id, list] of rules) byVersion.set(id, new Map(list.map((r) => [r.key, r])));
  const recordPaths = scopePaths(ctx.actor, 'obligations.record');
  const todays = new Map<string, string>();
  const todayOf = (tz: string) => todays.get(tz) ?? todays.set(tz, todayIn(tz)).get(tz)!;
  return rows.map((row) => {
    const rule = byVersion.get(row.programmeVersionId)?.get(row.ruleKey);
    const today = todayOf(row.timeZone);
    const status = obligationStatus(row, today, row.dueSoonDays);
    const mayRecord = recordPaths.some((p) => row.unitPath.startsWith(p));
    const open = row.state !== 'fulfilled' && row.state !== 'waived';
    return {
      id: row.id,
      reserveId: row.reserveId,
      personId: row.personId,
      personName: row.personName,
      employeeNo: row.employeeNo,
      unitId: row.unitId,
      unitName: row.unitName,
      programmeId: row.programmeId,
      programmeName: row.programmeName,
      ruleKey: row.ruleKey,
      ruleTitle: rule?.title ?? row.ruleKey,
      evidenceKind: rule?.evidenceKind ?? null,
      periodKey: row.periodKey,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      dueDate: row.dueDate,
      actor: row.actor,
      actorPersonId: row.actorPersonId,
      actorName: row.actorName,
      quantity: row.quantity,
      progress: row.progress,
      minChars: row.minChars,
      state: row.state,
      status,
      daysOverdue: status === 'overdue' ? daysBetween(row.dueDate, today) : 0,
      fulfilledOn: row.fulfilledOn,
      waivedReason: row.waivedReason,
      evidenceCount: row.evidenceCount,
      actions: {
        record: mayRecord && open,
        review: mayRecord && row.state === 'submitted' && genericReviewAllowed(row.pendingSourceType),
        waive: mayRecord && open,
      },
    };
  });
}

/** Obligations of active reserves only: a promoted or eliminated reserve owes nothing more. */
export const activeReserve = sql`${reserves.state} = 'active'`;

/** The caller's own obligations as a reserve (what they must do themselves). */
export function ownCondition(actor: Actor): SQL | undefined {
  if (!actor.personId) return undefined;
  return and(eq(reserves.personId, actor.personId), eq(obligations.actor, 'reserve'));
}

/** The actor kinds whose duties follow from a role over a subtree: the HR leader's talks, HR's own tasks. */
const DUTY_BY_ROLE = { hr_leader: 'hr_leader', hr_admin: 'hr' } as const;

/**
 * What the caller owes others: obligations naming them (each mentor's talks and assessments), the
 * leader-in-charge talks of reserves whose unit lies in a subtree the caller's person is in charge
 * of (分管), and role-based duties over their grants' subtrees — the HR leader's talks, HR's tasks.
 */
export function dutyCondition(actor: Actor): SQL | undefined {
  const parts: SQL[] = [];
  if (actor.personId) {
    parts.push(eq(obligations.actorPersonId, actor.personId));
    parts.push(
      and(eq(obligations.actor, 'leader_in_charge'), inChargeOfPath(actor.personId, orgUnits.path))!,
    );
  }
  for (const grant of actor.grants) {
    const ruleActor = DUTY_BY_ROLE[grant.role as keyof typeof DUTY_BY_ROLE];
    if (ruleActor)
      parts.push(and(eq(obligations.actor, ruleActor), pathInSubtrees(orgUnits.path, [grant.unitPath]))!);
  }
  return parts.length > 0 ? or(...parts) : undefined;
}

function statusOrNothing(status: StatusFilter | undefined, today: SQL): SQL | undefined {
  return status ? repo.statusCondition(status, today) : undefined;
}

function pageOf(query: { page: number; pageSize: number }) {
  return { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
}

async function listPage(
  ctx: ServiceContext,
  where: SQL | undefined,
  query: { page: number; pageSize: number },
) {
  const { rows, total } = await repo.listItems(ctx.db, where, pageOf(query));
  return { items: await presentItems(ctx, rows), total, page: query.page, pageSize: query.pageSize };
}

type MyQuery = z.infer<typeof MyObligationsQuery>;

function myWhere(condition: SQL | undefined, query: Omit<MyQuery, 'page' | 'pageSize'>): SQL {
  if (!condition) return sql`false`;
  return and(
    condition,
    activeReserve,
    query.year ? eq(obligations.cycleYear, query.year) : undefined,
    statusOrNothing(query.status, repo.programmeToday),
  )!;
}

/** The signed-in reserve's own obligations, by due date. */
export function listMyObligations(ctx: ServiceContext, query: MyQuery) {
  return listPage(ctx, myWhere(ownCondition(ctx.actor), query), query);
}

/** What the signed-in user owes as mentor, leader, HR leader or HR, by due date. */
export function listMyDuties(ctx: ServiceContext, query: MyQuery) {
  return listPage(ctx, myWhere(dutyCondition(ctx.actor), query), query);
}

/** The subtree path of a unit filter, after checking the unit is in the caller's read scope. */
export async function unitFilterPath(
  ctx: ServiceContext,
  unitId: string | undefined,
): Promise<string | null> {
  if (!unitId) return null;
  const unit = await repo.findUnit(ctx.db, unitId);
  assertInScope(ctx.actor, 'obligations.read', unit?.path);
  return unit!.path;
}

/** Every obligation of active reserves in the caller's read scope. */
export function scopeCondition(ctx: ServiceContext): SQL {
  return and(activeReserve, pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'obligations.read')))!;
}

type OverdueFilter = Omit<z.infer<typeof OverdueQuery>, 'page' | 'pageSize'>;

async function overdueWhere(ctx: ServiceContext, query: OverdueFilter) {
  assertPermission(ctx.actor, 'obligations.read');
  const unitPath = await unitFilterPath(ctx, query.unitId);
  const pattern = query.q ? `%${escapeLike(query.q)}%` : null;
  const scope = scopePaths(ctx.actor, 'obligations.read');
  const where = and(
    scopeCondition(ctx),
    repo.statusCondition('overdue', repo.programmeToday),
    // No time zone is ahead of UTC by two days: a bound the due-date index can use.
    sql`${obligations.dueDate} < ${addDays(todayIn('UTC'), 2)}::date`,
    unitPath ? sql`${orgUnits.path} LIKE ${`${unitPath}%`}` : undefined,
    query.programmeId ? eq(reserves.programmeId, query.programmeId) : undefined,
    query.ruleKey ? eq(obligations.ruleKey, query.ruleKey) : undefined,
    pattern ? or(ilike(people.name, pattern), ilike(people.employeeNo, pattern)) : undefined,
  )!;
  // The count of the whole organisation or of a root's child, without a name search, comes from the
  // tallies (the same conditions over the anchor unit); anything narrower counts its own rows.
  const counted = !pattern && anchorsCover(unitPath ? [...scope, unitPath] : scope);
  const tallyWhere = counted
    ? and(
        pathInSubtrees(orgUnits.path, scope),
        unitPath ? sql`${orgUnits.path} LIKE ${`${unitPath}%`}` : undefined,
        query.programmeId ? eq(obligationTallies.programmeId, query.programmeId) : undefined,
        query.ruleKey ? eq(obligationTallies.ruleKey, query.ruleKey) : undefined,
      )
    : null;
  return { where, tallyWhere };
}

/** Overdue obligations in scope, longest overdue first. */
export async function listOverdue(ctx: ServiceContext, query: z.infer<typeof OverdueQuery>) {
  const { where, tallyWhere } = await overdueWhere(ctx, query);
  const count = tallyWhere ? () => tallyOverdueCount(ctx.db, tallyWhere) : undefined;
  const { rows, total } = await repo.listItems(ctx.db, where, pageOf(query), count);
  return { items: await presentItems(ctx, rows), total, page: query.page, pageSize: query.pageSize };
}

/** The overdue list for export: its rows in batches. */
/**
 * The first obligations in scope that fall due within their programme's due-soon window, soonest
 * first, with how many there are (the dashboard's "近期到期").
 */
export async function listDueSoon(ctx: ServiceContext, limit: number) {
  assertPermission(ctx.actor, 'obligations.read');
  const where = and(
    scopeCondition(ctx),
    repo.statusCondition('due_soon', repo.programmeToday),
    // A due-soon window is at most 90 days (programmes contract): a bound the due-date index can use.
    sql`${obligations.dueDate} BETWEEN ${addDays(todayIn('UTC'), -2)}::date AND ${addDays(todayIn('UTC'), 92)}::date`,
  );
  const { rows, total } = await repo.listItems(ctx.db, where, { offset: 0, limit });
  return { items: await presentItems(ctx, rows), total };
}

export async function* iterateOverdue(ctx: ServiceContext, query: OverdueFilter) {
  const { where } = await overdueWhere(ctx, query);
  for await (const rows of repo.iterateItems(ctx.db, where)) yield presentItems(ctx, rows);
}

function emptyCounts(): Record<ObligationStatus, number> {
  return Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;
}

/** A month's calendar of the obligations matching `where`: counts per day and status, first items. */
export async function calendarOf(
  ctx: ServiceContext,
  input: { where: SQL | undefined; month: string | undefined; today: SQL },
): Promise<z.infer<typeof CalendarMonth>> {
  const today = todayIn(DEFAULT_TIME_ZONE);
  const month = input.month ?? today.slice(0, 7);
  const first = `${month}-01`;
  const last = endOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const where = and(input.where, sql`${obligations.dueDate} BETWEEN ${first}::date AND ${last}::date`);
  const [counts, ids] = await Promise.all([
    repo.calendarCounts(ctx.db, { where, today: input.today }),
    repo.firstIdsPerDay(ctx.db, where, ITEMS_PER_DAY),
  ]);
  const items = await presentItems(ctx, await repo.listItemsByIds(ctx.db, ids));
  const days = new Map<string, z.infer<typeof CalendarMonth>['days'][number]>();
  for (let date = first; date <= last; date = addDays(date, 1))
    days.set(date, { date, total: 0, counts: emptyCounts(), items: [] });
  for (const c of counts) {
    const day = days.get(c.date);
    if (!day) continue;
    day.counts[c.status as ObligationStatus] += c.count;
    day.total += c.count;
  }
  for (const item of items) days.get(item.dueDate)?.items.push(item);
  return { month, today, days: [...days.values()] };
}

/** The signed-in reserve's own obligations as a streamed workbook (the same filters as the list). */
export function exportMyObligations(ctx: ServiceContext, query: Omit<MyQuery, 'page' | 'pageSize'>) {
  return myWorkbook(ctx, '我的培养任务', myWhere(ownCondition(ctx.actor), query));
}

/** What the signed-in user owes, as a streamed workbook. */
export function exportMyDuties(ctx: ServiceContext, query: Omit<MyQuery, 'page' | 'pageSize'>) {
  return myWorkbook(ctx, '我需履行的职责', myWhere(dutyCondition(ctx.actor), query));
}

function myWorkbook(ctx: ServiceContext, sheetName: string, where: SQL) {
  async function* batches() {
    for await (const rows of repo.iterateItems(ctx.db, where)) yield presentItems(ctx, rows);
  }
  return itemsWorkbook(sheetName, batches());
}

/** The signed-in user's month: their own obligations and their duties. */
export function getMyCalendar(ctx: ServiceContext, query: z.infer<typeof MyCalendarQuery>) {
  const mine = [ownCondition(ctx.actor), dutyCondition(ctx.actor)].filter((c): c is SQL => !!c);
  const where = mine.length > 0 ? and(activeReserve, or(...mine)) : sql`false`;
  return calendarOf(ctx, { where, month: query.month, today: repo.programmeToday });
}

/**
 * Whether the caller may see an obligation: in their read scope, their own as the reserve, or one
 * they owe (as mentor, as the leader in charge of the reserve's unit, or by a role over it).
 */
async function maySee(db: Db, actor: Actor, row: repo.ItemRow): Promise<boolean> {
  if (scopePaths(actor, 'obligations.read').some((p) => row.unitPath.startsWith(p))) return true;
  if (actor.personId && (row.personId === actor.personId || row.actorPersonId === actor.personId))
    return true;
  if (
    actor.grants.some(
      (g) =>
        DUTY_BY_ROLE[g.role as keyof typeof DUTY_BY_ROLE] === row.actor &&
        row.unitPath.startsWith(g.unitPath),
    )
  )
    return true;
  if (row.actor !== 'leader_in_charge' || !actor.personId) return false;
  return (await chargedPaths(db, actor.personId)).some((p) => row.unitPath.startsWith(p));
}

/** One obligation with its evidence; 404 unless the caller may see it. */
export async function getObligation(
  ctx: ServiceContext,
  id: string,
): Promise<z.infer<typeof ObligationDetail>> {
  const row = await repo.findItem(ctx.db, id);
  if (!row || !(await maySee(ctx.db, ctx.actor, row))) throw new AppError('not_found');
  const [[item], evidence] = await Promise.all([presentItems(ctx, [row]), repo.listEvidence(ctx.db, id)]);
  return {
    item,
    evidence: evidence.map((e) => ({
      id: e.id,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      occurredOn: e.occurredOn,
      note: e.note,
      units: e.units,
      counted: e.counted,
      withdrawn: e.withdrawnAt !== null,
      attachmentName: e.attachmentName,
      attachmentType: e.attachmentType,
      recordedByName: e.recordedByName,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

async function inTransaction(ctx: ServiceContext, id: string, write: (tx: Db) => Promise<void>) {
  await ctx.db.transaction(async (tx) => write(tx));
  return getObligation(ctx, id);
}

/** HR records evidence by hand (date and note): the obligation is fulfilled on that date. */
export function recordEvidence(ctx: ServiceContext, id: string, body: z.infer<typeof RecordEvidenceBody>) {
  return inTransaction(ctx, id, (tx) =>
    attachEvidence(tx, ctx, {
      obligationId: id,
      sourceType: 'manual',
      occurredOn: body.occurredOn,
      note: body.note,
      effect: 'fulfil',
    }),
  );
}

/** HR accepts or returns submitted evidence. */
export function reviewSubmission(ctx: ServiceContext, id: string, body: z.infer<typeof ReviewBody>) {
  return inTransaction(ctx, id, (tx) =>
    reviewObligation(tx, ctx, { obligationId: id, decision: body.decision, comment: body.comment }),
  );
}

/** HR waives an obligation with a reason. */
export function waive(ctx: ServiceContext, id: string, body: z.infer<typeof WaiveBody>) {
  return inTransaction(ctx, id, (tx) => waiveObligation(tx, ctx, { obligationId: id, reason: body.reason }));
}

/** Largest evidence attachment. */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;

/**
 * HR records evidence with a file (PDF, Word, Excel, JPEG or PNG — recognised by content, at most
 * 10 MB): the obligation is fulfilled on the evidence's date.
 */
export async function recordEvidenceWithFile(
  ctx: ServiceContext,
  id: string,
  input: { fields: Record<string, string>; file: { buffer: Buffer; fileName: string } | null },
) {
  // Access first: an obligation out of reach answers 404 whatever the form holds.
  const target = await findObligationInContext(ctx.db, id);
  assertInScope(ctx.actor, 'obligations.record', target?.unitPath);
  const body = RecordEvidenceBody.safeParse({
    occurredOn: input.fields.occurredOn,
    note: input.fields.note || null,
  });
  if (!body.success) {
    throw new AppError('validation_failed', {
      fields: body.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message })),
    });
  }
  if (!input.file || input.file.buffer.length === 0) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'file', message: '请选择附件 / choose a file' }],
    });
  }
  if (input.file.buffer.length > MAX_EVIDENCE_FILE_BYTES) {
    throw new AppError('file_too_large', null, {
      zh: '附件不能超过 10 MB。',
      en: 'The attachment must be at most 10 MB.',
    });
  }
  const type = await detectDocumentType(input.file.buffer);
  if (!type) {
    throw new AppError('invalid_file', null, {
      zh: '附件须为 PDF、Word、Excel、JPG 或 PNG 文件。',
      en: 'Attach a PDF, Word, Excel, JPEG or PNG file.',
    });
  }
  // No path separators or control characters in a stored file name (it goes back out in a header).
  const name =
    Array.from(input.file.fileName, (c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c))
      .join('')
      .slice(0, 200) || 'attachment';
  return inTransaction(ctx, id, (tx) =>
    attachEvidence(tx, ctx, {
      obligationId: id,
      sourceType: 'manual',
      occurredOn: body.data.occurredOn,
      note: body.data.note,
      attachment: { name, type, data: input.file!.buffer },
      effect: 'fulfil',
    }),
  );
}

/** The file of a piece of evidence, for whoever may see its obligation (404 otherwise). */
export async function getEvidenceFile(ctx: ServiceContext, obligationId: string, evidenceId: string) {
  await getObligation(ctx, obligationId);
  const file = await repo.findEvidenceFile(ctx.db, obligationId, evidenceId);
  if (!file) throw new AppError('not_found');
  return file;
}
