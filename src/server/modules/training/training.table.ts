import {
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
import type { Attendance, MaterialKind, StudyMode } from '../../../core/learning/learning.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { users } from '../users/users.table.js';

/**
 * A management-skills training (管理技能提升培训, 六(一)1), owned by the unit whose HR runs it: its
 * end date sets the due date of each participant's training reflection of that year.
 */
export const trainingEvents = pgTable(
  'training_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The year whose training reflection it settles: the year it starts in. */
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** 外聘培训师 */
    trainer: text('trainer').notNull().default(''),
    /** 组织单位, e.g. 市分公司 */
    organiser: text('organiser').notNull().default(''),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    /** Null while not yet fixed: the reflections then keep their nominal due date. */
    endOn: date('end_on', { mode: 'string' }),
    place: text('place').notNull().default(''),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_events_year_idx').on(t.year, t.startOn)],
);

/**
 * A reserve taking part in a training, with their attendance. A reserve takes part in one training a
 * year (unique below): a second would move the same reflection's due date again.
 */
export const trainingParticipants = pgTable(
  'training_participants',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => trainingEvents.id, { onDelete: 'cascade' }),
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    /** Copied from the event, so that the one-training-a-year rule is a unique index. */
    year: integer('year').notNull(),
    attendance: text('attendance').$type<Attendance>(),
    note: text('note').notNull().default(''),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.reserveId] }),
    uniqueIndex('training_participants_reserve_year_uq').on(t.reserveId, t.year),
  ],
);

/** One material of a reading plan. */
export type ReadingMaterial = {
  kind: MaterialKind;
  title: string;
  /** 作者 or 出品方 */
  author: string;
  /** 出版社 or a link */
  source: string;
  note: string;
};

/**
 * A year's reading list (书籍或影音资料学习, 六(一)3) of a unit's reserves: 1–3 materials, a study
 * period and a mode. Once published, the period's end sets the due date of the reading reflection
 * of every active reserve in the unit's subtree.
 */
export const readingPlans = pgTable(
  'reading_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    year: integer('year').notNull(),
    studyStart: date('study_start', { mode: 'string' }).notNull(),
    studyEnd: date('study_end', { mode: 'string' }).notNull(),
    mode: text('mode').$type<StudyMode>().notNull(),
    materials: jsonb('materials').$type<ReadingMaterial[]>().notNull(),
    note: text('note').notNull().default(''),
    state: text('state').$type<'draft' | 'published'>().notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reading_plans_unit_year_uq').on(t.unitId, t.year)],
);
