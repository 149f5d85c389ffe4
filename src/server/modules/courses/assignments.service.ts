import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AssignmentBody, AssignmentQuery } from '../../../contracts/courses.js';
import { assertPermission, inScope, pathInSubtrees, scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { orgUnits } from '../units/units.table.js';
import { courseRef } from './courses.service.js';
import { courseAssignments, courses } from './courses.table.js';
import { ASSIGNED_RULE, defaultUnit, ruleQuantity, unitInScope } from './courses-scope.js';
import { reconcileCredits } from './credits.service.js';

/** Who owes a unit subtree's assigned courses: its active reserves and its middle managers. */
export async function coverageOf(db: Db, unitPath: string) {
  const [row] = (
    (await db.execute(sql`
      SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reserves r WHERE r.person_id = p.id AND r.state = 'active'))::int AS reserves,
             count(*) FILTER (WHERE p.is_middle_manager)::int AS "middleManagers"
        FROM people p JOIN org_units u ON u.id = p.unit_id
       WHERE p.active AND u.path LIKE ${`${unitPath}%`}`)) as unknown as {
      rows: { reserves: number; middleManagers: number }[];
    }
  ).rows;
  return row;
}

/** The people of a subtree who owe assigned courses (for reconciling after an assignment changes). */
async function coveredPeople(db: Db, unitPath: string): Promise<string[]> {
  const rows = (
    (await db.execute(sql`
      SELECT p.id FROM people p JOIN org_units u ON u.id = p.unit_id
       WHERE p.active AND u.path LIKE ${`${unitPath}%`}
         AND (p.is_middle_manager OR EXISTS (SELECT 1 FROM reserves r WHERE r.person_id = p.id AND r.state = 'active'))`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  return rows.map((r) => r.id);
}

/** A quarter's assignments in the caller's scope (at or under a unit), with who each covers. */
export async function listAssignments(ctx: ServiceContext, query: z.infer<typeof AssignmentQuery>) {
  assertPermission(ctx.actor, 'learning.read');
  const root = query.unitId
    ? await unitInScope(ctx.db, ctx.actor, query.unitId, 'learning.read')
    : await defaultUnit(ctx.db, ctx.actor, 'learning.read');
  const rows = await ctx.db
    .select({ a: courseAssignments, course: courses, unitName: orgUnits.name, unitPath: orgUnits.path })
    .from(courseAssignments)
    .innerJoin(courses, eq(courses.id, courseAssignments.courseId))
    .innerJoin(orgUnits, eq(orgUnits.id, courseAssignments.unitId))
    .where(
      and(
        eq(courseAssignments.periodKey, query.periodKey),
        pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'learning.read')),
        // The caller's unit, what is under it, and what is above it (the city's assignment reaches a county).
        sql`(${orgUnits.path} LIKE ${`${root.path}%`} OR ${root.path} LIKE ${orgUnits.path} || '%')`,
      ),
    )
    .orderBy(asc(orgUnits.path), asc(courseAssignments.position));
  const byUnit = new Map<
    string,
    { unitId: string; unitName: string; unitPath: string; courses: typeof rows }
  >();
  for (const r of rows) {
    const entry = byUnit.get(r.a.unitId) ?? {
      unitId: r.a.unitId,
      unitName: r.unitName,
      unitPath: r.unitPath,
      courses: [],
    };
    entry.courses.push(r);
    byUnit.set(r.a.unitId, entry);
  }
  const items = [];
  for (const u of byUnit.values()) {
    items.push({
      unitId: u.unitId,
      unitName: u.unitName,
      periodKey: query.periodKey,
      courses: u.courses.map((c) => courseRef(c.course)),
      coverage: await coverageOf(ctx.db, u.unitPath),
      actions: { edit: inScope(ctx.actor, 'learning.manage', u.unitPath) },
    });
  }
  return { quantity: await ruleQuantity(ctx.db, root.path, ASSIGNED_RULE), items };
}

/** How many a unit's assignment would cover, and how many courses the rule asks. */
export async function previewCoverage(ctx: ServiceContext, unitId: string) {
  const unit = await unitInScope(ctx.db, ctx.actor, unitId, 'learning.read');
  return {
    ...(await coverageOf(ctx.db, unit.path)),
    quantity: await ruleQuantity(ctx.db, unit.path, ASSIGNED_RULE),
  };
}

/**
 * Sets a unit's assigned courses for a quarter (exactly the rule's quantity; none removes the
 * assignment): active courses kept at or above the unit, so all its people can study them. What
 * counts is reconciled for everyone it covers, in the same transaction.
 */
export async function assignCourses(ctx: ServiceContext, body: z.infer<typeof AssignmentBody>) {
  const unit = await unitInScope(ctx.db, ctx.actor, body.unitId, 'learning.manage');
  const quantity = await ruleQuantity(ctx.db, unit.path, ASSIGNED_RULE);
  const unique = [...new Set(body.courseIds)];
  if (unique.length !== body.courseIds.length || (unique.length !== 0 && unique.length !== quantity)) {
    throw new AppError('validation_failed', {
      fields: [
        {
          path: 'courseIds',
          message: `每季度须指定 ${quantity} 门不同的课程 / assign exactly ${quantity} different courses`,
        },
      ],
    });
  }
  const found = unique.length
    ? await ctx.db
        .select({ id: courses.id, code: courses.code, active: courses.active, path: orgUnits.path })
        .from(courses)
        .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
        .where(inArray(courses.id, unique))
    : [];
  for (const id of unique) {
    const c = found.find((f) => f.id === id);
    if (!c?.active || !unit.path.startsWith(c.path)) {
      throw new AppError('validation_failed', {
        fields: [
          {
            path: 'courseIds',
            message: '课程不存在、已停用或不适用于该机构 / unknown, inactive or not available there',
          },
        ],
      });
    }
  }
  return ctx.db.transaction(async (tx) => {
    const before = await tx
      .select({ courseId: courseAssignments.courseId })
      .from(courseAssignments)
      .where(and(eq(courseAssignments.unitId, unit.id), eq(courseAssignments.periodKey, body.periodKey)));
    await tx
      .delete(courseAssignments)
      .where(and(eq(courseAssignments.unitId, unit.id), eq(courseAssignments.periodKey, body.periodKey)));
    if (unique.length)
      await tx.insert(courseAssignments).values(
        unique.map((courseId, position) => ({
          unitId: unit.id,
          periodKey: body.periodKey,
          courseId,
          position,
          assignedBy: ctx.actor.userId,
        })),
      );
    const txCtx = { ...ctx, db: tx };
    await reconcileCredits(tx, txCtx, await coveredPeople(tx, unit.path));
    const coverage = await coverageOf(tx, unit.path);
    await writeAudit(tx, ctx.audit, {
      action: 'course.assigned',
      entityType: 'course_assignment',
      entityId: unit.id,
      unitPath: unit.path,
      summary: `${unit.name} ${body.periodKey} 指定课程：${found.map((f) => f.code).join('、') || '（取消）'}；覆盖后备人员 ${coverage.reserves} 人、中层 ${coverage.middleManagers} 人`,
      before: { courseIds: before.map((b) => b.courseId) },
      after: { courseIds: unique },
    });
    return { ...coverage, quantity };
  });
}
