import type { EvidenceKind } from '../programme/rule.js';

/**
 * The kinds of talk the programme names (六(三), 六(五)): the leader in charge's yearly talk, the HR
 * leader's talks, each mentor's quarterly talk, and talks held when a difficulty or problem comes up.
 */
export const TALK_KINDS = ['leader_annual', 'hr_leader', 'mentor_quarterly', 'ad_hoc'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];

/** The part a talker plays in a talk. */
export const TALKER_ROLES = ['leader_in_charge', 'hr_leader', 'mentor', 'unit_head', 'other'] as const;
export type TalkerRole = (typeof TALKER_ROLES)[number];

export const TALK_KIND_LABELS: Record<TalkKind, { zh: string; en: string }> = {
  leader_annual: { zh: '分管领导年度谈话', en: 'Leader in charge (yearly)' },
  hr_leader: { zh: '人力资源部领导谈话', en: 'HR leader' },
  mentor_quarterly: { zh: '导师季度沟通交流', en: 'Mentor (quarterly)' },
  ad_hoc: { zh: '专题谈话（困难、问题等）', en: 'Ad hoc' },
};

export const TALKER_ROLE_LABELS: Record<TalkerRole, { zh: string; en: string }> = {
  leader_in_charge: { zh: '分管公司领导', en: 'Leader in charge' },
  hr_leader: { zh: '人力资源部领导', en: 'HR leader' },
  mentor: { zh: '导师', en: 'Mentor' },
  unit_head: { zh: '部门（单位）负责人', en: 'Unit head' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * The obligation a talk of each kind settles: its evidence kind and the talker role that must take
 * part for it to count. An ad hoc talk settles nothing (it is kept, and shows in the record).
 */
export const TALK_EVIDENCE: Record<TalkKind, { evidenceKind: EvidenceKind; talkerRole: TalkerRole } | null> =
  {
    leader_annual: { evidenceKind: 'leader_talk', talkerRole: 'leader_in_charge' },
    hr_leader: { evidenceKind: 'hr_leader_talk', talkerRole: 'hr_leader' },
    mentor_quarterly: { evidenceKind: 'mentor_talk', talkerRole: 'mentor' },
    ad_hoc: null,
  };

/** The evidence kinds that talk records give (what "talks I owe" lists). */
export const TALK_EVIDENCE_KINDS: readonly EvidenceKind[] = ['leader_talk', 'hr_leader_talk', 'mentor_talk'];

/** The talk kind that fulfils an evidence kind (the editor's default when recording an owed talk). */
export function talkKindForEvidence(kind: EvidenceKind): TalkKind | null {
  const found = TALK_KINDS.find((k) => TALK_EVIDENCE[k]?.evidenceKind === kind);
  return found ?? null;
}

/** How an agreed action of a previous talk has been carried out (上次谈话措施落实情况). */
export const FOLLOW_UP_STATUSES = ['done', 'in_progress', 'not_done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const FOLLOW_UP_LABELS: Record<FollowUpStatus, { zh: string; en: string }> = {
  done: { zh: '已落实', en: 'Done' },
  in_progress: { zh: '正在落实', en: 'In progress' },
  not_done: { zh: '未落实', en: 'Not done' },
};
