import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../platform/bulk-insert.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { protectIdNumber } from '../people/people.service.js';
import { people } from '../people/people.table.js';
import { orgUnitDeputies, orgUnits } from '../units/units.table.js';

/** A unit as the demo and benchmark generators describe it (parents before children). */
export type LoadUnit = {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
  sortOrder: number;
  headEmployeeNo?: string | null;
  deputyEmployeeNos?: string[];
};

/** A person as the generators describe it; `unitCode` names the unit. */
export type LoadPerson = Omit<
  typeof people.$inferInsert,
  'id' | 'unitId' | 'idNumberCipher' | 'idNumberHash' | 'idNumberMasked'
> & {
  unitCode: string;
  idNumber?: string | null;
};

const BATCH = 1000;

/**
 * Loads an organisation in bulk (multi-row inserts in one transaction): units in tree order, then
 * people, then unit heads and deputies. For the demo and the benchmarks, not for user input.
 */
export async function bulkLoadOrganisation(
  db: Db,
  cipher: FieldCipher,
  org: { units: LoadUnit[]; people: Iterable<LoadPerson> },
): Promise<{ units: number; people: number; rootUnitId: string }> {
  const loaded = await loadInTransaction(db, cipher, org);
  await db.execute(sql`ANALYZE org_units`);
  await db.execute(sql`ANALYZE people`);
  return loaded;
}

function loadInTransaction(
  db: Db,
  cipher: FieldCipher,
  org: { units: LoadUnit[]; people: Iterable<LoadPerson> },
) {
  return db.transaction(async (tx) => {
    const byCode = new Map<string, { id: string; path: string; depth: number }>();
    const unitRows: (typeof orgUnits.$inferInsert)[] = [];
    for (const unit of org.units) {
      const parent = unit.parentCode ? byCode.get(unit.parentCode) : null;
      if (unit.parentCode && !parent)
        throw new Error(`Unit ${unit.code}: parent ${unit.parentCode} comes later or is missing`);
      const id = crypto.randomUUID();
      const row = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
      byCode.set(unit.code, row);
      unitRows.push({
        ...row,
        parentId: parent?.id ?? null,
        code: unit.code,
        name: unit.name,
        type: unit.type,
        sortOrder: unit.sortOrder,
      });
    }
    for (let i = 0; i < unitRows.length; i += BATCH)
      await tx.insert(orgUnits).values(unitRows.slice(i, i + BATCH));

    const personIdByNo = new Map<string, string>();
    let batch: (typeof people.$inferInsert)[] = [];
    let count = 0;
    const flush = async () => {
      if (batch.length > 0) await bulkInsert(tx, people, batch);
      batch = [];
    };
    for (const person of org.people) {
      const { unitCode, idNumber, ...fields } = person;
      const unit = byCode.get(unitCode);
      if (!unit) throw new Error(`Person ${person.employeeNo}: unknown unit ${unitCode}`);
      const id = crypto.randomUUID();
      personIdByNo.set(person.employeeNo, id);
      batch.push({ ...fields, id, unitId: unit.id, ...protectIdNumber(cipher, idNumber) });
      count++;
      if (batch.length >= BATCH) await flush();
    }
    await flush();

    const deputies: (typeof orgUnitDeputies.$inferInsert)[] = [];
    for (const unit of org.units) {
      const unitId = byCode.get(unit.code)!.id;
      const headId = unit.headEmployeeNo ? personIdByNo.get(unit.headEmployeeNo) : undefined;
      if (headId)
        await tx.update(orgUnits).set({ headPersonId: headId }).where(sql`${orgUnits.id} = ${unitId}`);
      (unit.deputyEmployeeNos ?? []).forEach((no, sortOrder) => {
        const personId = personIdByNo.get(no);
        if (personId) deputies.push({ unitId, personId, sortOrder });
      });
    }
    for (let i = 0; i < deputies.length; i += BATCH)
      await tx.insert(orgUnitDeputies).values(deputies.slice(i, i + BATCH));
    const root = byCode.get(org.units[0].code)!;
    return { units: unitRows.length, people: count, rootUnitId: root.id };
  });
}
