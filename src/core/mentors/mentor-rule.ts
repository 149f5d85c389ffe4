/**
 * The mentor rule (六(五)): every active reserve has exactly two mentors — the head (正职) of the
 * reserve's own unit, and a leader of another department related to the reserve's development
 * direction (培养方向). Pure: the facts come in, the issues go out.
 */
export const MENTOR_SLOTS = ['unit_head', 'related_leader'] as const;
export type MentorSlot = (typeof MENTOR_SLOTS)[number];

export const MENTOR_SLOT_LABELS: Record<MentorSlot, { zh: string; en: string }> = {
  unit_head: { zh: '本单位正职导师', en: 'Own unit head' },
  related_leader: { zh: '相关部门领导导师', en: 'Related department leader' },
};

/** The reserve as the rule sees it. */
export type ReserveFacts = {
  personId: string;
  unitId: string;
  /** The head (正职) of the reserve's own unit, if it has one. */
  unitHeadPersonId: string | null;
  direction: string | null;
  /** Units HR relates to the direction (direction → units); empty when not mapped. */
  relatedUnitPaths: string[];
};

/** The proposed mentor as the rule sees them: the units they lead (as head or deputy). */
export type MentorFacts = {
  personId: string;
  active: boolean;
  posts: { unitId: string; unitPath: string; post: 'head' | 'deputy' }[];
};

export const PAIRING_ISSUES = [
  'self',
  'inactive',
  'same_as_other_mentor',
  'unit_has_no_head',
  'not_unit_head',
  'same_unit',
  'no_leadership_post',
  'not_related_unit',
] as const;
export type PairingIssue = (typeof PAIRING_ISSUES)[number];

/** Issues no exception can cover: a reserve cannot mentor themselves, nor can one person fill both slots. */
export const HARD_ISSUES: readonly PairingIssue[] = ['self', 'inactive', 'same_as_other_mentor'];

export const PAIRING_ISSUE_LABELS: Record<PairingIssue | 'missing', { zh: string; en: string }> = {
  self: { zh: '导师不能是后备人员本人', en: 'A reserve cannot mentor themselves' },
  inactive: { zh: '该人员已不在职', en: 'The person is no longer active' },
  same_as_other_mentor: { zh: '两名导师不能是同一人', en: 'The two mentors must be different people' },
  unit_has_no_head: { zh: '后备人员所在单位未设置正职', en: "The reserve's unit has no head" },
  not_unit_head: { zh: '不是后备人员所在单位的正职', en: "Not the head of the reserve's unit" },
  same_unit: {
    zh: '应为其他部门的领导，不能是本单位领导',
    en: 'Must lead another unit, not the reserve’s own',
  },
  no_leadership_post: {
    zh: '未在其他部门担任正职或副职',
    en: 'Holds no head or deputy post in another unit',
  },
  not_related_unit: {
    zh: '所在部门与后备人员的培养方向不相关',
    en: 'The unit is not related to the development direction',
  },
  missing: { zh: '未指定导师', en: 'No mentor assigned' },
};

/**
 * What is wrong with a pairing of a reserve and a mentor in a slot (empty when it keeps the rule).
 * `otherMentorId` is the mentor of the other slot, if any.
 */
export function checkPairing(
  slot: MentorSlot,
  reserve: ReserveFacts,
  mentor: MentorFacts,
  otherMentorId: string | null = null,
): PairingIssue[] {
  const issues: PairingIssue[] = [];
  if (mentor.personId === reserve.personId) issues.push('self');
  if (!mentor.active) issues.push('inactive');
  if (otherMentorId && otherMentorId === mentor.personId) issues.push('same_as_other_mentor');
  if (slot === 'unit_head') {
    if (!reserve.unitHeadPersonId) issues.push('unit_has_no_head');
    else if (reserve.unitHeadPersonId !== mentor.personId) issues.push('not_unit_head');
    return issues;
  }
  const elsewhere = mentor.posts.filter((p) => p.unitId !== reserve.unitId);
  if (elsewhere.length === 0) {
    issues.push(mentor.posts.length > 0 ? 'same_unit' : 'no_leadership_post');
    return issues;
  }
  // A direction mapped to departments: the mentor must lead one of them (or a unit inside one).
  if (
    reserve.relatedUnitPaths.length > 0 &&
    !elsewhere.some((p) => reserve.relatedUnitPaths.some((path) => p.unitPath.startsWith(path)))
  )
    issues.push('not_related_unit');
  return issues;
}

/** Whether HR may record an exception for these issues (none of them is a hard one). */
export function exceptionAllowed(issues: readonly PairingIssue[]): boolean {
  return !issues.some((i) => HARD_ISSUES.includes(i));
}

/** A current assignment as the breach check sees it. */
export type CurrentAssignment = {
  slot: MentorSlot;
  mentor: MentorFacts;
  /** The issues HR accepted with a reason when assigning. */
  exceptedIssues: readonly PairingIssue[];
};

export type Breach = { slot: MentorSlot; issue: PairingIssue | 'missing' };

/**
 * Where a reserve's mentors break the rule today: a slot without a mentor, or a pairing with an
 * issue HR did not accept when assigning (e.g. the unit's head changed since, or the mentor left).
 */
export function breachesOf(reserve: ReserveFacts, assignments: readonly CurrentAssignment[]): Breach[] {
  const breaches: Breach[] = [];
  for (const slot of MENTOR_SLOTS) {
    const current = assignments.find((a) => a.slot === slot);
    if (!current) {
      breaches.push({ slot, issue: 'missing' });
      continue;
    }
    const other = assignments.find((a) => a.slot !== slot)?.mentor.personId ?? null;
    for (const issue of checkPairing(slot, reserve, current.mentor, other))
      if (!current.exceptedIssues.includes(issue)) breaches.push({ slot, issue });
  }
  return breaches;
}

/** The mentors the system proposes for a slot: the unit's head; or heads, then deputies, of the related units. */
export function proposeMentors(
  slot: MentorSlot,
  reserve: ReserveFacts,
  related: readonly {
    unitId: string;
    unitPath: string;
    headPersonId: string | null;
    deputyPersonIds: string[];
  }[],
): string[] {
  if (slot === 'unit_head')
    return reserve.unitHeadPersonId && reserve.unitHeadPersonId !== reserve.personId
      ? [reserve.unitHeadPersonId]
      : [];
  const others = related.filter((u) => u.unitId !== reserve.unitId);
  const ids = [
    ...others.map((u) => u.headPersonId).filter((id): id is string => !!id),
    ...others.flatMap((u) => u.deputyPersonIds),
  ].filter((id) => id !== reserve.personId && id !== reserve.unitHeadPersonId);
  return [...new Set(ids)];
}
