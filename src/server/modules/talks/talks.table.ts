import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FollowUpStatus, TalkerRole, TalkKind } from '../../../core/talks/talk-kinds.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { users } from '../users/users.table.js';

/** An agreed action of a talk (措施): what, who carries it out, by when. */
export type TalkAction = { text: string; owner: string; dueOn: string | null };
/** How an action of the previous talk was carried out. */
export type TalkFollowUp = { action: string; status: FollowUpStatus; note: string };

/**
 * A talk record (附件一 谈话记录). A draft is the talker's own; once recorded it counts as evidence
 * (the matching obligation is fulfilled) and the reserve can confirm it.
 */
export const talkRecords = pgTable(
  'talk_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reserveId: uuid('reserve_id')
      .notNull()
      .references(() => reserves.id),
    kind: text('kind').$type<TalkKind>().notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    /** 思想情况 */
    thinking: text('thinking').notNull().default(''),
    /** 工作情况 */
    work: text('work').notNull().default(''),
    /** 肯定成绩 */
    achievements: text('achievements').notNull().default(''),
    /** 指出不足 */
    shortcomings: text('shortcomings').notNull().default(''),
    /** 意见建议 */
    advice: text('advice').notNull().default(''),
    actions: jsonb('actions').$type<TalkAction[]>().notNull().default([]),
    previousTalkId: uuid('previous_talk_id'),
    followUps: jsonb('follow_ups').$type<TalkFollowUp[]>().notNull().default([]),
    state: text('state').$type<'draft' | 'recorded'>().notNull().default('draft'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    reserveConfirmedAt: timestamp('reserve_confirmed_at', { withTimezone: true }),
    reserveComment: text('reserve_comment'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('talk_records_reserve_idx').on(t.reserveId, t.heldOn),
    index('talk_records_held_idx').on(t.heldOn),
  ],
);

/** Who talked with the reserve, and in what part. */
export const talkTalkers = pgTable(
  'talk_talkers',
  {
    talkId: uuid('talk_id')
      .notNull()
      .references(() => talkRecords.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').$type<TalkerRole>().notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.talkId, t.personId] }), index('talk_talkers_person_idx').on(t.personId)],
);
