import { z } from 'zod';

/** The five dimensions of the annual assessment form (附件二): 德、能、勤、绩、廉. */
export const ASSESSMENT_DIMENSIONS = ['de', 'neng', 'qin', 'ji', 'lian'] as const;
export type AssessmentDimension = (typeof ASSESSMENT_DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<AssessmentDimension, { zh: string; en: string; hint: string }> = {
  de: { zh: '德', en: 'Integrity', hint: '政治素质、职业道德、遵纪守法' },
  neng: { zh: '能', en: 'Ability', hint: '业务能力、管理能力、解决问题能力' },
  qin: { zh: '勤', en: 'Diligence', hint: '工作态度、出勤、责任心' },
  ji: { zh: '绩', en: 'Performance', hint: '工作业绩、目标完成情况' },
  lian: { zh: '廉', en: 'Probity', hint: '廉洁自律' },
};

/** The default overall grades (年度考核等次); HR can change the scale per programme. */
export const DEFAULT_GRADE_SCALE = ['优秀', '称职', '基本称职', '不称职'];
/** The default rating of each dimension. */
export const DEFAULT_RATING_SCALE = ['优秀', '良好', '一般', '较差'];
/** The default mentor reward: 1000 元 per pair, in fen (分) so that money is never a float. */
export const DEFAULT_REWARD_FEN = 100_000;

const Scale = z
  .array(z.string().trim().min(1).max(10))
  .min(2)
  .max(8)
  .refine((s) => new Set(s).size === s.length, '等次不能重复 / grades must be unique');

/** A programme's mentor settings: the grade and rating scales, and the reward per pair. */
export const MentorSettings = z.object({
  gradeScale: Scale,
  ratingScale: Scale,
  rewardFen: z.number().int().min(0).max(100_000_000),
});
export type MentorSettings = z.infer<typeof MentorSettings>;

export const DEFAULT_MENTOR_SETTINGS: MentorSettings = {
  gradeScale: DEFAULT_GRADE_SCALE,
  ratingScale: DEFAULT_RATING_SCALE,
  rewardFen: DEFAULT_REWARD_FEN,
};

/** The lifecycle of an assessment: drafted by the mentor, submitted to HR, filed (备案) or returned. */
export const ASSESSMENT_STATES = ['draft', 'submitted', 'returned', 'filed'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];
export const ASSESSMENT_STATE_LABELS: Record<AssessmentState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报人力资源部', en: 'Submitted' },
  returned: { zh: '已退回修改', en: 'Returned' },
  filed: { zh: '已备案', en: 'Filed' },
};

/** Which fields of a submitted assessment fall outside the programme's scales (paths for field errors). */
export function scaleProblems(
  input: { ratings: Partial<Record<AssessmentDimension, string>>; overallGrade: string },
  settings: Pick<MentorSettings, 'gradeScale' | 'ratingScale'>,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const d of ASSESSMENT_DIMENSIONS) {
    const value = input.ratings[d];
    if (!value || !settings.ratingScale.includes(value))
      problems.push({
        path: `ratings.${d}`,
        message: `请选择“${DIMENSION_LABELS[d].zh}”的评价（${settings.ratingScale.join('、')}）/ choose a rating`,
      });
  }
  if (!settings.gradeScale.includes(input.overallGrade))
    problems.push({
      path: 'overallGrade',
      message: `请选择综合评定等次（${settings.gradeScale.join('、')}）/ choose the overall grade`,
    });
  return problems;
}
