import { z } from 'zod';
import { ASSESSMENT_STATES } from '../core/mentors/assessment.js';
import { MENTOR_SLOTS, PAIRING_ISSUES } from '../core/mentors/mentor-rule.js';
import { RESERVE_STATES } from '../core/programme/pool.js';
import { OBLIGATION_STATES } from '../core/programme/status.js';
import { IsoDate, optionalText, PageQuery, paged, text } from './common.js';

const Message = z.object({ zh: z.string(), en: z.string() });
const Issue = z.enum([...PAIRING_ISSUES, 'missing']);
const PersonRef = z.object({
  personId: z.uuid(),
  name: z.string(),
  employeeNo: z.string(),
  post: z.string().nullable(),
  unitName: z.string(),
});

export const AssignmentOut = z.object({
  id: z.uuid(),
  reserveId: z.uuid(),
  slot: z.enum(MENTOR_SLOTS),
  mentor: PersonRef,
  startOn: z.string(),
  endOn: z.string().nullable(),
  endReason: z.string().nullable(),
  exceptionReason: z.string().nullable(),
  exceptedIssues: z.array(z.enum(PAIRING_ISSUES)),
  createdByName: z.string().nullable(),
  actions: z.object({ end: z.boolean() }),
});

export const BreachOut = z.object({ slot: z.enum(MENTOR_SLOTS), issue: Issue, message: Message });

/** An active reserve with their two mentors and what breaks the rule. */
export const ReserveMentors = z.object({
  reserveId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  direction: z.string().nullable(),
  reserveVersion: z.number().int(),
  unitHead: AssignmentOut.nullable(),
  relatedLeader: AssignmentOut.nullable(),
  breaches: z.array(BreachOut),
  actions: z.object({ assign: z.boolean() }),
});
export const MentorsQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  unitId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  breach: z.enum(['true', 'false']).optional(),
});
export const MentorsList = paged(ReserveMentors).extend({ breachCount: z.number().int() });

const Proposal = PersonRef.extend({ issues: z.array(z.object({ issue: Issue, message: Message })) });
export const ReserveMentorsDetail = ReserveMentors.extend({
  history: z.array(AssignmentOut),
  proposals: z.object({ unit_head: z.array(Proposal), related_leader: z.array(Proposal) }),
  relatedUnits: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

export const AssignBody = z.object({
  slot: z.enum(MENTOR_SLOTS),
  mentorPersonId: z.uuid(),
  startOn: IsoDate,
  /** Required when the pairing breaks the rule: HR's reason for the exception. */
  exceptionReason: optionalText(500),
});
export const CheckPairingBody = z.object({ slot: z.enum(MENTOR_SLOTS), mentorPersonId: z.uuid() });
export const CheckPairingOut = z.object({
  mentor: PersonRef,
  issues: z.array(z.object({ issue: Issue, message: Message })),
  exceptionAllowed: z.boolean(),
});
export const EndAssignmentBody = z.object({ endOn: IsoDate, reason: text(200) });

export const DirectionItem = z.object({
  direction: z.string(),
  units: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Active reserves with this direction in the caller's scope. */
  reserves: z.number().int(),
});
export const DirectionBody = z.object({
  direction: text(100),
  unitIds: z.array(z.uuid()).max(50),
});

export const SettingsQuery = z.object({ programmeId: z.uuid() });
export const SettingsOut = z.object({
  programmeId: z.uuid(),
  gradeScale: z.array(z.string()),
  ratingScale: z.array(z.string()),
  rewardFen: z.number().int(),
  rewardYuan: z.string(),
  version: z.number().int(),
  /** False while the defaults apply (nothing saved yet). */
  saved: z.boolean(),
  actions: z.object({ manage: z.boolean() }),
});
export const SettingsBody = z.object({
  programmeId: z.uuid(),
  gradeScale: z.array(z.string().trim().min(1).max(10)).min(2).max(8),
  ratingScale: z.array(z.string().trim().min(1).max(10)).min(2).max(8),
  rewardYuan: z.string().trim().min(1).max(20),
  /** The version read (0 while the defaults apply). */
  version: z.number().int(),
});

const Progress = z.object({
  total: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  next: z.object({ periodKey: z.string(), dueDate: z.string() }).nullable(),
});

/** One mentee on the mentor's page: this year's talks, and the year's assessment. */
export const MenteeItem = z.object({
  reserveId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  programmeName: z.string(),
  direction: z.string().nullable(),
  slot: z.enum(MENTOR_SLOTS),
  startOn: z.string(),
  talks: Progress,
  lastTalkOn: z.string().nullable(),
  assessment: z.object({
    year: z.number().int(),
    dueDate: z.string().nullable(),
    obligationState: z.enum(OBLIGATION_STATES).nullable(),
    assessmentId: z.uuid().nullable(),
    state: z.enum(ASSESSMENT_STATES).nullable(),
  }),
});
export const MenteesQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const MenteesOut = z.object({ year: z.number().int(), items: z.array(MenteeItem) });

/** The reserve's own page: their mentors, and the endorsement a promoted reserve is asked for. */
export const MyMentorsOut = z.object({
  memberships: z.array(
    z.object({
      reserveId: z.uuid(),
      programmeName: z.string(),
      state: z.enum(RESERVE_STATES),
      promotion: z
        .object({ on: z.string(), newPost: z.string().nullable(), middleManagement: z.boolean() })
        .nullable(),
      mentors: z.array(
        z.object({
          mentor: PersonRef,
          slot: z.enum(MENTOR_SLOTS),
          startOn: z.string(),
          endOn: z.string().nullable(),
          endorsement: z
            .object({ endorsed: z.boolean(), comment: z.string().nullable(), answeredAt: z.string() })
            .nullable(),
          mayEndorse: z.boolean(),
        }),
      ),
    }),
  ),
});
export const EndorseBody = z.object({
  reserveId: z.uuid(),
  mentorPersonId: z.uuid(),
  endorsed: z.boolean(),
  comment: optionalText(500),
});
