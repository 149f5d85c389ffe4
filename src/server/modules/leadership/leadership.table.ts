import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/people.table.js';
import { orgUnits } from '../units/units.table.js';
import { users } from '../users/users.table.js';

/**
 * 分管: a leadership member is in charge of units (and their subtrees). Kept with its history: a
 * change ends the old row (`endOn`) and starts a new one, so who was in charge when stays known.
 */
export const leaderCharges = pgTable(
  'leader_charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leaderPersonId: uuid('leader_person_id')
      .notNull()
      .references(() => people.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    /** The last day in charge; null while in charge. */
    endOn: date('end_on', { mode: 'string' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    endedBy: uuid('ended_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    // One current charge per leader and unit.
    uniqueIndex('leader_charges_current_uq').on(t.leaderPersonId, t.unitId).where(sql`${t.endOn} IS NULL`),
    index('leader_charges_unit_idx').on(t.unitId),
  ],
);
