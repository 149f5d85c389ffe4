import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateOf, daysBetween, endOfMonth, todayIn, yearOf } from './dates.js';

/** A valid business date between 2000 and 2100 (fast-check dates in UTC, no invalid dates). */
const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Whether a string is a real calendar date written as YYYY-MM-DD. */
function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-04-30', 1)).toBe('2026-05-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('knows 29 February in leap years (2024, 2028, 2000) and not in 2100', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('going n days forward and n days back returns to the same date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
      }),
    );
  });

  it('always gives a valid date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        expect(isValidIsoDate(addDays(d, n))).toBe(true);
      }),
    );
  });
});

describe('endOfMonth', () => {
  it('gives the last day of each month', () => {
    expect(endOfMonth(2026, 1)).toBe('2026-01-31');
    expect(endOfMonth(2026, 2)).toBe('2026-02-28');
    expect(endOfMonth(2024, 2)).toBe('2024-02-29');
    expect(endOfMonth(2028, 2)).toBe('2028-02-29');
    expect(endOfMonth(2000, 2)).toBe('2000-02-29');
    expect(endOfMonth(2100, 2)).toBe('2100-02-28');
    expect(endOfMonth(2026, 4)).toBe('2026-04-30');
    expect(endOfMonth(2026, 6)).toBe('2026-06-30');
    expect(endOfMonth(2026, 9)).toBe('2026-09-30');
    expect(endOfMonth(2026, 11)).toBe('2026-11-30');
    expect(endOfMonth(2026, 12)).toBe('2026-12-31');
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-30', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
  });

  it('keeps a month-end date at the month end', () => {
    expect(addMonths('2026-04-30', 1)).toBe('2026-05-31');
    expect(addMonths('2026-02-28', 1)).toBe('2026-03-31');
    expect(addMonths('2024-02-29', 1)).toBe('2024-03-31');
    expect(addMonths('2026-06-30', 1)).toBe('2026-07-31');
    expect(addMonths('2026-09-30', 1)).toBe('2026-10-31');
    expect(addMonths('2026-12-31', 1)).toBe('2027-01-31');
    // 28 Feb is not the month end in a leap year: it stays the 28th.
    expect(addMonths('2024-02-28', 1)).toBe('2024-03-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('goes back with negative months', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-06-15', -18)).toBe('2024-12-15');
    expect(addMonths('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('wraps the year', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-10', 24)).toBe('2028-01-10');
  });

  it('always gives a valid date in the right month, on the same day or the month end', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -60, max: 60 }), (d, n) => {
        const result = addMonths(d, n);
        expect(isValidIsoDate(result)).toBe(true);
        const [y, m, day] = d.split('-').map(Number);
        const index = y * 12 + (m - 1) + n;
        const year = Math.floor(index / 12);
        const month = (index % 12) + 1;
        expect(result.slice(0, 7)).toBe(`${year}-${String(month).padStart(2, '0')}`);
        const last = Number(endOfMonth(year, month).slice(8));
        const wasLast = day === Number(endOfMonth(y, m).slice(8));
        expect(Number(result.slice(8))).toBe(wasLast ? last : Math.min(day, last));
      }),
    );
  });
});

describe('dateOf', () => {
  it('builds a date and clamps to the month end', () => {
    expect(dateOf(2026, 11, 10)).toBe('2026-11-10');
    expect(dateOf(2026, 1, 1)).toBe('2026-01-01');
    expect(dateOf(2026, 2, 29)).toBe('2026-02-28');
    expect(dateOf(2024, 2, 29)).toBe('2024-02-29');
    expect(dateOf(2024, 2, 31)).toBe('2024-02-29');
    expect(dateOf(2026, 4, 31)).toBe('2026-04-30');
    expect(dateOf(2100, 2, 29)).toBe('2100-02-28');
  });
});

describe('daysBetween', () => {
  it('counts whole days, signed', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2026-01-02')).toBe(1);
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(-1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    // Daylight-saving changes in other zones play no part (computed in UTC).
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('daysBetween(d, addDays(d, n)) is n', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe('todayIn', () => {
  it('uses the business time zone, not UTC, near midnight', () => {
    const instant = new Date('2026-12-31T16:30:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2027-01-01');
    expect(todayIn(undefined, instant)).toBe('2027-01-01');
    expect(todayIn('UTC', instant)).toBe('2026-12-31');
  });

  it('the day changes at 16:00 UTC in Shanghai', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(todayIn('Asia/Shanghai', new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(todayIn('Asia/Shanghai', new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });

  it('is always a valid date in YYYY-MM-DD form', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (now) => {
          const today = todayIn('Asia/Shanghai', now);
          expect(isValidIsoDate(today)).toBe(true);
          // Shanghai is UTC+8 (no daylight saving since 1991): today is the UTC date of now + 8 h.
          expect(today).toBe(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
        },
      ),
    );
  });
});

describe('yearOf', () => {
  it('reads the year', () => {
    expect(yearOf('2026-12-31')).toBe(2026);
    expect(yearOf('2000-01-01')).toBe(2000);
  });
});
