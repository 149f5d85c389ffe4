import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.js';
import { TABLES_IN_DEPENDENCY_ORDER } from '../../platform/schema.js';

const FORMAT = 'houbei-backup';
const VERSION = 1;
const BATCH = 2000;

// Columns that order each table completely, so batches neither skip nor repeat rows.
const ORDER_BY: Record<(typeof TABLES_IN_DEPENDENCY_ORDER)[number], string> = {
  org_units: 'id',
  people: 'id',
  person_photos: 'person_id',
  org_unit_deputies: 'unit_id, person_id',
  users: 'id',
  role_grants: 'id',
  sessions: 'id',
  programmes: 'id',
  programme_versions: 'id',
  reserves: 'id',
  reserve_events: 'id',
  obligations: 'id',
  evidence: 'id',
  evidence_files: 'evidence_id',
  calendar_feeds: 'id',
  reflections: 'id',
  reflection_files: 'id',
  reflection_versions: 'id',
  reflection_fingerprints: 'hash, doc_no',
  reflection_hash_counts: 'hash',
  reflection_settings: 'programme_id',
  leader_charges: 'id',
  talk_records: 'id',
  talk_talkers: 'talk_id, person_id',
  mentor_assignments: 'id',
  direction_units: 'direction, unit_id',
  mentor_settings: 'programme_id',
  mentor_assessments: 'id',
  mentor_endorsements: 'reserve_id, mentor_person_id',
  mentor_rewards: 'id',
  courses: 'id',
  course_assignments: 'id',
  course_choices: 'id',
  course_completions: 'id',
  course_credits: 'completion_id',
  training_events: 'id',
  training_participants: 'event_id, reserve_id',
  reading_plans: 'id',
  audit_log: 'id',
};

type Header = { format: string; version: number; createdAt: string; tables: string[] };

/**
 * Writes every table to a gzip file of JSON lines: a header, then one `{t, r}` line per row. The
 * format is the same for PGlite and PostgreSQL, so a backup moves between them. The encryption key
 * (HOUBEI_SECRET or secret.key) is not in it: back it up separately.
 */
export async function backupDatabase(database: Database, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  async function* lines() {
    const header: Header = {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      tables: [...TABLES_IN_DEPENDENCY_ORDER],
    };
    yield `${JSON.stringify(header)}\n`;
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      counts[table] = 0;
      for (let offset = 0; ; offset += BATCH) {
        const rows = await database.query<{ r: string }>(
          `SELECT row_to_json(t)::text AS r FROM ${table} t ORDER BY ${ORDER_BY[table]} LIMIT ${BATCH} OFFSET ${offset}`,
        );
        for (const row of rows) yield `{"t":"${table}","r":${row.r}}\n`;
        counts[table] += rows.length;
        if (rows.length < BATCH) break;
      }
    }
  }
  await pipeline(lines, createGzip(), createWriteStream(file, { mode: 0o600 }));
  return counts;
}

/** Whether a database holds any data (restore goes only into an empty one). */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    const rows = await database.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (rows.length > 0) return false;
  }
  return true;
}

/**
 * Restores a backup into an empty, migrated database, in one transaction: all of it or nothing.
 * Rows are inserted with `json_populate_recordset`, so column types round-trip exactly.
 */
export async function restoreDatabase(database: Database, file: string): Promise<Record<string, number>> {
  await database.migrate();
  if (!(await isDatabaseEmpty(database))) {
    throw new Error(
      'The target database is not empty. Restore into a new data directory or an empty PostgreSQL database.',
    );
  }
  const counts: Record<string, number> = {};
  const known = new Set<string>(TABLES_IN_DEPENDENCY_ORDER);
  // Rows are read and inserted batch by batch inside the one transaction: memory stays flat.
  await database.db.transaction(async (tx) => {
    const exec = (sqlText: string, params: unknown[] = []) => tx.execute(sqlFrom(sqlText, params));
    const input = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let header: Header | null = null;
    let table = '';
    let batch: unknown[] = [];
    const flush = async () => {
      if (batch.length > 0) {
        await exec(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [
          JSON.stringify(batch),
        ]);
      }
      batch = [];
    };
    for await (const line of input) {
      if (!line) continue;
      if (!header) {
        header = JSON.parse(line) as Header;
        if (header.format !== FORMAT || header.version !== VERSION)
          throw new Error('Not a Houbei backup file (or a newer format).');
        continue;
      }
      const entry = JSON.parse(line) as { t: string; r: unknown };
      if (!known.has(entry.t)) throw new Error(`Unknown table in backup: ${entry.t}`);
      if (entry.t !== table || batch.length >= BATCH) {
        await flush();
        table = entry.t;
      }
      batch.push(entry.r);
      counts[entry.t] = (counts[entry.t] ?? 0) + 1;
    }
    await flush();
    if (!header) throw new Error('The backup file is empty.');
    for (const [table, column] of [
      ['audit_log', 'id'],
      ['reflections', 'doc_no'],
    ])
      await exec(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), GREATEST((SELECT max(${column}) FROM ${table}), 1))`,
      );
  });
  return counts;
}

function sqlFrom(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$\d+/);
  const chunks: SQL[] = [sql.raw(parts[0])];
  params.forEach((p, i) => {
    chunks.push(sql`${p}`);
    chunks.push(sql.raw(parts[i + 1]));
  });
  return sql.join(chunks, sql.raw(''));
}
