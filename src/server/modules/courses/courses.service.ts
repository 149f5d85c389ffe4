import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CourseBody, CourseListQuery, CourseOut, CoursePatch } from '../../../contracts/courses.js';
import { formatHours, parseHours } from '../../../core/courses/hours.js';
import { assertPermission, inScope } from '../../platform/access.js';
import { changedFields, writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { orgUnits } from '../units/units.table.js';
import { courses } from './courses.table.js';
import { courseVisibleTo, loadVisibleCourse, unitInScope } from './courses-scope.js';

type CourseRow = typeof courses.$inferSelect;

/** A course as the API shows it, with whether the caller may change it. */
export function presentCourse(
  ctx: ServiceContext,
  row: CourseRow,
  unit: { path: string; name: string },
): CourseOut {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: unit.name,
    code: row.code,
    title: row.title,
    category: row.category,
    hours: formatHours(row.hoursTenths),
    link: row.link,
    active: row.active,
    version: row.version,
    actions: { edit: inScope(ctx.actor, 'learning.manage', unit.path) },
  };
}

/** A course as the lists inside other answers show it. */
export function courseRef(
  row: Pick<CourseRow, 'id' | 'code' | 'title' | 'category' | 'hoursTenths' | 'link'>,
) {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    category: row.category,
    hours: formatHours(row.hoursTenths),
    link: row.link,
  };
}

/** SQL: the catalogue filters of a list or an export. */
export function catalogueFilter(
  ctx: ServiceContext,
  query: Pick<z.infer<typeof CourseListQuery>, 'search' | 'category' | 'active'>,
): SQL {
  const like = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    courseVisibleTo(ctx.actor, orgUnits.path),
    like ? or(ilike(courses.code, like), ilike(courses.title, like)) : undefined,
    query.category ? eq(courses.category, query.category) : undefined,
    query.active === 'all' ? undefined : eq(courses.active, query.active === 'true'),
  )!;
}

/** The catalogue the caller may read, searched by code or title, paged. */
export async function listCourses(ctx: ServiceContext, query: z.infer<typeof CourseListQuery>) {
  assertPermission(ctx.actor, 'learning.read');
  const where = catalogueFilter(ctx, query);
  const [rows, [{ total }], categories] = await Promise.all([
    ctx.db
      .select({ course: courses, path: orgUnits.path, name: orgUnits.name })
      .from(courses)
      .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
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
      .where(courseVisibleTo(ctx.actor, orgUnits.path))
      .orderBy(courses.category),
  ]);
  return {
    items: rows.map((r) => presentCourse(ctx, r.course, r)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    categories: categories.map((c) => c.category),
  };
}

async function assertCodeFree(ctx: ServiceContext, code: string, exceptId?: string) {
  const [taken] = await ctx.db
    .select({ id: courses.id })
    .from(courses)
    .where(sql`lower(${courses.code}) = lower(${code})`);
  if (taken && taken.id !== exceptId) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'code', message: '课程编号已存在 / the course code is already in use' }],
    });
  }
}

/** Adds a course to the catalogue of a unit the caller manages. */
export async function createCourse(ctx: ServiceContext, body: CourseBody): Promise<CourseOut> {
  const unit = await unitInScope(ctx.db, ctx.actor, body.unitId, 'learning.manage');
  return ctx.db.transaction(async (tx) => {
    await assertCodeFree({ ...ctx, db: tx }, body.code);
    const [row] = await tx
      .insert(courses)
      .values({
        unitId: unit.id,
        code: body.code,
        title: body.title,
        category: body.category,
        hoursTenths: parseHours(body.hours)!,
        link: body.link,
      })
      .returning();
    await writeAudit(tx, ctx.audit, {
      action: 'course.created',
      entityType: 'course',
      entityId: row.id,
      unitPath: unit.path,
      summary: `新增课程 ${row.code} ${row.title}`,
      after: row,
    });
    return presentCourse(ctx, row, unit);
  });
}

/** Changes a course (or deactivates it: it stays in past records, and can no longer be assigned or chosen). */
export async function updateCourse(
  ctx: ServiceContext,
  id: string,
  body: z.infer<typeof CoursePatch>,
): Promise<CourseOut> {
  const found = await loadVisibleCourse(ctx.db, ctx.actor, id);
  if (!inScope(ctx.actor, 'learning.manage', found.unitPath)) throw new AppError('not_found');
  return ctx.db.transaction(async (tx) => {
    if (body.code) await assertCodeFree({ ...ctx, db: tx }, body.code, id);
    const { version, hours, ...fields } = body;
    const [after] = await tx
      .update(courses)
      .set({
        ...fields,
        ...(hours ? { hoursTenths: parseHours(hours)! } : {}),
        version: sql`${courses.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(courses.id, id), eq(courses.version, version)))
      .returning();
    if (!after) throw new AppError('conflict');
    await writeAudit(tx, ctx.audit, {
      action: 'course.updated',
      entityType: 'course',
      entityId: id,
      unitPath: found.unitPath,
      summary: `修改课程 ${after.code} ${after.title}${after.active ? '' : '（停用）'}`,
      ...changedFields(found.course, after),
    });
    return presentCourse(ctx, after, { path: found.unitPath, name: found.unitName });
  });
}
