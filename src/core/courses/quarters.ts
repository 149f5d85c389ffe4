import { dateOf, endOfMonth, type IsoDate } from '../time/dates.js';

/** A calendar quarter as the programme keys its quarterly obligations: `2026-Q3`. */
export type QuarterKey = string;

const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;

/** Whether a text is a quarter key (`2026-Q1` … `2026-Q4`). */
export function isQuarterKey(key: string): boolean {
  return QUARTER_KEY.test(key);
}

/** The first and last day of a quarter; throws on a malformed key (callers validate first). */
export function quarterBounds(key: QuarterKey): { start: IsoDate; end: IsoDate } {
  const m = QUARTER_KEY.exec(key);
  if (!m) throw new Error(`not a quarter key: ${key}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return { start: dateOf(year, q * 3 - 2, 1), end: endOfMonth(year, q * 3) };
}

/** The quarter a day falls in. */
export function quarterOf(date: IsoDate): QuarterKey {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The quarter before (2026-Q1 → 2025-Q4). */
export function previousQuarter(key: QuarterKey): QuarterKey {
  const { start } = quarterBounds(key);
  const year = Number(start.slice(0, 4));
  const q = Number(key.slice(-1));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}
