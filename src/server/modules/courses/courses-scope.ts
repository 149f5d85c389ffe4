import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Permission, ROLE_PERMISSIONS } from '../../../core/access/roles.js';
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import type { Rule } from '../../../core/programme/rule.js';
import { type Actor, scopePaths } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { programmes, programmeVersions } from '../programmes/programmes.table.js';
import { orgUnits } from '../units/units.table.js';
import { courses } from './courses.table.js';

/** The course rules' keys, as the default programme names them. */
export const ASSIGNED_RULE = 'assigned_courses';
export const CHOSEN_RULE = 'chosen_courses';

/**
 * SQL: the course's owning unit path is one an actor may read — a course kept inside their scope,
 * or one kept above it (the city's catalogue is studied in every county).
 */
export function courseVisibleTo(actor: Actor, ownerPath: SQL | typeof orgUnits.path): SQL {
  const paths = scopePaths(actor, 'learning.read');
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`(${ownerPath} LIKE ${`${p}%`} OR ${p} LIKE ${ownerPath} || '%')`),
    sql` OR `,
  )})`;
}

/** A unit by id, if it lies in the actor's scope for the permission; else 404. */
export async function unitInScope(
  db: Db,
  actor: Actor,
  unitId: string,
  permission: 'learning.read' | 'learning.manage',
) {
  const [unit] = await db
    .select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, depth: orgUnits.depth })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  if (!unit || !scopePaths(actor, permission).some((p) => unit.path.startsWith(p)))
    throw new AppError('not_found');
  return unit;
}

/** The actor's topmost unit for a permission: where a list or an import starts when none is named. */
export async function defaultUnit(db: Db, actor: Actor, permission: 'learning.read' | 'learning.manage') {
  const grant = actor.grants
    .filter((g) => (ROLE_PERMISSIONS[g.role] as readonly Permission[]).includes(permission))
    .sort((a, b) => a.unitPath.length - b.unitPath.length)[0];
  if (!grant) throw new AppError('not_found');
  return unitInScope(db, actor, grant.unitId, permission);
}

/** A course with its owner's path, or 404 when the actor may not read it. */
export async function loadVisibleCourse(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ course: courses, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(courses)
    .innerJoin(orgUnits, eq(orgUnits.id, courses.unitId))
    .where(and(eq(courses.id, id), courseVisibleTo(actor, orgUnits.path)));
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * How many courses a rule asks a quarter, for people under a unit: the rule's quantity in the
 * current version of the programmes kept at or above the unit (the largest, should two differ),
 * or the default programme's when none is there.
 */
export async function ruleQuantity(db: Db, unitPath: string, ruleKey: string): Promise<number> {
  const rows = await db
    .select({ rules: programmeVersions.rules })
    .from(programmes)
    .innerJoin(programmeVersions, eq(programmeVersions.id, programmes.currentVersionId))
    .innerJoin(orgUnits, eq(orgUnits.id, programmes.unitId))
    .where(sql`${unitPath} LIKE ${orgUnits.path} || '%'`);
  const quantities = rows
    .flatMap((r) => (r.rules as Rule[]).filter((rule) => rule.key === ruleKey))
    .map((rule) => rule.quantity);
  return quantities.length > 0
    ? Math.max(...quantities)
    : (DEFAULT_RULES.find((r) => r.key === ruleKey)?.quantity ?? 2);
}
