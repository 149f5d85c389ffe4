import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createTwoCountyTree, type createUnit } from '../../../../test/factories.js';
import {
  createProgramme,
  createReserve,
  scheduleReserve,
  type TestProgramme,
  type TestReserve,
} from '../../../../test/factories-programme.js';
import { createTestDatabase, dbKinds } from '../../../../test/test-db.js';
import { todayIn } from '../../../core/time/dates.js';
import { createFieldCipher } from '../../platform/crypto.js';
import type { Database } from '../../platform/db.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { rewriteSubtreePaths } from '../units/units.repository.js';
import { orgUnits } from '../units/units.table.js';
import { obligations } from './obligations.table.js';
import {
  compactTallies,
  countTalliesFromObligations,
  readTallies,
  tallyMatrixGroups,
} from './tallies.repository.js';
import { obligationTallies } from './tallies.table.js';

type UnitRow = Awaited<ReturnType<typeof createUnit>>;
const Y = Number(todayIn('Asia/Shanghai').slice(0, 4));

/**
 * The tallies are kept by triggers: after every kind of change (obligations added, changed and
 * removed; a reserve leaving the pool or changing programme; a person moving unit; a unit moving
 * under another parent) they must equal the counts taken from the obligations themselves.
 */
describe.each(dbKinds())('obligation tallies on %s', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let units: Record<'root' | 'countyA' | 'countyB' | 'deptA' | 'teamA' | 'deptB', UnitRow>;
  let programme: TestProgramme;
  let other: TestProgramme;
  const pool: TestReserve[] = [];
  const cipher = createFieldCipher('tallies-test-secret-tallies-test-secret-0123');

  const expectExact = async () => {
    const db = database.db;
    expect(await readTallies(db)).toEqual(await countTalliesFromObligations(db));
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    units = await createTwoCountyTree(db);
    const { root, countyA, countyB, deptA } = units;
    programme = await createProgramme(db, root);
    other = await createProgramme(db, root, { name: '班组长后备培养方案' });
    const places = [root, countyA, deptA, units.teamA, countyB, units.deptB, units.teamA, deptA];
    for (const [i, unit] of places.entries()) {
      const person = await createPerson(db, cipher, unit, { name: `后备${i + 1}` });
      const r = await createReserve(db, { person, programme: i % 4 === 3 ? other : programme });
      await scheduleReserve(db, r, i % 4 === 3 ? other : programme, Y);
      pool.push(r);
    }
  });
  afterAll(() => database.dispose());

  it('counts a generated year, by anchor: the root, its children, or the child a unit lies under', async () => {
    const tallies = await readTallies(database.db);
    expect(tallies.length).toBeGreaterThan(0);
    const anchors = new Set(tallies.map((t) => t.anchorUnitId));
    expect(anchors).toEqual(new Set([units.root.id, units.countyA.id, units.countyB.id]));
    await expectExact();
  });

  it('follows state, due-date and rule changes, deletions and a second year', async () => {
    const db = database.db;
    await db
      .update(obligations)
      .set({ state: 'fulfilled', fulfilledOn: `${Y}-02-01` })
      .where(sql`${obligations.periodKey} LIKE ${`${Y}-Q1%`}`);
    await expectExact();
    await db
      .update(obligations)
      .set({ state: 'waived', waivedReason: '轮岗' })
      .where(eq(obligations.reserveId, pool[1].id));
    await db
      .update(obligations)
      .set({ dueDate: `${Y}-12-30` })
      .where(eq(obligations.reserveId, pool[2].id));
    // A change that moves no count (progress, notes) leaves the tallies alone.
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(obligationTallies);
    await db.update(obligations).set({ progress: 1 }).where(eq(obligations.reserveId, pool[3].id));
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(obligationTallies);
    expect(after[0].n).toBe(before[0].n);
    await expectExact();
    const [one] = await db
      .select({ id: obligations.id })
      .from(obligations)
      .where(eq(obligations.reserveId, pool[4].id))
      .limit(1);
    await db.delete(obligations).where(eq(obligations.id, one.id));
    // A new year (counted from the plan by the generation), then the deleted one generated again (a
    // reserve with obligations already: counted by the trigger, so the plan's count must be over).
    await scheduleReserve(db, pool[5], programme, Y + 1);
    expect(await scheduleReserve(db, pool[4], programme, Y)).toBe(1);
    await expectExact();
  });

  it('follows a reserve leaving the pool, coming back, and changing programme', async () => {
    const db = database.db;
    await db.update(reserves).set({ state: 'promoted' }).where(eq(reserves.id, pool[0].id));
    await expectExact();
    const anchoredAtRoot = (await readTallies(db)).filter((t) => t.anchorUnitId === units.root.id);
    expect(anchoredAtRoot).toEqual([]);
    await db.update(reserves).set({ state: 'active' }).where(eq(reserves.id, pool[0].id));
    await db.update(reserves).set({ programmeId: other.id }).where(eq(reserves.id, pool[2].id));
    await expectExact();
  });

  it('follows a person moving to a unit under another anchor, and within one', async () => {
    const db = database.db;
    await db.update(people).set({ unitId: units.deptB.id }).where(eq(people.id, pool[2].personId));
    await expectExact();
    await db.update(people).set({ unitId: units.deptA.id }).where(eq(people.id, pool[3].personId));
    // A roster import updates many people at once, most of them without moving.
    await db
      .update(people)
      .set({ phone: '13800000000' })
      .where(
        inArray(
          people.id,
          pool.map((r) => r.personId),
        ),
      );
    await expectExact();
  });

  it('follows a unit moved under another parent, its whole subtree with it', async () => {
    const db = database.db;
    const moving = units.deptA;
    const newPath = `${units.countyB.path}${moving.id}/`;
    await db.transaction(async (tx) => {
      await tx.update(orgUnits).set({ parentId: units.countyB.id }).where(eq(orgUnits.id, moving.id));
      await rewriteSubtreePaths(tx, moving.path, newPath, 0);
    });
    await expectExact();
    const movedPeople = await db
      .select({ id: people.id })
      .from(people)
      .where(eq(people.unitId, units.teamA.id));
    expect(movedPeople.length).toBeGreaterThan(0);
    const anchors = new Set((await readTallies(db)).map((t) => t.anchorUnitId));
    // County A keeps only the person directly in it (后备2); the department's people count under B now.
    expect(anchors.has(units.countyA.id)).toBe(true);
    const countyA = (await readTallies(db)).filter((t) => t.anchorUnitId === units.countyA.id);
    const [{ n: ownOfA }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(obligations)
      .innerJoin(reserves, and(eq(reserves.id, obligations.reserveId), eq(reserves.state, 'active')))
      .innerJoin(people, eq(people.id, reserves.personId))
      .where(eq(people.unitId, units.countyA.id));
    expect(countyA.reduce((s, t) => s + t.n, 0)).toBe(ownOfA);
  });

  it('folds its deltas into one row per key without changing a count', async () => {
    const db = database.db;
    const rows = async () =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(obligationTallies))[0].n;
    const piled = await rows();
    const keys = (await readTallies(db)).length;
    expect(piled).toBeGreaterThan(keys);
    await compactTallies(db, null);
    expect(await rows()).toBe(keys);
    await expectExact();
  });

  it('a matrix read folds the deltas once they pile up, and reads the same counts', async () => {
    const db = database.db;
    const rows = async () =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(obligationTallies))[0].n;
    const read = () =>
      tallyMatrixGroups(db, {
        programmeId: programme.id,
        year: Y,
        today: todayIn('Asia/Shanghai'),
        rowKey: sql<string>`k.programme_id::text`,
        unitWhere: undefined,
      });
    const [one] = await db
      .select({ id: obligations.id })
      .from(obligations)
      .where(eq(obligations.reserveId, pool[0].id))
      .limit(1);
    // 700 single changes, each a −1 and a +1 row: far more pieces than keys.
    for (let i = 0; i < 700; i++)
      await db
        .update(obligations)
        .set({ state: i % 2 === 0 ? 'submitted' : 'open' })
        .where(eq(obligations.id, one.id));
    const before = await rows();
    const keys = (await readTallies(db)).length;
    expect(before).toBeGreaterThan(2 * keys + 500);
    const sortKey = (g: { rowKey: string; ruleKey: string; state: string; isDue: boolean }) =>
      `${g.rowKey}|${g.ruleKey}|${g.state}|${g.isDue}`;
    const first = (await read()).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    // Folded: one row per key again (the other programme's rows were folded by the test before).
    expect(await rows()).toBe(keys);
    const again = (await read()).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(again).toEqual(first);
    await expectExact();
  });
});
