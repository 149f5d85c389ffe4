import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../../../test/factories.js';
import {
  createProgramme,
  createReserve,
  scheduleReserve,
  type TestReserve,
} from '../../../../test/factories-programme.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { applyEvidence } from './evidence.service.js';
import { applyEvidenceBulk, type BulkEvidenceInput } from './evidence-bulk.service.js';
import { evidence, obligations } from './obligations.table.js';

const T = todayIn('Asia/Shanghai');
const Y = Number(T.slice(0, 4));

/** The bulk variant must leave obligations exactly as applyEvidence called input by input does. */
describe.each(dbKinds())('applyEvidenceBulk on %s', (kind) => {
  let t: TestApp;
  let ctx: ServiceContext;
  let one: TestReserve;
  let two: TestReserve;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const root = await createUnit(t.db);
    const programme = await createProgramme(t.db, root);
    one = await createReserve(t.db, { person: await createPerson(t.db, t.cipher, root), programme });
    two = await createReserve(t.db, { person: await createPerson(t.db, t.cipher, root), programme });
    await scheduleReserve(t.db, one, programme, Y);
    await scheduleReserve(t.db, two, programme, Y);
    const user = await createUser(t.db, { grants: [{ role: 'hr_admin', unit: root }] });
    ctx = {
      db: t.db,
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        personId: null,
        grants: [{ role: 'hr_admin', unitId: root.id, unitPath: root.path, unitName: root.name }],
      },
      audit: { userId: user.id, displayName: user.displayName },
      cipher: t.cipher,
      lang: 'zh',
    };
  });
  afterAll(() => t?.close());

  const courseObligations = async (r: TestReserve) =>
    t.db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, r.id),
          inArray(obligations.ruleKey, ['assigned_courses', 'chosen_courses']),
        ),
      )
      .orderBy(obligations.ruleKey, obligations.periodKey);

  it('ends in the same states, progress, dates and versions as one applyEvidence per input', async () => {
    const [a, b] = [await courseObligations(one), await courseObligations(two)];
    // Q1 of each rule waived for both reserves: evidence is kept, the obligation does not move.
    for (const list of [a, b])
      await t.db.update(obligations).set({ state: 'waived' }).where(eq(obligations.id, list[0].id));
    const plan = (list: typeof a): BulkEvidenceInput[] => [
      { obligationId: list[0].id, sourceType: 'course', occurredOn: T, effect: 'fulfil', units: 1 },
      {
        obligationId: list[1].id,
        sourceType: 'course',
        occurredOn: addDays(T, -3),
        effect: 'fulfil',
        units: 1,
      },
      {
        obligationId: list[1].id,
        sourceType: 'course',
        occurredOn: addDays(T, -9),
        effect: 'fulfil',
        units: 1,
      },
      // A third completion on a fulfilled obligation: kept, the fulfilment date stays.
      { obligationId: list[1].id, sourceType: 'course', occurredOn: T, effect: 'fulfil', units: 1 },
      {
        obligationId: list[2].id,
        sourceType: 'course',
        occurredOn: addDays(T, -1),
        effect: 'fulfil',
        units: 1,
      },
      // Default units: all that remain.
      { obligationId: list[5].id, sourceType: 'course', occurredOn: addDays(T, -2), effect: 'fulfil' },
    ];
    await t.db.transaction(async (tx) => {
      for (const input of plan(a)) await applyEvidence(tx, { ...ctx, db: tx }, input);
    });
    await t.db.transaction((tx) => applyEvidenceBulk(tx, { ...ctx, db: tx }, plan(b)));
    const shape = (rows: typeof a) =>
      rows.map((r) => ({
        ruleKey: r.ruleKey,
        periodKey: r.periodKey,
        state: r.state,
        progress: r.progress,
        fulfilledOn: r.fulfilledOn,
        version: r.version,
      }));
    const [afterA, afterB] = [await courseObligations(one), await courseObligations(two)];
    expect(shape(afterB)).toEqual(shape(afterA));
    expect(afterB[1]).toMatchObject({ state: 'fulfilled', progress: 2, fulfilledOn: addDays(T, -3) });
    expect(afterB[5]).toMatchObject({ state: 'fulfilled', progress: 2 });
    const counts = async (list: typeof a) =>
      (
        await t.db
          .select()
          .from(evidence)
          .where(
            inArray(
              evidence.obligationId,
              list.map((o) => o.id),
            ),
          )
      ).length;
    expect(await counts(b)).toBe(await counts(a));
  });

  it('refuses a date in the future and an unknown obligation, like applyEvidence', async () => {
    const [first] = await courseObligations(two);
    await expect(
      applyEvidenceBulk(t.db, ctx, [
        { obligationId: first.id, sourceType: 'course', occurredOn: addDays(T, 1), effect: 'fulfil' },
      ]),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      applyEvidenceBulk(t.db, ctx, [
        { obligationId: crypto.randomUUID(), sourceType: 'course', occurredOn: T, effect: 'fulfil' },
      ]),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
