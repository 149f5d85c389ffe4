import { and, eq, inArray, sql } from 'drizzle-orm';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';

/** How many reserves of each programme are active or awaiting approval, within the given subtrees. */
export function poolCounts(db: Db, scope: string[]) {
  return db
    .select({
      programmeId: reserves.programmeId,
      state: reserves.state,
      count: sql<number>`count(*)::int`,
    })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(inArray(reserves.state, ['active', 'nominated']), pathInSubtrees(orgUnits.path, scope)))
    .groupBy(reserves.programmeId, reserves.state);
}

/** Names and tiers of programmes by id. */
export function programmesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: programmes.id, name: programmes.name, tier: programmes.tier })
    .from(programmes)
    .where(inArray(programmes.id, ids));
}
