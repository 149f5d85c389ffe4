import type { Rule } from '../../../core/programme/rule.js';
import { type PlannedObligation, planYear } from '../../../core/programme/schedule.js';
import { obligationStatus } from '../../../core/programme/status.js';
import {
  type ExistingObligation,
  planVersionChange,
  type VersionChange,
} from '../../../core/programme/version-change.js';
import { yearOf } from '../../../core/time/dates.js';
import type { Db } from '../../platform/db.js';
import { currentMentorsOf } from '../mentors/mentors.service.js';
import type { obligations } from '../obligations/obligations.table.js';
import * as repo from './programmes.repository.js';

type ObligationRow = typeof obligations.$inferSelect;

/** One reserve's part in a version change. */
export type ReserveChange = {
  reserve: Awaited<ReturnType<typeof repo.listActiveReserves>>[number];
  change: VersionChange;
  overdueBefore: boolean;
  overdueAfter: boolean;
};

function toExisting(o: ObligationRow): ExistingObligation {
  return { ...o, actorPersonId: o.actorPersonId, minChars: o.minChars };
}

/**
 * What new rules would do to every active reserve of a programme, today: the same computation
 * serves the what-if preview (nothing written) and publishing (applied).
 */
export async function computeVersionChanges(
  db: Db,
  input: { programmeId: string; rules: Rule[]; today: string; dueSoonDays: number },
): Promise<ReserveChange[]> {
  const active = await repo.listActiveReserves(db, input.programmeId);
  const all = await repo.listObligationsOfReserves(
    db,
    active.map((r) => r.id),
  );
  // Each current mentor owes the mentor rules from the day they were assigned (mentors module).
  const mentors = await currentMentorsOf(
    db,
    active.map((r) => r.id),
  );
  const byReserve = new Map<string, ObligationRow[]>();
  for (const o of all) byReserve.set(o.reserveId, [...(byReserve.get(o.reserveId) ?? []), o]);
  const thisYear = yearOf(input.today);
  return active
    .filter((r) => r.enrolledOn && r.cycleEnd)
    .map((reserve) => {
      const existing = byReserve.get(reserve.id) ?? [];
      // Years already scheduled from this year on: the new rules are planned for the same years.
      const years = [...new Set(existing.map((o) => o.cycleYear).filter((y) => y >= thisYear))];
      const mentorIds = mentors.ids.get(reserve.id) ?? [];
      const planned: PlannedObligation[] = years.flatMap((year) =>
        planYear({
          rules: input.rules,
          year,
          enrolledOn: reserve.enrolledOn!,
          cycleEnd: reserve.cycleEnd!,
          mentorIds,
          mentorStarts: mentors.starts.get(reserve.id),
        }),
      );
      const considered = existing.filter((o) => years.includes(o.cycleYear)).map(toExisting);
      const change = planVersionChange(considered, planned, input.today);
      const overdue = (o: { state: ObligationRow['state']; dueDate: string; fulfilledOn: string | null }) =>
        obligationStatus(o, input.today, input.dueSoonDays) === 'overdue';
      const removedIds = new Set(change.remove.map((o) => o.id));
      const changedDue = new Map(change.change.map((c) => [c.before.id, c.after.dueDate]));
      const overdueBefore = existing.some(overdue);
      const overdueAfter = existing
        .filter((o) => !removedIds.has(o.id))
        .some((o) => overdue({ ...o, dueDate: changedDue.get(o.id) ?? o.dueDate }));
      return { reserve, change, overdueBefore, overdueAfter };
    });
}
