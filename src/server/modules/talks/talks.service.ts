import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ConfirmTalkBody,
  PreviousTalkQuery,
  TalkBody,
  TalkDetail,
  TalkItem,
  TalkQuery,
  UpdateTalkBody,
} from '../../../contracts/talks.js';
import { TALK_KIND_LABELS } from '../../../core/talks/talk-kinds.js';
import { todayIn } from '../../../core/time/dates.js';
import { inScope } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { getUnitRow } from '../units/units.service.js';
import * as repo from './talks.repository.js';
import { talkRecords, talkTalkers } from './talks.table.js';
import { relationTo, talkerIssues, viewerOf } from './talks-access.js';
import { settleTalk, unsettleTalk } from './talks-evidence.js';
import { buildTalkForm } from './talks-form.js';

type Item = z.infer<typeof TalkItem>;
type Body = z.infer<typeof TalkBody>;

/** Whether the caller wrote the record, took part in it, or is HR over it: who may change it. */
function mayChange(ctx: ServiceContext, row: repo.TalkRow, talkerIds: string[]): boolean {
  if (row.talk.reserveConfirmedAt) return false;
  return (
    row.talk.createdBy === ctx.actor.userId ||
    (!!ctx.actor.personId && talkerIds.includes(ctx.actor.personId)) ||
    inScope(ctx.actor, 'talks.manage', row.unitPath)
  );
}

/** Shapes talk rows with their talkers and what the caller may do with each. */
export async function presentTalks(
  ctx: ServiceContext,
  rows: repo.TalkRow[],
  db: Db = ctx.db,
): Promise<Item[]> {
  const talkers = await repo.talkersOf(
    db,
    rows.map((r) => r.talk.id),
  );
  return rows.map((row) => {
    const own = talkers.filter((t) => t.talkId === row.talk.id);
    const change = mayChange(
      ctx,
      row,
      own.map((t) => t.personId),
    );
    return {
      id: row.talk.id,
      reserveId: row.talk.reserveId,
      personId: row.reservePersonId,
      personName: row.personName,
      employeeNo: row.employeeNo,
      unitName: row.unitName,
      kind: row.talk.kind,
      heldOn: row.talk.heldOn,
      place: row.talk.place,
      talkers: own.map(({ personId, name, post, role }) => ({ personId, name, post, role })),
      state: row.talk.state,
      reserveConfirmedAt: row.talk.reserveConfirmedAt?.toISOString() ?? null,
      actions: {
        edit: change,
        delete: change && row.talk.state === 'draft',
        confirm:
          row.talk.state === 'recorded' &&
          !row.talk.reserveConfirmedAt &&
          !!ctx.actor.personId &&
          row.reservePersonId === ctx.actor.personId,
      },
    };
  });
}

/** A page of the talk records the caller may see. */
export async function listTalks(ctx: ServiceContext, query: z.infer<typeof TalkQuery>) {
  const filter = await filterOf(ctx, query);
  const { rows, total } = await repo.listTalks(ctx.db, filter, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentTalks(ctx, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function filterOf(
  ctx: ServiceContext,
  query: Omit<z.infer<typeof TalkQuery>, 'page' | 'pageSize'>,
): Promise<repo.TalkFilter> {
  const subtreePath = query.unitId
    ? (await getUnitRow(ctx.db, ctx, query.unitId, 'units.read')).path
    : undefined;
  return {
    visible: repo.visibleTalks(viewerOf(ctx.actor)),
    q: query.q,
    reserveId: query.reserveId,
    kind: query.kind,
    year: query.year,
    subtreePath,
    mineUserId: query.mine === 'true' ? ctx.actor.userId : undefined,
    minePersonId: ctx.actor.personId,
  };
}

async function loadVisible(db: Db, ctx: ServiceContext, id: string): Promise<repo.TalkRow> {
  const row = await repo.findTalk(db, id, repo.visibleTalks(viewerOf(ctx.actor)));
  if (!row) throw new AppError('not_found');
  return row;
}

/** One talk record with its content and the obligations it counts for; 404 unless visible. */
export async function getTalk(
  ctx: ServiceContext,
  id: string,
  db: Db = ctx.db,
): Promise<z.infer<typeof TalkDetail>> {
  const row = await loadVisible(db, ctx, id);
  // In sequence: `db` may be a transaction (one connection).
  const [item] = await presentTalks(ctx, [row], db);
  const settled = await repo.obligationsSettledBy(db, id);
  const t = row.talk;
  return {
    ...item,
    thinking: t.thinking,
    work: t.work,
    achievements: t.achievements,
    shortcomings: t.shortcomings,
    advice: t.advice,
    agreedActions: t.actions,
    previousTalkId: t.previousTalkId,
    followUps: t.followUps,
    reserveComment: t.reserveComment,
    recordedAt: t.recordedAt?.toISOString() ?? null,
    createdByName: t.createdByName,
    version: t.version,
    obligations: settled,
  };
}

/** The fields a recorded talk must have: what the talk learnt and what it said (六(三)1). */
function contentIssues(body: Omit<Body, 'reserveId'>): FieldIssue[] {
  if (body.state !== 'recorded') return [];
  const required = [
    ['thinking', '思想情况'],
    ['work', '工作情况'],
    ['achievements', '肯定成绩'],
    ['shortcomings', '指出不足'],
  ] as const;
  return required
    .filter(([key]) => !body[key].trim())
    .map(([key, label]) => ({ path: key, message: `请填写${label} / required` }));
}

async function validate(db: Db, reserve: repo.ReserveContext, body: Omit<Body, 'reserveId'>): Promise<void> {
  const issues = [
    ...contentIssues(body),
    ...(await talkerIssues(db, { reserve, kind: body.kind, heldOn: body.heldOn, talkers: body.talkers })),
  ];
  if (body.heldOn > todayIn(reserve.timeZone))
    issues.push({ path: 'heldOn', message: '谈话日期不能晚于今天 / not in the future' });
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}

/** The reserve of a new talk, if the caller may record a talk with them (404 otherwise). */
async function loadReserveFor(db: Db, ctx: ServiceContext, reserveId: string, talkerIds: string[]) {
  const reserve = await repo.findReserveContext(db, reserveId);
  if (!reserve) throw new AppError('not_found');
  const relation = await relationTo(db, ctx.actor, reserve);
  if (!relation.manage && relation.roles.length === 0) throw new AppError('not_found');
  if (!relation.manage && !talkerIds.includes(ctx.actor.personId ?? ''))
    throw new AppError('validation_failed', {
      fields: [{ path: 'talkers', message: '您须是谈话人之一 / you must be one of the talkers' }],
    });
  if (reserve.state !== 'active')
    throw new AppError('conflict', null, {
      zh: `${reserve.personName} 已不在后备库中培养，不能再记录谈话。`,
      en: 'The reserve is no longer active.',
    });
  return reserve;
}

const contentOf = (body: Omit<Body, 'reserveId' | 'talkers'>) => ({
  kind: body.kind,
  heldOn: body.heldOn,
  place: body.place,
  thinking: body.thinking,
  work: body.work,
  achievements: body.achievements,
  shortcomings: body.shortcomings,
  advice: body.advice,
  actions: body.actions,
  previousTalkId: body.previousTalkId ?? null,
  followUps: body.followUps,
});

async function writeTalkers(db: Db, talkId: string, talkers: Body['talkers']) {
  await db.delete(talkTalkers).where(eq(talkTalkers.talkId, talkId));
  await db
    .insert(talkTalkers)
    .values(talkers.map((t, i) => ({ talkId, personId: t.personId, role: t.role, sortOrder: i })));
}

/** Records a talk (or saves a draft). A recorded talk fulfils the obligation it matches. */
export async function createTalk(ctx: ServiceContext, body: Body) {
  return ctx.db.transaction(async (tx) => {
    const reserve = await loadReserveFor(
      tx,
      ctx,
      body.reserveId,
      body.talkers.map((t) => t.personId),
    );
    await validate(tx, reserve, body);
    const [talk] = await tx
      .insert(talkRecords)
      .values({
        reserveId: reserve.id,
        ...contentOf(body),
        state: body.state,
        recordedAt: body.state === 'recorded' ? new Date() : null,
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
      })
      .returning();
    await writeTalkers(tx, talk.id, body.talkers);
    if (body.state === 'recorded') await settleTalk(tx, ctx, talk, body.talkers);
    await writeAudit(tx, ctx.audit, {
      action: 'talk.created',
      entityType: 'talk',
      entityId: talk.id,
      unitPath: reserve.unitPath,
      summary: `${reserve.personName}：${TALK_KIND_LABELS[talk.kind].zh}（${talk.heldOn}）${body.state === 'draft' ? '草稿' : ''}`,
      after: { ...talk, talkers: body.talkers },
    });
    return getTalk(ctx, talk.id, tx);
  });
}

async function loadChangeable(db: Db, ctx: ServiceContext, id: string) {
  const row = await loadVisible(db, ctx, id);
  const talkers = await repo.talkersOf(db, [id]);
  if (
    !mayChange(
      ctx,
      row,
      talkers.map((t) => t.personId),
    )
  ) {
    if (row.talk.reserveConfirmedAt)
      throw new AppError('conflict', null, {
        zh: '后备人员已确认该谈话记录，不能再修改。',
        en: 'The reserve has confirmed this record; it can no longer change.',
      });
    throw new AppError('not_found');
  }
  return { row, talkers };
}

/**
 * Changes a talk record (until the reserve confirms it). A recorded talk's evidence is taken back
 * and given again from the new content, so a changed date or talker moves it to the right period.
 */
export async function updateTalk(ctx: ServiceContext, id: string, body: z.infer<typeof UpdateTalkBody>) {
  return ctx.db.transaction(async (tx) => {
    const { row } = await loadChangeable(tx, ctx, id);
    const reserve = (await repo.findReserveContext(tx, row.talk.reserveId))!;
    await validate(tx, reserve, body);
    const [after] = await tx
      .update(talkRecords)
      .set({
        ...contentOf(body),
        state: body.state,
        recordedAt: body.state === 'recorded' ? (row.talk.recordedAt ?? new Date()) : null,
        version: sql`${talkRecords.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(talkRecords.id, id), eq(talkRecords.version, body.version)))
      .returning();
    if (!after) throw new AppError('conflict');
    await writeTalkers(tx, id, body.talkers);
    if (row.talk.state === 'recorded') await unsettleTalk(tx, ctx, id, '谈话记录已修改');
    if (body.state === 'recorded') await settleTalk(tx, ctx, after, body.talkers);
    await writeAudit(tx, ctx.audit, {
      action: 'talk.updated',
      entityType: 'talk',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：${TALK_KIND_LABELS[after.kind].zh}（${after.heldOn}）`,
      before: row.talk,
      after: { ...after, talkers: body.talkers },
    });
    return getTalk(ctx, id, tx);
  });
}

/** Deletes a draft (a recorded talk is kept: it is evidence). */
export async function deleteTalk(ctx: ServiceContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const { row } = await loadChangeable(tx, ctx, id);
    if (row.talk.state !== 'draft')
      throw new AppError('conflict', null, {
        zh: '只能删除草稿；已记录的谈话可改回草稿后再删除。',
        en: 'Only drafts can be deleted.',
      });
    await tx.delete(talkRecords).where(eq(talkRecords.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'talk.deleted',
      entityType: 'talk',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：删除谈话记录草稿（${row.talk.heldOn}）`,
      before: row.talk,
    });
    return { ok: true as const };
  });
}

/** The reserve confirms a recorded talk (双方确认), with an optional remark; it is then locked. */
export async function confirmTalk(ctx: ServiceContext, id: string, body: z.infer<typeof ConfirmTalkBody>) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, ctx, id);
    if (!ctx.actor.personId || row.reservePersonId !== ctx.actor.personId || row.talk.state !== 'recorded')
      throw new AppError('not_found');
    if (row.talk.reserveConfirmedAt)
      throw new AppError('conflict', null, { zh: '您已确认过该谈话记录。', en: 'Already confirmed.' });
    await tx
      .update(talkRecords)
      .set({
        reserveConfirmedAt: new Date(),
        reserveComment: body.comment || null,
        version: sql`${talkRecords.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(talkRecords.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'talk.confirmed',
      entityType: 'talk',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName} 确认谈话记录（${row.talk.heldOn}）${body.comment ? `：${body.comment}` : ''}`,
    });
    return getTalk(ctx, id, tx);
  });
}

/** 附件一 of a talk record the caller may see, as a Word document. */
export async function talkFormOf(ctx: ServiceContext, id: string) {
  const row = await loadVisible(ctx.db, ctx, id);
  const detail = await getTalk(ctx, id);
  return {
    fileName: `谈话记录-${detail.personName}-${detail.heldOn}.docx`,
    data: await buildTalkForm(detail, { reservePost: row.reservePost }),
  };
}

/** The previous recorded talk with a reserve the caller may see, whose actions the next talk follows up. */
export async function getPreviousTalk(ctx: ServiceContext, query: z.infer<typeof PreviousTalkQuery>) {
  const row = await repo.findPreviousTalk(ctx.db, {
    reserveId: query.reserveId,
    before: query.before ?? '9999-12-31',
    visible: repo.visibleTalks(viewerOf(ctx.actor)),
  });
  return {
    talk: row
      ? { id: row.talk.id, heldOn: row.talk.heldOn, kind: row.talk.kind, agreedActions: row.talk.actions }
      : null,
  };
}
