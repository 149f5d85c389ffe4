/** Why a reserve's new choice of courses for a quarter is refused. */
export type ChoiceProblem =
  | { kind: 'too_many'; quantity: number }
  | { kind: 'duplicate'; courseId: string }
  | { kind: 'assigned'; courseId: string }
  | { kind: 'completed_removed'; courseId: string };

/**
 * Checks a reserve's replacement of their chosen courses for a quarter: at most the rule's quantity,
 * no course twice, none of the courses HR assigned them (those count already), and no choice that
 * has been completed may be dropped (its completion already counted for the quarter).
 */
export function checkChoices(input: {
  quantity: number;
  assignedCourseIds: readonly string[];
  completedChoiceIds: readonly string[];
  next: readonly string[];
}): ChoiceProblem[] {
  const problems: ChoiceProblem[] = [];
  if (input.next.length > input.quantity) problems.push({ kind: 'too_many', quantity: input.quantity });
  const seen = new Set<string>();
  for (const id of input.next) {
    if (seen.has(id)) problems.push({ kind: 'duplicate', courseId: id });
    seen.add(id);
    if (input.assignedCourseIds.includes(id)) problems.push({ kind: 'assigned', courseId: id });
  }
  for (const id of input.completedChoiceIds)
    if (!seen.has(id)) problems.push({ kind: 'completed_removed', courseId: id });
  return problems;
}
