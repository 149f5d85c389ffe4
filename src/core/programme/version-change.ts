import type { IsoDate } from '../time/dates.js';
import { obligationKey, type PlannedObligation } from './schedule.js';
import type { ObligationState } from './status.js';

/** A stored obligation, as far as a version change is concerned. */
export type ExistingObligation = PlannedObligation & { id: string; state: ObligationState };

export type VersionChange = {
  add: PlannedObligation[];
  remove: ExistingObligation[];
  change: { before: ExistingObligation; after: PlannedObligation }[];
  /** Open obligations still ahead that the new version plans identically: they move to it unchanged. */
  move: ExistingObligation[];
};

/**
 * What publishing a new programme version does to one reserve's obligations (SPEC §2.2): fulfilled,
 * submitted, waived or past obligations keep the version they were made under; open obligations
 * still ahead (due today or later) follow the new rules — changed when the new version plans them
 * differently, removed when it no longer plans them — and newly planned ones still ahead are added.
 */
export function planVersionChange(
  existing: ExistingObligation[],
  planned: PlannedObligation[],
  today: IsoDate,
): VersionChange {
  const isMovable = (o: ExistingObligation) =>
    (o.state === 'open' || o.state === 'returned') && o.dueDate >= today;
  const existingByKey = new Map(existing.map((o) => [obligationKey(o), o]));
  const plannedByKey = new Map(planned.map((o) => [obligationKey(o), o]));
  const change: VersionChange['change'] = [];
  const remove: ExistingObligation[] = [];
  const move: ExistingObligation[] = [];
  for (const [key, before] of existingByKey) {
    if (!isMovable(before)) continue;
    const after = plannedByKey.get(key);
    if (!after) remove.push(before);
    else if (
      after.dueDate !== before.dueDate ||
      after.quantity !== before.quantity ||
      after.minChars !== before.minChars
    ) {
      change.push({ before, after });
    } else move.push(before);
  }
  const add = planned.filter((p) => !existingByKey.has(obligationKey(p)) && p.dueDate >= today);
  return { add, remove, change, move };
}
