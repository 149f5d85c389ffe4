import {
  type Breach,
  breachesOf,
  type CurrentAssignment,
  type MentorFacts,
  type MentorSlot,
  PAIRING_ISSUE_LABELS,
  type PairingIssue,
  type ReserveFacts,
} from '../../../core/mentors/mentor-rule.js';
import type { Db } from '../../platform/db.js';
import * as repo from './mentors.repository.js';

/** What the mentor rule needs about some reserves and their current mentors, loaded in a few queries. */
export type FactsOf = {
  reserve: Map<string, ReserveFacts>;
  assignments: Map<string, repo.AssignmentRow[]>;
  mentor: Map<string, MentorFacts>;
  related: Awaited<ReturnType<typeof repo.relatedUnitsOf>>;
};

export async function loadFacts(db: Db, rows: repo.ReserveRow[]): Promise<FactsOf> {
  // In sequence: `db` may be a transaction (one connection).
  const assignments = await repo.currentAssignments(
    db,
    rows.map((r) => r.reserveId),
  );
  const related = await repo.relatedUnitsOf(db, [
    ...new Set(rows.map((r) => r.direction).filter((d): d is string => !!d)),
  ]);
  const byReserve = new Map<string, repo.AssignmentRow[]>();
  for (const a of assignments)
    byReserve.set(a.assignment.reserveId, [...(byReserve.get(a.assignment.reserveId) ?? []), a]);
  const reserve = new Map<string, ReserveFacts>();
  for (const r of rows)
    reserve.set(r.reserveId, {
      personId: r.personId,
      unitId: r.unitId,
      unitHeadPersonId: r.unitHeadPersonId,
      direction: r.direction,
      relatedUnitPaths: related.filter((u) => u.direction === r.direction).map((u) => u.unitPath),
    });
  const mentor = await mentorFacts(
    db,
    [...new Set(assignments.map((a) => a.assignment.mentorPersonId))],
    assignments,
  );
  return { reserve, assignments: byReserve, mentor, related };
}

/** Mentor facts of people: their head/deputy posts and whether still employed. */
export async function mentorFacts(
  db: Db,
  personIds: string[],
  known: { assignment: { mentorPersonId: string }; mentorActive: boolean }[] = [],
): Promise<Map<string, MentorFacts>> {
  const posts = await repo.postsOf(db, personIds);
  const missing = personIds.filter((id) => !known.some((k) => k.assignment.mentorPersonId === id));
  const refs = await repo.personRefs(db, missing);
  const active = new Map<string, boolean>([
    ...known.map((k) => [k.assignment.mentorPersonId, k.mentorActive] as const),
    ...refs.map((r) => [r.personId, r.active] as const),
  ]);
  return new Map(
    personIds.map((id) => [
      id,
      {
        personId: id,
        active: active.get(id) ?? false,
        posts: posts
          .filter((p) => p.personId === id)
          .map(({ unitId, unitPath, post }) => ({ unitId, unitPath, post })),
      },
    ]),
  );
}

/** The breaches of one reserve, from loaded facts. */
export function breachesFrom(facts: FactsOf, reserveId: string): Breach[] {
  const current: CurrentAssignment[] = (facts.assignments.get(reserveId) ?? []).map((a) => ({
    slot: a.assignment.slot,
    mentor: facts.mentor.get(a.assignment.mentorPersonId)!,
    exceptedIssues: a.assignment.exceptedIssues,
  }));
  return breachesOf(facts.reserve.get(reserveId)!, current);
}

/** An issue with its message, as the API answers it. */
export function describeIssue(issue: PairingIssue | 'missing') {
  return { issue, message: PAIRING_ISSUE_LABELS[issue] };
}

/** A breach with its message. */
export function describeBreach(b: { slot: MentorSlot; issue: PairingIssue | 'missing' }) {
  return { slot: b.slot, ...describeIssue(b.issue) };
}
