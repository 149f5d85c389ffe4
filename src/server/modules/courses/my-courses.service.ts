import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChoicesBody, MyCatalogueQuery } from '../../../contracts/courses.js';
import { assignedCoursesFor } from '../../../core/courses/assignment.js';
import { checkChoices } from '../../../core/courses/choices.js';
import { quarterOf } from '../../../core/courses/quarters.js';
import { addMonths, todayIn } from '../../../core/time/dates.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { courseRef } from './courses.service.js';
import { courseChoices, courseCompletions, courseCredits, courses } from './courses.table.js';
import { ASSIGNED_RULE, CHOSEN_RULE, ruleQuantity } from './courses-scope.js';
import { loadAssignmentRows, reconcileCredits } from './credits.service.js';

/** The signed-in person, their unit and whether they are an active reserve; 404 without a person record. */
async function loadMe(db: Db, ctx: ServiceContext) {
  if (!ctx.actor.personId) throw new AppError('not_found');
  const [me] = await db
    .select({ id: people.id, path: orgUnits.path, isMiddleManager: people.isMiddleManager })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(people.id, ctx.actor.personId), eq(people.active, true)));
  if (!me) throw new AppError('not_found');
  const active = await db
    .select({ id: reserves.id })
    .from(reserves)
    .where(and(eq(reserves.personId, me.id), eq(reserves.state, 'active')))
    .orderBy(reserves.id);
  return { ...me, reserveId: active[0]?.id ?? null };
}

/** The quantity a course rule asks of me this quarter: my obligation's (pro-rated), else the rule's. */
async function myQuantity(
  db: Db,
  me: Awaited<ReturnType<typeof loadMe>>,
  ruleKey: string,
  periodKey: string,
) {
  if (me.reserveId) {
    const [o] = await db
      .select({ quantity: obligations.quantity })
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, me.reserveId),
          eq(obligations.ruleKey, ruleKey),
          eq(obligations.periodKey, periodKey),
        ),
      );
    if (o) return o.quantity;
  }
  return ruleQuantity(db, me.path, ruleKey);
}

/** SQL: a course kept at or above the person's unit (what they may study). */
const studiableBy = (path: string) => sql`${path} LIKE ${orgUnits.path} || '%'`;

async function quarterOfMe(db: Db, me: Awaited<ReturnType<typeof loadMe>>, periodKey: string) {
  const assignedIds =
    me.reserveId || me.isMiddleManager
      ? (assignedCoursesFor(me.path, await loadAssignmentRows(db)).get(periodKey) ?? [])
      : [];
  const chosen = await db
    .select({ courseId: courseChoices.courseId })
    .from(courseChoices)
    .innerJoin(courses, eq(courses.id, courseChoices.courseId))
    .where(and(eq(courseChoices.personId, me.id), eq(courseChoices.periodKey, periodKey)))
    .orderBy(courses.code);
  const credits = await db
    .select({
      courseId: courseCredits.courseId,
      kind: courseCredits.kind,
      completedOn: courseCompletions.completedOn,
    })
    .from(courseCredits)
    .innerJoin(courseCompletions, eq(courseCompletions.id, courseCredits.completionId))
    .where(and(eq(courseCredits.personId, me.id), eq(courseCredits.periodKey, periodKey)));
  return { assignedIds, chosenIds: chosen.map((c) => c.courseId), credits };
}

/** My quarter (我的网上课程): the courses assigned to me and those I chose, with what I completed. */
export async function getMyCourses(ctx: ServiceContext, periodKey = quarterOf(todayIn())) {
  const me = await loadMe(ctx.db, ctx);
  const q = await quarterOfMe(ctx.db, me, periodKey);
  const ids = [...q.assignedIds, ...q.chosenIds];
  const rows = ids.length ? await ctx.db.select().from(courses).where(inArray(courses.id, ids)) : [];
  const done = (id: string, kind: 'assigned' | 'chosen') =>
    q.credits.find((c) => c.courseId === id && c.kind === kind)?.completedOn ?? null;
  const item = (id: string, kind: 'assigned' | 'chosen') => {
    const row = rows.find((r) => r.id === id)!;
    return { ...courseRef(row), completedOn: done(id, kind) };
  };
  const others = await ctx.db
    .select({ course: courses, completedOn: courseCompletions.completedOn })
    .from(courseCompletions)
    .innerJoin(courses, eq(courses.id, courseCompletions.courseId))
    .leftJoin(courseCredits, eq(courseCredits.completionId, courseCompletions.id))
    .where(
      and(
        eq(courseCompletions.personId, me.id),
        sql`${courseCredits.completionId} IS NULL`,
        sql`to_char(${courseCompletions.completedOn}, 'YYYY') || '-Q' || to_char(${courseCompletions.completedOn}, 'Q') = ${periodKey}`,
      ),
    )
    .orderBy(courseCompletions.completedOn);
  return {
    periodKey,
    isReserve: !!me.reserveId,
    isMiddleManager: me.isMiddleManager,
    quantity: {
      assigned: await myQuantity(ctx.db, me, ASSIGNED_RULE, periodKey),
      chosen: me.reserveId ? await myQuantity(ctx.db, me, CHOSEN_RULE, periodKey) : 0,
    },
    assigned: q.assignedIds.map((id) => item(id, 'assigned')),
    chosen: q.chosenIds.map((id) => item(id, 'chosen')),
    otherCompletions: others.map((o) => ({ ...courseRef(o.course), completedOn: o.completedOn })),
    canChoose: !!me.reserveId && choosable(periodKey),
  };
}

/** Choices are made for the current quarter or the next one, not for quarters already over. */
function choosable(periodKey: string): boolean {
  const today = todayIn();
  return periodKey === quarterOf(today) || periodKey === quarterOf(addMonths(today, 3));
}

/** The active courses I may study (kept at or above my unit), searched and paged. */
export async function listMyCatalogue(ctx: ServiceContext, query: z.infer<typeof MyCatalogueQuery>) {
  const me = await loadMe(ctx.db, ctx);
  const like = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    studiableBy(me.path),
    eq(courses.active, true),
    like ? or(ilike(courses.code, like), ilike(courses.title, like)) : undefined,
    query.category ? eq(courses.category, query.category) : undefined,
  );
  const base = () => ctx.db.select().from(courses).innerJoin(orgUnits, eq(orgUnits.id, courses.unitId));
  const [rows, [{ total }], categories] = await Promise.all([
    base()
      .where(where)
      .orderBy(asc(courses.category), asc(courses.code))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db
      .select({ total: count() })
      .from(courses)
      .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
      .where(where),
    ctx.db
      .selectDistinct({ category: courses.category })
      .from(courses)
      .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
      .where(and(studiableBy(me.path), eq(courses.active, true)))
      .orderBy(courses.category),
  ]);
  return {
    items: rows.map((r) => courseRef(r.courses)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    categories: categories.map((c) => c.category),
  };
}

const PROBLEM_TEXT = {
  too_many: (q: number) => `每季度最多自选 ${q} 门课程 / at most ${q} courses a quarter`,
  duplicate: () => '同一课程不能重复选择 / a course chosen twice',
  assigned: () => '该课程已是指定课程，请选择其他课程 / the course is already assigned to you',
  completed_removed: () => '已完成的自选课程不能更换 / a completed choice cannot be changed',
};

/** Replaces my chosen courses of a quarter (a reserve only; completed choices stay). */
export async function setMyChoices(ctx: ServiceContext, body: z.infer<typeof ChoicesBody>) {
  const me = await loadMe(ctx.db, ctx);
  if (!me.reserveId) throw new AppError('not_found');
  if (!choosable(body.periodKey)) {
    throw new AppError('validation_failed', {
      fields: [
        { path: 'periodKey', message: '只能为本季度或下季度选课 / choose for this quarter or the next' },
      ],
    });
  }
  const quantity = await myQuantity(ctx.db, me, CHOSEN_RULE, body.periodKey);
  const q = await quarterOfMe(ctx.db, me, body.periodKey);
  const completedChoiceIds = q.credits.filter((c) => c.kind === 'chosen').map((c) => c.courseId);
  const problems = checkChoices({
    quantity,
    assignedCourseIds: q.assignedIds,
    completedChoiceIds,
    next: body.courseIds,
  });
  if (problems.length > 0) {
    throw new AppError('validation_failed', {
      fields: problems.map((p) => ({
        path: 'courseIds',
        message: p.kind === 'too_many' ? PROBLEM_TEXT.too_many(p.quantity) : PROBLEM_TEXT[p.kind](),
      })),
    });
  }
  const added = body.courseIds.filter((id) => !q.chosenIds.includes(id));
  if (added.length) {
    const ok = await ctx.db
      .select({ id: courses.id })
      .from(courses)
      .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
      .where(and(inArray(courses.id, added), eq(courses.active, true), studiableBy(me.path)));
    if (ok.length !== added.length)
      throw new AppError('validation_failed', {
        fields: [{ path: 'courseIds', message: '课程不存在或已停用 / unknown or inactive course' }],
      });
  }
  return ctx.db.transaction(async (tx) => {
    const dropped = q.chosenIds.filter((id) => !body.courseIds.includes(id));
    if (dropped.length)
      await tx
        .delete(courseChoices)
        .where(
          and(
            eq(courseChoices.personId, me.id),
            eq(courseChoices.periodKey, body.periodKey),
            inArray(courseChoices.courseId, dropped),
          ),
        );
    if (added.length)
      await tx
        .insert(courseChoices)
        .values(added.map((courseId) => ({ personId: me.id, periodKey: body.periodKey, courseId })));
    await reconcileCredits(tx, { ...ctx, db: tx }, [me.id]);
    const [unit] = await tx
      .select({ path: orgUnits.path })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(eq(people.id, me.id));
    await writeAudit(tx, ctx.audit, {
      action: 'course.chosen',
      entityType: 'person',
      entityId: me.id,
      unitPath: unit.path,
      summary: `${body.periodKey} 自选课程（${body.courseIds.length} 门）`,
      before: { courseIds: q.chosenIds },
      after: { courseIds: body.courseIds },
    });
    return getMyCourses({ ...ctx, db: tx }, body.periodKey);
  });
}
