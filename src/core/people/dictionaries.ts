/**
 * Value lists of the registration form (后备干部简要情况登记表). Stored values are the Chinese
 * terms an HR office writes; the English labels are for the English UI.
 */
export const GENDERS = ['男', '女'] as const;

export const EDUCATION_LEVELS = [
  '博士研究生',
  '硕士研究生',
  '大学本科',
  '大学专科',
  '中专',
  '高中',
  '初中及以下',
] as const;

export const DEGREES = ['博士', '硕士', '学士', '无'] as const;

export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民主党派',
  '无党派人士',
  '群众',
] as const;

export const ASSESSMENT_GRADES = ['优秀', '称职', '基本称职', '不称职'] as const;

export const EDUCATION_LABELS_EN: Record<(typeof EDUCATION_LEVELS)[number], string> = {
  博士研究生: 'Doctorate',
  硕士研究生: "Master's",
  大学本科: "Bachelor's",
  大学专科: 'Associate',
  中专: 'Vocational secondary',
  高中: 'High school',
  初中及以下: 'Junior high or below',
};
