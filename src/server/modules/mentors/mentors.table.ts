import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AssessmentDimension, AssessmentState } from '../../../core/mentors/assessment.js';
import type { MentorSlot, PairingIssue } from '../../../core/mentors/mentor-rule.js';
import type { ConditionResult } from '../../../core/mentors/reward.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { users } from '../users/users.table.js';

/**
 * A mentor of a reserve in one of the two slots (六(五)). A reassignment ends the old row and
 * starts a new one, so the history stays; an exception HR accepted is kept with its reason.
 */
export const mentorAssignments = pgTable(
  'mentor_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    mentorPersonId: uuid('mentor_person_id')
      .notNull()
      .references(() => people.id),
    slot: text('slot').$type<MentorSlot>().notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    /** The day the mentorship ended; null while current. */
    endOn: date('end_on', { mode: 'string' }),
    endReason: text('end_reason'),
    exceptionReason: text('exception_reason'),
    exceptedIssues: jsonb('excepted_issues').$type<PairingIssue[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
    endedBy: uuid('ended_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mentor_assignments_current_uq').on(t.reserveId, t.slot).where(sql`${t.endOn} IS NULL`),
    index('mentor_assignments_mentor_idx').on(t.mentorPersonId),
    index('mentor_assignments_reserve_idx').on(t.reserveId),
  ],
);

/** HR's dictionary of development directions (培养方向) and the departments related to each. */
export const directionUnits = pgTable(
  'direction_units',
  {
    direction: text('direction').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.direction, t.unitId] }), index('direction_units_unit_idx').on(t.unitId)],
);

/** A programme's mentor settings (defaults apply until HR saves them). */
export const mentorSettings = pgTable('mentor_settings', {
  programmeId: uuid('programme_id')
    .primaryKey()
    .references(() => programmes.id),
  gradeScale: jsonb('grade_scale').$type<string[]>().notNull(),
  ratingScale: jsonb('rating_scale').$type<string[]>().notNull(),
  rewardFen: integer('reward_fen').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A panel member of the unit's performance-assessment panel (绩效考核小组). */
export type PanelMember = { name: string; post: string };

/** The mentor's annual assessment of a reserve (附件二 年度考核评估表). */
export const mentorAssessments = pgTable(
  'mentor_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    mentorPersonId: uuid('mentor_person_id')
      .notNull()
      .references(() => people.id),
    year: integer('year').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    panel: jsonb('panel').$type<PanelMember[]>().notNull().default([]),
    ratings: jsonb('ratings').$type<Partial<Record<AssessmentDimension, string>>>().notNull().default({}),
    strengths: text('strengths').notNull().default(''),
    shortcomings: text('shortcomings').notNull().default(''),
    suggestions: text('suggestions').notNull().default(''),
    overallGrade: text('overall_grade').notNull().default(''),
    mentorComment: text('mentor_comment').notNull().default(''),
    state: text('state').$type<AssessmentState>().notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    filedBy: uuid('filed_by').references(() => users.id),
    filedByName: text('filed_by_name'),
    hrComment: text('hr_comment'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mentor_assessments_uq').on(t.reserveId, t.mentorPersonId, t.year),
    index('mentor_assessments_mentor_idx').on(t.mentorPersonId, t.year),
    index('mentor_assessments_state_idx').on(t.state),
  ],
);

/** The promoted mentee's answer: do they endorse the mentor's work (认可导师培养工作)? */
export const mentorEndorsements = pgTable(
  'mentor_endorsements',
  {
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    mentorPersonId: uuid('mentor_person_id')
      .notNull()
      .references(() => people.id),
    endorsed: boolean('endorsed').notNull(),
    comment: text('comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reserveId, t.mentorPersonId] })],
);

/** A mentor reward HR approved for a pair (amount in fen), then paid. */
export const mentorRewards = pgTable(
  'mentor_rewards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    mentorPersonId: uuid('mentor_person_id')
      .notNull()
      .references(() => people.id),
    amountFen: integer('amount_fen').notNull(),
    state: text('state').$type<'approved' | 'paid'>().notNull().default('approved'),
    /** The conditions as they stood when HR approved. */
    conditions: jsonb('conditions').$type<ConditionResult[]>().notNull(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
    paidOn: date('paid_on', { mode: 'string' }),
    paidBy: uuid('paid_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('mentor_rewards_pair_uq').on(t.reserveId, t.mentorPersonId),
    index('mentor_rewards_state_idx').on(t.state),
  ],
);
