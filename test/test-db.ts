import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/platform/db.js';
import { PG_TEMPLATE_DB, SNAPSHOT_FILE, withDatabase } from './global-setup.js';

export type DbKind = 'pglite' | 'postgres';

/**
 * The engines the data-layer tests run on: PGlite always; PostgreSQL when TEST_DATABASE_URL is
 * set (CI sets it, and under CI=true it is required).
 */
export function dbKinds(): DbKind[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error('CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests are required in CI.');
  return ['pglite'];
}

/** A fresh, migrated database of its own for one test file; `dispose` removes it. */
export async function createTestDatabase(kind: DbKind): Promise<Database & { dispose: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({
      kind: 'pglite-memory',
      loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]),
    });
    return { ...database, dispose: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `houbei_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), poolSize: 4 });
  return {
    ...database,
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
