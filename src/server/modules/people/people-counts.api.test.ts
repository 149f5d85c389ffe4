import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createTwoCountyTree, type createUnit } from '../../../../test/factories.js';
import { createTestDatabase, dbKinds } from '../../../../test/test-db.js';
import { createFieldCipher } from '../../platform/crypto.js';
import type { Database } from '../../platform/db.js';
import { rewriteSubtreePaths } from '../units/units.repository.js';
import { orgUnits } from '../units/units.table.js';
import { listPeople, type PeopleFilter } from './people.repository.js';
import { people } from './people.table.js';
import { peopleCountsAnswer } from './people-counts.repository.js';

type UnitRow = Awaited<ReturnType<typeof createUnit>>;
const page = { offset: 0, limit: 5, sort: 'employeeNo' as const, order: 'asc' as const };

/**
 * The people counts are kept by triggers (migration 0020): after every kind of change they must
 * equal the counts taken from people themselves, and the list's total must be the live count.
 */
describe.each(dbKinds())('people counts on %s', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let u: Record<'root' | 'countyA' | 'countyB' | 'deptA' | 'teamA' | 'deptB', UnitRow>;
  const cipher = createFieldCipher('people-counts-test-secret-people-counts-0123');

  const stored = () =>
    database.query<{ anchor: string; active: boolean; n: number }>(
      `SELECT anchor_unit_id AS anchor, active, sum(n)::int AS n FROM people_counts
        GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`,
    );
  const live = () =>
    database.query<{ anchor: string; active: boolean; n: number }>(
      `SELECT tally_anchor(u.path) AS anchor, p.active, count(*)::int AS n
         FROM people p JOIN org_units u ON u.id = p.unit_id GROUP BY 1, 2 ORDER BY 1, 2`,
    );
  const expectExact = async () => expect(await stored()).toEqual(await live());
  /** The list's total for a filter, and the same count taken live. */
  const totals = async (filter: PeopleFilter) => {
    const { total, totalCapped } = await listPeople(database.db, filter, page);
    const paths = filter.scopePaths.map((p) => `u.path LIKE '${p}%'`).join(' OR ');
    const [{ n }] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM people p JOIN org_units u ON u.id = p.unit_id
        WHERE (${paths}) ${filter.subtreePath ? `AND u.path LIKE '${filter.subtreePath}%'` : ''}
          ${filter.status === 'all' ? '' : `AND p.active = ${filter.status === 'active'}`}
          ${filter.gender ? `AND p.gender = '${filter.gender}'` : ''}`,
    );
    expect(totalCapped).toBe(false);
    return { total, live: n };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    u = await createTwoCountyTree(db);
    const { root, countyA, countyB, deptA } = u;
    for (const [i, unit] of [root, countyA, deptA, u.teamA, u.teamA, countyB, u.deptB].entries())
      await createPerson(db, cipher, unit, { name: `员工${i + 1}`, active: i !== 4 });
  });
  afterAll(() => database?.dispose());

  it('counts people added one by one and in one statement', async () => {
    await expectExact();
    await database.db.insert(people).values(
      Array.from({ length: 30 }, (_, i) => ({
        employeeNo: `B${String(i).padStart(4, '0')}`,
        name: `批量${i}`,
        gender: i % 3 ? '男' : '女',
        unitId: i % 2 ? u.deptB.id : u.teamA.id,
      })),
    );
    await expectExact();
  });

  it('follows a person who moves unit, leaves or comes back, and one removed', async () => {
    const db = database.db;
    const [one] = await db.select().from(people).where(eq(people.unitId, u.teamA.id)).limit(1);
    await db.update(people).set({ unitId: u.deptB.id }).where(eq(people.id, one.id));
    await expectExact();
    await db.update(people).set({ unitId: u.countyB.id }).where(eq(people.id, one.id)); // same anchor
    await expectExact();
    await db.update(people).set({ active: false }).where(eq(people.id, one.id));
    await expectExact();
    await db.update(people).set({ active: true, unitId: u.root.id }).where(eq(people.id, one.id));
    await expectExact();
    const batch = await db.select({ id: people.id }).from(people).where(eq(people.unitId, u.deptB.id));
    await db
      .update(people)
      .set({ name: sql`${people.name} || '（改）'` })
      .where(
        inArray(
          people.id,
          batch.map((p) => p.id),
        ),
      );
    await expectExact();
    await db.delete(people).where(eq(people.id, batch[0].id));
    await expectExact();
  });

  it('follows a department moved to another county', async () => {
    const db = database.db;
    const [moving] = await db.select().from(orgUnits).where(eq(orgUnits.id, u.deptA.id));
    const newPath = `${u.countyB.path}${moving.id}/`;
    await db.transaction(async (tx) => {
      await tx.update(orgUnits).set({ parentId: u.countyB.id }).where(eq(orgUnits.id, moving.id));
      await rewriteSubtreePaths(tx, moving.path, newPath, 0);
    });
    await expectExact();
    const [refreshed] = await db.select().from(orgUnits).where(eq(orgUnits.id, u.countyA.id));
    u.countyA = refreshed;
    const [b] = await db.select().from(orgUnits).where(eq(orgUnits.id, u.countyB.id));
    u.countyB = b;
  });

  it('gives the list the exact total from the counts where they answer, and counts live elsewhere', async () => {
    const deptB = (await database.db.select().from(orgUnits).where(eq(orgUnits.id, u.deptB.id)))[0];
    const filters: PeopleFilter[] = [
      { scopePaths: [u.root.path], status: 'active' },
      { scopePaths: [u.root.path], status: 'all' },
      { scopePaths: [u.root.path], status: 'inactive' },
      { scopePaths: [u.root.path], subtreePath: u.countyB.path, status: 'active' },
      { scopePaths: [u.countyA.path, u.countyB.path], status: 'active' },
      { scopePaths: [u.root.path], subtreePath: deptB.path, status: 'active' },
      { scopePaths: [u.root.path], gender: '女', status: 'active' },
    ];
    expect(filters.map(peopleCountsAnswer)).toEqual([true, true, true, true, true, false, false]);
    for (const filter of filters) {
      const { total, live } = await totals(filter);
      expect(total, JSON.stringify(filter)).toBe(live);
    }
  });

  it('folds piled-up deltas on a read without changing a count', async () => {
    const db = database.db;
    const [one] = await db.select().from(people).where(eq(people.unitId, u.root.id)).limit(1);
    for (let i = 0; i < 150; i++)
      await db
        .update(people)
        .set({ unitId: i % 2 ? u.root.id : u.countyB.id })
        .where(eq(people.id, one.id));
    const rows = async () =>
      (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM people_counts'))[0].n;
    const piled = await rows();
    const keys = (await stored()).length;
    expect(piled).toBeGreaterThan(2 * keys + 200);
    const { total, live } = await totals({ scopePaths: [u.root.path], status: 'active' });
    expect(total).toBe(live);
    expect(await rows()).toBe(keys);
    await expectExact();
  });
});
