import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { containsPattern } from '../../platform/sql-text.js';
import { evidence } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserveEvents, reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { mentorEndorsements, mentorRewards } from './mentors.table.js';

/** Promoted reserves (in a scope, or of the given ids), with their promotion (the latest promoted event). */
export async function promotedReserves(
  db: Db,
  input: { scope?: SQL; programmeId?: string; q?: string; reserveIds?: string[] },
) {
  const pattern = input.q ? containsPattern(input.q) : null;
  const rows = await db
    .select({
      reserveId: reserves.id,
      personId: reserves.personId,
      personName: people.name,
      employeeNo: people.employeeNo,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      programmeId: reserves.programmeId,
      programmeName: programmes.name,
    })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(
      and(
        eq(reserves.state, 'promoted'),
        input.scope,
        input.programmeId ? eq(reserves.programmeId, input.programmeId) : undefined,
        input.reserveIds ? inArray(reserves.id, input.reserveIds) : undefined,
        pattern
          ? or(ilike(people.name, pattern), sql`lower(${people.employeeNo}) LIKE lower(${pattern})`)
          : undefined,
      ),
    )
    .orderBy(asc(orgUnits.path), asc(people.employeeNo));
  const events =
    rows.length === 0
      ? []
      : await db
          .select({
            reserveId: reserveEvents.reserveId,
            effectiveOn: reserveEvents.effectiveOn,
            newPost: reserveEvents.newPost,
            middleManagement: reserveEvents.middleManagement,
          })
          .from(reserveEvents)
          .where(
            and(
              inArray(
                reserveEvents.reserveId,
                rows.map((r) => r.reserveId),
              ),
              eq(reserveEvents.toState, 'promoted'),
            ),
          )
          .orderBy(desc(reserveEvents.at));
  const promotion = new Map<string, (typeof events)[number]>();
  for (const e of events) if (!promotion.has(e.reserveId)) promotion.set(e.reserveId, e);
  return rows.map((r) => ({ ...r, promotion: promotion.get(r.reserveId) ?? null }));
}

/** The talk records and assessments counted for obligations (not withdrawn). */
export function recordsFor(db: Db, obligationIds: string[]) {
  if (obligationIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      obligationId: evidence.obligationId,
      sourceType: evidence.sourceType,
      sourceId: evidence.sourceId,
    })
    .from(evidence)
    .where(
      and(
        inArray(evidence.obligationId, obligationIds),
        inArray(evidence.sourceType, ['talk', 'assessment']),
        eq(evidence.counted, true),
        isNull(evidence.withdrawnAt),
      ),
    );
}

export function endorsementsOf(db: Db, reserveIds: string[]) {
  if (reserveIds.length === 0) return Promise.resolve([]);
  return db.select().from(mentorEndorsements).where(inArray(mentorEndorsements.reserveId, reserveIds));
}

export function rewardsOf(db: Db, reserveIds: string[]) {
  if (reserveIds.length === 0) return Promise.resolve([]);
  return db.select().from(mentorRewards).where(inArray(mentorRewards.reserveId, reserveIds));
}
