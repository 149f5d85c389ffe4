import { boolean, integer, pgTable, uuid } from 'drizzle-orm/pg-core';

/**
 * Running counts of people (active or not) per *anchor* unit — the person's unit when it is a root or
 * a root's child, else the root's child it lies under (`tally_anchor(path)`, as for the obligation
 * tallies). The people list of a whole organisation, a root or a root's child reads its total from
 * these few hundred rows instead of counting 150 000 people on every page turn, and so gives the
 * exact number where a live count stops at `COUNT_CAP`.
 *
 * Triggers on people and org units (migration 0020) keep it exact in the same transaction as the
 * change, appending signed deltas only (two imports never wait on one count row); a read folds the
 * deltas when they pile up. Derived data: backups leave it out, a restore rebuilds it.
 */
export const peopleCounts = pgTable('people_counts', {
  anchorUnitId: uuid('anchor_unit_id').notNull(),
  active: boolean('active').notNull(),
  /** A signed delta: the count of a key is the sum of its rows. */
  n: integer('n').notNull(),
});
