import { z } from 'zod';
import { REWARD_CONDITIONS } from '../core/mentors/reward.js';
import { OBLIGATION_STATES } from '../core/programme/status.js';
import { IsoDate, PageQuery, paged, text } from './common.js';

const PairObligationOut = z.object({
  obligationId: z.uuid(),
  periodKey: z.string(),
  dueDate: z.string(),
  state: z.enum(OBLIGATION_STATES),
  fulfilledOn: z.string().nullable(),
  /** The talk records (or assessments) that settled it: links to the evidence. */
  recordIds: z.array(z.uuid()),
  ok: z.boolean(),
});

/** A mentor–mentee pair whose mentee was promoted: each condition of the reward, with its evidence. */
export const RewardCandidate = z.object({
  key: z.string(),
  reserveId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  programmeName: z.string(),
  promotion: z
    .object({ on: z.string(), newPost: z.string().nullable(), middleManagement: z.boolean() })
    .nullable(),
  mentor: z.object({
    personId: z.uuid(),
    name: z.string(),
    employeeNo: z.string(),
    post: z.string().nullable(),
    unitName: z.string(),
  }),
  mentorship: z.object({ startOn: z.string(), endOn: z.string().nullable() }),
  conditions: z.array(
    z.object({
      key: z.enum(REWARD_CONDITIONS),
      met: z.boolean(),
      required: z.number().int().optional(),
      satisfied: z.number().int().optional(),
    }),
  ),
  talks: z.array(PairObligationOut),
  assessments: z.array(PairObligationOut),
  endorsement: z
    .object({ endorsed: z.boolean(), comment: z.string().nullable(), answeredAt: z.string() })
    .nullable(),
  eligible: z.boolean(),
  amountFen: z.number().int(),
  amountYuan: z.string(),
  reward: z
    .object({
      id: z.uuid(),
      state: z.enum(['approved', 'paid']),
      amountFen: z.number().int(),
      approvedByName: z.string().nullable(),
      approvedAt: z.string(),
      paidOn: z.string().nullable(),
      version: z.number().int(),
    })
    .nullable(),
  actions: z.object({ approve: z.boolean(), revoke: z.boolean(), pay: z.boolean() }),
});

export const REWARD_FILTERS = ['eligible', 'not_eligible', 'approved', 'paid'] as const;
export const CandidatesQuery = PageQuery.extend({
  programmeId: z.uuid().optional(),
  status: z.enum(REWARD_FILTERS).optional(),
  q: z.string().trim().max(50).optional(),
});
export const CandidateList = paged(RewardCandidate).extend({
  counts: z.record(z.enum(REWARD_FILTERS), z.number().int()),
  /** Approved and not yet paid, in fen. */
  approvedFen: z.number().int(),
});

export const ApproveBody = z.object({
  pairs: z
    .array(z.object({ reserveId: z.uuid(), mentorPersonId: z.uuid() }))
    .min(1)
    .max(500),
});
export const RevokeBody = z.object({ version: z.number().int(), reason: text(200) });
export const PaidBody = z.object({ rewardIds: z.array(z.uuid()).min(1).max(500), paidOn: IsoDate });
export const RewardExportQuery = z.object({
  programmeId: z.uuid().optional(),
  status: z.enum(['approved', 'paid']).default('approved'),
});
