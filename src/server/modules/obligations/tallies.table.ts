import { date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ObligationState } from '../../../core/programme/status.js';

/**
 * Running counts of the obligations of active reserves, by programme, year, rule, due date and
 * state, per *anchor* unit: the person's unit when it is a root or a root's child, else the root's
 * child it lies under (`tally_anchor(path)` in migration 0019). The compliance matrix of a whole
 * organisation (rows = the root's children) and the overdue count read these few thousand rows
 * instead of every obligation of the year.
 *
 * Triggers on obligations, reserves, people and org units (migration 0019) keep it exact, in the
 * same transaction as the change (schedule generation counts its own insert from its plan, which is
 * the same count at a thousandth of the work). They only ever *append* signed deltas, so two writers never wait
 * for each other's tally row; `compactTallies` folds the deltas back into one row per key. It is
 * derived data: backups leave it out, and a restore rebuilds it through the same triggers.
 */
export const obligationTallies = pgTable(
  'obligation_tallies',
  {
    programmeId: uuid('programme_id').notNull(),
    cycleYear: integer('cycle_year').notNull(),
    anchorUnitId: uuid('anchor_unit_id').notNull(),
    ruleKey: text('rule_key').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    state: text('state').$type<ObligationState>().notNull(),
    /** A signed delta: the count of a key is the sum of its rows. */
    n: integer('n').notNull(),
  },
  (t) => [index('obligation_tallies_programme_year_idx').on(t.programmeId, t.cycleYear)],
);
