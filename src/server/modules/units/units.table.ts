import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Org units of any depth. `path` is the materialised path of ids (`/id1/id2/`), so a subtree is
 * `path LIKE '/…/id/%'` on a text_pattern_ops index: that is how every scope check filters in SQL.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    headPersonId: uuid('head_person_id'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_code_uq').on(sql`lower(${t.code})`),
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

/** Deputies (副职) of a unit, in display order. */
export const orgUnitDeputies = pgTable(
  'org_unit_deputies',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    personId: uuid('person_id').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.personId] }),
    index('org_unit_deputies_person_idx').on(t.personId),
  ],
);
