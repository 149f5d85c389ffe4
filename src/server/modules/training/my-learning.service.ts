import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MyLearning, MyLearningQuery } from '../../../contracts/training.js';
import { todayIn } from '../../../core/time/dates.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { reflectionsOf } from './learning-obligations.js';
import { publishedPlansOver } from './reading.repository.js';
import { trainingEvents, trainingParticipants } from './training.table.js';

/**
 * 我的学习: the caller's own trainings of a year (with attendance) and the published reading plans
 * over their unit, each with the reflection it asks for. Reached through the caller's person only,
 * so a reserve sees nothing of anyone else's.
 */
export async function getMyLearning(
  ctx: ServiceContext,
  query: z.infer<typeof MyLearningQuery>,
): Promise<z.infer<typeof MyLearning>> {
  const year = query.year ?? Number(todayIn().slice(0, 4));
  const me = ctx.actor.personId;
  if (!me) return { year, trainings: [], readingPlans: [] };
  const mine = await ctx.db
    .select({ id: reserves.id, unitPath: orgUnits.path })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(reserves.personId, me), eq(reserves.state, 'active')));
  const reserveIds = mine.map((r) => r.id);
  if (reserveIds.length === 0) return { year, trainings: [], readingPlans: [] };
  const events = await ctx.db
    .select({
      reserveId: trainingParticipants.reserveId,
      attendance: trainingParticipants.attendance,
      event: trainingEvents,
    })
    .from(trainingParticipants)
    .innerJoin(trainingEvents, eq(trainingEvents.id, trainingParticipants.eventId))
    .innerJoin(reserves, eq(reserves.id, trainingParticipants.reserveId))
    .where(and(eq(reserves.personId, me), eq(trainingParticipants.year, year)));
  const [trainingDue, readingDue, plans] = await Promise.all([
    reflectionsOf(ctx.db, { kind: 'training_reflection', year, reserveIds }),
    reflectionsOf(ctx.db, { kind: 'reading_reflection', year, reserveIds }),
    // The person's unit is the same for each of their reserves.
    publishedPlansOver(ctx.db, mine[0].unitPath, year),
  ]);
  const reading = reserveIds.map((id) => readingDue.get(id)).find(Boolean) ?? null;
  return {
    year,
    trainings: events.map(({ reserveId, attendance, event }) => ({
      eventId: event.id,
      title: event.title,
      trainer: event.trainer,
      organiser: event.organiser,
      startOn: event.startOn,
      endOn: event.endOn,
      place: event.place,
      attendance,
      reflection: trainingDue.get(reserveId) ?? null,
    })),
    readingPlans: plans.map(({ plan, unitName }) => ({
      id: plan.id,
      unitName,
      year: plan.year,
      studyStart: plan.studyStart,
      studyEnd: plan.studyEnd,
      mode: plan.mode,
      materials: plan.materials,
      note: plan.note,
      reflection: reading,
    })),
  };
}
