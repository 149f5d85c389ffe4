import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../programme/default-programme.js';
import { periodOn, periodsOfYear, rescheduledDueDate } from '../programme/periods.js';
import { affectedPeriodKey, checkReadingPlan, trainingDateIssues, trainingYear } from './learning.js';

const rule = (key: string) => DEFAULT_RULES.find((r) => r.key === key)!;
const year = (y: number) => periodsOfYear('yearly', y)[0];
const material = (title: string) => ({ title });

describe('rescheduledDueDate: an event recorded, then taken back', () => {
  const training = rule('training_reflection').due;
  const reading = rule('reading_reflection').due;

  it('counts one month from the training end, at month and year edges and in leap years', () => {
    expect(rescheduledDueDate(training, year(2026), '2026-05-22')).toBe('2026-06-22');
    expect(rescheduledDueDate(training, year(2027), '2027-01-31')).toBe('2027-02-28');
    expect(rescheduledDueDate(training, year(2028), '2028-01-31')).toBe('2028-02-29');
    expect(rescheduledDueDate(training, year(2028), '2028-01-30')).toBe('2028-02-29');
    expect(rescheduledDueDate(training, year(2026), '2026-12-31')).toBe('2027-01-31');
    expect(rescheduledDueDate(training, year(2026), '2026-12-15')).toBe('2027-01-15');
  });

  it('falls back to the nominal date when the event is gone', () => {
    // Nominal training end 30 June → 31 July (a month-end stays a month-end).
    expect(rescheduledDueDate(training, year(2026), null)).toBe('2026-07-31');
    // Nominal study period end 31 October → 30 November.
    expect(rescheduledDueDate(reading, year(2026), null)).toBe('2026-11-30');
    expect(rescheduledDueDate(reading, year(2026), '2026-09-15')).toBe('2026-10-15');
    // A rule due at the period end is restored to it.
    expect(rescheduledDueDate(rule('theory_exam').due, periodsOfYear('half_yearly', 2026)[0], null)).toBe(
      '2026-06-30',
    );
  });
});

describe('which obligation an event affects', () => {
  it('is the period holding the day', () => {
    expect(affectedPeriodKey('yearly', '2026-05-22')).toBe('2026');
    expect(affectedPeriodKey('yearly', '2026-12-31')).toBe('2026');
    expect(affectedPeriodKey('yearly', '2027-01-01')).toBe('2027');
    expect(affectedPeriodKey('quarterly', '2026-03-31')).toBe('2026-Q1');
    expect(affectedPeriodKey('quarterly', '2026-04-01')).toBe('2026-Q2');
    expect(affectedPeriodKey('half_yearly', '2028-02-29')).toBe('2028-H1');
    expect(affectedPeriodKey('once_per_cycle', '2026-05-01')).toBeNull();
    expect(periodOn('monthly', '2026-02-28')?.end).toBe('2026-02-28');
  });

  it('counts a training for the year it starts in', () => {
    expect(trainingYear('2026-05-20')).toBe(2026);
  });
});

describe('training dates', () => {
  it('accepts an unknown end, refuses an end before the start or in another year', () => {
    expect(trainingDateIssues({ startOn: '2026-05-20', endOn: null })).toEqual([]);
    expect(trainingDateIssues({ startOn: '2026-05-20', endOn: '2026-05-20' })).toEqual([]);
    expect(trainingDateIssues({ startOn: '2026-05-20', endOn: '2026-05-19' })[0].path).toBe('endOn');
    expect(trainingDateIssues({ startOn: '2026-12-30', endOn: '2027-01-02' })[0].message).toContain('跨年度');
  });
});

describe('reading plan checks', () => {
  const plan = (n: number, studyStart = '2026-07-01', studyEnd = '2026-09-30') => ({
    year: 2026,
    studyStart,
    studyEnd,
    materials: Array.from({ length: n }, (_, i) => material(`书${i}`)),
  });

  it('takes 2–3 materials silently, warns at one, refuses none or more than three', () => {
    expect(checkReadingPlan(plan(2))).toEqual({ issues: [], warnings: [] });
    expect(checkReadingPlan(plan(3))).toEqual({ issues: [], warnings: [] });
    const one = checkReadingPlan(plan(1));
    expect(one.issues).toEqual([]);
    expect(one.warnings[0]).toContain('2-3');
    expect(checkReadingPlan(plan(0)).issues[0].path).toBe('materials');
    const four = checkReadingPlan(plan(4));
    expect(four.issues[0].message).toContain('最多 3 种');
    expect(four.issues[0].message).toContain('4');
  });

  it('wants a study period inside the year, end not before start', () => {
    expect(checkReadingPlan(plan(2, '2026-09-30', '2026-07-01')).issues.map((i) => i.path)).toEqual([
      'studyEnd',
    ]);
    expect(checkReadingPlan(plan(2, '2025-12-01', '2026-01-31')).issues.map((i) => i.path)).toEqual([
      'studyStart',
    ]);
    expect(checkReadingPlan(plan(2, '2026-12-01', '2027-01-31')).issues.map((i) => i.path)).toEqual([
      'studyEnd',
    ]);
    expect(checkReadingPlan(plan(2, '2026-01-01', '2026-12-31')).issues).toEqual([]);
  });
});
