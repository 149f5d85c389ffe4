import { eq } from 'drizzle-orm';
import { DEFAULT_RULES } from '../src/core/programme/default-programme.js';
import { DEFAULT_ELIGIBILITY } from '../src/core/programme/eligibility.js';
import type { ReserveState } from '../src/core/programme/pool.js';
import type { Rule } from '../src/core/programme/rule.js';
import { cycleEndOf } from '../src/core/programme/schedule.js';
import { todayIn } from '../src/core/time/dates.js';
import { generateObligations } from '../src/server/modules/obligations/obligations.service.js';
import type { people } from '../src/server/modules/people/people.table.js';
import { programmes, programmeVersions } from '../src/server/modules/programmes/programmes.table.js';
import { reserves } from '../src/server/modules/reserves/reserves.table.js';
import type { orgUnits } from '../src/server/modules/units/units.table.js';
import type { Db } from '../src/server/platform/db.js';
import { nextSeq } from './factories.js';

/** A programme as the factories return it: the row plus its published version's id and rules. */
export type TestProgramme = typeof programmes.$inferSelect & { versionId: string; rules: Rule[] };
export type TestReserve = typeof reserves.$inferSelect;

/**
 * Inserts a programme owned by `unit` with one published version (DEFAULT_RULES unless `rules` is
 * given) as its current version.
 */
export async function createProgramme(
  db: Db,
  unit: typeof orgUnits.$inferSelect,
  overrides: Partial<typeof programmes.$inferInsert> & { rules?: Rule[] } = {},
): Promise<TestProgramme> {
  const { rules = DEFAULT_RULES, ...rest } = overrides;
  const n = nextSeq();
  const [programme] = await db
    .insert(programmes)
    .values({
      name: `测试培养方案${n}`,
      tier: '中层管理人员后备',
      unitId: unit.id,
      cycleYears: 2,
      eligibility: DEFAULT_ELIGIBILITY,
      ...rest,
    })
    .returning();
  const [version] = await db
    .insert(programmeVersions)
    .values({ programmeId: programme.id, number: 1, status: 'published', rules, publishedAt: new Date() })
    .returning();
  const [updated] = await db
    .update(programmes)
    .set({ currentVersionId: version.id })
    .where(eq(programmes.id, programme.id))
    .returning();
  return { ...updated, versionId: version.id, rules };
}

/**
 * Inserts a reserve of a person in a programme: active from 1 January of this year (Shanghai) by
 * default, for the programme's cycle.
 */
export async function createReserve(
  db: Db,
  options: {
    person: typeof people.$inferSelect;
    programme: TestProgramme;
    state?: ReserveState;
    enrolledOn?: string;
    cycleEnd?: string;
  },
): Promise<TestReserve> {
  const enrolledOn = options.enrolledOn ?? `${todayIn().slice(0, 4)}-01-01`;
  const [row] = await db
    .insert(reserves)
    .values({
      personId: options.person.id,
      programmeId: options.programme.id,
      state: options.state ?? 'active',
      cohortYear: Number(enrolledOn.slice(0, 4)),
      nominatedOn: enrolledOn,
      enrolledOn,
      cycleEnd: options.cycleEnd ?? cycleEndOf(enrolledOn, options.programme.cycleYears),
    })
    .returning();
  return row;
}

/** Generates a reserve's obligations for one year under the programme's version (mentors optional). */
export function scheduleReserve(
  db: Db,
  reserve: TestReserve,
  programme: TestProgramme,
  year: number,
  options: { mentorIds?: string[] } = {},
): Promise<number> {
  return generateObligations(db, {
    reserve: { id: reserve.id, enrolledOn: reserve.enrolledOn!, cycleEnd: reserve.cycleEnd! },
    versionId: programme.versionId,
    rules: programme.rules,
    year,
    mentorIds: options.mentorIds,
  });
}
