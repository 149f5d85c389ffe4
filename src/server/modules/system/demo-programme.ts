import { and, asc, eq, lt, ne } from 'drizzle-orm';
import { DEFAULT_PROGRAMME, DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { DEFAULT_ELIGIBILITY } from '../../../core/programme/eligibility.js';
import { cycleEndOf } from '../../../core/programme/schedule.js';
import { addDays, todayIn, yearOf } from '../../../core/time/dates.js';
import type { Db } from '../../platform/db.js';
import { generateObligations } from '../obligations/obligations.service.js';
import { evidence, obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes, programmeVersions } from '../programmes/programmes.table.js';
import { reserveEvents, reserves } from '../reserves/reserves.table.js';

const COHORT_SIZE = 24;

/**
 * The demo's programme: the default one (SPEC §3) owned by the root unit, with a cohort approved at
 * the start of the year whose past obligations are mostly — not all — fulfilled, so that the
 * compliance views have something to show.
 */
export async function seedDemoProgramme(
  db: Db,
  rootUnitId: string,
): Promise<{ reserves: number; obligations: number }> {
  return db.transaction(async (tx) => {
    const today = todayIn(DEFAULT_PROGRAMME.timeZone);
    const year = yearOf(today);
    const [programme] = await tx
      .insert(programmes)
      .values({
        name: DEFAULT_PROGRAMME.name,
        tier: DEFAULT_PROGRAMME.tier,
        unitId: rootUnitId,
        cycleYears: DEFAULT_PROGRAMME.cycleYears,
        timeZone: DEFAULT_PROGRAMME.timeZone,
        eligibility: DEFAULT_ELIGIBILITY,
      })
      .returning();
    const [version] = await tx
      .insert(programmeVersions)
      .values({
        programmeId: programme.id,
        number: 1,
        status: 'published',
        rules: DEFAULT_RULES,
        publishedAt: new Date(),
      })
      .returning();
    await tx.update(programmes).set({ currentVersionId: version.id }).where(eq(programmes.id, programme.id));

    // Staff, not yet managers: the people a city branch would nominate.
    const candidates = await tx
      .select({ id: people.id })
      .from(people)
      .where(
        and(
          eq(people.isMiddleManager, false),
          eq(people.active, true),
          ne(people.unitId, rootUnitId),
          lt(people.birthDate, `${year - 28}-01-01`),
        ),
      )
      .orderBy(asc(people.employeeNo))
      .limit(COHORT_SIZE * 3);
    const chosen = candidates.filter((_, i) => i % 3 === 1).slice(0, COHORT_SIZE);
    const nominatedOn = `${year}-01-06`;
    const enrolledOn = `${year}-01-15`;
    const cycleEnd = cycleEndOf(enrolledOn, DEFAULT_PROGRAMME.cycleYears);
    let created = 0;
    for (const [i, candidate] of chosen.entries()) {
      const [reserve] = await tx
        .insert(reserves)
        .values({
          personId: candidate.id,
          programmeId: programme.id,
          state: 'active',
          cohortYear: year,
          nominatedOn,
          enrolledOn,
          cycleEnd,
          direction: ['市场营销', '网络运营', '综合管理', '财务管理'][i % 4],
        })
        .returning();
      await tx.insert(reserveEvents).values([
        {
          reserveId: reserve.id,
          fromState: null,
          toState: 'nominated',
          effectiveOn: nominatedOn,
          byName: '人力资源部',
        },
        {
          reserveId: reserve.id,
          fromState: 'nominated',
          toState: 'active',
          effectiveOn: enrolledOn,
          meetingName: '公司领导班子会议',
          meetingDate: enrolledOn,
          byName: '公司领导班子',
        },
      ]);
      created += await generateObligations(tx, {
        reserve: { id: reserve.id, enrolledOn, cycleEnd },
        versionId: version.id,
        rules: DEFAULT_RULES,
        year,
      });
    }
    // Roughly four in five obligations already due are fulfilled, a few of them late.
    const due = await tx
      .select({ id: obligations.id, dueDate: obligations.dueDate })
      .from(obligations)
      .where(and(lt(obligations.dueDate, today), eq(obligations.actor, 'reserve')))
      .orderBy(asc(obligations.id));
    const done = due.filter((_, i) => i % 5 !== 0);
    for (const [i, o] of done.entries()) {
      const late = addDays(o.dueDate, 6);
      const fulfilledOn = i % 7 === 0 && late < today ? late : addDays(o.dueDate, -3);
      await tx.update(obligations).set({ state: 'fulfilled', fulfilledOn }).where(eq(obligations.id, o.id));
    }
    if (done.length > 0) {
      await tx.insert(evidence).values(
        done.map((o) => ({
          obligationId: o.id,
          sourceType: 'manual',
          occurredOn: addDays(o.dueDate, -3),
          note: '演示数据',
        })),
      );
    }
    return { reserves: chosen.length, obligations: created };
  });
}
