import { and, eq, sql } from 'drizzle-orm';
import { anchorsCover } from '../../../core/org/anchors.js';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { orgUnits } from '../units/units.table.js';
import type { PeopleFilter } from './people.repository.js';
import { peopleCounts } from './people-counts.table.js';

/**
 * Whether the people counts answer for a list filter: scope and unit filter at most a root's child
 * deep, and nothing else that narrows the list (a search or a field filter counts live).
 */
export function peopleCountsAnswer(filter: PeopleFilter): boolean {
  const narrowed =
    filter.q ||
    filter.gender ||
    filter.politicalStatus ||
    filter.education ||
    filter.middleManager !== undefined;
  return (
    !narrowed &&
    anchorsCover(filter.scopePaths) &&
    (filter.subtreePath === undefined || anchorsCover([filter.subtreePath]))
  );
}

/**
 * The exact number of people matching a filter `peopleCountsAnswer` accepts, from the counts by
 * anchor unit. Folds the deltas when they have piled up (many rows per key).
 */
export async function countPeopleFromCounts(db: Db, filter: PeopleFilter): Promise<number> {
  const c = peopleCounts;
  const [row] = await db
    .select({
      n: sql<number>`coalesce(sum(${c.n}), 0)::int`,
      pieces: sql<number>`count(*)::int`,
      keys: sql<number>`count(DISTINCT (${c.anchorUnitId}, ${c.active}))::int`,
    })
    .from(c)
    .innerJoin(orgUnits, eq(orgUnits.id, c.anchorUnitId))
    .where(
      and(
        pathInSubtrees(orgUnits.path, filter.scopePaths),
        filter.subtreePath ? sql`${orgUnits.path} LIKE ${`${filter.subtreePath}%`}` : undefined,
        filter.status === 'all' ? undefined : eq(c.active, filter.status === 'active'),
      ),
    );
  if (Number(row.pieces) > 2 * Number(row.keys) + 200) await compactPeopleCounts(db);
  return Number(row.n);
}

/**
 * Folds the deltas into one row per key, dropping keys that sum to zero. One statement: rows another
 * transaction appends meanwhile are not in its snapshot and stay.
 */
export async function compactPeopleCounts(db: Db): Promise<void> {
  await db.execute(sql`
    WITH gone AS (DELETE FROM people_counts RETURNING *)
    INSERT INTO people_counts (anchor_unit_id, active, n)
    SELECT anchor_unit_id, active, sum(n)::int FROM gone GROUP BY 1, 2 HAVING sum(n) <> 0`);
}
