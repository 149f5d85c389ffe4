import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { obligations } from './obligations.table.js';

/** An obligation with what scope checks need: its reserve, person, unit path and programme. */
export async function findObligationInContext(db: Db, id: string) {
  const rows = await db
    .select({
      obligation: obligations,
      reserveState: reserves.state,
      personId: reserves.personId,
      personName: people.name,
      unitPath: orgUnits.path,
      timeZone: programmes.timeZone,
    })
    .from(obligations)
    .innerJoin(reserves, eq(reserves.id, obligations.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(eq(obligations.id, id))
    .limit(1);
  return rows[0] ?? null;
}
