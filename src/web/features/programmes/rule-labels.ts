import { useTranslation } from 'react-i18next';
import {
  ELIMINATION_REASON_LABELS,
  type EliminationReason,
  RESERVE_STATE_LABELS,
  type ReserveState,
} from '../../../core/programme/pool';
import type { DueRule, EvidenceKind, Recurrence, Rule, RuleActor } from '../../../core/programme/rule';
import {
  OBLIGATION_STATUS_LABELS,
  type ObligationState,
  type ObligationStatus,
} from '../../../core/programme/status';

type Label = { zh: string; en: string };

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, Label> = {
  training_reflection: { zh: '培训心得', en: 'Training reflection' },
  course_completion: { zh: '网上课程学习', en: 'Online course' },
  learning_reflection: { zh: '学习心得', en: 'Learning reflection' },
  reading_reflection: { zh: '读书心得', en: 'Reading reflection' },
  exam_score: { zh: '考试成绩', en: 'Exam score' },
  internal_training: { zh: '兼职内训', en: 'Internal training' },
  research_report: { zh: '调研报告', en: 'Research report' },
  leader_talk: { zh: '分管领导谈话', en: 'Leader talk' },
  hr_leader_talk: { zh: '人力资源部领导谈话', en: 'HR leader talk' },
  mentor_talk: { zh: '导师沟通交流', en: 'Mentor talk' },
  mentor_assessment: { zh: '导师考核评估', en: 'Mentor assessment' },
  meeting_attendance: { zh: '参加会议', en: 'Meeting attendance' },
  annual_report: { zh: '年度述职', en: 'Annual report' },
  rotation: { zh: '轮岗锻炼', en: 'Rotation' },
  task_force: { zh: '专项工作组', en: 'Task force' },
  special_project: { zh: '专项任务', en: 'Special project' },
  annual_assessment: { zh: '年度考核', en: 'Annual assessment' },
  democratic_evaluation: { zh: '民主测评', en: 'Democratic evaluation' },
};

export const RECURRENCE_LABELS: Record<Recurrence, Label> = {
  yearly: { zh: '每年', en: 'Yearly' },
  half_yearly: { zh: '每半年', en: 'Half-yearly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  monthly: { zh: '每月', en: 'Monthly' },
  once_per_cycle: { zh: '每培养周期一次', en: 'Once per cycle' },
  as_assigned: { zh: '按安排', en: 'As assigned' },
};

export const ACTOR_LABELS: Record<RuleActor, Label> = {
  reserve: { zh: '后备人员', en: 'Reserve' },
  each_mentor: { zh: '每位导师', en: 'Each mentor' },
  leader_in_charge: { zh: '分管领导', en: 'Leader in charge' },
  hr_leader: { zh: '人力资源部领导', en: 'HR leader' },
  hr: { zh: '人力资源部', en: 'HR' },
};

// The period a rule's due date counts from, in words.
const PERIOD_LABELS: Record<Recurrence, Label> = {
  yearly: { zh: '年度', en: 'year' },
  half_yearly: { zh: '半年', en: 'half-year' },
  quarterly: { zh: '季度', en: 'quarter' },
  monthly: { zh: '月度', en: 'month' },
  once_per_cycle: { zh: '培养周期', en: 'cycle' },
  as_assigned: { zh: '任务', en: 'assignment' },
};

/** Stored states of an obligation (the reserve's counts are by state). */
export const OBLIGATION_STATE_LABELS: Record<ObligationState, Label> = {
  open: { zh: '未完成', en: 'Open' },
  submitted: { zh: '已提交待审核', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  fulfilled: { zh: '已完成', en: 'Fulfilled' },
  waived: { zh: '已免除', en: 'Waived' },
};

/** Colours of the status tags, shared by every obligation list. */
export const STATUS_COLORS: Record<ObligationStatus, string> = {
  upcoming: 'default',
  due_soon: 'orange',
  submitted: 'blue',
  returned: 'magenta',
  fulfilled: 'green',
  overdue: 'red',
  fulfilled_late: 'gold',
  waived: 'purple',
};

export const STATE_COLORS: Record<ReserveState, string> = {
  nominated: 'blue',
  active: 'green',
  rejected: 'default',
  promoted: 'gold',
  eliminated: 'red',
  withdrawn: 'default',
  completed: 'cyan',
};

function span(months: number, days: number, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (lang === 'zh') {
    if (months) parts.push(`${months}个月`);
    if (days) parts.push(`${days}天`);
    return parts.join('') || '0天';
  }
  if (months) parts.push(`${months} month${months > 1 ? 's' : ''}`);
  if (days) parts.push(`${days} day${days > 1 ? 's' : ''}`);
  return parts.join(' ') || '0 days';
}

/** A due rule in words, e.g. "季度结束后次月末" / "end of the month after the quarter". */
export function dueRuleText(due: DueRule, recurrence: Recurrence, lang: 'zh' | 'en'): string {
  const period = PERIOD_LABELS[recurrence][lang];
  switch (due.kind) {
    case 'period_end':
      return lang === 'zh' ? `${period}末` : `end of the ${period}`;
    case 'after_period_end':
      if (due.months === 1 && due.days === 0)
        return lang === 'zh' ? `${period}结束后次月末` : `end of the month after the ${period}`;
      return lang === 'zh'
        ? `${period}结束后${span(due.months, due.days, lang)}内`
        : `${span(due.months, due.days, lang)} after the ${period} ends`;
    case 'month_day':
      return lang === 'zh' ? `当年${due.month}月${due.day}日前` : `by ${due.month}/${due.day} of the year`;
    case 'after_event':
      return lang === 'zh'
        ? `活动结束后${span(due.months, due.days, lang)}内（默认活动结束日 ${due.nominalEventEnd}）`
        : `${span(due.months, due.days, lang)} after the event (nominal end ${due.nominalEventEnd})`;
  }
}

/** Every label of the programme screens in the UI language. */
export function useCadreLabels() {
  const { i18n } = useTranslation();
  const lang: 'zh' | 'en' = i18n.language === 'en' ? 'en' : 'zh';
  const pick = <K extends string>(map: Record<K, Label>, key: K | null | undefined) =>
    key ? (map[key]?.[lang] ?? key) : '';
  return {
    lang,
    evidence: (k: EvidenceKind | null | undefined) => pick(EVIDENCE_KIND_LABELS, k),
    recurrence: (k: Recurrence) => pick(RECURRENCE_LABELS, k),
    actor: (k: RuleActor | null | undefined) => pick(ACTOR_LABELS, k),
    state: (k: ReserveState) => pick(RESERVE_STATE_LABELS, k),
    status: (k: ObligationStatus) => pick(OBLIGATION_STATUS_LABELS, k),
    obligationState: (k: ObligationState) => pick(OBLIGATION_STATE_LABELS, k),
    reason: (k: string | null | undefined) => pick(ELIMINATION_REASON_LABELS, k as EliminationReason),
    due: (rule: Pick<Rule, 'due' | 'recurrence'>) => dueRuleText(rule.due, rule.recurrence, lang),
    message: (m: Label) => m[lang],
  };
}
