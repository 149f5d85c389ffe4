import { and, eq } from 'drizzle-orm';
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
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import type { ServiceContext } from '../../platform/request-context.js';
import {
  acceptSubmission,
  applyEvidence,
  attachEvidence,
  findObligationsForEvidence,
  returnSubmission,
  setEventDate,
  withdrawEvidence,
} from './evidence.service.js';
import { evidence, obligations } from './obligations.table.js';

const T = todayIn('Asia/Shanghai');
const Y = Number(T.slice(0, 4));

/**
 * The evidence interface every capability uses (evidence.service.ts): counting units towards a
 * quantity, withdrawal, review dates, finding the obligation a record settles, and moving due
 * dates after an event.
 */
describe.each(dbKinds())('evidence interface on %s', (kind) => {
  let t: TestApp;
  let ctx: ServiceContext;
  let reserve: TestReserve;
  let other: TestReserve;
  let mentorId: string;

  const obligation = async (r: TestReserve, ruleKey: string, periodKey: string, actorKey = '') => {
    const [row] = await t.db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, r.id),
          eq(obligations.ruleKey, ruleKey),
          eq(obligations.periodKey, periodKey),
          eq(obligations.actorKey, actorKey),
        ),
      );
    return row;
  };
  const inTx = <R>(work: (tx: TestApp['db']) => Promise<R>) => t.db.transaction((tx) => work(tx));

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const root = await createUnit(t.db, { name: '江州市分公司' });
    const programme = await createProgramme(t.db, root, { rules: DEFAULT_RULES });
    const mentor = await createPerson(t.db, t.cipher, root, { name: '导师甲' });
    mentorId = mentor.id;
    reserve = await createReserve(t.db, { person: await createPerson(t.db, t.cipher, root), programme });
    other = await createReserve(t.db, { person: await createPerson(t.db, t.cipher, root), programme });
    await scheduleReserve(t.db, reserve, programme, Y, { mentorIds: [mentor.id] });
    await scheduleReserve(t.db, other, programme, Y);
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

  it('counts units towards the quantity, fulfils on the completing date, and reopens on withdrawal', async () => {
    const target = await obligation(reserve, 'assigned_courses', `${Y}-Q1`);
    expect(target.quantity).toBe(2);
    const first = await inTx((tx) =>
      applyEvidence(tx, ctx, {
        obligationId: target.id,
        sourceType: 'course',
        sourceId: 'c-1',
        occurredOn: addDays(T, -3),
        effect: 'fulfil',
        units: 1,
      }),
    );
    expect(first).toEqual({ state: 'open', progress: 1 });
    const second = await inTx((tx) =>
      applyEvidence(tx, ctx, {
        obligationId: target.id,
        sourceType: 'course',
        sourceId: 'c-2',
        occurredOn: addDays(T, -1),
        effect: 'fulfil',
        units: 1,
      }),
    );
    expect(second).toEqual({ state: 'fulfilled', progress: 2 });
    expect((await obligation(reserve, 'assigned_courses', `${Y}-Q1`)).fulfilledOn).toBe(addDays(T, -1));

    // A third completion is kept as a record and changes nothing.
    const third = await inTx((tx) =>
      applyEvidence(tx, ctx, {
        obligationId: target.id,
        sourceType: 'course',
        sourceId: 'c-3',
        occurredOn: T,
        effect: 'fulfil',
        units: 1,
      }),
    );
    expect(third).toEqual({ state: 'fulfilled', progress: 2 });

    // Withdrawing one leaves two counted; withdrawing another reopens the obligation.
    expect(await inTx((tx) => withdrawEvidence(tx, ctx, { sourceType: 'course', sourceId: 'c-3' }))).toBe(1);
    expect((await obligation(reserve, 'assigned_courses', `${Y}-Q1`)).state).toBe('fulfilled');
    await inTx((tx) => withdrawEvidence(tx, ctx, { sourceType: 'course', sourceId: 'c-2' }));
    const reopened = await obligation(reserve, 'assigned_courses', `${Y}-Q1`);
    expect(reopened).toMatchObject({ state: 'open', progress: 1, fulfilledOn: null });
    const kept = await t.db.select().from(evidence).where(eq(evidence.obligationId, target.id));
    expect(kept).toHaveLength(3);
    expect(
      kept
        .filter((e) => e.withdrawnAt)
        .map((e) => e.sourceId)
        .sort(),
    ).toEqual(['c-2', 'c-3']);
    // Nothing left to withdraw from that source.
    expect(await inTx((tx) => withdrawEvidence(tx, ctx, { sourceType: 'course', sourceId: 'c-2' }))).toBe(0);
  });

  it('accepts a submission as fulfilled on the day it was submitted, refuses a second one while pending', async () => {
    const target = await obligation(reserve, 'quarterly_reflection', `${Y}-Q1`);
    const submitOn = addDays(T, -2);
    const submit = (sourceId: string) =>
      inTx((tx) =>
        applyEvidence(tx, ctx, {
          obligationId: target.id,
          sourceType: 'reflection',
          sourceId,
          occurredOn: submitOn,
          effect: 'submit',
        }),
      );
    expect(await submit('r-1')).toEqual({ state: 'submitted', progress: 0 });
    await expect(submit('r-1b')).rejects.toMatchObject({ code: 'conflict' });
    await inTx((tx) => returnSubmission(tx, ctx, { obligationId: target.id, comment: '请补充案例' }));
    expect((await obligation(reserve, 'quarterly_reflection', `${Y}-Q1`)).state).toBe('returned');
    // A returned submission can be neither accepted nor returned again until resubmitted.
    await expect(inTx((tx) => acceptSubmission(tx, ctx, { obligationId: target.id }))).rejects.toMatchObject({
      code: 'conflict',
    });
    await submit('r-2');
    expect(await inTx((tx) => acceptSubmission(tx, ctx, { obligationId: target.id }))).toEqual({
      state: 'fulfilled',
      progress: 1,
    });
    const done = await obligation(reserve, 'quarterly_reflection', `${Y}-Q1`);
    // Fulfilled on the submission's day, not the review's; late exactly when that is after the due date.
    expect(done.fulfilledOn).toBe(submitOn);
    const counted = await t.db.select().from(evidence).where(eq(evidence.obligationId, target.id));
    expect(counted.map((e) => [e.sourceId, e.counted]).sort()).toEqual([
      ['r-1', false],
      ['r-2', true],
    ]);
    await expect(submit('r-3')).rejects.toMatchObject({ code: 'conflict' });
    // HR's manual record on a settled obligation is refused.
    await expect(
      inTx((tx) =>
        attachEvidence(tx, ctx, {
          obligationId: target.id,
          sourceType: 'manual',
          occurredOn: T,
          effect: 'fulfil',
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('withdrawing a pending submission reopens the obligation', async () => {
    const target = await obligation(reserve, 'quarterly_reflection', `${Y}-Q2`);
    await inTx((tx) =>
      applyEvidence(tx, ctx, {
        obligationId: target.id,
        sourceType: 'reflection',
        sourceId: 'r-q2',
        occurredOn: T,
        effect: 'submit',
      }),
    );
    await inTx((tx) => withdrawEvidence(tx, ctx, { sourceType: 'reflection', sourceId: 'r-q2' }));
    expect(await obligation(reserve, 'quarterly_reflection', `${Y}-Q2`)).toMatchObject({
      state: 'open',
      submittedAt: null,
    });
  });

  it('refuses evidence dated in the future and units out of range', async () => {
    const target = await obligation(other, 'chosen_courses', `${Y}-Q3`);
    const base = { obligationId: target.id, sourceType: 'course', effect: 'fulfil' as const };
    await expect(
      inTx((tx) => applyEvidence(tx, ctx, { ...base, occurredOn: addDays(T, 2) })),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      inTx((tx) => applyEvidence(tx, ctx, { ...base, occurredOn: T, units: 0 })),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await obligation(other, 'chosen_courses', `${Y}-Q3`)).state).toBe('open');
  });

  it('finds the obligation a record settles by evidence kind, rule, period, date and mentor', async () => {
    const byKind = await findObligationsForEvidence(t.db, {
      reserveIds: [reserve.id, other.id],
      evidenceKind: 'course_completion',
      periodKey: `${Y}-Q3`,
    });
    // Assigned and chosen courses, for both reserves.
    expect(byKind.map((o) => o.ruleKey).sort()).toEqual([
      'assigned_courses',
      'assigned_courses',
      'chosen_courses',
      'chosen_courses',
    ]);
    const byRule = await findObligationsForEvidence(t.db, {
      reserveIds: [reserve.id],
      ruleKey: 'assigned_courses',
      onDate: `${Y}-08-15`,
    });
    expect(byRule.map((o) => o.periodKey)).toEqual([`${Y}-Q3`]);
    const talks = await findObligationsForEvidence(t.db, {
      reserveIds: [reserve.id],
      evidenceKind: 'mentor_talk',
      onDate: `${Y}-12-31`,
      actorPersonId: mentorId,
    });
    expect(talks).toHaveLength(1);
    expect(talks[0]).toMatchObject({ periodKey: `${Y}-Q4`, actorPersonId: mentorId, actor: 'each_mentor' });
    expect(
      await findObligationsForEvidence(t.db, {
        reserveIds: [other.id],
        evidenceKind: 'mentor_talk',
        onDate: `${Y}-12-31`,
      }),
    ).toEqual([]);
    expect(await findObligationsForEvidence(t.db, { reserveIds: [], evidenceKind: 'mentor_talk' })).toEqual(
      [],
    );
  });

  it('moves due dates after the event actually held, and leaves settled obligations alone', async () => {
    const ids = [reserve.id, other.id];
    // The other reserve's training reflection is already fulfilled: its date must not move.
    const settled = await obligation(other, 'training_reflection', `${Y}`);
    await t.db
      .update(obligations)
      .set({ state: 'fulfilled', fulfilledOn: settled.dueDate })
      .where(eq(obligations.id, settled.id));
    const moved = await inTx((tx) =>
      setEventDate(tx, ctx, {
        reserveIds: ids,
        evidenceKind: 'training_reflection',
        periodKey: `${Y}`,
        eventDate: `${Y}-06-12`,
      }),
    );
    expect(moved).toBe(1);
    expect((await obligation(reserve, 'training_reflection', `${Y}`)).dueDate).toBe(`${Y}-07-12`);
    expect((await obligation(other, 'training_reflection', `${Y}`)).dueDate).toBe(settled.dueDate);
    // The same date again moves nothing.
    expect(
      await inTx((tx) =>
        setEventDate(tx, ctx, {
          reserveIds: ids,
          evidenceKind: 'training_reflection',
          periodKey: `${Y}`,
          eventDate: `${Y}-06-12`,
        }),
      ),
    ).toBe(0);
    // An exam sat on a day replaces the half-year end.
    await inTx((tx) =>
      setEventDate(tx, ctx, {
        reserveIds: [reserve.id],
        ruleKey: 'theory_exam',
        periodKey: `${Y}-H1`,
        eventDate: `${Y}-06-18`,
      }),
    );
    expect((await obligation(reserve, 'theory_exam', `${Y}-H1`)).dueDate).toBe(`${Y}-06-18`);
    // The event taken back (null) restores the nominal dates; the settled one still keeps its own.
    const restored = await inTx((tx) =>
      setEventDate(tx, ctx, {
        reserveIds: ids,
        evidenceKind: 'training_reflection',
        periodKey: `${Y}`,
        eventDate: null,
      }),
    );
    expect(restored).toBe(1);
    expect((await obligation(reserve, 'training_reflection', `${Y}`)).dueDate).toBe(`${Y}-07-31`);
    expect((await obligation(other, 'training_reflection', `${Y}`)).dueDate).toBe(settled.dueDate);
    await inTx((tx) =>
      setEventDate(tx, ctx, {
        reserveIds: [reserve.id],
        ruleKey: 'theory_exam',
        periodKey: `${Y}-H1`,
        eventDate: null,
      }),
    );
    expect((await obligation(reserve, 'theory_exam', `${Y}-H1`)).dueDate).toBe(`${Y}-06-30`);
  });
});
