import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/dates.js';
import {
  isCompliant,
  OBLIGATION_STATES,
  OBLIGATION_STATUS_LABELS,
  OBLIGATION_STATUSES,
  type ObligationState,
  obligationStatus,
} from './status.js';

const DUE = '2026-06-30';
const SOON = 7;

function status(state: ObligationState, today: string, fulfilledOn: string | null = null, dueDate = DUE) {
  return obligationStatus({ state, dueDate, fulfilledOn }, today, SOON);
}

describe('obligationStatus', () => {
  it('open before the due-soon window → upcoming', () => {
    expect(status('open', '2026-06-01')).toBe('upcoming');
    expect(status('open', addDays(DUE, -(SOON + 1)))).toBe('upcoming');
  });

  it('open within N days of the due date → due soon (exactly N days included)', () => {
    expect(status('open', addDays(DUE, -SOON))).toBe('due_soon');
    expect(status('open', addDays(DUE, -1))).toBe('due_soon');
  });

  it('open and due today → due soon, not overdue', () => {
    expect(status('open', DUE)).toBe('due_soon');
  });

  it('open and past due → overdue', () => {
    expect(status('open', addDays(DUE, 1))).toBe('overdue');
    expect(status('open', '2027-01-01')).toBe('overdue');
  });

  it('with a zero-day window, only today is due soon', () => {
    expect(obligationStatus({ state: 'open', dueDate: DUE, fulfilledOn: null }, DUE, 0)).toBe('due_soon');
    expect(obligationStatus({ state: 'open', dueDate: DUE, fulfilledOn: null }, addDays(DUE, -1), 0)).toBe(
      'upcoming',
    );
  });

  it('crosses month and year ends when counting the window', () => {
    expect(
      obligationStatus({ state: 'open', dueDate: '2027-01-03', fulfilledOn: null }, '2026-12-28', 7),
    ).toBe('due_soon');
    expect(
      obligationStatus({ state: 'open', dueDate: '2027-01-05', fulfilledOn: null }, '2026-12-28', 7),
    ).toBe('upcoming');
  });

  it('submitted → submitted, even past due (the reserve has acted)', () => {
    expect(status('submitted', '2026-06-01')).toBe('submitted');
    expect(status('submitted', DUE)).toBe('submitted');
    expect(status('submitted', '2026-09-01')).toBe('submitted');
  });

  it('returned before or on the due date → returned; after → overdue', () => {
    expect(status('returned', '2026-06-01')).toBe('returned');
    expect(status('returned', DUE)).toBe('returned');
    expect(status('returned', addDays(DUE, 1))).toBe('overdue');
  });

  it('fulfilled on or before the due date → fulfilled; after → fulfilled late', () => {
    expect(status('fulfilled', '2026-09-01', '2026-06-01')).toBe('fulfilled');
    expect(status('fulfilled', '2026-09-01', DUE)).toBe('fulfilled');
    expect(status('fulfilled', '2026-09-01', addDays(DUE, 1))).toBe('fulfilled_late');
    // Without a fulfilment date it cannot be late.
    expect(status('fulfilled', '2026-09-01', null)).toBe('fulfilled');
  });

  it('fulfilled status does not depend on today', () => {
    expect(status('fulfilled', '2026-01-01', '2026-06-01')).toBe('fulfilled');
    expect(status('fulfilled', '2030-01-01', '2026-07-15')).toBe('fulfilled_late');
  });

  it('waived → waived, whatever the dates', () => {
    expect(status('waived', '2026-06-01')).toBe('waived');
    expect(status('waived', '2027-06-01')).toBe('waived');
  });

  it('always gives one of the statuses, with a label in both languages', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OBLIGATION_STATES),
        fc.integer({ min: -400, max: 400 }),
        fc.option(fc.integer({ min: -400, max: 400 })),
        fc.integer({ min: 0, max: 60 }),
        (state, todayOffset, fulfilledOffset, window) => {
          const s = obligationStatus(
            {
              state,
              dueDate: DUE,
              fulfilledOn: fulfilledOffset === null ? null : addDays(DUE, fulfilledOffset),
            },
            addDays(DUE, todayOffset),
            window,
          );
          expect(OBLIGATION_STATUSES).toContain(s);
          expect(OBLIGATION_STATUS_LABELS[s].zh.length).toBeGreaterThan(0);
          expect(OBLIGATION_STATUS_LABELS[s].en.length).toBeGreaterThan(0);
          // Overdue only for open or returned work past its due date.
          expect(s === 'overdue').toBe((state === 'open' || state === 'returned') && todayOffset > 0);
        },
      ),
    );
  });
});

describe('isCompliant', () => {
  it('only overdue is non-compliant', () => {
    for (const s of OBLIGATION_STATUSES) expect(isCompliant(s)).toBe(s !== 'overdue');
  });

  it('an open obligation is compliant until the day after it is due', () => {
    expect(isCompliant(status('open', DUE))).toBe(true);
    expect(isCompliant(status('open', addDays(DUE, 1)))).toBe(false);
    expect(isCompliant(status('returned', addDays(DUE, 1)))).toBe(false);
    expect(isCompliant(status('submitted', addDays(DUE, 1)))).toBe(true);
    expect(isCompliant(status('fulfilled', addDays(DUE, 30), addDays(DUE, 10)))).toBe(true);
  });
});
