import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CharCount } from '../../../core/text/char-count.js';
import { obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { users } from '../users/users.table.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export type ReflectionState = 'draft' | 'submitted' | 'returned' | 'accepted';
export type CopyKind = 'others' | 'own';
/** One reflection a submitted version overlaps: whose, how much (percent of this version's fingerprints). */
export type CopyMatch = { reflectionId: string; score: number; kind: CopyKind };
/** The copy check of a submitted version, as it stood when it was run. */
export type CopyCheck = { checkedAt: string; threshold: number; fingerprints: number; matches: CopyMatch[] };

/**
 * A reflection (心得体会) or report a reserve writes to fulfil one obligation whose rule asks for a
 * text (training, quarterly learning, reading reflection, research report). The working text is
 * the draft, saved as the reserve writes; each submission freezes a version for HR's review.
 */
export const reflections = pgTable(
  'reflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Small number naming the reflection in the fingerprint table (4 bytes, not a 16-byte uuid). */
    docNo: serial('doc_no').notNull(),
    obligationId: uuid('obligation_id')
      .notNull()
      .references(() => obligations.id),
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    ruleKey: text('rule_key').notNull(),
    /** The rule's title when the reflection was started (the review queue shows it without the rules). */
    ruleTitle: text('rule_title').notNull(),
    periodKey: text('period_key').notNull(),
    /** The rule's evidence kind (training_reflection …), kept for the review queue's filter. */
    evidenceKind: text('evidence_kind').notNull(),
    title: text('title').notNull().default(''),
    state: text('state').$type<ReflectionState>().notNull().default('draft'),
    draftText: text('draft_text').notNull().default(''),
    draftChars: integer('draft_chars').notNull().default(0),
    /** The uploaded .docx/.pdf the draft's text came from (kept with the next version). */
    draftFileId: uuid('draft_file_id'),
    draftSavedAt: timestamp('draft_saved_at', { withTimezone: true }),
    /** How many versions were submitted. */
    versions: integer('versions').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Fingerprints of the submitted text in the index (the copy check's denominator for others). */
    fingerprints: integer('fingerprints').notNull().default(0),
    /** The latest copy check: highest overlap with another reserve's / one's own other reflection. */
    copyScore: integer('copy_score'),
    ownReuseScore: integer('own_reuse_score'),
    /** Set when a score reached the programme's threshold: the queue filters by it. */
    copyFlag: text('copy_flag').$type<CopyKind>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reflections_obligation_uq').on(t.obligationId),
    uniqueIndex('reflections_doc_no_uq').on(t.docNo),
    index('reflections_person_idx').on(t.personId),
    index('reflections_queue_idx').on(t.state, t.submittedAt),
    // The queue's copy-flag filter; few reflections are flagged.
    index('reflections_flag_idx').on(t.copyFlag, t.submittedAt).where(sql`${t.copyFlag} IS NOT NULL`),
  ],
);

/** A submitted version: the text as HR reviewed it, its count, the decision and the copy check. */
export const reflectionVersions = pgTable(
  'reflection_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reflectionId: uuid('reflection_id')
      .notNull()
      .references(() => reflections.id),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    chars: integer('chars').notNull(),
    breakdown: jsonb('breakdown').$type<CharCount>().notNull(),
    minChars: integer('min_chars'),
    fileId: uuid('file_id'),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    decision: text('decision').$type<'accepted' | 'returned'>(),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedByName: text('decided_by_name'),
    copyCheck: jsonb('copy_check').$type<CopyCheck>(),
  },
  (t) => [uniqueIndex('reflection_versions_number_uq').on(t.reflectionId, t.number)],
);

/** An uploaded .docx or .pdf a reflection's text was extracted from. */
export const reflectionFiles = pgTable(
  'reflection_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reflectionId: uuid('reflection_id')
      .notNull()
      .references(() => reflections.id),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reflection_files_reflection_idx').on(t.reflectionId)],
);

/**
 * The copy-check index: each submitted reflection's winnowed fingerprints (src/core/text/
 * fingerprint.ts), one row per (hash, reflection). A check looks its ~150 hashes up in the primary
 * key and counts per reflection — index-only, never re-reading the texts.
 */
export const reflectionFingerprints = pgTable(
  'reflection_fingerprints',
  {
    hash: integer('hash').notNull(),
    docNo: integer('doc_no').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.docNo] })],
);

/**
 * In how many reflections each fingerprint occurs. A fingerprint in very many (a set phrase, the
 * title of the year's book) says nothing about copying and would make every check read its long
 * list of reflections: the check leaves out those above `COMMON_FINGERPRINT_DOCS`.
 */
export const reflectionHashCounts = pgTable('reflection_hash_counts', {
  hash: integer('hash').primaryKey(),
  docs: integer('docs').notNull(),
});

/** Copy-check thresholds of a programme (defaults when no row exists). */
export const reflectionSettings = pgTable('reflection_settings', {
  programmeId: uuid('programme_id')
    .primaryKey()
    .references(() => programmes.id),
  /** Flag a reflection when this share (percent) of it overlaps one other reflection. */
  thresholdPercent: integer('threshold_percent').notNull().default(30),
  /** Also flag reuse of the reserve's own other reflections (earlier years, other kinds). */
  flagOwnReuse: boolean('flag_own_reuse').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedByName: text('updated_by_name'),
});
