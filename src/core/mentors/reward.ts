import type { ObligationState } from '../programme/status.js';
import type { IsoDate } from '../time/dates.js';

/**
 * The mentor reward (六(五), last paragraph): a mentor earns it for a mentee promoted to a
 * middle-management post when the mentor talked every quarter on schedule with a record, filed every
 * annual assessment, and the promoted mentee endorses the mentor's work.
 */
export const REWARD_CONDITIONS = ['promoted', 'talks', 'assessments', 'endorsed'] as const;
export type RewardCondition = (typeof REWARD_CONDITIONS)[number];

export const REWARD_CONDITION_LABELS: Record<RewardCondition, { zh: string; en: string }> = {
  promoted: { zh: '晋升为中层领导', en: 'Promoted to middle management' },
  talks: { zh: '按期沟通并有沟通记录', en: 'Quarterly talks on schedule, recorded' },
  assessments: { zh: '每年度提交考核评估', en: 'Every annual assessment filed' },
  endorsed: { zh: '后备人员认可导师培养工作', en: 'Endorsed by the mentee' },
};

/** One of the mentor's obligations towards the mentee, with the records that settled it. */
export type PairObligation = {
  obligationId: string;
  periodKey: string;
  dueDate: IsoDate;
  state: ObligationState;
  fulfilledOn: IsoDate | null;
  /** Ids of the talk records or assessments (evidence sources) that settled it. */
  recordIds: string[];
};

export type PairFacts = {
  promotion: { on: IsoDate; newPost: string | null; middleManagement: boolean } | null;
  /** The mentor's quarterly talk obligations towards the mentee. */
  talks: readonly PairObligation[];
  /** The mentor's annual assessment obligations towards the mentee. */
  assessments: readonly PairObligation[];
  endorsement: { endorsed: boolean } | null;
};

/** Why a condition is or is not met, for HR to read beside the evidence. */
export type ConditionResult = {
  key: RewardCondition;
  met: boolean;
  /** Counted obligations and how many qualify (talks, assessments). */
  required?: number;
  satisfied?: number;
  /** Obligations that fail the condition (not recorded, late, still open). */
  failing?: string[];
};

const counted = (o: PairObligation) => o.state !== 'waived';

/**
 * The conditions of a pair, each met or not. Waived obligations (another mentor took over, the
 * mentee left the pool) are not asked for. A talk counts only when a talk record settled it on or
 * before its due date — a talk held but not recorded, or entered by hand, does not. An assessment
 * counts once HR has filed it. When no assessment was due during the mentorship the condition holds
 * (there was nothing to file); at least one recorded talk is always required.
 */
export function rewardConditions(facts: PairFacts): ConditionResult[] {
  const talks = facts.talks.filter(counted);
  const talkOk = (o: PairObligation) =>
    o.state === 'fulfilled' && o.recordIds.length > 0 && !!o.fulfilledOn && o.fulfilledOn <= o.dueDate;
  const assessments = facts.assessments.filter(counted);
  const assessmentOk = (o: PairObligation) => o.state === 'fulfilled' && o.recordIds.length > 0;
  return [
    { key: 'promoted', met: !!facts.promotion?.middleManagement },
    {
      key: 'talks',
      met: talks.length > 0 && talks.every(talkOk),
      required: talks.length,
      satisfied: talks.filter(talkOk).length,
      failing: talks.filter((o) => !talkOk(o)).map((o) => o.obligationId),
    },
    {
      key: 'assessments',
      met: assessments.every(assessmentOk),
      required: assessments.length,
      satisfied: assessments.filter(assessmentOk).length,
      failing: assessments.filter((o) => !assessmentOk(o)).map((o) => o.obligationId),
    },
    { key: 'endorsed', met: facts.endorsement?.endorsed === true },
  ];
}

/** Whether every condition of a pair is met. */
export function isEligible(conditions: readonly ConditionResult[]): boolean {
  return conditions.every((c) => c.met);
}
