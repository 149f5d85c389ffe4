import { z } from 'zod';
import { ATTENDANCE, MATERIAL_KINDS, STUDY_MODES } from '../core/learning/learning.js';
import { OBLIGATION_STATES, OBLIGATION_STATUSES } from '../core/programme/status.js';
import { IsoDate, PageQuery, paged, text } from './common.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const short = (max: number) => z.string().trim().max(max, `不超过 ${max} 字 / at most ${max} characters`);

/** The reflection an event or a plan asks for: its obligation's due date and status. */
export const ReflectionDue = z.object({
  obligationId: z.uuid(),
  dueDate: IsoDate,
  state: z.enum(OBLIGATION_STATES),
  status: z.enum(OBLIGATION_STATUSES),
});

// ——— Training events (管理技能提升培训, 六(一)1) ———

export const TrainingEventBody = z.object({
  unitId: z.uuid(),
  title: text(100),
  trainer: short(100).default(''),
  organiser: short(100).default(''),
  startOn: IsoDate,
  endOn: IsoDate.nullish().transform((v) => v ?? null),
  place: short(100).default(''),
  description: short(2000).default(''),
});
export const UpdateTrainingEventBody = TrainingEventBody.omit({ unitId: true }).extend({
  version: z.number().int(),
});

export const TrainingEventQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  year: Year.optional(),
});

export const TrainingEventItem = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  year: z.number().int(),
  title: z.string(),
  trainer: z.string(),
  organiser: z.string(),
  startOn: IsoDate,
  endOn: IsoDate.nullable(),
  place: z.string(),
  participants: z.number().int(),
  present: z.number().int(),
  /** Another unit's training that the caller's people attend: read-only, their own participants only. */
  attendingOnly: z.boolean(),
  actions: z.object({ edit: z.boolean() }),
});
export const TrainingEventList = paged(TrainingEventItem);
export const TrainingEventDetail = TrainingEventItem.extend({
  description: z.string(),
  version: z.number().int(),
});

export const ParticipantQuery = PageQuery.extend({ q: z.string().trim().max(100).optional() });
export const ParticipantItem = z.object({
  reserveId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  programmeName: z.string(),
  tier: z.string(),
  attendance: z.enum(ATTENDANCE).nullable(),
  note: z.string(),
  reflection: ReflectionDue.nullable(),
});
export const ParticipantList = paged(ParticipantItem);

/** Reserves to add: every active one matching the filters (unit subtree, tier, programme), and/or by id. */
export const AddParticipantsBody = z
  .object({
    unitId: z.uuid().optional(),
    tier: z.string().trim().min(1).max(50).optional(),
    programmeId: z.uuid().optional(),
    reserveIds: z.array(z.uuid()).max(2000).optional(),
  })
  .refine((b) => b.unitId || b.tier || b.programmeId || b.reserveIds?.length, {
    message: '请选择单位、层级、培养方案或具体人员 / choose a unit, tier, programme or people',
    path: ['unitId'],
  });
export const AddParticipantsResult = z.object({
  added: z.number().int(),
  /** Reserves left out because they already take part in another training that year. */
  inOtherTraining: z.array(z.object({ personName: z.string(), eventTitle: z.string() })),
});
export const RemoveParticipantsBody = z.object({ reserveIds: z.array(z.uuid()).min(1).max(2000) });
export const AttendanceBody = z.object({
  items: z
    .array(
      z.object({
        reserveId: z.uuid(),
        attendance: z.enum(ATTENDANCE).nullable(),
        note: short(200).default(''),
      }),
    )
    .min(1)
    .max(500),
});

export const CandidateQuery = z.object({ q: z.string().trim().max(100).optional() });
export const Candidate = z.object({
  reserveId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  programmeName: z.string(),
  /** The training of that year the reserve already takes part in. */
  otherEvent: z.string().nullable(),
});

// ——— Reading list (书籍或影音资料学习, 六(一)3) ———

export const ReadingMaterialIn = z.object({
  kind: z.enum(MATERIAL_KINDS),
  title: text(100),
  author: short(100).default(''),
  source: short(300).default(''),
  note: short(300).default(''),
});
export const ReadingPlanBody = z.object({
  unitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  studyStart: IsoDate,
  studyEnd: IsoDate,
  mode: z.enum(STUDY_MODES),
  // Bounded here; the 1–3 rule and its message are the core check's.
  materials: z.array(ReadingMaterialIn).max(10),
  note: short(500).default(''),
});
export const UpdateReadingPlanBody = ReadingPlanBody.omit({ unitId: true, year: true }).extend({
  version: z.number().int(),
});
export const VersionBody = z.object({ version: z.number().int() });
export const ReadingPlanQuery = PageQuery.extend({ year: Year.optional() });

export const ReadingPlanItem = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  year: z.number().int(),
  studyStart: IsoDate,
  studyEnd: IsoDate,
  mode: z.enum(STUDY_MODES),
  materials: z.array(ReadingMaterialIn),
  note: z.string(),
  state: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  warnings: z.array(z.string()),
  actions: z.object({ edit: z.boolean() }),
});
export const ReadingPlanList = paged(ReadingPlanItem);
/** A write's answer: the plan, and how many reserves' reflections moved. */
export const ReadingPlanResult = ReadingPlanItem.extend({ moved: z.number().int() });

// ——— My learning ———

export const MyLearningQuery = z.object({ year: Year.optional() });
export const MyLearning = z.object({
  year: z.number().int(),
  trainings: z.array(
    z.object({
      eventId: z.uuid(),
      title: z.string(),
      trainer: z.string(),
      organiser: z.string(),
      startOn: IsoDate,
      endOn: IsoDate.nullable(),
      place: z.string(),
      attendance: z.enum(ATTENDANCE).nullable(),
      reflection: ReflectionDue.nullable(),
    }),
  ),
  readingPlans: z.array(
    ReadingPlanItem.pick({
      id: true,
      unitName: true,
      year: true,
      studyStart: true,
      studyEnd: true,
      mode: true,
      materials: true,
      note: true,
    }).extend({ reflection: ReflectionDue.nullable() }),
  ),
});
