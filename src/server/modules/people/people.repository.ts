import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { escapeLike } from '../../platform/sql-text.js';
import { orgUnits } from '../units/units.table.js';
import { people, personPhotos } from './people.table.js';
import { countPeopleFromCounts, peopleCountsAnswer } from './people-counts.repository.js';

export type PersonRow = typeof people.$inferSelect;

export type PeopleFilter = {
  scopePaths: string[];
  /** Restrict to this subtree (a unit path). */
  subtreePath?: string;
  q?: string;
  gender?: string;
  politicalStatus?: string;
  education?: string;
  middleManager?: boolean;
  status: 'active' | 'inactive' | 'all';
};

/** The people list counts matches up to this many. */
export const COUNT_CAP = 10_000;

const SORT_COLUMNS = {
  employeeNo: people.employeeNo,
  name: people.name,
  birthDate: people.birthDate,
  workStartDate: people.workStartDate,
  unit: orgUnits.path,
} as const;

/**
 * For searches shorter than a trigram: the person's name and employee number contain every character
 * of the query. Implied by the substring match, and answered by people_search_chars_idx (migration
 * 0009) — the expression must stay exactly as the index's.
 */
function searchCharsInclude(q: string): SQL {
  return sql`regexp_split_to_array(lower(${people.name} || ' ' || ${people.employeeNo}), '') @> regexp_split_to_array(lower(${q}), '')`;
}

function whereOf(filter: PeopleFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [pathInSubtrees(orgUnits.path, filter.scopePaths)];
  if (filter.subtreePath) conditions.push(sql`${orgUnits.path} LIKE ${`${filter.subtreePath}%`}`);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    // lower(employee_no) has the trigram index; plain employee_no is left to the unique btree.
    conditions.push(or(ilike(people.name, pattern), sql`lower(${people.employeeNo}) LIKE lower(${pattern})`));
    if ([...filter.q].length < 3) conditions.push(searchCharsInclude(filter.q));
  }
  if (filter.gender) conditions.push(eq(people.gender, filter.gender));
  if (filter.politicalStatus) conditions.push(eq(people.politicalStatus, filter.politicalStatus));
  if (filter.education) conditions.push(eq(people.fullTimeEducation, filter.education));
  if (filter.middleManager !== undefined) conditions.push(eq(people.isMiddleManager, filter.middleManager));
  if (filter.status !== 'all') conditions.push(eq(people.active, filter.status === 'active'));
  return and(...conditions);
}

const listColumns = {
  id: people.id,
  employeeNo: people.employeeNo,
  name: people.name,
  gender: people.gender,
  birthDate: people.birthDate,
  politicalStatus: people.politicalStatus,
  fullTimeEducation: people.fullTimeEducation,
  currentPost: people.currentPost,
  grade: people.grade,
  isMiddleManager: people.isMiddleManager,
  unitId: people.unitId,
  unitName: orgUnits.name,
  idNumberMasked: people.idNumberMasked,
  active: people.active,
};

/**
 * One page of people matching the filter, with the total count: exact from the people counts when
 * they answer for the filter (the whole organisation, a root or a root's child, unnarrowed), else
 * counted live up to COUNT_CAP.
 */
export async function listPeople(
  db: Db,
  filter: PeopleFilter,
  page: { offset: number; limit: number; sort: keyof typeof SORT_COLUMNS; order: 'asc' | 'desc' },
) {
  const where = whereOf(filter);
  const direction = page.order === 'desc' ? desc : asc;
  const items = db
    .select(listColumns)
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(where)
    .orderBy(direction(SORT_COLUMNS[page.sort]), asc(people.id))
    .limit(page.limit)
    .offset(page.offset);
  if (peopleCountsAnswer(filter)) {
    const [rows, total] = await Promise.all([items, countPeopleFromCounts(db, filter)]);
    return { items: rows, total, totalCapped: false };
  }
  // The live count stops at COUNT_CAP: an exact count of a whole province costs a scan on every page
  // turn; past the cap the list says "10 000+" and asks for a narrower filter.
  const capped = db
    .select({ one: sql`1` })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(where)
    .limit(COUNT_CAP + 1)
    .as('capped');
  const [rows, [{ total }]] = await Promise.all([items, db.select({ total: count() }).from(capped)]);
  return { items: rows, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
}

/** Every person matching the filter, in batches (for exports), in employee-number order. */
export async function* iteratePeople(db: Db, filter: PeopleFilter, batchSize = 2000) {
  let after = '';
  for (;;) {
    const rows = await db
      .select({ ...listColumns, person: people, unitCode: orgUnits.code })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(and(whereOf(filter), sql`${people.employeeNo} > ${after}`))
      .orderBy(asc(people.employeeNo))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].employeeNo;
    if (rows.length < batchSize) return;
  }
}

/** A person with the path of their unit (for scope checks). */
export async function findPersonWithUnit(db: Db, id: string) {
  const rows = await db
    .select({ person: people, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(eq(people.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** People by id with their unit paths. */
export async function findPeopleWithUnits(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ person: people, unitPath: orgUnits.path })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(inArray(people.id, ids));
}

export async function findPersonByEmployeeNo(db: Db, employeeNo: string) {
  const rows = await db.select().from(people).where(eq(people.employeeNo, employeeNo)).limit(1);
  return rows[0] ?? null;
}

export async function findPersonByIdNumberHash(db: Db, hash: string) {
  const rows = await db.select().from(people).where(eq(people.idNumberHash, hash)).limit(1);
  return rows[0] ?? null;
}

export async function insertPerson(db: Db, values: typeof people.$inferInsert): Promise<PersonRow> {
  const [row] = await db.insert(people).values(values).returning();
  return row;
}

/** Updates a person when the version matches; null when someone else saved first. */
export async function updatePersonVersioned(
  db: Db,
  id: string,
  version: number,
  values: Partial<typeof people.$inferInsert>,
): Promise<PersonRow | null> {
  const rows = await db
    .update(people)
    .set({ ...values, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(and(eq(people.id, id), eq(people.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function hasPhoto(db: Db, personId: string): Promise<boolean> {
  const rows = await db
    .select({ id: personPhotos.personId })
    .from(personPhotos)
    .where(eq(personPhotos.personId, personId));
  return rows.length > 0;
}

export async function findPhoto(db: Db, personId: string) {
  const rows = await db.select().from(personPhotos).where(eq(personPhotos.personId, personId)).limit(1);
  return rows[0] ?? null;
}

export async function upsertPhoto(db: Db, personId: string, mimeType: string, data: Buffer): Promise<void> {
  await db
    .insert(personPhotos)
    .values({ personId, mimeType, data })
    .onConflictDoUpdate({ target: personPhotos.personId, set: { mimeType, data, updatedAt: new Date() } });
}
