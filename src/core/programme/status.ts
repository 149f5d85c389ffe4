import { daysBetween, type IsoDate } from '../time/dates.js';

/** What has happened to an obligation (stored); its status (below) also depends on today. */
export const OBLIGATION_STATES = ['open', 'submitted', 'returned', 'fulfilled', 'waived'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

/** The status shown to users (SPEC §2.4). */
export const OBLIGATION_STATUSES = [
  'upcoming',
  'due_soon',
  'submitted',
  'returned',
  'fulfilled',
  'overdue',
  'fulfilled_late',
  'waived',
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, { zh: string; en: string }> = {
  upcoming: { zh: '未到期', en: 'Upcoming' },
  due_soon: { zh: '即将到期', en: 'Due soon' },
  submitted: { zh: '已提交待审核', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  fulfilled: { zh: '已完成', en: 'Fulfilled' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  fulfilled_late: { zh: '逾期完成', en: 'Fulfilled late' },
  waived: { zh: '已免除', en: 'Waived' },
};

/**
 * The status of an obligation on a given day. Submitted work awaiting review is not overdue (the
 * reserve has acted); returned work past its due date is.
 */
export function obligationStatus(
  o: { state: ObligationState; dueDate: IsoDate; fulfilledOn: IsoDate | null },
  today: IsoDate,
  dueSoonDays: number,
): ObligationStatus {
  switch (o.state) {
    case 'waived':
      return 'waived';
    case 'fulfilled':
      return o.fulfilledOn && o.fulfilledOn > o.dueDate ? 'fulfilled_late' : 'fulfilled';
    case 'submitted':
      return 'submitted';
    case 'returned':
      return o.dueDate < today ? 'overdue' : 'returned';
    case 'open':
      if (o.dueDate < today) return 'overdue';
      return daysBetween(today, o.dueDate) <= dueSoonDays ? 'due_soon' : 'upcoming';
  }
}

/** Whether a status counts as compliant in the matrix (done, or not yet due). */
export function isCompliant(status: ObligationStatus): boolean {
  return status !== 'overdue';
}
