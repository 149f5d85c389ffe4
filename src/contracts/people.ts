import { z } from 'zod';
import {
  ASSESSMENT_GRADES,
  DEGREES,
  EDUCATION_LEVELS,
  GENDERS,
  POLITICAL_STATUSES,
} from '../core/people/dictionaries.js';
import { isValidIdNumber } from '../core/people/id-number.js';
import { IsoDate, optionalText, PageQuery, paged, text } from './common.js';

const optionalDate = IsoDate.nullish().transform((v) => v ?? null);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .nullish()
    .transform((v) => v ?? null);

export const ResumeLine = z.object({
  from: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM'),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'YYYY-MM')
    .nullable(),
  text: text(200),
});

export const AssessmentResult = z.object({
  year: z.number().int().min(1980).max(2100),
  grade: z.enum(ASSESSMENT_GRADES),
});

export const EmployeeNo = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, '工号只能包含字母、数字、- 和 _ / letters, digits, - and _ only');

/** The editable fields of a person (registration form), as the create and edit forms send them. */
export const PersonFields = z.object({
  employeeNo: EmployeeNo,
  name: text(50),
  gender: z.enum(GENDERS),
  ethnicity: optionalText(20),
  birthDate: optionalDate,
  nativePlace: optionalText(50),
  politicalStatus: optionalEnum(POLITICAL_STATUSES),
  partyJoinDate: optionalDate,
  workStartDate: optionalDate,
  fullTimeEducation: optionalEnum(EDUCATION_LEVELS),
  fullTimeDegree: optionalEnum(DEGREES),
  fullTimeSchool: optionalText(100),
  fullTimeMajor: optionalText(100),
  inServiceEducation: optionalEnum(EDUCATION_LEVELS),
  inServiceDegree: optionalEnum(DEGREES),
  inServiceSchool: optionalText(100),
  inServiceMajor: optionalText(100),
  professionalTitle: optionalText(50),
  currentPost: optionalText(100),
  postSince: optionalDate,
  grade: optionalText(30),
  isMiddleManager: z.boolean(),
  unitId: z.uuid(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确 / invalid phone number')
    .nullish()
    .transform((v) => v || null),
  /** Write-only: the full ID number; answers only ever carry the masked form. */
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidIdNumber, '身份证号码无效（18 位，校验码须正确）/ invalid ID number')
    .nullish()
    .transform((v) => v || null),
  resume: z.array(ResumeLine).max(50),
  rewardsPunishments: optionalText(2000),
  assessments: z.array(AssessmentResult).max(20),
});

// Defaults only on create: an edit that leaves a field out must leave it unchanged.
export const CreatePersonBody = PersonFields.extend({
  isMiddleManager: PersonFields.shape.isMiddleManager.default(false),
  resume: PersonFields.shape.resume.default([]),
  assessments: PersonFields.shape.assessments.default([]),
});
export const UpdatePersonBody = PersonFields.partial().extend({
  version: z.number().int(),
  active: z.boolean().optional(),
});

export const PersonActions = z.object({ edit: z.boolean(), viewIdNumber: z.boolean() });

/** A row of the people list. */
export const PersonListItem = z.object({
  id: z.uuid(),
  employeeNo: z.string(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  fullTimeEducation: z.string().nullable(),
  currentPost: z.string().nullable(),
  grade: z.string().nullable(),
  isMiddleManager: z.boolean(),
  unitId: z.uuid(),
  unitName: z.string(),
  idNumberMasked: z.string().nullable(),
  active: z.boolean(),
});

const nullableString = z.string().nullable();

/** The full registration form of one person (an answer: plain types, no transforms). */
export const PersonDetail = z.object({
  id: z.uuid(),
  employeeNo: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  ethnicity: nullableString,
  birthDate: nullableString,
  nativePlace: nullableString,
  politicalStatus: nullableString,
  partyJoinDate: nullableString,
  workStartDate: nullableString,
  fullTimeEducation: nullableString,
  fullTimeDegree: nullableString,
  fullTimeSchool: nullableString,
  fullTimeMajor: nullableString,
  inServiceEducation: nullableString,
  inServiceDegree: nullableString,
  inServiceSchool: nullableString,
  inServiceMajor: nullableString,
  professionalTitle: nullableString,
  currentPost: nullableString,
  postSince: nullableString,
  grade: nullableString,
  isMiddleManager: z.boolean(),
  unitId: z.uuid(),
  unitName: z.string(),
  phone: nullableString,
  idNumberMasked: nullableString,
  resume: z.array(z.object({ from: z.string(), to: nullableString, text: z.string() })),
  rewardsPunishments: nullableString,
  assessments: z.array(z.object({ year: z.number().int(), grade: z.string() })),
  hasPhoto: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: PersonActions,
});
export type PersonDetail = z.infer<typeof PersonDetail>;

export const PEOPLE_SORTS = ['employeeNo', 'name', 'birthDate', 'unit', 'workStartDate'] as const;

export const PeopleListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  unitId: z.uuid().optional(),
  gender: z.enum(GENDERS).optional(),
  politicalStatus: z.enum(POLITICAL_STATUSES).optional(),
  education: z.enum(EDUCATION_LEVELS).optional(),
  middleManager: z.enum(['true', 'false']).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  sort: z.enum(PEOPLE_SORTS).default('employeeNo'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** `total` stops at 10 000; `totalCapped` says there are more (narrow the filter). */
export const PeopleList = paged(PersonListItem).extend({ totalCapped: z.boolean() });
export const IdNumberView = z.object({ idNumber: z.string().nullable() });

/** Result of an import preview or commit: every bad row and cell with its reason. */
export const ImportReport = z.object({
  committed: z.boolean(),
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(
    z.object({
      row: z.number().int(),
      column: z.string().nullable(),
      value: z.string().nullable(),
      message: z.string(),
    }),
  ),
});
export type ImportReport = z.infer<typeof ImportReport>;
