import { eq } from 'drizzle-orm';
import { generateTier, generateUnits } from '../src/cli/demo-data.js';
import { bulkLoadOrganisation } from '../src/server/modules/system/bulk-load.js';
import { orgUnits } from '../src/server/modules/units/units.table.js';
import { createFieldCipher } from '../src/server/platform/crypto.js';
import type { Database } from '../src/server/platform/db.js';
import { createUser } from '../test/factories.js';
import { BENCH_SECRET, type Tier } from './options.js';

export const BENCH_USER = 'bench_hr';

export type LoadedTier = {
  units: number;
  people: number;
  rootUnitId: string;
  rootPath: string;
  generateSeconds: number;
  loadSeconds: number;
};

/**
 * Migrates, loads the tier in bulk and signs up the hr_admin of the root unit. `people: false`
 * loads the unit tree only (the import benchmark fills it). VACUUM ANALYZE follows the load, as
 * PostgreSQL's autovacuum soon would (statistics, visibility map); PGlite has no autovacuum.
 */
export async function loadTier(
  database: Database,
  tier: Tier,
  options: { people: boolean },
): Promise<LoadedTier> {
  await database.migrate();
  const started = performance.now();
  const org = options.people
    ? generateTier({ unitCount: tier.units, peopleCount: tier.people })
    : { units: generateUnits(tier.units), people: [] };
  const generated = performance.now();
  const loaded = await bulkLoadOrganisation(database.db, createFieldCipher(BENCH_SECRET), org);
  const loadSeconds = (performance.now() - generated) / 1000;
  await database.query('VACUUM ANALYZE');
  const [root] = await database.db.select().from(orgUnits).where(eq(orgUnits.id, loaded.rootUnitId));
  await createUser(database.db, { username: BENCH_USER, grants: [{ role: 'hr_admin', unit: root }] });
  return { ...loaded, rootPath: root.path, generateSeconds: (generated - started) / 1000, loadSeconds };
}
