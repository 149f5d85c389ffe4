import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds } from '../../../test/test-db.js';
import { readAll } from './db.js';

describe.each(dbKinds())('readAll on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await database.dispose();
  });

  const read = (db: typeof database.db, n: number) => async () => {
    const result = (await db.execute(sql`SELECT ${n}::int AS n, pg_sleep(0.01)`)) as {
      rows: { n: number }[];
    };
    return result.rows[0].n;
  };

  it('answers in order, on the pool and inside a transaction, without overlapping queries on one connection', async () => {
    expect(await readAll(database.db, [read(database.db, 1), read(database.db, 2)])).toEqual([1, 2]);
    const inside = await database.db.transaction((tx) =>
      readAll(tx, [read(tx, 3), read(tx, 4), read(tx, 5)]),
    );
    expect(inside).toEqual([3, 4, 5]);
    // pg 8 warns (and pg 9 refuses) when a second query is sent on a client still busy.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
  });
});
