import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../programme/default-programme.js';
import { cycleEndOf, planYear } from '../programme/schedule.js';
import { addDays } from '../time/dates.js';
import { TALK_EVIDENCE, TALK_KINDS, talkKindForEvidence } from './talk-kinds.js';
import { type OwedObligation, periodContaining, summariseOwed } from './talk-plan.js';

const TALK_RULES = DEFAULT_RULES.filter((r) =>
  ['leader_talk', 'hr_leader_talk', 'mentor_talk'].includes(r.key),
);

describe('periodContaining', () => {
  it('puts a talk on the last day of a quarter in that quarter, and the next day in the next', () => {
    expect(periodContaining('quarterly', '2026-03-31')?.key).toBe('2026-Q1');
    expect(periodContaining('quarterly', '2026-04-01')?.key).toBe('2026-Q2');
    expect(periodContaining('quarterly', '2026-06-30')?.key).toBe('2026-Q2');
    expect(periodContaining('quarterly', '2026-07-01')?.key).toBe('2026-Q3');
    expect(periodContaining('quarterly', '2026-09-30')?.key).toBe('2026-Q3');
    expect(periodContaining('quarterly', '2026-10-01')?.key).toBe('2026-Q4');
  });

  it('splits years and half-years at their edges', () => {
    expect(periodContaining('quarterly', '2026-12-31')?.key).toBe('2026-Q4');
    expect(periodContaining('quarterly', '2027-01-01')?.key).toBe('2027-Q1');
    expect(periodContaining('half_yearly', '2026-06-30')?.key).toBe('2026-H1');
    expect(periodContaining('half_yearly', '2026-07-01')?.key).toBe('2026-H2');
    expect(periodContaining('yearly', '2026-12-31')?.key).toBe('2026');
    expect(periodContaining('yearly', '2027-01-01')?.key).toBe('2027');
  });

  it('handles 29 February of a leap year', () => {
    expect(periodContaining('quarterly', '2028-02-29')?.key).toBe('2028-Q1');
    expect(periodContaining('monthly', '2028-02-29')?.key).toBe('2028-02');
  });

  it('has no period for rules made on assignment', () => {
    expect(periodContaining('as_assigned', '2026-05-01')).toBeNull();
  });

  it('always finds a period containing the day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 8 }),
        fc.constantFrom('yearly', 'half_yearly', 'quarterly', 'monthly' as const),
        (offset, recurrence) => {
          const day = addDays('2024-01-01', offset);
          const period = periodContaining(recurrence, day)!;
          expect(period.start <= day && day <= period.end).toBe(true);
        },
      ),
    );
  });
});

describe('the talk plan of the default programme', () => {
  const plan = (enrolledOn: string, year: number, mentorStarts?: Record<string, string>) =>
    planYear({
      rules: TALK_RULES,
      year,
      enrolledOn,
      cycleEnd: cycleEndOf(enrolledOn, 2),
      mentorIds: ['m1', 'm2'],
      mentorStarts,
    });

  it('asks the leader once a year, the HR leader each half-year and each mentor each quarter', () => {
    const planned = plan('2026-01-01', 2026);
    expect(planned.filter((p) => p.ruleKey === 'leader_talk').map((p) => p.dueDate)).toEqual(['2026-12-31']);
    expect(planned.filter((p) => p.ruleKey === 'hr_leader_talk').map((p) => p.dueDate)).toEqual([
      '2026-06-30',
      '2026-12-31',
    ]);
    const m1 = planned.filter((p) => p.ruleKey === 'mentor_talk' && p.actorPersonId === 'm1');
    expect(m1.map((p) => p.dueDate)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
  });

  it('a reserve enrolled on the last day of a quarter still owes that quarter; the next day, not', () => {
    expect(
      plan('2026-03-31', 2026).filter((p) => p.ruleKey === 'mentor_talk' && p.actorPersonId === 'm1'),
    ).toHaveLength(4);
    expect(
      plan('2026-04-01', 2026).filter((p) => p.ruleKey === 'mentor_talk' && p.actorPersonId === 'm1'),
    ).toHaveLength(3);
  });

  it('a mentor assigned during the year owes talks from the quarter of the assignment on', () => {
    const planned = plan('2026-01-15', 2026, { m2: '2026-07-01' });
    expect(planned.filter((p) => p.ruleKey === 'mentor_talk' && p.actorPersonId === 'm1')).toHaveLength(4);
    expect(
      planned.filter((p) => p.ruleKey === 'mentor_talk' && p.actorPersonId === 'm2').map((p) => p.periodKey),
    ).toEqual(['2026-Q3', '2026-Q4']);
    // Assigned on 30 September: Q3 is still owed (due that day); from 1 October only Q4.
    expect(
      plan('2026-01-15', 2026, { m2: '2026-09-30' }).filter((p) => p.actorPersonId === 'm2'),
    ).toHaveLength(2);
    expect(
      plan('2026-01-15', 2026, { m2: '2026-10-01' }).filter((p) => p.actorPersonId === 'm2'),
    ).toHaveLength(1);
  });

  it('a mentor start before enrolment changes nothing', () => {
    expect(plan('2026-04-10', 2026, { m2: '2025-01-01' })).toEqual(plan('2026-04-10', 2026));
  });

  it('a mentor start in an earlier year owes the whole of a later year', () => {
    expect(plan('2026-01-15', 2027, { m2: '2026-08-01' })).toEqual(plan('2026-01-15', 2027));
  });
});

describe('talk kinds', () => {
  it('maps every kind that settles an obligation back from its evidence kind', () => {
    for (const kind of TALK_KINDS) {
      const evidence = TALK_EVIDENCE[kind];
      if (evidence) expect(talkKindForEvidence(evidence.evidenceKind)).toBe(kind);
    }
    expect(talkKindForEvidence('reading_reflection')).toBeNull();
  });
});

const obligation = (overrides: Partial<OwedObligation>): OwedObligation => ({
  reserveId: 'r1',
  ruleKey: 'mentor_talk',
  periodKey: '2026-Q1',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  dueDate: '2026-03-31',
  state: 'open',
  fulfilledOn: null,
  ...overrides,
});

const quarters = (states: OwedObligation['state'][]) =>
  states.map((state, i) =>
    obligation({
      periodKey: `2026-Q${i + 1}`,
      dueDate: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'][i],
      state,
      fulfilledOn: state === 'fulfilled' ? '2026-01-10' : null,
    }),
  );

describe('summariseOwed', () => {
  it('gives the next deadline and counts what is done', () => {
    const [line] = summariseOwed(quarters(['fulfilled', 'open', 'open', 'open']), '2026-05-01', 14);
    expect(line).toMatchObject({ total: 4, done: 1, overdue: 0, status: 'upcoming' });
    expect(line.next?.periodKey).toBe('2026-Q2');
  });

  it('is due soon inside the window, and overdue the day after the deadline', () => {
    expect(summariseOwed(quarters(['fulfilled', 'open']), '2026-06-20', 14)[0].status).toBe('due_soon');
    expect(summariseOwed(quarters(['fulfilled', 'open']), '2026-06-30', 14)[0].status).toBe('due_soon');
    const late = summariseOwed(quarters(['fulfilled', 'open', 'open']), '2026-07-01', 14)[0];
    expect(late).toMatchObject({ status: 'overdue', overdue: 1 });
    expect(late.next?.periodKey).toBe('2026-Q3');
  });

  it('is done when every period is fulfilled or waived', () => {
    const [line] = summariseOwed(
      quarters(['fulfilled', 'waived', 'fulfilled', 'fulfilled']),
      '2026-12-31',
      14,
    );
    expect(line).toMatchObject({ status: 'done', done: 4, next: null });
  });

  it('lists overdue lines first, then by next deadline', () => {
    const lines = summariseOwed(
      [
        obligation({ reserveId: 'a', dueDate: '2026-12-31', periodKey: '2026', ruleKey: 'leader_talk' }),
        obligation({ reserveId: 'b', dueDate: '2026-06-30' }),
        obligation({ reserveId: 'c', dueDate: '2026-03-31' }),
      ],
      '2026-05-01',
      14,
    );
    expect(lines.map((l) => l.reserveId)).toEqual(['c', 'b', 'a']);
    expect(lines[0].status).toBe('overdue');
  });

  it('counts every obligation once (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('open', 'fulfilled', 'waived', 'submitted', 'returned' as const), {
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 400 }),
        (states, offset) => {
          const list = quarters(states);
          const lines = summariseOwed(list, addDays('2026-01-01', offset), 14);
          expect(lines.reduce((n, l) => n + l.total, 0)).toBe(list.length);
          for (const l of lines) expect(l.done + l.overdue).toBeLessThanOrEqual(l.total);
        },
      ),
    );
  });
});
