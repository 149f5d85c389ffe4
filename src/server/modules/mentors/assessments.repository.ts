import { and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { pathInSubtrees } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import { containsPattern } from '../../platform/sql-text.js';
import { inChargeOfPath } from '../leadership/leadership.service.js';
import { evidence, obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { mentorAssessments, mentorAssignments } from './mentors.table.js';

const mentor = alias(people, 'mentor');

const columns = {
  assessment: mentorAssessments,
  reservePersonId: reserves.personId,
  reserveState: reserves.state,
  personName: people.name,
  employeeNo: people.employeeNo,
  reservePost: people.currentPost,
  direction: reserves.direction,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  programmeId: reserves.programmeId,
  timeZone: programmes.timeZone,
  mentorName: mentor.name,
  mentorPost: mentor.currentPost,
};

function select(db: Db) {
  return db
    .select(columns)
    .from(mentorAssessments)
    .innerJoin(reserves, eq(reserves.id, mentorAssessments.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .innerJoin(mentor, eq(mentor.id, mentorAssessments.mentorPersonId));
}
export type AssessmentRow = Awaited<ReturnType<typeof select>>[number];

/**
 * The assessments a viewer may see: their own as the mentor (drafts too); submitted ones of a
 * reserve they currently mentor and of reserves in their `assessments.read` scope; filed ones of
 * themselves as the reserve and of units they are in charge of (分管).
 */
export function visibleAssessments(viewer: { personId: string | null; readPaths: string[] }): SQL {
  const notDraft = sql`${mentorAssessments.state} <> 'draft'`;
  const filed = eq(mentorAssessments.state, 'filed');
  const parts: SQL[] = [and(notDraft, pathInSubtrees(orgUnits.path, viewer.readPaths))!];
  if (viewer.personId) {
    const me = viewer.personId;
    parts.push(
      eq(mentorAssessments.mentorPersonId, me),
      and(
        notDraft,
        sql`EXISTS (SELECT 1 FROM ${mentorAssignments} ma WHERE ma.reserve_id = ${mentorAssessments.reserveId}
              AND ma.mentor_person_id = ${me} AND ma.end_on IS NULL)`,
      )!,
      and(filed, eq(reserves.personId, me))!,
      and(filed, inChargeOfPath(me, orgUnits.path))!,
    );
  }
  return or(...parts)!;
}

export type AssessmentFilter = {
  visible: SQL;
  q?: string;
  state?: string;
  year?: number;
  reserveId?: string;
  mentorPersonId?: string;
};

function whereOf(f: AssessmentFilter): SQL | undefined {
  const pattern = f.q ? containsPattern(f.q) : null;
  return and(
    f.visible,
    pattern
      ? or(ilike(people.name, pattern), sql`lower(${people.employeeNo}) LIKE lower(${pattern})`)
      : undefined,
    f.state ? eq(mentorAssessments.state, f.state as typeof mentorAssessments.$inferSelect.state) : undefined,
    f.year ? eq(mentorAssessments.year, f.year) : undefined,
    f.reserveId ? eq(mentorAssessments.reserveId, f.reserveId) : undefined,
    f.mentorPersonId ? eq(mentorAssessments.mentorPersonId, f.mentorPersonId) : undefined,
  );
}

/** A page of assessments: awaiting filing first, then the newest. */
export async function listAssessments(
  db: Db,
  filter: AssessmentFilter,
  page: { offset: number; limit: number },
) {
  const where = whereOf(filter);
  const [rows, [{ total }]] = await Promise.all([
    select(db)
      .where(where)
      .orderBy(
        sql`(${mentorAssessments.state} = 'submitted') DESC`,
        desc(mentorAssessments.year),
        asc(orgUnits.path),
        asc(people.employeeNo),
      )
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(mentorAssessments)
      .innerJoin(reserves, eq(reserves.id, mentorAssessments.reserveId))
      .innerJoin(people, eq(people.id, reserves.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(where),
  ]);
  return { rows, total };
}

export async function findAssessment(db: Db, id: string, visible?: SQL): Promise<AssessmentRow | null> {
  const [row] = await select(db)
    .where(and(eq(mentorAssessments.id, id), visible))
    .limit(1);
  return row ?? null;
}

/** The obligation an assessment's evidence went to (the latest not withdrawn), if any. */
export async function obligationOfAssessment(db: Db, id: string) {
  const [row] = await db
    .select({
      id: obligations.id,
      periodKey: obligations.periodKey,
      dueDate: obligations.dueDate,
      state: obligations.state,
    })
    .from(evidence)
    .innerJoin(obligations, eq(obligations.id, evidence.obligationId))
    .where(
      and(eq(evidence.sourceType, 'assessment'), eq(evidence.sourceId, id), isNull(evidence.withdrawnAt)),
    )
    .orderBy(desc(evidence.createdAt))
    .limit(1);
  return row ?? null;
}
