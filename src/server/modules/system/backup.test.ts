import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createUnit, createUser } from '../../../../test/factories.js';
import { createTestDatabase, dbKinds } from '../../../../test/test-db.js';
import { generateDemoOrganisation } from '../../../cli/demo-data.js';
import { writeAudit } from '../../platform/audit.js';
import { createFieldCipher } from '../../platform/crypto.js';
import type { Database } from '../../platform/db.js';
import { TABLES_IN_DEPENDENCY_ORDER } from '../../platform/schema.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { bulkLoadOrganisation } from './bulk-load.js';

const dir = mkdtempSync(path.join(tmpdir(), 'houbei-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A digest of every row of every table, to compare two databases. */
async function digest(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    const [row] = await database.query<{ n: string; d: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)) AS d FROM ${table} t`,
    );
    out[table] = `${row.n}:${row.d}`;
  }
  return out;
}

describe.each(dbKinds())('backup and restore on %s', (kind) => {
  it('restores the same rows, photos and audit trail into an empty database', async () => {
    const source = await createTestDatabase(kind);
    const target = await createTestDatabase(kind);
    try {
      const cipher = createFieldCipher('x'.repeat(40));
      const loaded = await bulkLoadOrganisation(source.db, cipher, generateDemoOrganisation());
      const root = await createUnit(source.db);
      await createUser(source.db, { grants: [{ role: 'hr_admin', unit: root }] });
      await source.query(
        `INSERT INTO person_photos (person_id, mime_type, data) SELECT id, 'image/png', '\\x89504e470d0a1a0a00ff'::bytea FROM people LIMIT 3`,
      );
      await writeAudit(source.db, null, {
        action: 'unit.updated',
        entityType: 'test',
        before: { a: 1 },
        after: { a: 2 },
      });
      const file = path.join(dir, `${kind}.jsonl.gz`);
      const counts = await backupDatabase(source, file);
      expect(counts.people).toBe(loaded.people);
      expect(counts.person_photos).toBe(3);

      await restoreDatabase(target, file);
      expect(await digest(target)).toEqual(await digest(source));
      // Derived counts are left out of the file and rebuilt by the restore's inserts.
      const peopleCounts = (database: Database) =>
        database.query(
          `SELECT anchor_unit_id, active, sum(n)::int AS n FROM people_counts
            GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`,
        );
      expect((await peopleCounts(target)).length).toBeGreaterThan(0);
      expect(await peopleCounts(target)).toEqual(await peopleCounts(source));
      // The audit log stays append-only after a restore, and its sequence continues.
      await writeAudit(target.db, null, { action: 'system.demo_loaded', entityType: 'test' });
      await expect(target.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await source.dispose();
      await target.dispose();
    }
  });

  it('refuses to restore into a database that holds data, and a file that is not a backup', async () => {
    const target = await createTestDatabase(kind);
    try {
      const file = path.join(dir, `${kind}-bad.jsonl.gz`);
      writeFileSync(file, gzipSync('{"format":"something-else","version":1}\n'));
      await expect(restoreDatabase(target, file)).rejects.toThrow(/Not a Houbei backup/);
      await createUnit(target.db);
      await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty/);
    } finally {
      await target.dispose();
    }
  });
});
