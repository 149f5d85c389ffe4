import type { CellValue } from '../../platform/excel.js';

/** How a cell becomes a field value. */
type Kind = 'text' | 'date' | 'boolean' | 'resume' | 'assessments';

/** A column of the roster template and import: Chinese header, field, kind, help text. */
export type RosterColumn = {
  header: string;
  field: string;
  kind: Kind;
  required: boolean;
  note: string;
  width?: number;
};

export const ROSTER_COLUMNS: RosterColumn[] = [
  {
    header: '工号',
    field: 'employeeNo',
    kind: 'text',
    required: true,
    note: '唯一；再次导入同一工号将更新该人员',
  },
  { header: '姓名', field: 'name', kind: 'text', required: true, note: '' },
  { header: '性别', field: 'gender', kind: 'text', required: true, note: '男 / 女', width: 8 },
  { header: '民族', field: 'ethnicity', kind: 'text', required: false, note: '如：汉族', width: 10 },
  { header: '出生日期', field: 'birthDate', kind: 'date', required: false, note: '格式 1985-03-12' },
  { header: '籍贯', field: 'nativePlace', kind: 'text', required: false, note: '如：湖南长沙' },
  {
    header: '政治面貌',
    field: 'politicalStatus',
    kind: 'text',
    required: false,
    note: '中共党员、中共预备党员、共青团员、民主党派、无党派人士、群众',
  },
  { header: '入党时间', field: 'partyJoinDate', kind: 'date', required: false, note: '格式 2008-07-01' },
  { header: '参加工作时间', field: 'workStartDate', kind: 'date', required: false, note: '格式 2007-07-01' },
  {
    header: '全日制学历',
    field: 'fullTimeEducation',
    kind: 'text',
    required: false,
    note: '博士研究生、硕士研究生、大学本科、大学专科、中专、高中、初中及以下',
  },
  {
    header: '全日制学位',
    field: 'fullTimeDegree',
    kind: 'text',
    required: false,
    note: '博士、硕士、学士、无',
  },
  { header: '全日制毕业院校', field: 'fullTimeSchool', kind: 'text', required: false, note: '', width: 20 },
  { header: '全日制专业', field: 'fullTimeMajor', kind: 'text', required: false, note: '' },
  { header: '在职学历', field: 'inServiceEducation', kind: 'text', required: false, note: '同全日制学历' },
  { header: '在职学位', field: 'inServiceDegree', kind: 'text', required: false, note: '同全日制学位' },
  { header: '在职毕业院校', field: 'inServiceSchool', kind: 'text', required: false, note: '', width: 20 },
  { header: '在职专业', field: 'inServiceMajor', kind: 'text', required: false, note: '' },
  {
    header: '专业技术职称',
    field: 'professionalTitle',
    kind: 'text',
    required: false,
    note: '如：高级工程师',
  },
  { header: '现任职务', field: 'currentPost', kind: 'text', required: false, note: '', width: 20 },
  { header: '任现职时间', field: 'postSince', kind: 'date', required: false, note: '格式 2020-01-01' },
  { header: '职级', field: 'grade', kind: 'text', required: false, note: '', width: 10 },
  {
    header: '是否中层',
    field: 'isMiddleManager',
    kind: 'boolean',
    required: false,
    note: '是 / 否（现任中层管理人员填“是”）',
    width: 10,
  },
  {
    header: '所在机构编码',
    field: 'unitCode',
    kind: 'text',
    required: true,
    note: '须为系统中已有且您有权管理的机构编码',
  },
  { header: '联系电话', field: 'phone', kind: 'text', required: false, note: '' },
  {
    header: '身份证号码',
    field: 'idNumber',
    kind: 'text',
    required: false,
    note: '18 位，加密保存',
    width: 22,
  },
  {
    header: '简历',
    field: 'resume',
    kind: 'resume',
    required: false,
    note: '每行一条：2005-07—2010-06 某单位某职务（至今可写 2020-01—）',
    width: 40,
  },
  { header: '奖惩情况', field: 'rewardsPunishments', kind: 'text', required: false, note: '', width: 30 },
  {
    header: '近年年度考核结果',
    field: 'assessments',
    kind: 'assessments',
    required: false,
    note: '如：2023 称职；2024 优秀',
    width: 24,
  },
];

/** Columns the roster export adds for reading; an import of an edited export ignores them. */
export const EXPORT_ONLY_HEADERS = ['所在机构', '身份证号码（脱敏）', '状态'];

export type CellIssue = { column: string; value: string | null; message: string };

/** Formats a cell for an error report. */
export function displayCell(value: CellValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 100);
}

/** A spreadsheet date (Date, Excel serial number, or text such as 2001-7-1, 2001/07/01, 20010701) as YYYY-MM-DD. */
export function parseDateCell(value: CellValue): string | null | undefined {
  if (value === null) return null;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (value < 1 || value > 80000) return undefined;
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(value).trim();
  const m =
    text.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? text.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** 是/否 (also Y/N, true/false, 1/0). */
export function parseBooleanCell(value: CellValue): boolean | undefined {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1'].includes(text)) return true;
  if (['否', 'n', 'no', 'false', '0'].includes(text)) return false;
  return undefined;
}

/** Résumé lines `YYYY-MM—YYYY-MM text` (dash variants and an open end accepted). */
export function parseResumeCell(
  value: CellValue,
): { from: string; to: string | null; text: string }[] | undefined {
  if (value === null) return [];
  const lines = String(value)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const out: { from: string; to: string | null; text: string }[] = [];
  for (const line of lines) {
    const m = line.match(/^(\d{4})[-.](\d{2})\s*[—–~\-至]+\s*(?:(\d{4})[-.](\d{2}))?\s*(.+)$/);
    if (!m) return undefined;
    out.push({ from: `${m[1]}-${m[2]}`, to: m[3] ? `${m[3]}-${m[4]}` : null, text: m[5].trim() });
  }
  return out;
}

/** `2023 称职；2024 优秀` → [{year, grade}]. */
export function parseAssessmentsCell(value: CellValue): { year: number; grade: string }[] | undefined {
  if (value === null) return [];
  const parts = String(value)
    .split(/[;；,，\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: { year: number; grade: string }[] = [];
  for (const part of parts) {
    const m = part.match(/^(\d{4})\s*年?\s*[:：]?\s*(\S+)$/);
    if (!m) return undefined;
    out.push({ year: Number(m[1]), grade: m[2] });
  }
  return out;
}

/** Formats résumé lines back into the cell form (for exports). */
export function formatResume(lines: { from: string; to: string | null; text: string }[]): string {
  return lines.map((l) => `${l.from}—${l.to ?? ''} ${l.text}`).join('\n');
}

/** Formats assessment results into the cell form. */
export function formatAssessments(results: { year: number; grade: string }[]): string {
  return results.map((r) => `${r.year} ${r.grade}`).join('；');
}
