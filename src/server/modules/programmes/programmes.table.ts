import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Eligibility } from '../../../core/programme/eligibility.js';
import type { Rule } from '../../../core/programme/rule.js';
import { orgUnits } from '../units/units.table.js';
import { users } from '../users/users.table.js';

/** A development programme (培养方案): who it is for, whose it is, and its published rules. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tier: text('tier').notNull(),
    /** The owning unit: the programme and its pool are managed within this subtree (七(五)). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    cycleYears: integer('cycle_years').notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    /** Days before a due date from which an obligation shows as "due soon". */
    dueSoonDays: integer('due_soon_days').notNull().default(14),
    eligibility: jsonb('eligibility').$type<Eligibility>().notNull(),
    currentVersionId: uuid('current_version_id'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('programmes_unit_idx').on(t.unitId)],
);

/** The rules of a programme, version by version; at most one draft is being edited at a time. */
export const programmeVersions = pgTable(
  'programme_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    number: integer('number').notNull(),
    status: text('status').$type<'draft' | 'published'>().notNull(),
    rules: jsonb('rules').$type<Rule[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('programme_versions_number_uq').on(t.programmeId, t.number)],
);
