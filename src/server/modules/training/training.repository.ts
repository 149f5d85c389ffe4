import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { containsPattern } from '../../platform/sql-text.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { trainingEvents, trainingParticipants } from './training.table.js';

/** A unit's id, name and materialised path (the scope of what it owns). */
export async function findUnitRef(db: Db, id: string) {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.id, id));
  return row ?? null;
}

/**
 * Participants whose person's unit lies under `paths`, as a condition on `p` (training_participants):
 * a county sees a city training its reserves attend, and only them.
 */
function participantUnder(paths: string[]): SQL {
  return sql`EXISTS (SELECT 1 FROM ${reserves} r JOIN ${people} pe ON pe.id = r.person_id
                     JOIN ${orgUnits} pu ON pu.id = pe.unit_id
                     WHERE r.id = p.reserve_id AND ${pathInSubtrees(sql`pu.path`, paths)})`;
}

/**
 * The columns of an event as `paths` see it: an event of a unit under them with all its participants
 * counted; one they only attend, with only their own people counted (`ownedInScope` false).
 */
function eventColumns(paths: string[]) {
  const owned = pathInSubtrees(orgUnits.path, paths);
  const counted = sql`(${owned} OR ${participantUnder(paths)})`;
  return {
    event: trainingEvents,
    unitName: orgUnits.name,
    unitPath: orgUnits.path,
    ownedInScope: sql<boolean>`(${owned})`,
    participants: sql<number>`(SELECT count(*)::int FROM ${trainingParticipants} p WHERE p.event_id = ${trainingEvents.id} AND ${counted})`,
    present: sql<number>`(SELECT count(*)::int FROM ${trainingParticipants} p WHERE p.event_id = ${trainingEvents.id} AND p.attendance = 'present' AND ${counted})`,
  };
}
export type EventRow = {
  event: typeof trainingEvents.$inferSelect;
  unitName: string;
  unitPath: string;
  /** The event's unit is under the caller's paths (else they see it for their participants only). */
  ownedInScope: boolean;
  participants: number;
  present: number;
};

/** Events of units under `paths`, and events with a participant whose unit is under them. */
export type EventFilter = { paths: string[]; q?: string; year?: number };

function eventWhere(f: EventFilter): SQL | undefined {
  const attended = sql`EXISTS (SELECT 1 FROM ${trainingParticipants} p
                               WHERE p.event_id = ${trainingEvents.id} AND ${participantUnder(f.paths)})`;
  const conditions: (SQL | undefined)[] = [or(pathInSubtrees(orgUnits.path, f.paths), attended)];
  if (f.q) {
    const p = containsPattern(f.q);
    conditions.push(
      or(ilike(trainingEvents.title, p), ilike(trainingEvents.trainer, p), ilike(trainingEvents.place, p)),
    );
  }
  if (f.year) conditions.push(eq(trainingEvents.year, f.year));
  return and(...conditions);
}

/** A page of the training events seen from some subtrees (`EventFilter`), latest first. */
export async function listEvents(db: Db, f: EventFilter, page: { offset: number; limit: number }) {
  const where = eventWhere(f);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(eventColumns(f.paths))
      .from(trainingEvents)
      .innerJoin(orgUnits, eq(orgUnits.id, trainingEvents.unitId))
      .where(where)
      .orderBy(desc(trainingEvents.startOn), asc(trainingEvents.id))
      .offset(page.offset)
      .limit(page.limit),
    db
      .select({ total: count() })
      .from(trainingEvents)
      .innerJoin(orgUnits, eq(orgUnits.id, trainingEvents.unitId))
      .where(where),
  ]);
  return { rows: rows as EventRow[], total };
}

/**
 * One event with its unit as `paths` see it, or null when it does not exist or is neither under
 * them nor attended by anyone under them.
 */
export async function findEvent(db: Db, id: string, paths: string[]): Promise<EventRow | null> {
  const [row] = await db
    .select(eventColumns(paths))
    .from(trainingEvents)
    .innerJoin(orgUnits, eq(orgUnits.id, trainingEvents.unitId))
    .where(and(eq(trainingEvents.id, id), eventWhere({ paths })));
  return (row as EventRow) ?? null;
}

/** Every participant's reserve id of an event (a few hundred at most: one city's pool). */
export async function participantIds(db: Db, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ id: trainingParticipants.reserveId })
    .from(trainingParticipants)
    .where(eq(trainingParticipants.eventId, eventId));
  return rows.map((r) => r.id);
}

const participantColumns = {
  reserveId: trainingParticipants.reserveId,
  attendance: trainingParticipants.attendance,
  note: trainingParticipants.note,
  personName: people.name,
  employeeNo: people.employeeNo,
  unitName: orgUnits.name,
  programmeName: programmes.name,
  tier: programmes.tier,
};
export type ParticipantRow = {
  reserveId: string;
  attendance: (typeof trainingParticipants.$inferSelect)['attendance'];
  note: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  programmeName: string;
  tier: string;
};

/** `onlyUnder`: the participants whose unit lies under these paths (a county at a city training). */
function participantWhere(eventId: string, q?: string, onlyUnder?: string[]): SQL | undefined {
  const p = q ? containsPattern(q) : null;
  return and(
    eq(trainingParticipants.eventId, eventId),
    p ? or(ilike(people.name, p), sql`lower(${people.employeeNo}) LIKE lower(${p})`) : undefined,
    onlyUnder ? pathInSubtrees(orgUnits.path, onlyUnder) : undefined,
  );
}

function participantQuery(db: Db) {
  return db
    .select(participantColumns)
    .from(trainingParticipants)
    .innerJoin(reserves, eq(reserves.id, trainingParticipants.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId));
}

/**
 * A page of an event's participants, by unit path then name; `onlyUnder` keeps those whose unit lies
 * under these paths (a county looking at a city training).
 */
export async function listParticipants(
  db: Db,
  input: { eventId: string; q?: string; onlyUnder?: string[]; offset: number; limit: number },
) {
  const where = participantWhere(input.eventId, input.q, input.onlyUnder);
  const [rows, [{ total }]] = await Promise.all([
    participantQuery(db)
      .where(where)
      .orderBy(asc(orgUnits.path), asc(people.name), asc(trainingParticipants.reserveId))
      .offset(input.offset)
      .limit(input.limit),
    // Without a search or a unit filter the count needs no join (the primary key leads with the event).
    input.q || input.onlyUnder
      ? db
          .select({ total: count() })
          .from(trainingParticipants)
          .innerJoin(reserves, eq(reserves.id, trainingParticipants.reserveId))
          .innerJoin(people, eq(people.id, reserves.personId))
          .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
          .where(where)
      : db
          .select({ total: count() })
          .from(trainingParticipants)
          .where(eq(trainingParticipants.eventId, input.eventId)),
  ]);
  return { rows: rows as ParticipantRow[], total };
}

/** Every participant of an event (or those under `onlyUnder`), in batches (the export): no count. */
export async function* iterateParticipants(db: Db, eventId: string, onlyUnder?: string[], batch = 2000) {
  for (let offset = 0; ; offset += batch) {
    const rows = (await participantQuery(db)
      .where(participantWhere(eventId, undefined, onlyUnder))
      .orderBy(asc(orgUnits.path), asc(people.name), asc(trainingParticipants.reserveId))
      .offset(offset)
      .limit(batch)) as ParticipantRow[];
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
  }
}

export type ReserveFilter = {
  /** The event's unit subtree, and the caller's scope: the reserves' units lie in both. */
  eventPath: string;
  scope: string[];
  unitPath?: string;
  tier?: string;
  programmeId?: string;
  reserveIds?: string[];
  q?: string;
  limit?: number;
};

/** Active reserves matching a filter, with the training of a year each already takes part in. */
export async function findReserves(db: Db, f: ReserveFilter & { year: number }) {
  const p = f.q ? containsPattern(f.q) : null;
  const query = db
    .select({
      reserveId: reserves.id,
      personName: people.name,
      employeeNo: people.employeeNo,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      programmeName: programmes.name,
      otherEventId: trainingParticipants.eventId,
      otherEvent: trainingEvents.title,
    })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .leftJoin(
      trainingParticipants,
      and(eq(trainingParticipants.reserveId, reserves.id), eq(trainingParticipants.year, f.year)),
    )
    .leftJoin(trainingEvents, eq(trainingEvents.id, trainingParticipants.eventId))
    .where(
      and(
        eq(reserves.state, 'active'),
        sql`${orgUnits.path} LIKE ${`${f.eventPath}%`}`,
        pathInSubtrees(orgUnits.path, f.scope),
        f.unitPath ? sql`${orgUnits.path} LIKE ${`${f.unitPath}%`}` : undefined,
        f.tier ? eq(programmes.tier, f.tier) : undefined,
        f.programmeId ? eq(reserves.programmeId, f.programmeId) : undefined,
        f.reserveIds ? inArray(reserves.id, f.reserveIds) : undefined,
        p ? or(ilike(people.name, p), sql`lower(${people.employeeNo}) LIKE lower(${p})`) : undefined,
      ),
    )
    .orderBy(asc(orgUnits.path), asc(people.name));
  return f.limit ? query.limit(f.limit) : query;
}
