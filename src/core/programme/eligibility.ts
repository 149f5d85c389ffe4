import { z } from 'zod';
import { ASSESSMENT_GRADES, EDUCATION_LEVELS } from '../people/dictionaries.js';
import type { IsoDate } from '../time/dates.js';

/**
 * Who may be nominated into a programme's pool (SPEC §2.3), configurable per programme. Each check
 * is optional; a failed check is shown with its reason and can be overridden only with a recorded
 * reason.
 */
export const Eligibility = z.object({
  /** Not older than this at the reference date. */
  maxAge: z.number().int().min(18).max(70).nullable(),
  /** The reference date of the age check, month and day of the nomination year (e.g. 12-31). */
  ageReferenceMonthDay: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  /** At least this many whole years since starting work (参加工作时间). */
  minServiceYears: z.number().int().min(0).max(50).nullable(),
  /** Full-time or in-service education at least this level. */
  minEducation: z.enum(EDUCATION_LEVELS).nullable(),
  /** The latest annual assessment at least this grade. */
  minLatestAssessment: z.enum(ASSESSMENT_GRADES).nullable(),
});
export type Eligibility = z.infer<typeof Eligibility>;

export const DEFAULT_ELIGIBILITY: Eligibility = {
  maxAge: 45,
  ageReferenceMonthDay: '12-31',
  minServiceYears: 3,
  minEducation: '大学本科',
  minLatestAssessment: '称职',
};

export type EligibilityCandidate = {
  birthDate: IsoDate | null;
  workStartDate: IsoDate | null;
  fullTimeEducation: string | null;
  inServiceEducation: string | null;
  assessments: { year: number; grade: string }[];
};

export type EligibilityIssue = {
  check: 'age' | 'service' | 'education' | 'assessment';
  message: { zh: string; en: string };
};

/** Whole years between two dates (age on a day, years of service). */
export function wholeYears(from: IsoDate, to: IsoDate): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

/** The checks a candidate fails on a nomination date (empty when eligible). Missing data fails the check. */
export function checkEligibility(
  rules: Eligibility,
  person: EligibilityCandidate,
  nominatedOn: IsoDate,
): EligibilityIssue[] {
  const issues: EligibilityIssue[] = [];
  const referenceDate = `${nominatedOn.slice(0, 4)}-${rules.ageReferenceMonthDay}`;
  if (rules.maxAge !== null) {
    const age = person.birthDate ? wholeYears(person.birthDate, referenceDate) : null;
    if (age === null || age > rules.maxAge) {
      issues.push({
        check: 'age',
        message:
          age === null
            ? { zh: '缺少出生日期，无法核对年龄', en: 'No birth date to check the age' }
            : {
                zh: `截至 ${referenceDate} 年满 ${age} 周岁，超过 ${rules.maxAge} 周岁的年龄要求`,
                en: `Aged ${age} on ${referenceDate}, over the limit of ${rules.maxAge}`,
              },
      });
    }
  }
  if (rules.minServiceYears !== null) {
    const years = person.workStartDate ? wholeYears(person.workStartDate, nominatedOn) : null;
    if (years === null || years < rules.minServiceYears) {
      issues.push({
        check: 'service',
        message:
          years === null
            ? {
                zh: '缺少参加工作时间，无法核对工作年限',
                en: 'No work start date to check the years of service',
              }
            : {
                zh: `工作年限 ${years} 年，不足 ${rules.minServiceYears} 年`,
                en: `${years} years of service, fewer than ${rules.minServiceYears}`,
              },
      });
    }
  }
  if (rules.minEducation !== null) {
    const rank = (level: string | null) =>
      level ? EDUCATION_LEVELS.indexOf(level as (typeof EDUCATION_LEVELS)[number]) : -1;
    const required = EDUCATION_LEVELS.indexOf(rules.minEducation);
    const best = [rank(person.fullTimeEducation), rank(person.inServiceEducation)].filter((r) => r >= 0);
    // EDUCATION_LEVELS runs from highest to lowest: a smaller index is a higher level.
    if (best.length === 0 || Math.min(...best) > required) {
      issues.push({
        check: 'education',
        message: { zh: `学历低于${rules.minEducation}`, en: `Education below ${rules.minEducation}` },
      });
    }
  }
  if (rules.minLatestAssessment !== null) {
    const latest = [...person.assessments].sort((a, b) => b.year - a.year)[0];
    const grades: readonly string[] = ASSESSMENT_GRADES;
    if (!latest || grades.indexOf(latest.grade) > grades.indexOf(rules.minLatestAssessment)) {
      issues.push({
        check: 'assessment',
        message: latest
          ? {
              zh: `最近一次年度考核（${latest.year}年）为${latest.grade}，低于${rules.minLatestAssessment}`,
              en: `Latest assessment (${latest.year}) ${latest.grade}, below ${rules.minLatestAssessment}`,
            }
          : { zh: '没有年度考核结果', en: 'No annual assessment result' },
      });
    }
  }
  return issues;
}
