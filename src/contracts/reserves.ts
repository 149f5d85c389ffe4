import { z } from 'zod';
import { ELIMINATION_REASONS, RESERVE_STATES } from '../core/programme/pool.js';
import { IsoDate, optionalText, PageQuery, paged, text } from './common.js';

const Message = z.object({ zh: z.string(), en: z.string() });
const Issue = z.object({ check: z.string(), message: Message });

export const ReserveItem = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  gender: z.string(),
  birthDate: z.string().nullable(),
  currentPost: z.string().nullable(),
  unitId: z.uuid(),
  unitName: z.string(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  tier: z.string(),
  state: z.enum(RESERVE_STATES),
  cohortYear: z.number().int(),
  nominatedOn: z.string(),
  enrolledOn: z.string().nullable(),
  cycleEnd: z.string().nullable(),
  direction: z.string().nullable(),
  eligibilityIssues: z.array(Issue),
  overrideReason: z.string().nullable(),
  version: z.number().int(),
  actions: z.object({ decide: z.boolean(), transition: z.boolean() }),
});

export const PoolQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  state: z.enum(RESERVE_STATES).optional(),
  unitId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  /** 培养层级: the programmes' tier (中层管理人员后备, 班组长后备 …). */
  tier: z.string().trim().min(1).max(50).optional(),
  cohortYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const PoolList = paged(ReserveItem);

export const EligibilityCheckBody = z.object({
  programmeId: z.uuid(),
  personIds: z.array(z.uuid()).min(1).max(200),
});
export const EligibilityCheckOut = z.array(
  z.object({
    personId: z.uuid(),
    personName: z.string(),
    employeeNo: z.string(),
    issues: z.array(Issue),
    alreadyInPool: z.boolean(),
  }),
);

export const NominateBody = z.object({
  programmeId: z.uuid(),
  nominatedOn: IsoDate.optional(),
  nominations: z
    .array(
      z.object({
        personId: z.uuid(),
        direction: z.string().trim().max(100).nullish(),
        /** Required when the person fails an eligibility check. */
        overrideReason: z.string().trim().max(500).nullish(),
      }),
    )
    .min(1)
    .max(200),
});

export const DecideBody = z.object({
  reserveIds: z.array(z.uuid()).min(1).max(500),
  decision: z.enum(['approve', 'reject']),
  meetingName: text(100),
  meetingDate: IsoDate,
  remarks: z.string().trim().max(1000).nullish(),
});

export const TransitionBody = z.object({
  version: z.number().int(),
  to: z.enum(['promoted', 'eliminated', 'withdrawn', 'completed']),
  effectiveOn: IsoDate,
  reasonCode: z.enum(ELIMINATION_REASONS).nullish(),
  reason: text(500),
  /** For a promotion (提拔任用): the new post (required), and whether it is a middle-management post. */
  newPost: optionalText(100),
  middleManagement: z.boolean().default(true),
});

/** HR's change of a reserve's own fields: the development direction (培养方向). */
export const UpdateReserveBody = z.object({ version: z.number().int(), direction: optionalText(100) });

export const ReserveEventOut = z.object({
  fromState: z.string().nullable(),
  toState: z.string(),
  effectiveOn: z.string(),
  reason: z.string().nullable(),
  reasonCode: z.string().nullable(),
  meetingName: z.string().nullable(),
  meetingDate: z.string().nullable(),
  newPost: z.string().nullable(),
  middleManagement: z.boolean().nullable(),
  byName: z.string().nullable(),
  at: z.string(),
});

export const ReserveDetail = ReserveItem.extend({
  history: z.array(ReserveEventOut),
  obligationCounts: z.record(z.string(), z.number().int()),
});

export const RollOverBody = z.object({ programmeId: z.uuid(), year: z.number().int().min(2000).max(2100) });
export const RollOverOut = z.object({ reserves: z.number().int(), created: z.number().int() });
