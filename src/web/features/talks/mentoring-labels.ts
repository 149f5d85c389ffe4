import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_STATE_LABELS,
  type AssessmentDimension,
  type AssessmentState,
  DIMENSION_LABELS,
} from '../../../core/mentors/assessment';
import {
  MENTOR_SLOT_LABELS,
  type MentorSlot,
  PAIRING_ISSUE_LABELS,
  type PairingIssue,
} from '../../../core/mentors/mentor-rule';
import {
  FOLLOW_UP_LABELS,
  type FollowUpStatus,
  TALK_KIND_LABELS,
  TALKER_ROLE_LABELS,
  type TalkerRole,
  type TalkKind,
} from '../../../core/talks/talk-kinds';

type Label = { zh: string; en: string };

/** Colours of talk-plan statuses (talks I owe). */
export const OWED_COLORS = {
  overdue: 'red',
  due_soon: 'orange',
  upcoming: 'default',
  done: 'green',
} as const;
/** Colours of assessment states. */
export const ASSESSMENT_COLORS: Record<AssessmentState, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'magenta',
  filed: 'green',
};

/** The labels of the talk and mentor screens in the UI language (from the core's label tables). */
export function useMentoringLabels() {
  const { i18n } = useTranslation();
  const lang: 'zh' | 'en' = i18n.language === 'en' ? 'en' : 'zh';
  const pick = <K extends string>(map: Record<K, Label>, key: K | null | undefined) =>
    key ? (map[key]?.[lang] ?? key) : '';
  return {
    lang,
    kind: (k: TalkKind | null | undefined) => pick(TALK_KIND_LABELS, k),
    role: (k: TalkerRole | null | undefined) => pick(TALKER_ROLE_LABELS, k),
    followUp: (k: FollowUpStatus) => pick(FOLLOW_UP_LABELS, k),
    slot: (k: MentorSlot) => pick(MENTOR_SLOT_LABELS, k),
    issue: (k: PairingIssue | 'missing') => pick(PAIRING_ISSUE_LABELS, k),
    assessmentState: (k: AssessmentState) => pick(ASSESSMENT_STATE_LABELS, k),
    dimension: (k: AssessmentDimension) =>
      lang === 'zh' ? DIMENSION_LABELS[k].zh : `${DIMENSION_LABELS[k].zh} ${DIMENSION_LABELS[k].en}`,
    message: (m: Label) => m[lang],
  };
}
