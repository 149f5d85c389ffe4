import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RuleActor } from '../../../core/programme/rule.js';
import type { ObligationState } from '../../../core/programme/status.js';
import { users } from '../users/users.table.js';

/**
 * One dated thing a reserve (or their mentor, leader, HR leader) owes under a programme rule.
 *
 * Its references (reserve, programme version, actor person, waiving user) are checked once per
 * statement by triggers (migration `obligations_statement_references`), not by row-level foreign keys: a province's year is
 * inserted in one statement, and a row-level check per obligation made up a third of that work.
 */
export const obligations = pgTable(
  'obligations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reserveId: uuid('reserve_id').notNull(),
    programmeVersionId: uuid('programme_version_id').notNull(),
    ruleKey: text('rule_key').notNull(),
    periodKey: text('period_key').notNull(),
    cycleYear: integer('cycle_year').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    actor: text('actor').$type<RuleActor>().notNull(),
    actorPersonId: uuid('actor_person_id'),
    /** '' or the actor person's id: part of the identity of the obligation (unique below). */
    actorKey: text('actor_key').notNull(),
    quantity: integer('quantity').notNull(),
    /** Units done out of `quantity` (two courses a quarter: 0, 1, 2): the sum of the counted evidence. */
    progress: integer('progress').notNull().default(0),
    minChars: integer('min_chars'),
    state: text('state').$type<ObligationState>().notNull().default('open'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    fulfilledOn: date('fulfilled_on', { mode: 'string' }),
    waivedReason: text('waived_reason'),
    waivedBy: uuid('waived_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The identity of an obligation (the year is implied by the period; leading with it lets one
    // index serve a reserve's year, and a reserve's rule, too). Every index here costs each of the
    // province's 170 000 obligations of a year at generation, so there are as few as the reads need:
    // the compliance matrix and overdue count read `obligation_tallies` instead (migration 0019).
    uniqueIndex('obligations_identity_uq').on(t.reserveId, t.cycleYear, t.ruleKey, t.periodKey, t.actorKey),
    index('obligations_due_idx').on(t.dueDate, t.state),
    // Duties of a named person (mentors). Partial: most obligations are the reserve's own, and an
    // index entry per obligation would only slow schedule generation down.
    index('obligations_actor_idx').on(t.actorPersonId, t.dueDate).where(sql`${t.actorPersonId} IS NOT NULL`),
    // Role-based duties (HR leader, leader in charge, HR) are found by actor kind; partial likewise.
    index('obligations_actor_kind_idx')
      .on(t.actor, t.dueDate)
      .where(sql`${t.actor} IN ('hr_leader', 'leader_in_charge', 'hr')`),
  ],
);

/**
 * Evidence attached to an obligation: what fulfils it. Every capability (reflections, talks, exam
 * scores, attendance, HR's manual record) attaches evidence the same way, naming its source.
 */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    obligationId: uuid('obligation_id')
      .notNull()
      .references(() => obligations.id),
    /** 'manual' for HR's record; later 'reflection', 'talk', 'exam', … with the record's id. */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id'),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    note: text('note'),
    /** How many units of the obligation's quantity this evidence accounts for. */
    units: integer('units').notNull().default(1),
    /**
     * Whether its units count towards the obligation: at once for evidence that fulfils, on
     * acceptance for evidence submitted for review (a returned submission never counts).
     */
    counted: boolean('counted').notNull().default(false),
    /** Set when the source takes it back (a completion deleted): it no longer counts, and is kept. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_obligation_idx').on(t.obligationId),
    // A capability withdraws what one of its records attached.
    index('evidence_source_idx').on(t.sourceType, t.sourceId).where(sql`${t.sourceId} IS NOT NULL`),
  ],
);

/** A user's secret iCalendar feed URL of their due dates; revocable (a new one replaces it). */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** SHA-256 of the URL's token: the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash),
    index('calendar_feeds_user_idx').on(t.userId),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** The file attached to a piece of evidence (a scanned sign-in sheet, a certificate, a report). */
export const evidenceFiles = pgTable('evidence_files', {
  evidenceId: uuid('evidence_id')
    .primaryKey()
    .references(() => evidence.id),
  name: text('name').notNull(),
  mimeType: text('mime_type').notNull(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
});
