import { type Period, periodsOfYear } from '../programme/periods.js';
import type { Recurrence } from '../programme/rule.js';
import { type ObligationState, obligationStatus } from '../programme/status.js';
import { type IsoDate, yearOf } from '../time/dates.js';

/** The period of a recurrence that contains a day (the quarter a talk on 31 March counts for). */
export function periodContaining(recurrence: Recurrence, date: IsoDate): Period | null {
  return periodsOfYear(recurrence, yearOf(date)).find((p) => p.start <= date && date <= p.end) ?? null;
}

/** One obligation to talk, as "talks I owe" reads it. */
export type OwedObligation = {
  reserveId: string;
  ruleKey: string;
  periodKey: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueDate: IsoDate;
  state: ObligationState;
  fulfilledOn: IsoDate | null;
};

export const OWED_STATUSES = ['overdue', 'due_soon', 'upcoming', 'done'] as const;
export type OwedStatus = (typeof OWED_STATUSES)[number];

/** A talker's duty towards one reserve under one rule, over the obligations of a year. */
export type OwedLine = {
  reserveId: string;
  ruleKey: string;
  total: number;
  /** Fulfilled (on time or late) or waived. */
  done: number;
  overdue: number;
  /** The earliest period still to talk in (open, returned or submitted), with its deadline. */
  next: { periodKey: string; periodStart: IsoDate; periodEnd: IsoDate; dueDate: IsoDate } | null;
  status: OwedStatus;
};

/**
 * Folds a talker's obligations into one line per reserve and rule: how many are done, how many are
 * overdue, and the next deadline. The line is overdue when any period is; otherwise it takes the
 * status of its next deadline, or `done` when nothing is left to do. Sorted: overdue first, then by
 * the next deadline.
 */
export function summariseOwed(
  obligations: readonly OwedObligation[],
  today: IsoDate,
  dueSoonDays: number,
): OwedLine[] {
  const lines = new Map<string, OwedLine>();
  const sorted = [...obligations].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  for (const o of sorted) {
    const key = `${o.reserveId}|${o.ruleKey}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        reserveId: o.reserveId,
        ruleKey: o.ruleKey,
        total: 0,
        done: 0,
        overdue: 0,
        next: null,
        status: 'done',
      };
      lines.set(key, line);
    }
    line.total += 1;
    const status = obligationStatus(o, today, dueSoonDays);
    if (o.state === 'fulfilled' || o.state === 'waived') line.done += 1;
    else if (status === 'overdue') line.overdue += 1;
    else if (!line.next) {
      line.next = {
        periodKey: o.periodKey,
        periodStart: o.periodStart,
        periodEnd: o.periodEnd,
        dueDate: o.dueDate,
      };
    }
  }
  for (const line of lines.values()) {
    if (line.overdue > 0) line.status = 'overdue';
    else if (line.next) {
      const status = obligationStatus(
        { state: 'open', dueDate: line.next.dueDate, fulfilledOn: null },
        today,
        dueSoonDays,
      );
      line.status = status === 'due_soon' ? 'due_soon' : 'upcoming';
    }
  }
  return [...lines.values()].sort(compareOwed);
}

const RANK: Record<OwedStatus, number> = { overdue: 0, due_soon: 1, upcoming: 2, done: 3 };

/** The order of "talks I owe": overdue first, then by the next deadline. */
export function compareOwed(a: OwedLine, b: OwedLine): number {
  return (
    RANK[a.status] - RANK[b.status] ||
    (a.next?.dueDate ?? '9999').localeCompare(b.next?.dueDate ?? '9999') ||
    a.reserveId.localeCompare(b.reserveId) ||
    a.ruleKey.localeCompare(b.ruleKey)
  );
}
