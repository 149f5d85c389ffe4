import type { IsoDate } from '../time/dates.js';
import { quarterBounds } from './quarters.js';

/** Which rule a slot belongs to: HR's assigned courses or the reserve's own choices. */
export type SlotKind = 'assigned' | 'chosen';

/** One course a person owes in a quarter: assigned to them (by their unit) or chosen by them. */
export type CourseSlot = { personId: string; courseId: string; periodKey: string; kind: SlotKind };

/** A completion of a course by a person on a day (one per person, course and day). */
export type Completion = { id: string; personId: string; courseId: string; completedOn: IsoDate };

/** A completion that counts for a slot. */
export type Credit = CourseSlot & { completionId: string };

const slotKey = (s: CourseSlot) => `${s.personId}|${s.courseId}|${s.periodKey}|${s.kind}`;

/**
 * The slot a completion counts for, among a person's open slots for that course: a course counts
 * only from the first day of the quarter it was assigned or chosen for (work done before the
 * quarter is not that quarter's study), and for the latest such quarter — the current quarter's
 * first, then an earlier one still open (caught up late, which the engine marks fulfilled late).
 * Within one quarter the assigned slot comes before the chosen one.
 */
export function slotForCompletion(completedOn: IsoDate, open: readonly CourseSlot[]): CourseSlot | null {
  let best: CourseSlot | null = null;
  let bestStart = '';
  for (const slot of open) {
    const { start } = quarterBounds(slot.periodKey);
    if (start > completedOn) continue;
    const better =
      start > bestStart || (start === bestStart && slot.kind === 'assigned' && best?.kind === 'chosen');
    if (!best || better) {
      best = slot;
      bestStart = start;
    }
  }
  return best;
}

/**
 * Reconciles what counts: credits whose slot no longer exists (an assignment replaced, a choice
 * dropped) are withdrawn; then each completion that counts for nothing, oldest first, takes the
 * slot `slotForCompletion` gives among those still open. A completion counts for at most one slot
 * and a slot holds at most one completion, so importing a completion twice never counts twice.
 * Kept credits do not move, with one exception: a credit that came late (completed after its
 * quarter) gives way to a completion within that quarter recorded after it — the record of the
 * on-time study came in late, and the quarter was in fact done on time. A completion whose credit is
 * withdrawn may take another open slot in the same pass.
 */
export function planCredits(input: {
  slots: readonly CourseSlot[];
  completions: readonly Completion[];
  credits: readonly Credit[];
}): { withdraw: Credit[]; add: Credit[] } {
  const slotKeys = new Set(input.slots.map(slotKey));
  const dateOf = new Map(input.completions.map((c) => [c.id, c.completedOn]));
  const creditedIds = new Set(input.credits.map((c) => c.completionId));
  const givesWay = (credit: Credit) => {
    const { start, end } = quarterBounds(credit.periodKey);
    const on = dateOf.get(credit.completionId);
    if (on === undefined || on <= end) return false;
    return input.completions.some(
      (c) =>
        c.personId === credit.personId &&
        c.courseId === credit.courseId &&
        !creditedIds.has(c.id) &&
        c.completedOn >= start &&
        c.completedOn <= end,
    );
  };
  const withdraw = input.credits.filter((c) => !slotKeys.has(slotKey(c)) || givesWay(c));
  const withdrawn = new Set(withdraw);
  const kept = input.credits.filter((c) => !withdrawn.has(c));
  const taken = new Set<string>();
  const keptKeys = new Set(kept.map(slotKey));
  const credited = new Set(kept.map((c) => c.completionId));
  const openByCourse = new Map<string, CourseSlot[]>();
  for (const slot of input.slots) {
    if (keptKeys.has(slotKey(slot)) || taken.has(slotKey(slot))) continue;
    taken.add(slotKey(slot)); // a slot listed twice is still one slot
    const key = `${slot.personId}|${slot.courseId}`;
    const list = openByCourse.get(key);
    if (list) list.push(slot);
    else openByCourse.set(key, [slot]);
  }
  const pending = input.completions
    .filter((c) => !credited.has(c.id))
    .sort((a, b) =>
      a.completedOn < b.completedOn ? -1 : a.completedOn > b.completedOn ? 1 : a.id < b.id ? -1 : 1,
    );
  const add: Credit[] = [];
  for (const completion of pending) {
    const key = `${completion.personId}|${completion.courseId}`;
    const open = openByCourse.get(key);
    if (!open?.length) continue;
    const slot = slotForCompletion(completion.completedOn, open);
    if (!slot) continue;
    open.splice(open.indexOf(slot), 1);
    add.push({ ...slot, completionId: completion.id });
  }
  return { withdraw, add };
}
