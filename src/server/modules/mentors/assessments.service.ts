import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AssessmentBody,
  AssessmentDetail,
  AssessmentItem,
  AssessmentQuery,
  FileAssessmentBody,
  ReturnAssessmentBody,
  UpdateAssessmentBody,
} from '../../../contracts/assessments.js';
import { scaleProblems } from '../../../core/mentors/assessment.js';
import { todayIn } from '../../../core/time/dates.js';
import { assertPermission, inScope, scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import {
  acceptSubmission,
  applyEvidence,
  findObligationsForEvidence,
  returnSubmission,
  withdrawEvidence,
} from '../obligations/evidence.service.js';
import * as repo from './assessments.repository.js';
import * as mentors from './mentors.repository.js';
import { mentorAssessments } from './mentors.table.js';
import { settingsOf } from './mentors-config.service.js';

/** The evidence source name of mentor assessments. */
export const ASSESSMENT_SOURCE = 'assessment';

type Item = z.infer<typeof AssessmentItem>;
type Body = z.infer<typeof AssessmentBody>;

const viewer = (ctx: ServiceContext) => ({
  personId: ctx.actor.personId,
  readPaths: scopePaths(ctx.actor, 'assessments.read'),
});

function present(ctx: ServiceContext, row: repo.AssessmentRow): Item {
  const a = row.assessment;
  const mine = !!ctx.actor.personId && a.mentorPersonId === ctx.actor.personId;
  const editable = mine && (a.state === 'draft' || a.state === 'returned');
  const hr = inScope(ctx.actor, 'assessments.file', row.unitPath);
  return {
    id: a.id,
    reserveId: a.reserveId,
    personId: row.reservePersonId,
    personName: row.personName,
    employeeNo: row.employeeNo,
    unitName: row.unitName,
    mentorPersonId: a.mentorPersonId,
    mentorName: row.mentorName,
    year: a.year,
    assessedOn: a.assessedOn,
    overallGrade: a.overallGrade,
    state: a.state,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    filedAt: a.filedAt?.toISOString() ?? null,
    actions: {
      edit: editable,
      delete: mine && a.state === 'draft',
      file: hr && a.state === 'submitted',
      return: hr && a.state === 'submitted',
    },
  };
}

/** A page of the assessments the caller may see. */
export async function listAssessments(ctx: ServiceContext, query: z.infer<typeof AssessmentQuery>) {
  const { rows, total } = await repo.listAssessments(
    ctx.db,
    {
      visible: repo.visibleAssessments(viewer(ctx)),
      q: query.q,
      state: query.state,
      year: query.year,
      reserveId: query.reserveId,
      mentorPersonId: query.mine === 'true' ? (ctx.actor.personId ?? crypto.randomUUID()) : undefined,
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map((r) => present(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

async function loadVisible(db: Db, ctx: ServiceContext, id: string) {
  const row = await repo.findAssessment(db, id, repo.visibleAssessments(viewer(ctx)));
  if (!row) throw new AppError('not_found');
  return row;
}

/** One assessment with its content, the programme's scales and the obligation it goes to. */
export async function getAssessment(
  ctx: ServiceContext,
  id: string,
  db: Db = ctx.db,
): Promise<z.infer<typeof AssessmentDetail>> {
  const row = await loadVisible(db, ctx, id);
  // In sequence: `db` may be a transaction (one connection).
  const settings = await settingsOf(db, row.programmeId);
  const obligation = await repo.obligationOfAssessment(db, id);
  const a = row.assessment;
  return {
    ...present(ctx, row),
    panel: a.panel,
    ratings: a.ratings as Record<string, string>,
    strengths: a.strengths,
    shortcomings: a.shortcomings,
    suggestions: a.suggestions,
    mentorComment: a.mentorComment,
    hrComment: a.hrComment,
    filedByName: a.filedByName,
    reservePost: row.reservePost,
    direction: row.direction,
    mentorPost: row.mentorPost,
    version: a.version,
    scales: { gradeScale: settings.gradeScale, ratingScale: settings.ratingScale },
    obligation,
  };
}

/** The scales a mentor fills an assessment of one of their mentees against. */
export async function scalesFor(ctx: ServiceContext, reserveId: string) {
  const reserve = await menteeOf(ctx.db, ctx, reserveId);
  const s = await settingsOf(ctx.db, reserve.programmeId);
  return { gradeScale: s.gradeScale, ratingScale: s.ratingScale };
}

/** The reserve, when the caller is one of their current mentors (404 otherwise). */
async function menteeOf(db: Db, ctx: ServiceContext, reserveId: string) {
  const reserve = await mentors.findReserve(db, reserveId);
  if (!reserve || !ctx.actor.personId) throw new AppError('not_found');
  const current = await mentors.currentAssignments(db, [reserveId]);
  if (!current.some((a) => a.assignment.mentorPersonId === ctx.actor.personId))
    throw new AppError('not_found');
  return reserve;
}

/** What a submission must have: the panel, a rating of each dimension and a grade on the scales, the texts. */
async function issuesOf(
  db: Db,
  programmeId: string,
  body: Omit<Body, 'reserveId' | 'year'>,
  year: number,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (Number(body.assessedOn.slice(0, 4)) < year)
    issues.push({
      path: 'assessedOn',
      message: `考核日期不能早于考核年度 ${year} / before the year assessed`,
    });
  if (!body.submit) return issues;
  const settings = await settingsOf(db, programmeId);
  issues.push(...scaleProblems(body, settings));
  if (body.panel.length === 0)
    issues.push({ path: 'panel', message: '请填写绩效考核小组成员 / list the assessment panel' });
  for (const [key, label] of [
    ['strengths', '主要优点'],
    ['shortcomings', '存在不足'],
    ['suggestions', '培养发展建议'],
  ] as const)
    if (!body[key].trim()) issues.push({ path: key, message: `请填写${label} / required` });
  return issues;
}

const contentOf = (body: Omit<Body, 'reserveId' | 'year'>) => ({
  assessedOn: body.assessedOn,
  panel: body.panel,
  ratings: body.ratings,
  strengths: body.strengths,
  shortcomings: body.shortcomings,
  suggestions: body.suggestions,
  overallGrade: body.overallGrade,
  mentorComment: body.mentorComment,
});

/**
 * Submits an assessment to HR: the mentor's annual-assessment obligation for the year awaits HR's
 * review (the evidence interface's `submit`), until HR files it or returns it.
 */
async function submitToHr(
  db: Db,
  ctx: ServiceContext,
  a: typeof mentorAssessments.$inferSelect,
  timeZone: string,
) {
  await withdrawEvidence(db, ctx, { sourceType: ASSESSMENT_SOURCE, sourceId: a.id, reason: '重新报送' });
  const targets = await findObligationsForEvidence(db, {
    reserveIds: [a.reserveId],
    evidenceKind: 'mentor_assessment',
    onDate: `${a.year}-12-31`,
    actorPersonId: a.mentorPersonId,
  });
  for (const target of targets.filter((t) => t.state === 'open' || t.state === 'returned'))
    await applyEvidence(db, ctx, {
      obligationId: target.id,
      sourceType: ASSESSMENT_SOURCE,
      sourceId: a.id,
      occurredOn: todayIn(timeZone),
      note: `导师年度考核评估（${a.year}年度）`,
      effect: 'submit',
    });
}

/** A mentor writes the year's assessment of a mentee (a draft, or submitted to HR at once). */
export async function createAssessment(ctx: ServiceContext, body: Body) {
  return ctx.db.transaction(async (tx) => {
    const reserve = await menteeOf(tx, ctx, body.reserveId);
    const issues = await issuesOf(tx, reserve.programmeId, body, body.year);
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    const [exists] = await tx
      .select({ id: mentorAssessments.id })
      .from(mentorAssessments)
      .where(
        and(
          eq(mentorAssessments.reserveId, body.reserveId),
          eq(mentorAssessments.mentorPersonId, ctx.actor.personId!),
          eq(mentorAssessments.year, body.year),
        ),
      );
    if (exists)
      throw new AppError(
        'duplicate',
        { id: exists.id },
        {
          zh: `您已填写 ${reserve.personName} 的 ${body.year} 年度考核评估表，请打开修改。`,
          en: 'You already have an assessment for this year; open it instead.',
        },
      );
    const [created] = await tx
      .insert(mentorAssessments)
      .values({
        reserveId: body.reserveId,
        mentorPersonId: ctx.actor.personId!,
        year: body.year,
        ...contentOf(body),
        state: body.submit ? 'submitted' : 'draft',
        submittedAt: body.submit ? new Date() : null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    if (body.submit) await submitToHr(tx, ctx, created, reserve.timeZone);
    await writeAudit(tx, ctx.audit, {
      action: body.submit ? 'assessment.submitted' : 'assessment.created',
      entityType: 'assessment',
      entityId: created.id,
      unitPath: reserve.unitPath,
      summary: `${reserve.personName} ${body.year} 年度考核评估${body.submit ? '报人力资源部' : '（草稿）'}`,
      after: created,
    });
    return getAssessment(ctx, created.id, tx);
  });
}

/** The mentor changes a draft or a returned assessment (and may submit it). */
export async function updateAssessment(
  ctx: ServiceContext,
  id: string,
  body: z.infer<typeof UpdateAssessmentBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, ctx, id);
    if (row.assessment.mentorPersonId !== ctx.actor.personId) throw new AppError('not_found');
    if (row.assessment.state !== 'draft' && row.assessment.state !== 'returned')
      throw new AppError('conflict', null, {
        zh: '已报人力资源部的考核评估不能修改（退回后可修改）。',
        en: 'A submitted assessment cannot change unless HR returns it.',
      });
    const issues = await issuesOf(tx, row.programmeId, body, row.assessment.year);
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    const [after] = await tx
      .update(mentorAssessments)
      .set({
        ...contentOf(body),
        state: body.submit ? 'submitted' : row.assessment.state,
        submittedAt: body.submit ? new Date() : row.assessment.submittedAt,
        version: sql`${mentorAssessments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(mentorAssessments.id, id), eq(mentorAssessments.version, body.version)))
      .returning();
    if (!after) throw new AppError('conflict');
    if (body.submit) await submitToHr(tx, ctx, after, row.timeZone);
    await writeAudit(tx, ctx.audit, {
      action: body.submit ? 'assessment.submitted' : 'assessment.updated',
      entityType: 'assessment',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName} ${row.assessment.year} 年度考核评估${body.submit ? '报人力资源部' : '修改'}`,
      before: row.assessment,
      after,
    });
    return getAssessment(ctx, id, tx);
  });
}

/** The mentor deletes a draft. */
export async function deleteAssessment(ctx: ServiceContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, ctx, id);
    if (row.assessment.mentorPersonId !== ctx.actor.personId) throw new AppError('not_found');
    if (row.assessment.state !== 'draft')
      throw new AppError('conflict', null, { zh: '只能删除草稿。', en: 'Only drafts can be deleted.' });
    await tx.delete(mentorAssessments).where(eq(mentorAssessments.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'assessment.deleted',
      entityType: 'assessment',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName} ${row.assessment.year} 年度考核评估草稿已删除`,
      before: row.assessment,
    });
    return { ok: true as const };
  });
}

async function loadSubmitted(db: Db, ctx: ServiceContext, id: string) {
  assertPermission(ctx.actor, 'assessments.file');
  const row = await repo.findAssessment(db, id);
  if (!row || !inScope(ctx.actor, 'assessments.file', row.unitPath)) throw new AppError('not_found');
  if (row.assessment.state !== 'submitted')
    throw new AppError('conflict', null, {
      zh: '该考核评估不在待备案状态。',
      en: 'The assessment is not awaiting filing.',
    });
  return row;
}

/**
 * HR files (备案) a submitted assessment: it counts as the year's assessment evidence (the
 * obligation is fulfilled on the day it was submitted) and joins the reserve's record.
 */
export async function fileAssessment(
  ctx: ServiceContext,
  id: string,
  body: z.infer<typeof FileAssessmentBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadSubmitted(tx, ctx, id);
    const obligation = await repo.obligationOfAssessment(tx, id);
    if (obligation?.state === 'submitted')
      await acceptSubmission(tx, ctx, {
        obligationId: obligation.id,
        comment: body.comment ?? '导师年度考核评估已备案',
      });
    await tx
      .update(mentorAssessments)
      .set({
        state: 'filed',
        filedAt: new Date(),
        filedBy: ctx.actor.userId,
        filedByName: ctx.actor.displayName,
        hrComment: body.comment || null,
        version: sql`${mentorAssessments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(mentorAssessments.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'assessment.filed',
      entityType: 'assessment',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName} ${row.assessment.year} 年度考核评估（导师 ${row.mentorName}）已备案`,
    });
    return getAssessment(ctx, id, tx);
  });
}

/** HR returns a submitted assessment to the mentor with a comment. */
export async function returnAssessment(
  ctx: ServiceContext,
  id: string,
  body: z.infer<typeof ReturnAssessmentBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadSubmitted(tx, ctx, id);
    const obligation = await repo.obligationOfAssessment(tx, id);
    if (obligation?.state === 'submitted')
      await returnSubmission(tx, ctx, { obligationId: obligation.id, comment: body.comment });
    await tx
      .update(mentorAssessments)
      .set({
        state: 'returned',
        hrComment: body.comment,
        version: sql`${mentorAssessments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(mentorAssessments.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'assessment.returned',
      entityType: 'assessment',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName} ${row.assessment.year} 年度考核评估退回：${body.comment}`,
    });
    return getAssessment(ctx, id, tx);
  });
}
