import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SlotKind } from '../../../core/courses/matching.js';
import { people } from '../people/people.table.js';
import { orgUnits } from '../units/units.table.js';
import { users } from '../users/users.table.js';

/**
 * The online university's course catalogue (网上大学课程目录). A course belongs to the unit whose HR
 * keeps it: everyone under that unit may study it, only HR over that unit may change it.
 */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The platform's course code: what its completion export names. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    /** 学时 in whole tenths of an hour (1.5 学时 = 15): summed exactly. */
    hoursTenths: integer('hours_tenths').notNull(),
    link: text('link'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('courses_code_uq').on(sql`lower(${t.code})`),
    index('courses_unit_idx').on(t.unitId),
    index('courses_title_idx').on(t.title),
  ],
);

/**
 * HR's assigned courses of a quarter for a unit subtree (指定课程). A person takes the assignment of
 * the nearest unit above them that has one for the quarter, so a county's own assignment replaces
 * the city's for its people.
 */
export const courseAssignments = pgTable(
  'course_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    periodKey: text('period_key').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    position: integer('position').notNull(),
    assignedBy: uuid('assigned_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('course_assignments_uq').on(t.unitId, t.periodKey, t.courseId),
    index('course_assignments_period_idx').on(t.periodKey),
  ],
);

/** A reserve's own choice of a course for a quarter (自选课程). */
export const courseChoices = pgTable(
  'course_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    periodKey: text('period_key').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('course_choices_uq').on(t.personId, t.periodKey, t.courseId)],
);

/**
 * A course completed by a person on a day, entered by HR or imported from the platform's export.
 * One per person, course and day, so importing the same export again creates nothing.
 */
export const courseCompletions = pgTable(
  'course_completions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    hoursTenths: integer('hours_tenths'),
    source: text('source').$type<'manual' | 'import'>().notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('course_completions_uq').on(t.personId, t.courseId, t.completedOn),
    index('course_completions_course_idx').on(t.courseId),
  ],
);

/**
 * Which slot a completion counts for (`planCredits` in src/core/courses): a course of a quarter,
 * assigned or chosen. For a reserve it names the obligation its evidence went to; a middle
 * manager's credit has none — their completions are records only.
 */
export const courseCredits = pgTable(
  'course_credits',
  {
    completionId: uuid('completion_id')
      .primaryKey()
      .references(() => courseCompletions.id),
    personId: uuid('person_id').notNull(),
    courseId: uuid('course_id').notNull(),
    periodKey: text('period_key').notNull(),
    kind: text('kind').$type<SlotKind>().notNull(),
    obligationId: uuid('obligation_id'),
  },
  (t) => [
    uniqueIndex('course_credits_slot_uq').on(t.personId, t.courseId, t.periodKey, t.kind),
    index('course_credits_period_idx').on(t.periodKey, t.personId),
  ],
);
