import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/server/platform/db.js';
import { checkoutSalt } from './checkout-salt.js';

export const SNAPSHOT_FILE = path.resolve('.tmp/test-pglite-snapshot.tar.gz');
/** Named per checkout: two worktrees testing at once must not drop each other's template. */
export const PG_TEMPLATE_DB = `houbei_test_template_${checkoutSalt()}`;

/**
 * Migrates one database per engine once per run; every test file then copies it (PGlite: load the
 * snapshot; PostgreSQL: CREATE DATABASE … TEMPLATE), instead of migrating from scratch.
 */
export default async function setup(): Promise<void> {
  mkdirSync(path.dirname(SNAPSHOT_FILE), { recursive: true });
  const lite = await openDatabase({ kind: 'pglite-memory' });
  await lite.migrate();
  const blob = await lite.snapshot!();
  writeFileSync(SNAPSHOT_FILE, Buffer.from(await blob.arrayBuffer()));
  await lite.close();

  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
  await admin.end();
  const template = await openDatabase({
    kind: 'postgres',
    url: withDatabase(url, PG_TEMPLATE_DB),
    poolSize: 1,
  });
  await template.migrate();
  await template.close();
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
