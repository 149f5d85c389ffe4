/**
 * Business-date arithmetic on `YYYY-MM-DD` strings (dates in the programme's time zone, no time of
 * day). Computed in UTC so that no server time zone or daylight saving can shift a day.
 */
export type IsoDate = string;

function toUtc(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** The date `days` later (or earlier when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** The last day of a month (month 1–12). */
export function endOfMonth(year: number, month: number): IsoDate {
  return fromUtc(new Date(Date.UTC(year, month, 0)));
}

/**
 * The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
 * A date at the end of its month stays at the end (30 Apr + 1 month = 31 May): "one month after
 * the period ends" then means the end of the next month, as an HR office reads it.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = Number(endOfMonth(year, month).slice(8));
  const wasLast = d === Number(endOfMonth(y, m).slice(8));
  return `${year}-${String(month).padStart(2, '0')}-${String(wasLast ? last : Math.min(d, last)).padStart(2, '0')}`;
}

/** Calendar date of year-month-day, clamped to the month's end (29 Feb in a common year → 28 Feb). */
export function dateOf(year: number, month: number, day: number): IsoDate {
  const last = Number(endOfMonth(year, month).slice(8));
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** Today in a time zone (default Asia/Shanghai), as a business date. */
export function todayIn(timeZone = 'Asia/Shanghai', now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Year of a date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
