import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/platform/db.js';
import type { EngineName } from './options.js';

/** Where a benchmark database lives, so that a child process can open the same one. */
export type DatabaseLocation = { engine: 'postgres'; url: string } | { engine: 'pglite'; dataDir: string };

/** A database the bench created; `drop` removes it (PostgreSQL database or PGlite directory). */
export type EngineDatabase = { location: DatabaseLocation; drop: () => Promise<void> };

/** The same server as `url`, another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function postgresReachable(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database: `houbei_bench_<label>` on PostgreSQL, a temp directory for PGlite. */
export async function createBenchDatabase(
  engine: EngineName,
  adminUrl: string,
  label: string,
): Promise<EngineDatabase> {
  if (engine === 'postgres') {
    const name = `houbei_bench_${label}`;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    return {
      location: { engine, url: withDatabaseName(adminUrl, name) },
      drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `houbei-bench-${label}-`));
  return {
    location: { engine, dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Opens a bench database the way the server does (PGlite on a data directory, pg with a pool of 10). */
export function openLocation(location: DatabaseLocation): Promise<Database> {
  // The bench owns these directories and opens each from one process at a time: no lock file needed.
  return location.engine === 'postgres'
    ? openDatabase({ kind: 'postgres', url: location.url })
    : openDatabase({ kind: 'pglite', dataDir: location.dataDir, lock: false });
}
