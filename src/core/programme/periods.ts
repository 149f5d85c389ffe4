import { addDays, addMonths, dateOf, endOfMonth, type IsoDate } from '../time/dates.js';
import type { DueRule, Recurrence } from './rule.js';

/** One occurrence of a recurring rule: a key (`2026`, `2026-H1`, `2026-Q3`, `2026-07`), its first and last day. */
export type Period = { key: string; start: IsoDate; end: IsoDate };

/** The periods of a calendar year for a recurrence (none for rules created on assignment). */
export function periodsOfYear(recurrence: Recurrence, year: number): Period[] {
  switch (recurrence) {
    case 'yearly':
      return [{ key: `${year}`, start: `${year}-01-01`, end: `${year}-12-31` }];
    case 'half_yearly':
      return [
        { key: `${year}-H1`, start: `${year}-01-01`, end: `${year}-06-30` },
        { key: `${year}-H2`, start: `${year}-07-01`, end: `${year}-12-31` },
      ];
    case 'quarterly':
      return [1, 2, 3, 4].map((q) => ({
        key: `${year}-Q${q}`,
        start: dateOf(year, q * 3 - 2, 1),
        end: endOfMonth(year, q * 3),
      }));
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => ({
        key: `${year}-${String(i + 1).padStart(2, '0')}`,
        start: dateOf(year, i + 1, 1),
        end: endOfMonth(year, i + 1),
      }));
    case 'once_per_cycle':
    case 'as_assigned':
      return [];
  }
}

/** The due date of a period under a due rule; `eventEnd` replaces the nominal event end once known. */
export function dueDateOf(due: DueRule, period: Period, eventEnd?: IsoDate | null): IsoDate {
  switch (due.kind) {
    case 'period_end':
      return period.end;
    case 'after_period_end':
      return addDays(addMonths(period.end, due.months), due.days);
    case 'month_day':
      return dateOf(Number(period.start.slice(0, 4)), due.month, due.day);
    case 'after_event': {
      const year = Number(period.start.slice(0, 4));
      const [month, day] = due.nominalEventEnd.split('-').map(Number);
      const end = eventEnd ?? dateOf(year, month, day);
      return addDays(addMonths(end, due.months), due.days);
    }
  }
}

/**
 * The due date once the event an obligation follows has actually been held on `eventDate`: rules
 * due after an event (the training's reflection a month after it ends, the reading reflection a
 * month after the study period) count from it; a rule whose nominal date stood in for the event
 * itself (the exam at the half-year end, the month's business-analysis meeting, the November
 * report meeting) is due on the event's date.
 */
export function eventDueDate(due: DueRule, period: Period, eventDate: IsoDate): IsoDate {
  return due.kind === 'after_event' ? dueDateOf(due, period, eventDate) : eventDate;
}

/**
 * The due date of an obligation after its event is recorded (`eventDate`) or taken back (`null`:
 * the training's participant removed, the reading plan unpublished): with no event it falls back to
 * the rule's nominal date, as the schedule generated it.
 */
export function rescheduledDueDate(due: DueRule, period: Period, eventDate: IsoDate | null): IsoDate {
  return eventDate ? eventDueDate(due, period, eventDate) : dueDateOf(due, period);
}

/** The period of a recurrence holding a day (which obligation an event on that day affects); null for rules without periods. */
export function periodOn(recurrence: Recurrence, date: IsoDate): Period | null {
  const year = Number(date.slice(0, 4));
  return periodsOfYear(recurrence, year).find((p) => p.start <= date && date <= p.end) ?? null;
}
