import { z } from 'zod';
import { isQuarterKey } from '../core/courses/quarters.js';
import { IsoDate, optionalText, PageQuery, paged, text } from './common.js';

/** A quarter as the programme keys it: `2026-Q3`. */
export const QuarterKey = z.string().refine(isQuarterKey, '季度格式应为 2026-Q3 / quarter like 2026-Q3');

/** 学时 as text with at most one decimal (`1.5`): kept as tenths, never as a binary fraction. */
export const HoursText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,4}(\.\d)?$/.test(v) && Number(v.replace('.', '')) > 0, {
    message: '学时须为大于 0 的数，最多一位小数 / hours: a positive number with at most one decimal',
  });

const Link = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), {
    message: '链接须以 http:// 或 https:// 开头 / the link must start with http:// or https://',
  });

export const CourseBody = z.object({
  unitId: z.uuid(),
  code: text(50).regex(/^[\w.\-/]+$/, '课程编号只能包含字母、数字和 - _ . / / letters, digits, - _ . / only'),
  title: text(200),
  category: text(50),
  hours: HoursText,
  link: Link,
});
export type CourseBody = z.infer<typeof CourseBody>;

export const CoursePatch = CourseBody.omit({ unitId: true })
  .partial()
  .extend({ version: z.number().int(), active: z.boolean().optional() });

export const CourseOut = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  code: z.string(),
  title: z.string(),
  category: z.string(),
  hours: z.string(),
  link: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  actions: z.object({ edit: z.boolean() }),
});
export type CourseOut = z.infer<typeof CourseOut>;

export const CourseListQuery = PageQuery.extend({
  search: optionalText(100),
  category: optionalText(50),
  active: z.enum(['true', 'false', 'all']).default('true'),
});
export const CourseList = paged(CourseOut).extend({ categories: z.array(z.string()) });

/** A brief view of a course inside other answers. */
export const CourseRef = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  category: z.string(),
  hours: z.string(),
  link: z.string().nullable(),
});

export const ImportRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export const CourseImportReport = z.object({
  committed: z.boolean(),
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(ImportRowError),
});
export const CourseImportQuery = z.object({ unitId: z.uuid().optional() });

export const AssignmentBody = z.object({
  unitId: z.uuid(),
  periodKey: QuarterKey,
  courseIds: z.array(z.uuid()).max(20),
});
export const AssignmentQuery = z.object({ periodKey: QuarterKey, unitId: z.uuid().optional() });
export const Coverage = z.object({ reserves: z.number().int(), middleManagers: z.number().int() });
export const AssignmentOut = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  periodKey: z.string(),
  courses: z.array(CourseRef),
  coverage: Coverage,
  actions: z.object({ edit: z.boolean() }),
});
export const AssignmentList = z.object({ quantity: z.number().int(), items: z.array(AssignmentOut) });
export const CoverageQuery = z.object({ unitId: z.uuid(), periodKey: QuarterKey });
export const CoverageOut = Coverage.extend({ quantity: z.number().int() });

/** One course of my quarter, with the day I completed it (if it counted). */
export const MyCourse = CourseRef.extend({ completedOn: z.string().nullable() });
export const MyCoursesQuery = z.object({ periodKey: QuarterKey.optional() });
export const MyCourses = z.object({
  periodKey: z.string(),
  isReserve: z.boolean(),
  isMiddleManager: z.boolean(),
  quantity: z.object({ assigned: z.number().int(), chosen: z.number().int() }),
  assigned: z.array(MyCourse),
  chosen: z.array(MyCourse),
  /** Completed courses of the quarter that count for nothing (studied beyond what was owed). */
  otherCompletions: z.array(MyCourse),
  canChoose: z.boolean(),
});
export const MyCatalogueQuery = PageQuery.extend({ search: optionalText(100), category: optionalText(50) });
export const MyCatalogue = paged(CourseRef).extend({ categories: z.array(z.string()) });
export const ChoicesBody = z.object({ periodKey: QuarterKey, courseIds: z.array(z.uuid()).max(20) });

export const CompletionBody = z.object({
  personId: z.uuid(),
  courseId: z.uuid(),
  completedOn: IsoDate,
  hours: HoursText.nullish().transform((v) => v ?? null),
});
export const CompletionOut = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  course: CourseRef,
  completedOn: z.string(),
  hours: z.string().nullable(),
  source: z.enum(['manual', 'import']),
  /** The quarter and kind it counted for, if any. */
  countsFor: z.object({ periodKey: z.string(), kind: z.enum(['assigned', 'chosen']) }).nullable(),
  actions: z.object({ delete: z.boolean() }),
});
export const CompletionListQuery = PageQuery.extend({
  search: optionalText(100),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const CompletionList = paged(CompletionOut);

/** The columns of an uploaded platform export, to choose which is which. */
export const ImportColumns = z.object({
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string().nullable())),
});
/** The mapping sent with the file (multipart fields). */
export const CompletionMapping = z.object({
  employeeNo: text(100),
  course: text(100),
  courseBy: z.enum(['code', 'title']).default('code'),
  completedOn: text(100),
  hours: optionalText(100),
});
export const CompletionImportReport = z.object({
  committed: z.boolean(),
  totalRows: z.number().int(),
  created: z.number().int(),
  /** Rows already recorded (same person, course and day): nothing is created twice. */
  alreadyRecorded: z.number().int(),
  /** How many of the new completions count for an obligation or a middle manager's course. */
  counted: z.number().int(),
  unknownEmployees: z.array(z.object({ value: z.string(), rows: z.array(z.number().int()) })),
  unknownCourses: z.array(z.object({ value: z.string(), rows: z.array(z.number().int()) })),
  errors: z.array(ImportRowError),
});
export type CompletionImportReport = z.infer<typeof CompletionImportReport>;

export const QuarterQuery = PageQuery.extend({
  periodKey: QuarterKey,
  unitId: z.uuid().optional(),
  kind: z.enum(['all', 'reserve', 'middle_manager']).default('all'),
  incomplete: z.enum(['true', 'false']).default('false'),
  search: optionalText(100),
});
export const QuarterCourse = z.object({
  courseId: z.uuid(),
  code: z.string(),
  title: z.string(),
  kind: z.enum(['assigned', 'chosen']),
  completedOn: z.string().nullable(),
});
export const QuarterRow = z.object({
  personId: z.uuid(),
  name: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  isReserve: z.boolean(),
  isMiddleManager: z.boolean(),
  courses: z.array(QuarterCourse),
  expected: z.number().int(),
  completed: z.number().int(),
});
export const UnitTotal = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  people: z.number().int(),
  expected: z.number().int(),
  completed: z.number().int(),
});
export const QuarterView = paged(QuarterRow).extend({
  unitTotals: z.array(UnitTotal),
  totals: z.object({ people: z.number().int(), expected: z.number().int(), completed: z.number().int() }),
});
