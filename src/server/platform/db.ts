import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

/** The typed database handle (or an open transaction): both drivers share this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Drizzle handle plus what the platform needs around it. */
export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Runs raw SQL with parameters and returns the rows (used by backup, benchmarks, tests). */
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /** PGlite only: a gzip snapshot of the whole database (tests copy a migrated one per file). */
  snapshot?: () => Promise<Blob>;
};

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string; lock?: boolean }
  | { kind: 'pglite-memory'; loadDataDir?: Blob };

/** Opens PostgreSQL (when a URL is given) or the embedded PGlite in a data directory. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options.url, options.poolSize ?? 10);
  if (options.kind === 'pglite-memory') {
    const client = new PGlite({ extensions: { pg_trgm }, loadDataDir: options.loadDataDir });
    return wrapPglite(client, () => undefined);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const release = options.lock === false ? () => undefined : lockDataDir(options.dataDir);
  try {
    const client = new PGlite(path.join(options.dataDir, 'pgdata'), { extensions: { pg_trgm } });
    await client.waitReady;
    return wrapPglite(client, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server ends (restart, failover, a dropped test database) must not crash
  // the process: the pool replaces it on the next query.
  pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  // Fail at start, with the server's own message, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    migrate: () => migratePg(drizzlePg(pool), { migrationsFolder: MIGRATIONS_DIR }),
    close: () => pool.end(),
  };
}

function wrapPglite(client: PGlite, release: () => void): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
    close: async () => {
      try {
        if (!client.closed) {
          await client.exec('CHECKPOINT');
          await client.close();
        }
      } finally {
        release();
      }
    },
    snapshot: () => client.dumpDataDir('gzip'),
  };
}

/**
 * PGlite does not lock its data directory, and two processes writing it corrupt it. Take an
 * exclusive lock file holding our pid; a stale lock (its process gone) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'houbei.lock');
  const tryCreate = (): boolean => {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  };
  if (!tryCreate()) {
    const holder = Number(readFileSync(lockPath, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The data directory ${path.resolve(dataDir)} is in use by another Houbei process (pid ${holder}). ` +
          'Stop that process first, or use another HOUBEI_DATA_DIR.',
      );
    }
    rmSync(lockPath, { force: true });
    if (!tryCreate()) throw new Error(`Could not lock the data directory ${path.resolve(dataDir)}.`);
  }
  return () => {
    if (existsSync(lockPath) && readFileSync(lockPath, 'utf8').trim() === String(process.pid)) {
      rmSync(lockPath, { force: true });
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Independent reads: together on the pool, one after another inside a transaction — a transaction
 * is one connection, and pg refuses overlapping queries on one client from v9 (a deprecation
 * warning in v8). Services that run both ways (a list on the pool, the same list re-read inside a
 * write) use this instead of `Promise.all`.
 */
export async function readAll<T extends readonly unknown[]>(
  db: Db,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}
