import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { programmes, programmeVersions } from './programmes.table.js';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type VersionRow = typeof programmeVersions.$inferSelect;

/** All programmes with their owning unit (programmes are few: filtered by scope in the service). */
export async function listProgrammesWithUnits(db: Db) {
  return db
    .select({ programme: programmes, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(programmes)
    .innerJoin(orgUnits, eq(orgUnits.id, programmes.unitId))
    .orderBy(asc(orgUnits.path), asc(programmes.name));
}

export async function findProgrammeWithUnit(db: Db, id: string) {
  const rows = await db
    .select({ programme: programmes, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(programmes)
    .innerJoin(orgUnits, eq(orgUnits.id, programmes.unitId))
    .where(eq(programmes.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** The published and draft versions of programmes. */
export async function listVersions(db: Db, programmeIds: string[]): Promise<VersionRow[]> {
  if (programmeIds.length === 0) return [];
  return db
    .select()
    .from(programmeVersions)
    .where(inArray(programmeVersions.programmeId, programmeIds))
    .orderBy(desc(programmeVersions.number));
}

export async function findVersion(db: Db, id: string): Promise<VersionRow | null> {
  const rows = await db.select().from(programmeVersions).where(eq(programmeVersions.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Active reserves per programme. */
export async function countActiveReserves(db: Db, programmeIds: string[]) {
  if (programmeIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ programmeId: reserves.programmeId, n: count() })
    .from(reserves)
    .where(and(inArray(reserves.programmeId, programmeIds), eq(reserves.state, 'active')))
    .groupBy(reserves.programmeId);
  return new Map(rows.map((r) => [r.programmeId, r.n]));
}

/** The active reserves of a programme with their person and unit, for previews and publishing. */
export async function listActiveReserves(db: Db, programmeId: string) {
  return db
    .select({
      id: reserves.id,
      enrolledOn: reserves.enrolledOn,
      cycleEnd: reserves.cycleEnd,
      personName: people.name,
      employeeNo: people.employeeNo,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
    })
    .from(reserves)
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(reserves.programmeId, programmeId), eq(reserves.state, 'active')));
}

/** Every obligation of the given reserves. */
export async function listObligationsOfReserves(db: Db, reserveIds: string[]) {
  if (reserveIds.length === 0) return [];
  return db.select().from(obligations).where(inArray(obligations.reserveId, reserveIds));
}
