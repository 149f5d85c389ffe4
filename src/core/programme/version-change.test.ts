import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/dates.js';
import { obligationKey, type PlannedObligation } from './schedule.js';
import { OBLIGATION_STATES } from './status.js';
import { type ExistingObligation, planVersionChange } from './version-change.js';

const TODAY = '2026-08-15';

function planned(overrides: Partial<PlannedObligation> = {}): PlannedObligation {
  return {
    ruleKey: 'quarterly_reflection',
    periodKey: '2026-Q3',
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    dueDate: '2026-10-31',
    actor: 'reserve',
    actorPersonId: null,
    quantity: 1,
    minChars: 1000,
    ...overrides,
  };
}

function existing(overrides: Partial<ExistingObligation> = {}): ExistingObligation {
  return { ...planned(), id: 'o1', state: 'open', ...overrides };
}

describe('planVersionChange', () => {
  it('an open future obligation whose due date changed is changed', () => {
    const before = existing();
    const after = planned({ dueDate: '2026-10-15' });
    const result = planVersionChange([before], [after], TODAY);
    expect(result.change).toEqual([{ before, after }]);
    expect(result.add).toEqual([]);
    expect(result.remove).toEqual([]);
    expect(result.move).toEqual([]);
  });

  it('an open future obligation whose quantity or minimum length changed is changed', () => {
    const before = existing();
    expect(planVersionChange([before], [planned({ minChars: 1200 })], TODAY).change).toHaveLength(1);
    expect(planVersionChange([before], [planned({ quantity: 2 })], TODAY).change).toHaveLength(1);
  });

  it('an open future obligation the new plan lacks is removed', () => {
    const before = existing();
    const result = planVersionChange([before], [], TODAY);
    expect(result.remove).toEqual([before]);
    expect(result.change).toEqual([]);
    expect(result.move).toEqual([]);
  });

  it('a returned future obligation follows the new version too', () => {
    const before = existing({ state: 'returned' });
    expect(planVersionChange([before], [], TODAY).remove).toEqual([before]);
    expect(planVersionChange([before], [planned()], TODAY).move).toEqual([before]);
  });

  it('a newly planned obligation due in the future (or today) is added; one due in the past is not', () => {
    const future = planned({ ruleKey: 'new_rule', dueDate: '2026-12-31' });
    const dueToday = planned({ ruleKey: 'new_rule', periodKey: '2026-08', dueDate: TODAY });
    const past = planned({ ruleKey: 'new_rule', periodKey: '2026-Q2', dueDate: '2026-07-31' });
    const result = planVersionChange([], [future, dueToday, past], TODAY);
    expect(result.add).toEqual([future, dueToday]);
  });

  it('an unchanged open future obligation moves to the new version', () => {
    const before = existing();
    const result = planVersionChange([before], [planned()], TODAY);
    expect(result.move).toEqual([before]);
    expect(result.add).toEqual([]);
    expect(result.change).toEqual([]);
  });

  it('an open obligation due today still moves (not yet overdue)', () => {
    const before = existing({ dueDate: TODAY });
    expect(planVersionChange([before], [planned({ dueDate: TODAY })], TODAY).move).toEqual([before]);
  });

  it('a past open (overdue) obligation stays where it is, even when the new version moves its due date', () => {
    const before = existing({ periodKey: '2026-Q2', dueDate: '2026-07-31' });
    const result = planVersionChange(
      [before],
      [planned({ periodKey: '2026-Q2', dueDate: '2026-09-30' })],
      TODAY,
    );
    expect(result).toEqual({ add: [], remove: [], change: [], move: [] });
    expect(planVersionChange([before], [], TODAY)).toEqual({ add: [], remove: [], change: [], move: [] });
  });

  it.each(['fulfilled', 'submitted', 'waived'] as const)(
    'a %s future obligation never changes, is not removed, not moved and not re-added',
    (state) => {
      const before = existing({ state });
      for (const plan of [[], [planned()], [planned({ dueDate: '2026-12-31', quantity: 3 })]]) {
        expect(planVersionChange([before], plan, TODAY)).toEqual({
          add: [],
          remove: [],
          change: [],
          move: [],
        });
      }
    },
  );

  it('mentor obligations are matched per mentor', () => {
    const m1 = existing({
      id: 'a',
      ruleKey: 'mentor_talk',
      actor: 'each_mentor',
      actorPersonId: 'm1',
      minChars: null,
    });
    const m2 = existing({
      id: 'b',
      ruleKey: 'mentor_talk',
      actor: 'each_mentor',
      actorPersonId: 'm2',
      minChars: null,
    });
    const newM3 = planned({
      ruleKey: 'mentor_talk',
      actor: 'each_mentor',
      actorPersonId: 'm3',
      minChars: null,
    });
    const keepM1 = planned({
      ruleKey: 'mentor_talk',
      actor: 'each_mentor',
      actorPersonId: 'm1',
      minChars: null,
    });
    const result = planVersionChange([m1, m2], [keepM1, newM3], TODAY);
    expect(result.move).toEqual([m1]);
    expect(result.remove).toEqual([m2]);
    expect(result.add).toEqual([newM3]);
  });
});

describe('planVersionChange properties', () => {
  const ruleKeys = ['assigned_courses', 'quarterly_reflection', 'mentor_talk', 'new_rule'];
  const periodKeys = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026'];
  const people = [null, 'm1', 'm2'];

  const plannedArb = fc
    .record({
      ruleKey: fc.constantFrom(...ruleKeys),
      periodKey: fc.constantFrom(...periodKeys),
      actorPersonId: fc.constantFrom(...people),
      dueOffset: fc.integer({ min: -200, max: 200 }),
      quantity: fc.integer({ min: 1, max: 3 }),
      minChars: fc.constantFrom(null, 1000, 1500),
    })
    .map(
      ({ dueOffset, ...rest }): PlannedObligation => ({
        ...rest,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        dueDate: addDays(TODAY, dueOffset),
        actor: rest.actorPersonId ? 'each_mentor' : 'reserve',
      }),
    );

  const existingArb = fc
    .uniqueArray(fc.tuple(plannedArb, fc.constantFrom(...OBLIGATION_STATES)), {
      selector: ([p]) => obligationKey(p),
      maxLength: 25,
    })
    .map((list) => list.map(([p, state], i): ExistingObligation => ({ ...p, id: `e${i}`, state })));

  const plannedListArb = fc.uniqueArray(plannedArb, { selector: obligationKey, maxLength: 25 });

  it('never touches fulfilled, submitted, waived or past obligations', () => {
    fc.assert(
      fc.property(existingArb, plannedListArb, (before, plan) => {
        const result = planVersionChange(before, plan, TODAY);
        const touched = [...result.remove, ...result.move, ...result.change.map((c) => c.before)];
        for (const o of touched) {
          expect(['open', 'returned']).toContain(o.state);
          expect(o.dueDate >= TODAY).toBe(true);
        }
      }),
    );
  });

  it('puts every open or returned obligation still ahead in exactly one of remove, change, move', () => {
    fc.assert(
      fc.property(existingArb, plannedListArb, (before, plan) => {
        const result = planVersionChange(before, plan, TODAY);
        const ids = [...result.remove, ...result.move, ...result.change.map((c) => c.before)].map(
          (o) => o.id,
        );
        const movable = before
          .filter((o) => (o.state === 'open' || o.state === 'returned') && o.dueDate >= TODAY)
          .map((o) => o.id);
        expect([...ids].sort()).toEqual([...movable].sort());
        const plannedKeys = new Set(plan.map(obligationKey));
        for (const o of result.remove) expect(plannedKeys.has(obligationKey(o))).toBe(false);
        for (const o of result.move) expect(plannedKeys.has(obligationKey(o))).toBe(true);
        for (const c of result.change) expect(obligationKey(c.after)).toBe(obligationKey(c.before));
      }),
    );
  });

  it('adds only obligations still ahead that do not exist yet', () => {
    fc.assert(
      fc.property(existingArb, plannedListArb, (before, plan) => {
        const result = planVersionChange(before, plan, TODAY);
        const existingKeys = new Set(before.map(obligationKey));
        for (const o of result.add) {
          expect(o.dueDate >= TODAY).toBe(true);
          expect(existingKeys.has(obligationKey(o))).toBe(false);
        }
        const expected = plan.filter((p) => !existingKeys.has(obligationKey(p)) && p.dueDate >= TODAY);
        expect(result.add).toEqual(expected);
      }),
    );
  });

  it('republishing the same plan changes nothing but moving what is open and ahead', () => {
    fc.assert(
      fc.property(existingArb, (before) => {
        const plan = before.map(({ id: _id, state: _state, ...p }) => p);
        const result = planVersionChange(before, plan, TODAY);
        expect(result.add).toEqual([]);
        expect(result.remove).toEqual([]);
        expect(result.change).toEqual([]);
      }),
    );
  });
});
