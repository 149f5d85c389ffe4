import { periodOn } from '../programme/periods.js';
import type { Recurrence } from '../programme/rule.js';
import type { IsoDate } from '../time/dates.js';

/**
 * The rules of the learning capability (六(一)1 training, 六(一)3 reading list) as pure functions:
 * shared by the server (enforced) and the web (shown while typing).
 */

/** A participant's attendance at a training (出席 / 缺席 / 请假); null until recorded. */
export const ATTENDANCE = ['present', 'absent', 'excused'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, { zh: string; en: string }> = {
  present: { zh: '出席', en: 'Present' },
  absent: { zh: '缺席', en: 'Absent' },
  excused: { zh: '请假', en: 'Excused' },
};

/** A reading-list material: a book (书籍) or audio-visual material (影音资料). */
export const MATERIAL_KINDS = ['book', 'av'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, { zh: string; en: string }> = {
  book: { zh: '书籍', en: 'Book' },
  av: { zh: '影音资料', en: 'Audio-visual' },
};

/** How the year's materials are studied: 自学 or 集中学习. */
export const STUDY_MODES = ['self', 'group'] as const;
export type StudyMode = (typeof STUDY_MODES)[number];
export const STUDY_MODE_LABELS: Record<StudyMode, { zh: string; en: string }> = {
  self: { zh: '自学', en: 'Self-study' },
  group: { zh: '集中学习', en: 'Group study' },
};

/** The source asks for 2–3 materials a year (六(一)3); one is allowed with a warning, four refused. */
export const READING_MATERIALS = { min: 1, recommendedMin: 2, max: 3 } as const;

export type Issue = { path: string; message: string };

/** The year a training counts for: the year it starts in (the obligation is yearly). */
export function trainingYear(startOn: IsoDate): number {
  return Number(startOn.slice(0, 4));
}

/**
 * Problems with a training's dates: the end (when known) not before the start and in the same year —
 * a training spanning New Year would leave it unclear which year's reflection it moves.
 */
export function trainingDateIssues(input: { startOn: IsoDate; endOn: IsoDate | null }): Issue[] {
  const { startOn, endOn } = input;
  if (!endOn) return [];
  if (endOn < startOn)
    return [{ path: 'endOn', message: '结束日期不能早于开始日期 / the end is before the start' }];
  if (endOn.slice(0, 4) !== startOn.slice(0, 4))
    return [{ path: 'endOn', message: '培训不能跨年度 / a training must end in the year it starts' }];
  return [];
}

/** Which period's obligation an event ending on a day affects (the training's year), by the rule's recurrence. */
export function affectedPeriodKey(recurrence: Recurrence, eventDay: IsoDate): string | null {
  return periodOn(recurrence, eventDay)?.key ?? null;
}

/** What the checks of a reading plan found: errors refuse it, warnings are shown and allowed. */
export type PlanCheck = { issues: Issue[]; warnings: string[] };

/**
 * Checks a year's reading plan: 1–3 materials (the source says 2–3, so one alone is a warning), a
 * study period that ends after it starts and lies in the plan's year (its reflection is that
 * year's obligation).
 */
export function checkReadingPlan(input: {
  year: number;
  studyStart: IsoDate;
  studyEnd: IsoDate;
  materials: { title: string }[];
}): PlanCheck {
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const n = input.materials.length;
  if (n < READING_MATERIALS.min)
    issues.push({ path: 'materials', message: '请至少选定 1 种学习资料 / choose at least one material' });
  if (n > READING_MATERIALS.max)
    issues.push({
      path: 'materials',
      message: `每年精选 2-3 种书籍或影音资料，最多 3 种（现有 ${n} 种）/ at most 3 materials a year (${n} given)`,
    });
  if (n === 1)
    warnings.push(
      '按培养方案每年精选 2-3 种资料，目前只有 1 种 / the programme asks for 2–3 materials a year',
    );
  if (input.studyEnd < input.studyStart)
    issues.push({ path: 'studyEnd', message: '学习结束日期不能早于开始日期 / the end is before the start' });
  const year = String(input.year);
  if (input.studyStart.slice(0, 4) !== year)
    issues.push({ path: 'studyStart', message: `学习时间须在 ${year} 年内 / must be in ${year}` });
  if (input.studyEnd.slice(0, 4) !== year)
    issues.push({ path: 'studyEnd', message: `学习时间须在 ${year} 年内 / must be in ${year}` });
  return { issues, warnings };
}
