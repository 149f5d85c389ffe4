import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit } from '../../../../test/factories.js';
import { createProgramme, createReserve, type TestProgramme } from '../../../../test/factories-programme.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { todayIn } from '../../../core/time/dates.js';
import { generateObligationsMany } from './obligations.service.js';

const Y = Number(todayIn('Asia/Shanghai').slice(0, 4));
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timeOf = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

/** A generated year's ids are ordered UUIDs (see platform/ordered-ids.ts), one per obligation. */
describe.each(dbKinds())('generated obligation ids on %s', (kind) => {
  let t: TestApp;
  let programme: TestProgramme;
  let root: Awaited<ReturnType<typeof createUnit>>;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    root = await createUnit(t.db, { name: '江州市分公司' });
    programme = await createProgramme(t.db, root);
  });
  afterAll(() => t?.close());

  const generate = async (year: number, count: number) => {
    const pool = [];
    for (let i = 0; i < count; i++)
      pool.push(await createReserve(t.db, { person: await createPerson(t.db, t.cipher, root), programme }));
    const before = Date.now();
    const created = await generateObligationsMany(t.db, {
      reserves: pool.map((r) => ({ id: r.id, enrolledOn: `${year}-01-01`, cycleEnd: `${year + 2}-12-31` })),
      versionId: programme.versionId,
      rules: programme.rules,
      year,
    });
    const rows = await t.database.query<{ id: string }>(
      'SELECT id::text FROM obligations WHERE reserve_id = ANY($1::uuid[])',
      [`{${pool.map((r) => r.id).join(',')}}`],
    );
    return { created, ids: rows.map((r) => r.id), before, after: Date.now() };
  };

  it('gives every obligation of a generated year its own version-7 id, made at the time of generation', async () => {
    const { created, ids, before, after } = await generate(Y, 3);
    expect(created).toBeGreaterThan(30);
    expect(ids).toHaveLength(created);
    expect(new Set(ids).size).toBe(created);
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(timeOf(id)).toBeGreaterThanOrEqual(before);
      expect(timeOf(id)).toBeLessThanOrEqual(after);
    }
  });

  it('orders a later generation after an earlier one', async () => {
    const first = await generate(Y + 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await generate(Y + 1, 1);
    const lastOfFirst = [...first.ids].sort().at(-1)!;
    expect(second.ids.every((id) => id > lastOfFirst)).toBe(true);
  });
});
