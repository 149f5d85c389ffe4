import { z } from 'zod';
import { ASSESSMENT_DIMENSIONS, ASSESSMENT_STATES } from '../core/mentors/assessment.js';
import { OBLIGATION_STATES } from '../core/programme/status.js';
import { IsoDate, PageQuery, paged, text } from './common.js';

const longText = z.string().trim().max(4000, '不超过 4000 字 / at most 4000 characters').default('');
const Year = z.coerce.number().int().min(2000).max(2100);

export const PanelMemberIn = z.object({ name: text(20), post: z.string().trim().max(50).default('') });
const Ratings = z.partialRecord(z.enum(ASSESSMENT_DIMENSIONS), z.string().trim().max(10));

/** The mentor's annual assessment (附件二). `submit` sends it to HR; otherwise it stays a draft. */
export const AssessmentBody = z.object({
  reserveId: z.uuid(),
  year: Year,
  assessedOn: IsoDate,
  panel: z.array(PanelMemberIn).max(15).default([]),
  ratings: Ratings.default({}),
  strengths: longText,
  shortcomings: longText,
  suggestions: longText,
  overallGrade: z.string().trim().max(10).default(''),
  mentorComment: longText,
  submit: z.boolean(),
});
export const UpdateAssessmentBody = AssessmentBody.omit({ reserveId: true, year: true }).extend({
  version: z.number().int(),
});
export const FileAssessmentBody = z.object({ comment: z.string().trim().max(500).nullish() });
export const ReturnAssessmentBody = z.object({ comment: text(500) });

export const AssessmentItem = z.object({
  id: z.uuid(),
  reserveId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  mentorPersonId: z.uuid(),
  mentorName: z.string(),
  year: z.number().int(),
  assessedOn: z.string(),
  overallGrade: z.string(),
  state: z.enum(ASSESSMENT_STATES),
  submittedAt: z.string().nullable(),
  filedAt: z.string().nullable(),
  actions: z.object({
    edit: z.boolean(),
    delete: z.boolean(),
    file: z.boolean(),
    return: z.boolean(),
  }),
});
export const AssessmentList = paged(AssessmentItem);

export const AssessmentDetail = AssessmentItem.extend({
  panel: z.array(z.object({ name: z.string(), post: z.string() })),
  ratings: z.record(z.string(), z.string()),
  strengths: z.string(),
  shortcomings: z.string(),
  suggestions: z.string(),
  mentorComment: z.string(),
  hrComment: z.string().nullable(),
  filedByName: z.string().nullable(),
  reservePost: z.string().nullable(),
  direction: z.string().nullable(),
  mentorPost: z.string().nullable(),
  version: z.number().int(),
  scales: z.object({ gradeScale: z.array(z.string()), ratingScale: z.array(z.string()) }),
  obligation: z
    .object({ id: z.uuid(), periodKey: z.string(), dueDate: z.string(), state: z.enum(OBLIGATION_STATES) })
    .nullable(),
});

export const AssessmentQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  state: z.enum(ASSESSMENT_STATES).optional(),
  year: Year.optional(),
  reserveId: z.uuid().optional(),
  /** `mine`: the caller's own assessments as a mentor. */
  mine: z.enum(['true', 'false']).optional(),
});

/** The scales a mentor fills an assessment against, for a reserve. */
export const ScalesQuery = z.object({ reserveId: z.uuid() });
export const ScalesOut = z.object({ gradeScale: z.array(z.string()), ratingScale: z.array(z.string()) });
