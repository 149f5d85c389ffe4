import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/dates.js';
import { DEFAULT_RULES } from './default-programme.js';
import type { Rule } from './rule.js';
import {
  cycleEndOf,
  obligationKey,
  type PlannedObligation,
  planYear,
  type ScheduleInput,
} from './schedule.js';

const MENTORS = ['m1', 'm2'];

function plan(enrolledOn: string, year: number, cycleYears = 2, extra: Partial<ScheduleInput> = {}) {
  return planYear({
    rules: DEFAULT_RULES,
    year,
    enrolledOn,
    cycleEnd: cycleEndOf(enrolledOn, cycleYears),
    mentorIds: MENTORS,
    ...extra,
  });
}

function keysOf(list: PlannedObligation[], ruleKey: string): string[] {
  return list.filter((o) => o.ruleKey === ruleKey).map((o) => o.periodKey);
}

function customRule(overrides: Partial<Rule>): Rule {
  return {
    key: 'custom_rule',
    title: 'Custom',
    evidenceKind: 'special_project',
    recurrence: 'yearly',
    quantity: 1,
    minChars: null,
    due: { kind: 'period_end' },
    actor: 'reserve',
    hrReview: false,
    activeMonths: [],
    note: '',
    ...overrides,
  };
}

describe('cycleEndOf', () => {
  it('ends the day before the anniversary', () => {
    expect(cycleEndOf('2026-01-01', 2)).toBe('2027-12-31');
    expect(cycleEndOf('2025-07-01', 1)).toBe('2026-06-30');
    expect(cycleEndOf('2026-08-15', 3)).toBe('2029-08-14');
    expect(cycleEndOf('2026-03-31', 1)).toBe('2027-03-30');
    expect(cycleEndOf('2026-04-30', 1)).toBe('2027-04-29');
  });

  it('a cycle starting 29 Feb 2024 for one year ends 2025-02-28; one starting 28 Feb 2027 ends 2028-02-27', () => {
    expect(cycleEndOf('2024-02-29', 1)).toBe('2025-02-28');
    expect(cycleEndOf('2027-02-28', 1)).toBe('2028-02-27');
    expect(cycleEndOf('2023-02-28', 1)).toBe('2024-02-27');
  });
});

describe('mid-year enrolment (pro-rating)', () => {
  const list = plan('2026-08-15', 2026);

  it('leaves out quarters already past and keeps the quarter under way', () => {
    for (const key of ['assigned_courses', 'chosen_courses', 'quarterly_reflection']) {
      expect(keysOf(list, key)).toEqual(['2026-Q3', '2026-Q4']);
    }
    expect(keysOf(list, 'mentor_talk')).toEqual(['2026-Q3', '2026-Q3', '2026-Q4', '2026-Q4']);
  });

  it('leaves out the training reflection already due (07-31) before enrolment', () => {
    expect(keysOf(list, 'training_reflection')).toEqual([]);
  });

  it('asks for a share of a yearly quantity, rounded up (2 internal trainings → 1 from mid-August)', () => {
    const internal = list.filter((o) => o.ruleKey === 'internal_training');
    expect(internal).toHaveLength(1);
    // 2 × 139 / 365 = 0.76 → 1
    expect(internal[0].quantity).toBe(1);
  });

  it('rounds a quarterly share up (2 courses, 47 of 92 days of Q3 left → 2)', () => {
    const q3 = list.filter((o) => o.ruleKey === 'assigned_courses' && o.periodKey === '2026-Q3');
    expect(q3[0].quantity).toBe(2);
  });

  it('plans the monthly meetings from August', () => {
    expect(keysOf(list, 'business_meeting')).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('keeps only H2 of half-yearly rules, and the yearly ones still ahead', () => {
    expect(keysOf(list, 'theory_exam')).toEqual(['2026-H2']);
    expect(keysOf(list, 'hr_leader_talk')).toEqual(['2026-H2']);
    expect(keysOf(list, 'reading_reflection')).toEqual(['2026']);
    expect(keysOf(list, 'annual_report')).toEqual(['2026']);
    expect(keysOf(list, 'grassroots_research')).toEqual(['2026']);
  });

  it('enrolled on the first day of a quarter keeps that quarter, in full', () => {
    const april = plan('2026-04-01', 2026);
    expect(keysOf(april, 'assigned_courses')).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(april.find((o) => o.ruleKey === 'assigned_courses' && o.periodKey === '2026-Q2')?.quantity).toBe(
      2,
    );
    // The yearly internal training: 2 × 275/365 = 1.5 → 2.
    expect(april.find((o) => o.ruleKey === 'internal_training')?.quantity).toBe(2);
  });

  it('enrolled on the last day of a quarter keeps that quarter', () => {
    const march = plan('2026-03-31', 2026);
    expect(keysOf(march, 'assigned_courses')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    // One day of 90 left: 2 × 1/90 rounds up to 1.
    expect(march.find((o) => o.ruleKey === 'assigned_courses' && o.periodKey === '2026-Q1')?.quantity).toBe(
      1,
    );
    expect(keysOf(march, 'quarterly_reflection')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it('enrolled after the last day of a quarter does not keep it', () => {
    expect(keysOf(plan('2026-04-01', 2026), 'quarterly_reflection')).toEqual([
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
  });

  it('the year after a mid-year enrolment is planned in full', () => {
    expect(plan('2026-08-15', 2027)).toHaveLength(44);
  });

  it('plans nothing for a year before enrolment', () => {
    expect(plan('2026-08-15', 2025)).toHaveLength(0);
  });
});

describe('cycle end', () => {
  it('leap-year start: a cycle from 2024-02-29 for one year plans nothing in 2025 that starts after its end', () => {
    const cycleEnd = cycleEndOf('2024-02-29', 1);
    for (const end of [cycleEnd, '2025-02-28']) {
      const list = planYear({
        rules: DEFAULT_RULES,
        year: 2025,
        enrolledOn: '2024-02-29',
        cycleEnd: end,
        mentorIds: MENTORS,
      });
      expect(list.length).toBeGreaterThan(0);
      for (const o of list) expect(o.periodStart <= end).toBe(true);
      expect(keysOf(list, 'business_meeting')).toEqual(['2025-01', '2025-02']);
      expect(keysOf(list, 'assigned_courses')).toEqual(['2025-Q1']);
    }
  });

  it('a cycle ending mid-year (2025-07-01 + 1 year → 2026-06-30) plans no Q3/Q4 or H2 in 2026', () => {
    const cycleEnd = cycleEndOf('2025-07-01', 1);
    expect(cycleEnd).toBe('2026-06-30');
    const list = plan('2025-07-01', 2026, 1);
    for (const o of list) expect(o.periodStart <= '2026-06-30').toBe(true);
    expect(keysOf(list, 'assigned_courses')).toEqual(['2026-Q1', '2026-Q2']);
    expect(keysOf(list, 'theory_exam')).toEqual(['2026-H1']);
    expect(keysOf(list, 'hr_leader_talk')).toEqual(['2026-H1']);
    expect(keysOf(list, 'business_meeting')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    // The 2025 half of the cycle: from Q3.
    expect(keysOf(plan('2025-07-01', 2025, 1), 'assigned_courses')).toEqual(['2025-Q3', '2025-Q4']);
    expect(plan('2025-07-01', 2027, 1)).toHaveLength(0);
  });
});

describe('once-per-cycle rules', () => {
  const rotation = customRule({
    key: 'planned_rotation',
    evidenceKind: 'rotation',
    recurrence: 'once_per_cycle',
  });

  it('appear once, in the enrolment year, over the whole cycle, and not in later years', () => {
    const enrolledOn = '2026-03-10';
    const cycleEnd = cycleEndOf(enrolledOn, 2);
    const input = { rules: [rotation], enrolledOn, cycleEnd, mentorIds: MENTORS };
    const first = planYear({ ...input, year: 2026 });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      ruleKey: 'planned_rotation',
      periodKey: 'cycle',
      periodStart: enrolledOn,
      periodEnd: cycleEnd,
      dueDate: cycleEnd,
      quantity: 1,
    });
    expect(planYear({ ...input, year: 2027 })).toHaveLength(0);
    expect(planYear({ ...input, year: 2028 })).toHaveLength(0);
  });

  it('are not pro-rated (the period starts on enrolment)', () => {
    const twice = customRule({ key: 'cycle_projects', recurrence: 'once_per_cycle', quantity: 3 });
    const list = planYear({
      rules: [twice],
      year: 2026,
      enrolledOn: '2026-11-20',
      cycleEnd: cycleEndOf('2026-11-20', 1),
      mentorIds: [],
    });
    expect(list).toHaveLength(1);
    expect(list[0].quantity).toBe(3);
  });
});

describe('event ends', () => {
  it('a recorded event end replaces the nominal one (training ended 05-20 → reflection due 06-20)', () => {
    const list = plan('2026-01-01', 2026, 2, { eventEnds: { 'training_reflection|2026': '2026-05-20' } });
    const reflection = list.filter((o) => o.ruleKey === 'training_reflection');
    expect(reflection).toHaveLength(1);
    expect(reflection[0].dueDate).toBe('2026-06-20');
  });

  it('a recorded study-period end moves the reading reflection', () => {
    const list = plan('2026-01-01', 2026, 2, { eventEnds: { 'reading_reflection|2026': '2026-09-30' } });
    expect(list.find((o) => o.ruleKey === 'reading_reflection')?.dueDate).toBe('2026-10-31');
  });

  it('an event end for another year or rule changes nothing', () => {
    const list = plan('2026-01-01', 2026, 2, { eventEnds: { 'training_reflection|2025': '2025-05-20' } });
    expect(list.find((o) => o.ruleKey === 'training_reflection')?.dueDate).toBe('2026-07-31');
  });

  it('a late training for someone enrolled on 1 August moves the reflection after enrolment, so it is owed', () => {
    const nominal = plan('2026-08-01', 2026);
    expect(keysOf(nominal, 'training_reflection')).toEqual([]);
    const late = plan('2026-08-01', 2026, 2, { eventEnds: { 'training_reflection|2026': '2026-07-15' } });
    expect(late.find((o) => o.ruleKey === 'training_reflection')?.dueDate).toBe('2026-08-15');
  });
});

describe('mentors', () => {
  it('each_mentor rules with no mentors plan nothing for mentors', () => {
    const list = plan('2026-01-01', 2026, 2, { mentorIds: [] });
    expect(list.filter((o) => o.actor === 'each_mentor')).toHaveLength(0);
    expect(list).toHaveLength(44 - 10);
  });

  it('one mentor gets one of each', () => {
    const list = plan('2026-01-01', 2026, 2, { mentorIds: ['solo'] });
    expect(list.filter((o) => o.ruleKey === 'mentor_talk')).toHaveLength(4);
    expect(list.filter((o) => o.actor === 'each_mentor').every((o) => o.actorPersonId === 'solo')).toBe(true);
  });

  it('obligationKey tells mentors apart, and is the rule, period and actor', () => {
    const base = { ruleKey: 'mentor_talk', periodKey: '2026-Q1' };
    expect(obligationKey({ ...base, actorPersonId: 'm1' })).not.toBe(
      obligationKey({ ...base, actorPersonId: 'm2' }),
    );
    expect(obligationKey({ ...base, actorPersonId: null })).not.toBe(
      obligationKey({ ...base, actorPersonId: 'm1' }),
    );
    expect(obligationKey({ ...base, actorPersonId: 'm1' })).toBe(
      obligationKey({ ...base, actorPersonId: 'm1' }),
    );
    expect(obligationKey({ ...base, actorPersonId: null })).not.toBe(
      obligationKey({ ruleKey: 'mentor_talk', periodKey: '2026-Q2', actorPersonId: null }),
    );
  });
});

describe('properties over random enrolments', () => {
  const scenario = fc
    .record({
      enrolled: fc.date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      cycleYears: fc.integer({ min: 1, max: 3 }),
      yearOffset: fc.integer({ min: 0, max: 3 }),
      mentorIds: fc.uniqueArray(fc.constantFrom('m1', 'm2', 'm3'), { maxLength: 3 }),
    })
    .map(({ enrolled, cycleYears, yearOffset, mentorIds }) => {
      const enrolledOn = enrolled.toISOString().slice(0, 10);
      const cycleEnd = cycleEndOf(enrolledOn, cycleYears);
      const year = Math.min(Number(enrolledOn.slice(0, 4)) + yearOffset, Number(cycleEnd.slice(0, 4)));
      return { rules: DEFAULT_RULES, year, enrolledOn, cycleEnd, mentorIds } satisfies ScheduleInput;
    });

  it('planning is deterministic', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(planYear(input)).toEqual(planYear(structuredClone(input)));
      }),
    );
  });

  it('obligation keys are unique within a plan', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const keys = planYear(input).map(obligationKey);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('no period ends before enrolment or starts after the cycle end; nothing is due before enrolment', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const o of planYear(input)) {
          expect(o.periodEnd >= input.enrolledOn).toBe(true);
          expect(o.periodStart <= input.cycleEnd).toBe(true);
          expect(o.dueDate >= input.enrolledOn).toBe(true);
          expect(o.periodStart <= o.periodEnd).toBe(true);
        }
      }),
    );
  });

  it('quantities are between 1 and the rule quantity; full when the period lies wholly inside the cycle', () => {
    const byKey = new Map(DEFAULT_RULES.map((r) => [r.key, r]));
    fc.assert(
      fc.property(scenario, (input) => {
        for (const o of planYear(input)) {
          const rule = byKey.get(o.ruleKey)!;
          expect(o.quantity).toBeGreaterThanOrEqual(1);
          expect(o.quantity).toBeLessThanOrEqual(rule.quantity);
          const inside = o.periodStart >= input.enrolledOn && o.periodEnd <= input.cycleEnd;
          if (inside) expect(o.quantity).toBe(rule.quantity);
          // A period cut by the cycle end asks for a share only (2 trainings → 1 when the cycle ends in June).
          if (o.periodStart >= input.enrolledOn && !inside && rule.quantity > 1)
            expect(o.quantity).toBeLessThanOrEqual(rule.quantity);
          expect(o.minChars).toBe(rule.minChars);
          expect(o.actor).toBe(rule.actor);
        }
      }),
    );
  });

  it('mentor rules plan one obligation per mentor, others none with a person', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const list = planYear(input);
        for (const o of list) {
          if (o.actor === 'each_mentor') expect(input.mentorIds).toContain(o.actorPersonId);
          else expect(o.actorPersonId).toBeNull();
        }
        const talks = list.filter((o) => o.ruleKey === 'mentor_talk');
        const periods = new Set(talks.map((o) => o.periodKey));
        expect(talks).toHaveLength(periods.size * input.mentorIds.length);
      }),
    );
  });

  it('a reserve enrolled one day later is never owed more', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const later = { ...input, enrolledOn: addDays(input.enrolledOn, 1) };
        if (later.enrolledOn > later.cycleEnd) return;
        const a = planYear(input);
        const b = planYear(later);
        const total = (l: PlannedObligation[]) => l.reduce((s, o) => s + o.quantity, 0);
        expect(b.length).toBeLessThanOrEqual(a.length);
        expect(total(b)).toBeLessThanOrEqual(total(a));
      }),
    );
  });
});

describe('pro-rating at the cycle end', () => {
  it('asks for a share of a yearly quantity when the cycle ends mid-year', () => {
    const internal = DEFAULT_RULES.filter((r) => r.key === 'internal_training');
    const [o] = planYear({
      rules: internal,
      year: 2026,
      enrolledOn: '2025-07-01',
      cycleEnd: '2026-06-30',
      mentorIds: [],
    });
    expect(o.quantity).toBe(1);
    const [full] = planYear({
      rules: internal,
      year: 2026,
      enrolledOn: '2025-07-01',
      cycleEnd: '2027-06-30',
      mentorIds: [],
    });
    expect(full.quantity).toBe(2);
  });
});

describe('due dates of the reflection rules at month, quarter and year edges', () => {
  const due = (ruleKey: string, year: number, extra: Partial<ScheduleInput> = {}) =>
    plan(`${year}-01-01`, year, 2, extra)
      .filter((o) => o.ruleKey === ruleKey)
      .map((o) => [o.periodKey, o.dueDate]);

  it('the quarterly reflection is due at the end of the month after each quarter; Q4 on 31 January next year', () => {
    expect(due('quarterly_reflection', 2026)).toEqual([
      ['2026-Q1', '2026-04-30'],
      ['2026-Q2', '2026-07-31'],
      ['2026-Q3', '2026-10-31'],
      ['2026-Q4', '2027-01-31'],
    ]);
    // The year before a leap year: Q4 still ends on 31 January; Q1 of the leap year on 30 April.
    expect(due('quarterly_reflection', 2027).at(-1)).toEqual(['2027-Q4', '2028-01-31']);
    expect(due('quarterly_reflection', 2028)[0]).toEqual(['2028-Q1', '2028-04-30']);
  });

  it('the training reflection is due one month after the training ends', () => {
    const training = (end: string, year = Number(end.slice(0, 4))) =>
      due('training_reflection', year, { eventEnds: { [`training_reflection|${year}`]: end } })[0][1];
    // Nominal end 30 June (month end) → 31 July (month end).
    expect(due('training_reflection', 2026)).toEqual([['2026', '2026-07-31']]);
    expect(training('2026-05-31')).toBe('2026-06-30');
    expect(training('2026-06-15')).toBe('2026-07-15');
    // Into a shorter month: clamped to its end, 29 February in a leap year.
    expect(training('2026-01-30')).toBe('2026-02-28');
    expect(training('2028-01-31')).toBe('2028-02-29');
    // A training held in December: due in January of the next year.
    expect(training('2026-12-15')).toBe('2027-01-15');
  });

  it('the reading reflection is due one month after the study period', () => {
    const reading = (end: string, year = Number(end.slice(0, 4))) =>
      due('reading_reflection', year, { eventEnds: { [`reading_reflection|${year}`]: end } })[0][1];
    expect(due('reading_reflection', 2026)).toEqual([['2026', '2026-11-30']]);
    expect(reading('2026-12-31')).toBe('2027-01-31');
    expect(reading('2027-01-31')).toBe('2027-02-28');
    expect(reading('2028-01-29')).toBe('2028-02-29');
    expect(reading('2026-08-31')).toBe('2026-09-30');
  });

  it('the research report is due at the year end', () => {
    expect(due('grassroots_research', 2026)).toEqual([['2026', '2026-12-31']]);
    expect(due('grassroots_research', 2028)).toEqual([['2028', '2028-12-31']]);
  });
});
