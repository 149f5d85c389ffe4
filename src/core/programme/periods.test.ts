import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-programme.js';
import { dueDateOf, eventDueDate, periodsOfYear } from './periods.js';

const rule = (key: string) => DEFAULT_RULES.find((r) => r.key === key)!;
const yearPeriod = (year: number) => periodsOfYear('yearly', year)[0];

describe('eventDueDate: an event actually held moves the due date', () => {
  it('counts a month from the end of the training (六(一)1), at month ends and in leap years', () => {
    const due = rule('training_reflection').due;
    expect(eventDueDate(due, yearPeriod(2026), '2026-06-15')).toBe('2026-07-15');
    // A month after 31 May is 30 June (no 31 June); after 31 Jan is the end of February.
    expect(eventDueDate(due, yearPeriod(2026), '2026-05-31')).toBe('2026-06-30');
    expect(eventDueDate(due, yearPeriod(2027), '2027-01-31')).toBe('2027-02-28');
    expect(eventDueDate(due, yearPeriod(2028), '2028-01-31')).toBe('2028-02-29');
    // An event ending on the year's last day is due in the next year.
    expect(eventDueDate(due, yearPeriod(2026), '2026-12-31')).toBe('2027-01-31');
  });

  it('differs from the nominal date only when the event is known', () => {
    const due = rule('reading_reflection').due;
    expect(dueDateOf(due, yearPeriod(2026))).toBe('2026-11-30');
    expect(eventDueDate(due, yearPeriod(2026), '2026-09-20')).toBe('2026-10-20');
    // A period ending on a month's last day is due on the next month's last day (addMonths).
    expect(eventDueDate(due, yearPeriod(2026), '2026-09-30')).toBe('2026-10-31');
  });

  it('puts an exam, a meeting or the report meeting on the day it is held', () => {
    const [h1] = periodsOfYear('half_yearly', 2026);
    expect(eventDueDate(rule('theory_exam').due, h1, '2026-06-18')).toBe('2026-06-18');
    const [march] = periodsOfYear('monthly', 2026).slice(2);
    expect(eventDueDate(rule('business_meeting').due, march, '2026-03-06')).toBe('2026-03-06');
    expect(eventDueDate(rule('annual_report').due, yearPeriod(2026), '2026-11-04')).toBe('2026-11-04');
  });
});
