import { z } from 'zod';

/**
 * A programme's requirement rule, as data (SPEC §2.2): what evidence, how often, how many, how
 * long, when due, who acts, whether HR reviews. The default programme (default-programme.ts) is
 * written in these terms; HR can change any of it.
 */
export const EVIDENCE_KINDS = [
  'training_reflection',
  'course_completion',
  'learning_reflection',
  'reading_reflection',
  'exam_score',
  'internal_training',
  'research_report',
  'leader_talk',
  'hr_leader_talk',
  'mentor_talk',
  'mentor_assessment',
  'meeting_attendance',
  'annual_report',
  'rotation',
  'task_force',
  'special_project',
  'annual_assessment',
  'democratic_evaluation',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const RECURRENCES = [
  'yearly',
  'half_yearly',
  'quarterly',
  'monthly',
  'once_per_cycle',
  'as_assigned',
] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Who must act: the reserve, each of their mentors, the leader in charge of their unit, the HR leader, or HR. */
export const ACTORS = ['reserve', 'each_mentor', 'leader_in_charge', 'hr_leader', 'hr'] as const;
export type RuleActor = (typeof ACTORS)[number];

/**
 * When an obligation falls due, relative to its period:
 * - `period_end`: the last day of the period (quarter end, year end …);
 * - `after_period_end`: N months and/or days after the period ends ("end of the month after the quarter");
 * - `month_day`: a fixed day of a month of the period's year ("early November" = 11-10);
 * - `after_event`: N months/days after an event ends (training, study period); until the event is
 *   recorded, the event is assumed to end on `nominalEventEnd` (MM-DD) of the period's year.
 */
export const DueRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('period_end') }),
  z.object({
    kind: z.literal('after_period_end'),
    months: z.number().int().min(0).max(12),
    days: z.number().int().min(0).max(366),
  }),
  z.object({
    kind: z.literal('month_day'),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  }),
  z.object({
    kind: z.literal('after_event'),
    months: z.number().int().min(0).max(12),
    days: z.number().int().min(0).max(366),
    nominalEventEnd: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD'),
  }),
]);
export type DueRule = z.infer<typeof DueRule>;

export const Rule = z.object({
  /** Stable key within a programme: obligations keep it across versions. */
  key: z.string().regex(/^[a-z0-9_]{2,40}$/),
  title: z.string().trim().min(1).max(100),
  evidenceKind: z.enum(EVIDENCE_KINDS),
  recurrence: z.enum(RECURRENCES),
  quantity: z.number().int().min(1).max(100),
  /** Minimum 字数 of a text (reflection, report); null when the evidence is not a text. */
  minChars: z.number().int().min(1).max(100_000).nullable(),
  due: DueRule,
  actor: z.enum(ACTORS),
  hrReview: z.boolean(),
  /** Months (1–12) in which the activity normally takes place, e.g. training in May–June. */
  activeMonths: z.array(z.number().int().min(1).max(12)).max(12),
  note: z.string().max(500).default(''),
});
export type Rule = z.infer<typeof Rule>;

/** A programme's rules: keys unique. */
export const RuleSet = z
  .array(Rule)
  .max(100)
  .refine((rules) => new Set(rules.map((r) => r.key)).size === rules.length, 'rule keys must be unique');
