import { asc, isNull } from 'drizzle-orm';
import { seedDemoCourses } from '../cli/demo-courses.js';
import { generateDemoOrganisation } from '../cli/demo-data.js';
import { seedDemoLearning } from '../cli/demo-learning.js';
import { seedDemoMentoring } from '../cli/demo-mentoring.js';
import { seedDemoReflections } from '../cli/demo-reflections.js';
import { bulkLoadOrganisation } from './modules/system/bulk-load.js';
import { seedDemoProgramme } from './modules/system/demo-programme.js';
import { orgUnits } from './modules/units/units.table.js';
import { createSystemAdmin, hasAnyUser } from './modules/users/users.service.js';
import { writeAudit } from './platform/audit.js';
import type { FieldCipher } from './platform/crypto.js';
import type { Database } from './platform/db.js';

export const DEFAULT_ADMIN = 'admin';

/** Loads the demo organisation (units and ~200 people) into an empty database. */
export async function loadDemoOrganisation(
  database: Database,
  cipher: FieldCipher,
): Promise<{ units: number; people: number }> {
  const existing = await database.db.select({ id: orgUnits.id }).from(orgUnits).limit(1);
  if (existing.length > 0)
    throw new Error(
      'The database already holds units; the demo organisation loads only into an empty database.',
    );
  const org = generateDemoOrganisation();
  const loaded = await bulkLoadOrganisation(database.db, cipher, org);
  const pool = await seedDemoProgramme(database.db, loaded.rootUnitId);
  const reflections = await seedDemoReflections(database.db, cipher, loaded.rootUnitId);
  const mentoring = await seedDemoMentoring(database.db, loaded.rootUnitId);
  const completions = await seedDemoCourses(database.db, cipher, loaded.rootUnitId);
  const learning = await seedDemoLearning(database.db, cipher, loaded.rootUnitId);
  await writeAudit(database.db, null, {
    action: 'system.demo_loaded',
    entityType: 'system',
    summary: `载入演示组织：${loaded.units} 个机构，${loaded.people} 名人员；默认培养方案及 ${pool.reserves} 名后备人员（${pool.obligations} 项任务），${reflections} 篇心得体会；领导分管 ${mentoring.charges} 项、导师 ${mentoring.assignments} 名次、谈话记录 ${mentoring.talks} 份、年度考核评估 ${mentoring.assessments} 份；管理技能提升培训 ${learning.participants} 人参训，读书学习计划 ${learning.materials} 种资料；网上大学课程 20 门、学习记录 ${completions} 条`,
  });
  return loaded;
}

/** The first root unit, created as "本单位" when the database has none. */
export async function ensureRootUnit(database: Database): Promise<string> {
  const roots = await database.db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(isNull(orgUnits.parentId))
    .orderBy(asc(orgUnits.createdAt))
    .limit(1);
  if (roots[0]) return roots[0].id;
  const id = crypto.randomUUID();
  await database.db
    .insert(orgUnits)
    .values({ id, path: `/${id}/`, depth: 0, code: 'ROOT', name: '本单位', type: 'company' });
  return id;
}

/**
 * First start: migrate, then — only when no account exists yet — load the demo organisation (unless
 * disabled) and create the system administrator. Returns the one-time password to print, once.
 */
export async function prepareDatabase(
  database: Database,
  cipher: FieldCipher,
  options: { demo: boolean },
): Promise<{ adminPassword: string | null; demo: { units: number; people: number } | null }> {
  await database.migrate();
  if (await hasAnyUser(database.db)) return { adminPassword: null, demo: null };
  const empty = (await database.db.select({ id: orgUnits.id }).from(orgUnits).limit(1)).length === 0;
  const demo = options.demo && empty ? await loadDemoOrganisation(database, cipher) : null;
  const rootUnitId = await ensureRootUnit(database);
  const adminPassword = await createSystemAdmin(database.db, { username: DEFAULT_ADMIN, rootUnitId });
  return { adminPassword, demo };
}
