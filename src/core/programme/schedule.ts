import { addDays, dateOf, daysBetween, type IsoDate } from '../time/dates.js';
import { dueDateOf, type Period, periodsOfYear } from './periods.js';
import type { Rule, RuleActor } from './rule.js';

/** One dated obligation a rule creates for a reserve (before it is stored). */
export type PlannedObligation = {
  ruleKey: string;
  periodKey: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueDate: IsoDate;
  actor: RuleActor;
  /** The mentor who must act, for `each_mentor` rules; null otherwise. */
  actorPersonId: string | null;
  quantity: number;
  minChars: number | null;
};

/** What makes an obligation the same one across regenerations and versions. */
export function obligationKey(o: Pick<PlannedObligation, 'ruleKey' | 'periodKey' | 'actorPersonId'>): string {
  return `${o.ruleKey}|${o.periodKey}|${o.actorPersonId ?? ''}`;
}

/**
 * The last day of a cycle of `years` starting on (and counting) `start`: the day before the
 * anniversary — or, when the anniversary does not exist (29 Feb in a common year), the month's last
 * day (民法典第二百零二条：没有对应日的，月末日为期间的最后一日).
 */
export function cycleEndOf(start: IsoDate, years: number): IsoDate {
  const [y, m, d] = start.split('-').map(Number);
  const anniversary = dateOf(y + years, m, d);
  return Number(anniversary.slice(8)) !== d ? anniversary : addDays(anniversary, -1);
}

export type ScheduleInput = {
  rules: Rule[];
  /** The calendar year to plan. */
  year: number;
  /** The day the reserve entered the programme: nothing already past is owed (pro-rating). */
  enrolledOn: IsoDate;
  /** The last day of the reserve's cycle: no period starting after it is planned. */
  cycleEnd: IsoDate;
  /** The reserve's current mentors, for rules every mentor must fulfil. */
  mentorIds: string[];
  /**
   * The day each mentor's assignment began, by person id: a mentor assigned during the year owes
   * nothing already past or due before then, as a reserve owes nothing before enrolment.
   */
  mentorStarts?: Record<string, IsoDate>;
  /** Actual event ends (training, study period) by `ruleKey|periodKey`, replacing nominal dates. */
  eventEnds?: Record<string, IsoDate>;
};

/**
 * A reserve's obligations for one calendar year of their cycle. Deterministic: the same input
 * always plans the same list, so generation can be repeated safely (storage skips what exists).
 *
 * Pro-rating for a reserve joining during the year: periods that ended before enrolment are left
 * out (no quarterly obligations for quarters already past), so are obligations already due before
 * enrolment (the June training's reflection for someone joining in September); a longer period
 * only partly inside the cycle asks for a share of its quantity, rounded up (two internal trainings
 * a year → one when joining in August, or when the cycle ends in June).
 */
export function planYear(input: ScheduleInput): PlannedObligation[] {
  const planned: PlannedObligation[] = [];
  for (const rule of input.rules) {
    const actors = rule.actor === 'each_mentor' ? input.mentorIds : [null];
    for (const period of periodsFor(rule, input)) {
      const dueDate = dueDateOf(rule.due, period, input.eventEnds?.[`${rule.key}|${period.key}`]);
      for (const actorPersonId of actors) {
        const mentorStart = actorPersonId ? input.mentorStarts?.[actorPersonId] : undefined;
        const from = mentorStart && mentorStart > input.enrolledOn ? mentorStart : input.enrolledOn;
        if (period.end < from || period.start > input.cycleEnd) continue;
        if (dueDate < from) continue;
        const quantity = proratedQuantity(rule.quantity, period, from, input.cycleEnd);
        planned.push({
          ruleKey: rule.key,
          periodKey: period.key,
          periodStart: period.start,
          periodEnd: period.end,
          dueDate,
          actor: rule.actor,
          actorPersonId,
          quantity,
          minChars: rule.minChars,
        });
      }
    }
  }
  return planned;
}

function periodsFor(rule: Rule, input: ScheduleInput): Period[] {
  if (rule.recurrence !== 'once_per_cycle') return periodsOfYear(rule.recurrence, input.year);
  // Once per cycle: planned in the year the cycle starts, over the whole cycle.
  if (Number(input.enrolledOn.slice(0, 4)) !== input.year) return [];
  return [{ key: 'cycle', start: input.enrolledOn, end: input.cycleEnd }];
}

function proratedQuantity(quantity: number, period: Period, enrolledOn: IsoDate, cycleEnd: IsoDate): number {
  const from = enrolledOn > period.start ? enrolledOn : period.start;
  const to = cycleEnd < period.end ? cycleEnd : period.end;
  if (quantity <= 1 || (from === period.start && to === period.end)) return quantity;
  const total = daysBetween(period.start, period.end) + 1;
  const inside = daysBetween(from, to) + 1;
  return Math.max(1, Math.ceil((quantity * inside) / total));
}
