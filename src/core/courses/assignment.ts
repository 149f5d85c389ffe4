/** An assignment row as the matching needs it: the assigning unit's path and depth, quarter, course. */
export type AssignmentRow = { unitPath: string; depth: number; periodKey: string; courseId: string };

/**
 * The courses assigned to someone in a unit, quarter by quarter: those of the nearest unit above
 * them (or their own) that has an assignment for the quarter — a county's own assignment replaces
 * the city's for its people, rather than adding to it (which would double what the rule asks).
 */
export function assignedCoursesFor(unitPath: string, rows: readonly AssignmentRow[]): Map<string, string[]> {
  const deepest = new Map<string, number>();
  for (const r of rows) {
    if (!unitPath.startsWith(r.unitPath)) continue;
    if (r.depth > (deepest.get(r.periodKey) ?? -1)) deepest.set(r.periodKey, r.depth);
  }
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (!unitPath.startsWith(r.unitPath) || deepest.get(r.periodKey) !== r.depth) continue;
    out.set(r.periodKey, [...(out.get(r.periodKey) ?? []), r.courseId]);
  }
  return out;
}
