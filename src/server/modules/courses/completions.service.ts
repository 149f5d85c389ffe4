import { and, count, desc, eq, gte, ilike, lte, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { CompletionBody, CompletionListQuery } from '../../../contracts/courses.js';
import { formatHours, parseHours } from '../../../core/courses/hours.js';
import { todayIn } from '../../../core/time/dates.js';
import {
  assertInScope,
  assertPermission,
  inScope,
  pathInSubtrees,
  scopePaths,
} from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { withdrawEvidence } from '../obligations/evidence.service.js';
import { people } from '../people/people.table.js';
import { orgUnits } from '../units/units.table.js';
import { courseRef } from './courses.service.js';
import { courseCompletions, courseCredits, courses } from './courses.table.js';
import { loadVisibleCourse } from './courses-scope.js';
import { reconcileCredits } from './credits.service.js';

const notFuture = (date: string) => {
  if (date > todayIn())
    throw new AppError('validation_failed', {
      fields: [{ path: 'completedOn', message: '完成日期不能晚于今天 / the date is in the future' }],
    });
};

/** Completions recorded for people in the caller's scope, newest first, searched by name, employee no or course. */
export async function listCompletions(ctx: ServiceContext, query: z.infer<typeof CompletionListQuery>) {
  assertPermission(ctx.actor, 'learning.read');
  const like = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'learning.read')),
    like
      ? or(
          ilike(people.name, like),
          ilike(people.employeeNo, like),
          ilike(courses.code, like),
          ilike(courses.title, like),
        )
      : undefined,
    query.from ? gte(courseCompletions.completedOn, query.from) : undefined,
    query.to ? lte(courseCompletions.completedOn, query.to) : undefined,
  );
  const from = () =>
    ctx.db
      .select({
        c: courseCompletions,
        course: courses,
        name: people.name,
        employeeNo: people.employeeNo,
        unitName: orgUnits.name,
        unitPath: orgUnits.path,
        credit: courseCredits,
      })
      .from(courseCompletions)
      .innerJoin(people, eq(people.id, courseCompletions.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .innerJoin(courses, eq(courses.id, courseCompletions.courseId))
      .leftJoin(courseCredits, eq(courseCredits.completionId, courseCompletions.id));
  const [rows, [{ total }]] = await Promise.all([
    from()
      .where(where)
      .orderBy(desc(courseCompletions.completedOn), desc(courseCompletions.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db
      .select({ total: count() })
      .from(courseCompletions)
      .innerJoin(people, eq(people.id, courseCompletions.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .innerJoin(courses, eq(courses.id, courseCompletions.courseId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.c.id,
      personId: r.c.personId,
      personName: r.name,
      employeeNo: r.employeeNo,
      unitName: r.unitName,
      course: courseRef(r.course),
      completedOn: r.c.completedOn,
      hours: r.c.hoursTenths === null ? null : formatHours(r.c.hoursTenths),
      source: r.c.source,
      countsFor: r.credit ? { periodKey: r.credit.periodKey, kind: r.credit.kind } : null,
      actions: { delete: inScope(ctx.actor, 'learning.manage', r.unitPath) },
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** HR records a completion by hand; it counts at once where it is owed. */
export async function recordCompletion(ctx: ServiceContext, body: z.infer<typeof CompletionBody>) {
  const [person] = await ctx.db
    .select({ id: people.id, name: people.name, path: orgUnits.path })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(eq(people.id, body.personId));
  assertInScope(ctx.actor, 'learning.manage', person?.path);
  const { course } = await loadVisibleCourse(ctx.db, ctx.actor, body.courseId);
  notFuture(body.completedOn);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(courseCompletions)
      .values({
        personId: person.id,
        courseId: course.id,
        completedOn: body.completedOn,
        hoursTenths: body.hours ? parseHours(body.hours) : null,
        source: 'manual',
        recordedBy: ctx.actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError('duplicate', null, {
        zh: '该人员当天已有此课程的完成记录。',
        en: 'This completion is already recorded for that day.',
      });
    await reconcileCredits(tx, { ...ctx, db: tx }, [person.id]);
    await writeAudit(tx, ctx.audit, {
      action: 'course.completion_recorded',
      entityType: 'course_completion',
      entityId: row.id,
      unitPath: person.path,
      summary: `${person.name} 完成课程 ${course.code} ${course.title}（${body.completedOn}）`,
      after: row,
    });
    return { id: row.id };
  });
}

/**
 * Deletes a completion: the evidence it gave is withdrawn (the obligation reopens below its
 * quantity), and another completion of the same course may take the slot it held.
 */
export async function deleteCompletion(ctx: ServiceContext, id: string) {
  const [found] = await ctx.db
    .select({ c: courseCompletions, path: orgUnits.path, name: people.name, code: courses.code })
    .from(courseCompletions)
    .innerJoin(people, eq(people.id, courseCompletions.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(courses, eq(courses.id, courseCompletions.courseId))
    .where(eq(courseCompletions.id, id));
  assertInScope(ctx.actor, 'learning.manage', found?.path);
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const [credit] = await tx.delete(courseCredits).where(eq(courseCredits.completionId, id)).returning();
    if (credit?.obligationId)
      await withdrawEvidence(tx, txCtx, {
        sourceType: 'course',
        sourceId: id,
        reason: '删除课程完成记录',
      });
    await tx.delete(courseCompletions).where(eq(courseCompletions.id, id));
    await reconcileCredits(tx, txCtx, [found.c.personId]);
    await writeAudit(tx, ctx.audit, {
      action: 'course.completion_deleted',
      entityType: 'course_completion',
      entityId: id,
      unitPath: found.path,
      summary: `删除 ${found.name} 的课程完成记录 ${found.code}（${found.c.completedOn}）`,
      before: found.c,
    });
  });
  return { ok: true as const };
}
