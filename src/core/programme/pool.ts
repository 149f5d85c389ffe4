/**
 * The pool's lifecycle (SPEC §2.3): nominated → active (approved by the leadership) → promoted |
 * eliminated | withdrawn | completed; a nominee the leadership does not approve is rejected.
 */
export const RESERVE_STATES = [
  'nominated',
  'active',
  'rejected',
  'promoted',
  'eliminated',
  'withdrawn',
  'completed',
] as const;
export type ReserveState = (typeof RESERVE_STATES)[number];

export const RESERVE_STATE_LABELS: Record<ReserveState, { zh: string; en: string }> = {
  nominated: { zh: '已提名待审定', en: 'Nominated' },
  active: { zh: '在库培养', en: 'Active' },
  rejected: { zh: '审定未通过', en: 'Not approved' },
  promoted: { zh: '已提拔任用', en: 'Promoted' },
  eliminated: { zh: '已淘汰', en: 'Eliminated' },
  withdrawn: { zh: '已退出', en: 'Withdrawn' },
  completed: { zh: '培养期满', en: 'Completed' },
};

/** Reasons for elimination named by the source (七(二)): age, slow growth, unsuitable; or another. */
export const ELIMINATION_REASONS = ['age', 'slow_growth', 'unsuitable', 'other'] as const;
export type EliminationReason = (typeof ELIMINATION_REASONS)[number];
export const ELIMINATION_REASON_LABELS: Record<EliminationReason, { zh: string; en: string }> = {
  age: { zh: '年龄偏大', en: 'Age' },
  slow_growth: { zh: '成长慢', en: 'Slow growth' },
  unsuitable: { zh: '不适应中层领导培养需要', en: 'Unsuitable' },
  other: { zh: '其他', en: 'Other' },
};

/** The moves the pool allows, from each state. Ending states allow none. */
const TRANSITIONS: Record<ReserveState, readonly ReserveState[]> = {
  nominated: ['active', 'rejected', 'withdrawn'],
  active: ['promoted', 'eliminated', 'withdrawn', 'completed'],
  rejected: [],
  promoted: [],
  eliminated: [],
  withdrawn: [],
  completed: [],
};

/** Whether a reserve may move from one state to another. */
export function canTransition(from: ReserveState, to: ReserveState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which a person counts as in the pool (one such membership per programme). */
export const OPEN_STATES: readonly ReserveState[] = ['nominated', 'active'];
