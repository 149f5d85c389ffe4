import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { IsoDate } from '../../../core/time/dates.js';
import type { Db } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { type LearningKind, moveReflections } from './learning-obligations.js';
import { readingPlans, trainingEvents, trainingParticipants } from './training.table.js';

const planUnits = alias(orgUnits, 'plan_unit');

/**
 * Obligations generated after the event was recorded follow it at once: a reserve approved after
 * the year's reading plan was published, or rolled over into a year whose training (with them
 * among its participants) or plan is already set, gets the moved due date — one month after the
 * training or study period — rather than the nominal one. Called in the caller's transaction right
 * after the obligations are generated. Returns how many obligations moved.
 */
export async function followRecordedLearning(
  db: Db,
  ctx: ServiceContext,
  input: { reserveIds: string[]; year: number },
): Promise<number> {
  if (input.reserveIds.length === 0) return 0;
  const ids = sql`ANY(${`{${input.reserveIds.join(',')}}`}::uuid[])`;
  const trained = await db
    .select({ reserveId: trainingParticipants.reserveId, end: trainingEvents.endOn })
    .from(trainingParticipants)
    .innerJoin(trainingEvents, eq(trainingEvents.id, trainingParticipants.eventId))
    .where(
      and(
        eq(trainingParticipants.year, input.year),
        isNotNull(trainingEvents.endOn),
        sql`${trainingParticipants.reserveId} = ${ids}`,
      ),
    );
  // The plan over each reserve's unit: published plans of a year never overlap (reading.service).
  const reading = await db
    .select({ reserveId: reserves.id, end: readingPlans.studyEnd })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(readingPlans, and(eq(readingPlans.year, input.year), eq(readingPlans.state, 'published')))
    .innerJoin(
      planUnits,
      and(eq(planUnits.id, readingPlans.unitId), sql`${orgUnits.path} LIKE ${planUnits.path} || '%'`),
    )
    .where(sql`${reserves.id} = ${ids}`);
  let moved = 0;
  for (const [kind, rows] of [
    ['training_reflection', trained],
    ['reading_reflection', reading],
  ] as [LearningKind, { reserveId: string; end: IsoDate | null }[]][]) {
    const byEnd = new Map<IsoDate, string[]>();
    for (const r of rows) {
      if (!r.end) continue;
      const group = byEnd.get(r.end);
      if (group) group.push(r.reserveId);
      else byEnd.set(r.end, [r.reserveId]);
    }
    for (const [end, reserveIds] of byEnd)
      moved += await moveReflections(db, ctx, { kind, year: input.year, reserveIds, eventDate: end });
  }
  return moved;
}
