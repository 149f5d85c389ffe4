import { z } from 'zod';
import { EVIDENCE_KINDS } from '../core/programme/rule.js';
import { OBLIGATION_STATES } from '../core/programme/status.js';
import { FOLLOW_UP_STATUSES, TALK_KINDS, TALKER_ROLES } from '../core/talks/talk-kinds.js';
import { OWED_STATUSES } from '../core/talks/talk-plan.js';
import { IsoDate, PageQuery, paged, text } from './common.js';

const longText = z.string().trim().max(4000, '不超过 4000 字 / at most 4000 characters');
const Year = z.coerce.number().int().min(2000).max(2100);

export const Talker = z.object({ personId: z.uuid(), role: z.enum(TALKER_ROLES) });
export const TalkActionIn = z.object({
  text: text(500),
  owner: z.string().trim().max(50).default(''),
  dueOn: IsoDate.nullish().transform((v) => v ?? null),
});
export const TalkFollowUpIn = z.object({
  action: text(500),
  status: z.enum(FOLLOW_UP_STATUSES),
  note: z.string().trim().max(500).default(''),
});

/** A talk record as the talker writes it (附件一). `recorded` makes it count; `draft` keeps it for later. */
export const TalkBody = z.object({
  reserveId: z.uuid(),
  kind: z.enum(TALK_KINDS),
  heldOn: IsoDate,
  place: text(100),
  talkers: z.array(Talker).min(1, '请填写谈话人 / name the talkers').max(6),
  thinking: longText.default(''),
  work: longText.default(''),
  achievements: longText.default(''),
  shortcomings: longText.default(''),
  advice: longText.default(''),
  actions: z.array(TalkActionIn).max(20).default([]),
  previousTalkId: z.uuid().nullish(),
  followUps: z.array(TalkFollowUpIn).max(20).default([]),
  state: z.enum(['draft', 'recorded']),
});
export const UpdateTalkBody = TalkBody.omit({ reserveId: true }).extend({ version: z.number().int() });

export const ConfirmTalkBody = z.object({ comment: z.string().trim().max(500).nullish() });

const TalkerOut = z.object({
  personId: z.uuid(),
  name: z.string(),
  post: z.string().nullable(),
  role: z.enum(TALKER_ROLES),
});

/** What a talk settled: the obligation and its state now. */
export const TalkObligationOut = z.object({
  obligationId: z.uuid(),
  ruleKey: z.string(),
  periodKey: z.string(),
  dueDate: z.string(),
  state: z.enum(OBLIGATION_STATES),
  actorName: z.string().nullable(),
});

export const TalkItem = z.object({
  id: z.uuid(),
  reserveId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  kind: z.enum(TALK_KINDS),
  heldOn: z.string(),
  place: z.string(),
  talkers: z.array(TalkerOut),
  state: z.enum(['draft', 'recorded']),
  reserveConfirmedAt: z.string().nullable(),
  actions: z.object({ edit: z.boolean(), delete: z.boolean(), confirm: z.boolean() }),
});
export const TalkList = paged(TalkItem);

export const TalkDetail = TalkItem.extend({
  thinking: z.string(),
  work: z.string(),
  achievements: z.string(),
  shortcomings: z.string(),
  advice: z.string(),
  agreedActions: z.array(z.object({ text: z.string(), owner: z.string(), dueOn: z.string().nullable() })),
  previousTalkId: z.uuid().nullable(),
  followUps: z.array(z.object({ action: z.string(), status: z.enum(FOLLOW_UP_STATUSES), note: z.string() })),
  reserveComment: z.string().nullable(),
  recordedAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  version: z.number().int(),
  obligations: z.array(TalkObligationOut),
});

export const TalkQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  reserveId: z.uuid().optional(),
  kind: z.enum(TALK_KINDS).optional(),
  year: Year.optional(),
  unitId: z.uuid().optional(),
  /** `mine`: records where the caller is a talker or that the caller wrote. */
  mine: z.enum(['true', 'false']).optional(),
});

/** The previous recorded talk with a reserve (its agreed actions are followed up in the next). */
export const PreviousTalkQuery = z.object({ reserveId: z.uuid(), before: IsoDate.optional() });
export const PreviousTalkOut = z.object({
  talk: z
    .object({
      id: z.uuid(),
      heldOn: z.string(),
      kind: z.enum(TALK_KINDS),
      agreedActions: z.array(z.object({ text: z.string(), owner: z.string(), dueOn: z.string().nullable() })),
    })
    .nullable(),
});

/** A reserve the caller may record a talk with, and the parts the caller plays towards them. */
export const TalkableReserve = z.object({
  reserveId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  roles: z.array(z.enum(TALKER_ROLES)),
  /** HR over the reserve: may record a talk held by others. */
  manage: z.boolean(),
});
export const TalkableQuery = z.object({ q: z.string().trim().max(50).optional() });

/** One line of "talks I owe": a reserve, a talk rule, this year's periods and the next deadline. */
export const OwedItem = z.object({
  reserveId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  programmeName: z.string(),
  ruleKey: z.string(),
  ruleTitle: z.string(),
  evidenceKind: z.enum(EVIDENCE_KINDS),
  kind: z.enum(TALK_KINDS),
  total: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  next: z
    .object({ periodKey: z.string(), periodStart: z.string(), periodEnd: z.string(), dueDate: z.string() })
    .nullable(),
  status: z.enum(OWED_STATUSES),
  lastTalkOn: z.string().nullable(),
});
export const OwedQuery = PageQuery.extend({
  year: Year.optional(),
  status: z.enum(OWED_STATUSES).optional(),
});
export const OwedList = paged(OwedItem).extend({
  year: z.number().int(),
  counts: z.record(z.enum(OWED_STATUSES), z.number().int()),
});

/** Coverage by talker: how far each talker is with the talks they owe this year. */
export const TalkerCoverage = z.object({
  personId: z.uuid(),
  name: z.string(),
  post: z.string().nullable(),
  role: z.enum(['leader_in_charge', 'hr_leader', 'mentor']),
  /** Units in charge (leaders), granted subtree (HR leaders), mentees (mentors). */
  scope: z.string(),
  reserves: z.number().int(),
  /** Obligations due so far this year; done (fulfilled or waived) whenever due; of the year's total. */
  due: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  total: z.number().int(),
  lastTalkOn: z.string().nullable(),
});
export const CoverageQuery = PageQuery.extend({
  year: Year.optional(),
  role: z.enum(['leader_in_charge', 'hr_leader', 'mentor']).optional(),
  behind: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export const CoverageList = paged(TalkerCoverage).extend({ year: z.number().int() });
