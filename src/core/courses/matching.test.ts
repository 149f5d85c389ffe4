import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignedCoursesFor } from './assignment.js';
import { checkChoices } from './choices.js';
import { formatHours, parseHours } from './hours.js';
import { type Completion, type CourseSlot, planCredits, slotForCompletion } from './matching.js';
import { isQuarterKey, previousQuarter, quarterBounds, quarterOf } from './quarters.js';

const slot = (periodKey: string, kind: CourseSlot['kind'] = 'assigned', courseId = 'c1'): CourseSlot => ({
  personId: 'p1',
  courseId,
  periodKey,
  kind,
});
const done = (id: string, completedOn: string, courseId = 'c1'): Completion => ({
  id,
  personId: 'p1',
  courseId,
  completedOn,
});

describe('quarters', () => {
  it('knows quarter edges and the year boundary', () => {
    expect(quarterBounds('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterBounds('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
    expect(isQuarterKey('2026-Q5')).toBe(false);
    expect(isQuarterKey('2026-Q2')).toBe(true);
  });
});

describe('slotForCompletion', () => {
  it('does not count work done before the quarter the course was assigned for', () => {
    expect(slotForCompletion('2026-03-31', [slot('2026-Q2')])).toBeNull();
    expect(slotForCompletion('2026-04-01', [slot('2026-Q2')])?.periodKey).toBe('2026-Q2');
  });

  it('counts a completion on the last day of the quarter, and after it (late) for the same quarter', () => {
    expect(slotForCompletion('2026-06-30', [slot('2026-Q2')])?.periodKey).toBe('2026-Q2');
    expect(slotForCompletion('2026-07-01', [slot('2026-Q2')])?.periodKey).toBe('2026-Q2');
    expect(slotForCompletion('2027-01-01', [slot('2026-Q4')])?.periodKey).toBe('2026-Q4');
  });

  it('prefers the quarter the completion falls in over an earlier open one', () => {
    const open = [slot('2026-Q2'), slot('2026-Q3')];
    expect(slotForCompletion('2026-07-01', open)?.periodKey).toBe('2026-Q3');
    expect(slotForCompletion('2026-06-30', open)?.periodKey).toBe('2026-Q2');
  });

  it('puts a course both assigned and chosen in one quarter on the assigned slot', () => {
    expect(slotForCompletion('2026-05-01', [slot('2026-Q2', 'chosen'), slot('2026-Q2')])?.kind).toBe(
      'assigned',
    );
  });
});

describe('planCredits', () => {
  it('gives one slot to one completion: the same course done twice counts once', () => {
    const plan = planCredits({
      slots: [slot('2026-Q2')],
      completions: [done('b', '2026-05-02'), done('a', '2026-05-01')],
      credits: [],
    });
    expect(plan.add).toEqual([{ ...slot('2026-Q2'), completionId: 'a' }]);
  });

  it('lets a second completion catch up an earlier open quarter', () => {
    const plan = planCredits({
      slots: [slot('2026-Q1'), slot('2026-Q2')],
      completions: [done('a', '2026-05-01'), done('b', '2026-05-20')],
      credits: [],
    });
    expect(plan.add.map((c) => [c.completionId, c.periodKey])).toEqual([
      ['a', '2026-Q2'],
      ['b', '2026-Q1'],
    ]);
  });

  it('withdraws credits whose slot is gone and re-credits their completion elsewhere', () => {
    const plan = planCredits({
      slots: [slot('2026-Q2', 'chosen')],
      completions: [done('a', '2026-05-01')],
      credits: [{ ...slot('2026-Q2'), completionId: 'a' }],
    });
    expect(plan.withdraw).toHaveLength(1);
    expect(plan.add).toEqual([{ ...slot('2026-Q2', 'chosen'), completionId: 'a' }]);
  });

  it('moves a late credit to an on-time completion of that quarter recorded after it', () => {
    const late = { ...slot('2026-Q1'), completionId: 'late' };
    const plan = planCredits({
      slots: [slot('2026-Q1')],
      completions: [done('late', '2026-04-10'), done('ontime', '2026-03-20')],
      credits: [late],
    });
    expect(plan.withdraw).toEqual([late]);
    expect(plan.add).toEqual([{ ...slot('2026-Q1'), completionId: 'ontime' }]);
  });

  it('keeps an on-time credit, and a late one when what came after is late too or before the quarter', () => {
    const onTime = { ...slot('2026-Q1'), completionId: 'b' };
    expect(
      planCredits({
        slots: [slot('2026-Q1')],
        completions: [done('b', '2026-03-25'), done('a', '2026-03-20')],
        credits: [onTime],
      }),
    ).toEqual({ withdraw: [], add: [] });
    const late = { ...slot('2026-Q1'), completionId: 'late' };
    expect(
      planCredits({
        slots: [slot('2026-Q1')],
        completions: [done('late', '2026-04-20'), done('later', '2026-04-05'), done('before', '2025-12-30')],
        credits: [late],
      }),
    ).toEqual({ withdraw: [], add: [] });
  });

  it('keeps existing credits where they are and never credits a slot twice (property)', () => {
    const quarter = fc.constantFrom('2026-Q1', '2026-Q2', '2026-Q3');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            q: quarter,
            kind: fc.constantFrom('assigned', 'chosen'),
            c: fc.constantFrom('c1', 'c2'),
          }),
          {
            maxLength: 6,
          },
        ),
        fc.array(fc.record({ d: fc.integer({ min: 0, max: 300 }), c: fc.constantFrom('c1', 'c2') }), {
          maxLength: 8,
        }),
        (slotSpecs, doneSpecs) => {
          const slots = slotSpecs.map((s) => slot(s.q, s.kind as CourseSlot['kind'], s.c));
          const completions = doneSpecs.map((d, i) => {
            const day = new Date(Date.UTC(2026, 0, 1 + d.d)).toISOString().slice(0, 10);
            return done(`x${i}`, day, d.c);
          });
          const { add } = planCredits({ slots, completions, credits: [] });
          const keys = add.map((a) => `${a.courseId}|${a.periodKey}|${a.kind}`);
          expect(new Set(keys).size).toBe(keys.length);
          expect(new Set(add.map((a) => a.completionId)).size).toBe(add.length);
          for (const a of add) {
            const c = completions.find((x) => x.id === a.completionId)!;
            expect(c.courseId).toBe(a.courseId);
            expect(c.completedOn >= quarterBounds(a.periodKey).start).toBe(true);
          }
        },
      ),
    );
  });
});

describe('checkChoices', () => {
  const base = { quantity: 2, assignedCourseIds: ['a1', 'a2'], completedChoiceIds: [] as string[] };
  it('accepts up to the quantity of courses not assigned', () => {
    expect(checkChoices({ ...base, next: ['c1', 'c2'] })).toEqual([]);
    expect(checkChoices({ ...base, next: ['c1'] })).toEqual([]);
  });
  it('refuses too many, duplicates, assigned ones, and dropping a completed choice', () => {
    expect(checkChoices({ ...base, next: ['c1', 'c2', 'c3'] })[0]).toEqual({ kind: 'too_many', quantity: 2 });
    expect(checkChoices({ ...base, next: ['c1', 'c1'] })).toEqual([{ kind: 'duplicate', courseId: 'c1' }]);
    expect(checkChoices({ ...base, next: ['a1'] })).toEqual([{ kind: 'assigned', courseId: 'a1' }]);
    expect(checkChoices({ ...base, completedChoiceIds: ['c1'], next: ['c2'] })).toEqual([
      { kind: 'completed_removed', courseId: 'c1' },
    ]);
  });
});

describe('hours', () => {
  it('keeps tenths exactly', () => {
    expect(parseHours('1.5')).toBe(15);
    expect(parseHours(1.5)).toBe(15);
    expect(parseHours('2')).toBe(20);
    expect(parseHours(0.1 + 0.2)).toBeNull();
    expect(parseHours('1.25')).toBeNull();
    expect(parseHours('0')).toBeNull();
    expect(parseHours('abc')).toBeNull();
    expect(formatHours(15)).toBe('1.5');
    expect(formatHours(20)).toBe('2');
  });
});

describe('assignedCoursesFor', () => {
  const rows = [
    { unitPath: '/city/', depth: 0, periodKey: '2026-Q1', courseId: 'c1' },
    { unitPath: '/city/', depth: 0, periodKey: '2026-Q1', courseId: 'c2' },
    { unitPath: '/city/a/', depth: 1, periodKey: '2026-Q1', courseId: 'a1' },
    { unitPath: '/city/a/', depth: 1, periodKey: '2026-Q1', courseId: 'a2' },
    { unitPath: '/city/', depth: 0, periodKey: '2026-Q2', courseId: 'c3' },
  ];
  it('takes the nearest assigning unit per quarter, not the sum of all above', () => {
    const county = assignedCoursesFor('/city/a/team/', rows);
    expect(county.get('2026-Q1')).toEqual(['a1', 'a2']);
    expect(county.get('2026-Q2')).toEqual(['c3']);
    expect(assignedCoursesFor('/city/b/', rows).get('2026-Q1')).toEqual(['c1', 'c2']);
    expect(assignedCoursesFor('/other/', rows).size).toBe(0);
  });
});
