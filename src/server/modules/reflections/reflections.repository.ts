import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { orgUnits } from '../units/units.table.js';
import {
  reflectionFiles,
  reflectionFingerprints,
  reflectionHashCounts,
  reflections,
  reflectionVersions,
} from './reflections.table.js';

// Read-only joins to the reserve's person, unit, programme and obligation, for scope checks and
// the obligation's due date and status; obligations change only through the evidence interface.
const rowColumns = {
  reflection: reflections,
  personName: people.name,
  employeeNo: people.employeeNo,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  programmeName: programmes.name,
  timeZone: programmes.timeZone,
  dueSoonDays: programmes.dueSoonDays,
  dueDate: obligations.dueDate,
  obligationState: obligations.state,
  fulfilledOn: obligations.fulfilledOn,
  minChars: obligations.minChars,
};

function selectRows(db: Db) {
  return db
    .select(rowColumns)
    .from(reflections)
    .innerJoin(people, eq(people.id, reflections.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reflections.programmeId))
    .innerJoin(obligations, eq(obligations.id, reflections.obligationId));
}

/** A reflection with its person, unit, programme and obligation. */
export type ReflectionRow = Awaited<ReturnType<typeof selectRows>>[number];

export async function findReflection(db: Db, id: string): Promise<ReflectionRow | null> {
  const [row] = await selectRows(db).where(eq(reflections.id, id)).limit(1);
  return row ?? null;
}

export async function findReflectionsByObligations(db: Db, obligationIds: string[]) {
  if (obligationIds.length === 0) return [];
  return db.select().from(reflections).where(inArray(reflections.obligationId, obligationIds));
}

/** Locks the reflection row for a write (submission, review) and returns it. */
export async function lockReflection(db: Db, id: string) {
  const [row] = await db.select().from(reflections).where(eq(reflections.id, id)).for('update');
  return row ?? null;
}

/** One page of reflections matching `where`, most recently submitted first, with the total. */
export async function listRows(db: Db, where: SQL | undefined, page: { offset: number; limit: number }) {
  const [rows, [{ total }]] = await Promise.all([
    selectRows(db)
      .where(where)
      .orderBy(sql`${reflections.submittedAt} DESC NULLS LAST`, asc(reflections.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(reflections)
      .innerJoin(people, eq(people.id, reflections.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .innerJoin(programmes, eq(programmes.id, reflections.programmeId))
      .innerJoin(obligations, eq(obligations.id, reflections.obligationId))
      .where(where),
  ]);
  return { rows, total };
}

export function listVersions(db: Db, reflectionId: string) {
  return db
    .select()
    .from(reflectionVersions)
    .where(eq(reflectionVersions.reflectionId, reflectionId))
    .orderBy(asc(reflectionVersions.number));
}

export async function latestVersion(db: Db, reflectionId: string) {
  const [row] = await db
    .select()
    .from(reflectionVersions)
    .where(eq(reflectionVersions.reflectionId, reflectionId))
    .orderBy(desc(reflectionVersions.number))
    .limit(1);
  return row ?? null;
}

/** The latest submitted text of each reflection (for the copy check's side-by-side view). */
export async function latestTexts(db: Db, reflectionIds: string[]) {
  if (reflectionIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectDistinctOn([reflectionVersions.reflectionId], {
      reflectionId: reflectionVersions.reflectionId,
      text: reflectionVersions.text,
    })
    .from(reflectionVersions)
    .where(inArray(reflectionVersions.reflectionId, reflectionIds))
    .orderBy(reflectionVersions.reflectionId, desc(reflectionVersions.number));
  return new Map(rows.map((r) => [r.reflectionId, r.text]));
}

export async function fileNames(db: Db, fileIds: string[]) {
  if (fileIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: reflectionFiles.id, name: reflectionFiles.name })
    .from(reflectionFiles)
    .where(inArray(reflectionFiles.id, fileIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findFile(db: Db, reflectionId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(reflectionFiles)
    .where(and(eq(reflectionFiles.id, fileId), eq(reflectionFiles.reflectionId, reflectionId)));
  return row ?? null;
}

const intArray = (values: number[]) => `{${values.join(',')}}`;

/**
 * Replaces a reflection's fingerprints in the copy-check index (the old ones are found by hash)
 * and keeps the per-fingerprint counts in step. Fingerprints of one text are distinct.
 */
export async function replaceFingerprints(db: Db, docNo: number, old: number[], next: number[]) {
  if (old.length > 0) {
    await db.execute(sql`
      DELETE FROM ${reflectionFingerprints}
       WHERE doc_no = ${docNo} AND hash = ANY(${intArray(old)}::int4[])`);
    await db.execute(sql`
      UPDATE ${reflectionHashCounts} SET docs = docs - 1 WHERE hash = ANY(${intArray(old)}::int4[])`);
  }
  if (next.length > 0) {
    await db.execute(sql`
      INSERT INTO ${reflectionFingerprints} (hash, doc_no)
      SELECT h, ${docNo}::int4 FROM unnest(${intArray(next)}::int4[]) AS h
      ON CONFLICT DO NOTHING`);
    await db.execute(sql`
      INSERT INTO ${reflectionHashCounts} (hash, docs)
      SELECT h, 1 FROM unnest(${intArray(next)}::int4[]) AS h
      ON CONFLICT (hash) DO UPDATE SET docs = ${reflectionHashCounts}.docs + 1`);
  }
}

/** Fingerprints found in more reflections than this are set phrases: the check leaves them out. */
export const COMMON_FINGERPRINT_DOCS = 300;

/** Which of the hashes are not common (the ones a check compares). */
export async function usableHashes(db: Db, hashes: number[]): Promise<number[]> {
  if (hashes.length === 0) return [];
  const result = (await db.execute(sql`
    SELECT h FROM unnest(${intArray(hashes)}::int4[]) AS h
     WHERE NOT EXISTS (SELECT 1 FROM ${reflectionHashCounts} c WHERE c.hash = h AND c.docs > ${COMMON_FINGERPRINT_DOCS})`)) as unknown as {
    rows: { h: number }[];
  };
  return result.rows.map((r) => Number(r.h));
}

/**
 * The reflections sharing most fingerprints with `hashes`, other than `docNo` itself: one look-up
 * per hash in the (hash, doc_no) primary key, counted per reflection — no text is read.
 */
export async function candidateMatches(db: Db, hashes: number[], docNo: number, limit: number) {
  if (hashes.length === 0) return [];
  const result = (await db.execute(sql`
    SELECT r.id, r.person_id AS "personId", c.shared
      FROM (SELECT doc_no, count(*)::int AS shared
              FROM ${reflectionFingerprints}
             WHERE hash = ANY(${intArray(hashes)}::int4[]) AND doc_no <> ${docNo}
             GROUP BY doc_no
             ORDER BY shared DESC
             LIMIT ${limit}) c
      JOIN ${reflections} r ON r.doc_no = c.doc_no
     ORDER BY c.shared DESC, r.id`)) as unknown as {
    rows: { id: string; personId: string; shared: number }[];
  };
  return result.rows;
}
