import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { EligibilityIssue } from '../../../core/programme/eligibility.js';
import type { ReserveState } from '../../../core/programme/pool.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { users } from '../users/users.table.js';

/** A person's membership of a programme's pool (后备干部库), from nomination to its end. */
export const reserves = pgTable(
  'reserves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    state: text('state').$type<ReserveState>().notNull(),
    cohortYear: integer('cohort_year').notNull(),
    nominatedOn: date('nominated_on', { mode: 'string' }).notNull(),
    /** First day of the cycle: the day the leadership approved the nomination. */
    enrolledOn: date('enrolled_on', { mode: 'string' }),
    cycleEnd: date('cycle_end', { mode: 'string' }),
    /** 培养方向: the field the reserve is developed towards (the second mentor follows it). */
    direction: text('direction'),
    eligibilityIssues: jsonb('eligibility_issues').$type<EligibilityIssue[]>().notNull().default([]),
    overrideReason: text('override_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reserves_programme_state_idx').on(t.programmeId, t.state),
    index('reserves_person_idx').on(t.personId),
    // One open membership (nominated or active) per person and programme.
    uniqueIndex('reserves_open_uq')
      .on(t.personId, t.programmeId)
      .where(sql`state in ('nominated', 'active')`),
  ],
);

/** Every change of a reserve's state: dated, attributed, reasoned — the reserve's history. */
export const reserveEvents = pgTable(
  'reserve_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    fromState: text('from_state').$type<ReserveState>(),
    toState: text('to_state').$type<ReserveState>().notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    reason: text('reason'),
    reasonCode: text('reason_code'),
    /** For leadership decisions (审定): the meeting, its date and remarks. */
    meetingName: text('meeting_name'),
    meetingDate: date('meeting_date', { mode: 'string' }),
    /** For a promotion (提拔任用): the new post, and whether it is a middle-management post (the mentor reward). */
    newPost: text('new_post'),
    middleManagement: boolean('middle_management'),
    byUserId: uuid('by_user_id').references(() => users.id),
    byName: text('by_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reserve_events_reserve_idx').on(t.reserveId, t.at)],
);
