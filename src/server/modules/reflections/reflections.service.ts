import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type DraftBody, isReflectionKind, type ReflectionDetail } from '../../../contracts/reflections.js';
import { obligationStatus } from '../../../core/programme/status.js';
import { countChars } from '../../../core/text/char-count.js';
import { fingerprintsOf } from '../../../core/text/fingerprint.js';
import { todayIn } from '../../../core/time/dates.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { applyEvidence } from '../obligations/evidence.service.js';
import { getObligation } from '../obligations/obligations-views.service.js';
import { extractReflectionText } from './reflection-text.js';
import { isMentorOf } from './reflections.mentors.js';
import { maySee, type ReflectionRole, reflectionRole } from './reflections.policy.js';
import * as repo from './reflections.repository.js';
import { reflectionFiles, reflections, reflectionVersions } from './reflections.table.js';
import * as copy from './reflections-copy.service.js';

type Row = repo.ReflectionRow;

/** The reflection and the caller's standing towards it; 404 when the caller may not see it. */
export async function load(ctx: ServiceContext, id: string): Promise<{ row: Row; role: ReflectionRole }> {
  const row = await repo.findReflection(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const base = reflectionRole(
    ctx.actor,
    { personId: row.reflection.personId, unitPath: row.unitPath },
    false,
  );
  const mentor =
    !base.author && !base.reader && ctx.actor.personId
      ? await isMentorOf(ctx.db, ctx.actor.personId, row.reflection.reserveId)
      : false;
  const role = { ...base, mentor };
  if (!maySee(role)) throw new AppError('not_found');
  return { row, role };
}

const settled = (state: string) => state === 'fulfilled' || state === 'waived';

/** Whether the author may still change the text: not while it awaits review, not once settled. */
function editable(row: Row): boolean {
  const r = row.reflection;
  return (r.state === 'draft' || r.state === 'returned') && !settled(row.obligationState);
}

function assertAuthorCanEdit(row: Row, role: ReflectionRole) {
  if (!role.author) throw new AppError('not_found');
  if (!editable(row)) {
    throw new AppError('conflict', null, {
      zh:
        row.reflection.state === 'submitted'
          ? '心得已提交，正在等待审核，暂不能修改。'
          : '该心得已审核通过或任务已办结，不能再修改。',
      en:
        row.reflection.state === 'submitted'
          ? 'The reflection awaits review and cannot be changed now.'
          : 'The reflection is settled and cannot be changed.',
    });
  }
}

export const staleVersion = () =>
  new AppError('conflict', null, {
    zh: '心得已在别处被修改（例如另一个浏览器窗口），请刷新后再保存。',
    en: 'The reflection was changed elsewhere (another window?); reload it and save again.',
  });

/** One reflection as its author, a mentor or HR sees it. */
export async function getReflection(ctx: ServiceContext, id: string): Promise<ReflectionDetail> {
  const { row, role } = await load(ctx, id);
  return present(ctx, row, role);
}

async function present(ctx: ServiceContext, row: Row, role: ReflectionRole): Promise<ReflectionDetail> {
  const r = row.reflection;
  const versions = await repo.listVersions(ctx.db, r.id);
  const names = await repo.fileNames(
    ctx.db,
    [r.draftFileId, ...versions.map((v) => v.fileId)].filter((f): f is string => !!f),
  );
  const latest = versions.at(-1);
  const showCheck = (role.reader || role.reviewer) && latest?.copyCheck;
  return {
    id: r.id,
    obligationId: r.obligationId,
    person: { id: r.personId, name: row.personName, employeeNo: row.employeeNo, unitName: row.unitName },
    programmeName: row.programmeName,
    ruleTitle: r.ruleTitle,
    evidenceKind: r.evidenceKind as ReflectionDetail['evidenceKind'],
    periodKey: r.periodKey,
    dueDate: row.dueDate,
    obligationStatus: obligationStatus(
      { state: row.obligationState, dueDate: row.dueDate, fulfilledOn: row.fulfilledOn },
      todayIn(row.timeZone),
      row.dueSoonDays,
    ),
    minChars: row.minChars,
    state: r.state,
    title: r.title,
    draft: role.author
      ? {
          text: r.draftText,
          chars: r.draftChars,
          fileName: r.draftFileId ? (names.get(r.draftFileId) ?? null) : null,
          savedAt: r.draftSavedAt?.toISOString() ?? null,
        }
      : null,
    version: r.version,
    versions: versions.map((v) => ({
      number: v.number,
      text: v.text,
      chars: v.chars,
      breakdown: v.breakdown,
      minChars: v.minChars,
      fileName: v.fileId ? (names.get(v.fileId) ?? null) : null,
      submittedOn: v.submittedOn,
      submittedAt: v.submittedAt.toISOString(),
      decision: v.decision,
      comment: v.comment,
      decidedAt: v.decidedAt?.toISOString() ?? null,
      decidedByName: v.decidedByName,
    })),
    copyCheck: showCheck
      ? await copy.presentCopyCheck(ctx.db, ctx.actor, latest.text, latest.copyCheck!)
      : null,
    actions: {
      edit: role.author && editable(row),
      review: role.reviewer && r.state === 'submitted',
      recheck: role.reviewer && versions.length > 0,
    },
  };
}

/**
 * Starts the reflection of one of the caller's own obligations whose rule asks for a text (or
 * returns the one already started).
 */
export async function startReflection(ctx: ServiceContext, obligationId: string): Promise<ReflectionDetail> {
  const { item } = await getObligation(ctx, obligationId);
  if (
    item.personId !== ctx.actor.personId ||
    item.actor !== 'reserve' ||
    !isReflectionKind(item.evidenceKind)
  )
    throw new AppError('not_found');
  const [existing] = await repo.findReflectionsByObligations(ctx.db, [obligationId]);
  if (existing) return getReflection(ctx, existing.id);
  if (item.state !== 'open' && item.state !== 'returned') {
    throw new AppError('conflict', null, {
      zh: '该任务已提交或已办结，无需再撰写心得。',
      en: 'The obligation is already submitted or settled.',
    });
  }
  const id = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(reflections)
      .values({
        obligationId,
        reserveId: item.reserveId,
        personId: item.personId,
        programmeId: item.programmeId,
        ruleKey: item.ruleKey,
        ruleTitle: item.ruleTitle,
        periodKey: item.periodKey,
        evidenceKind: item.evidenceKind!,
      })
      .onConflictDoNothing()
      .returning({ id: reflections.id });
    if (!created) return null;
    const stored = await repo.findReflection(tx, created.id);
    await writeAudit(tx, ctx.audit, {
      action: 'reflection.started',
      entityType: 'reflection',
      entityId: created.id,
      unitPath: stored?.unitPath ?? null,
      summary: `${item.personName}：开始撰写${item.ruleTitle}（${item.periodKey}）`,
    });
    return created.id;
  });
  // Two first saves at once: the other one created it.
  const [row] = id ? [{ id }] : await repo.findReflectionsByObligations(ctx.db, [obligationId]);
  return getReflection(ctx, row.id);
}

/** Saves the author's draft (autosave and "保存草稿"); returns the new version and count. */
export async function saveDraft(ctx: ServiceContext, id: string, body: z.infer<typeof DraftBody>) {
  const { row, role } = await load(ctx, id);
  assertAuthorCanEdit(row, role);
  return ctx.db.transaction((tx) => writeDraft(tx, ctx, row, body));
}

async function writeDraft(
  db: Db,
  ctx: ServiceContext,
  row: Row,
  body: { text: string; title: string; version: number; fileId?: string | null },
) {
  const chars = countChars(body.text).total;
  const [saved] = await db
    .update(reflections)
    .set({
      draftText: body.text,
      title: body.title,
      draftChars: chars,
      ...(body.fileId !== undefined ? { draftFileId: body.fileId } : {}),
      draftSavedAt: new Date(),
      version: sql`${reflections.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(reflections.id, row.reflection.id), eq(reflections.version, body.version)))
    .returning({ version: reflections.version, savedAt: reflections.draftSavedAt });
  if (!saved) throw staleVersion();
  await writeAudit(db, ctx.audit, {
    action: 'reflection.draft_saved',
    entityType: 'reflection',
    entityId: row.reflection.id,
    unitPath: row.unitPath,
    summary: `${row.personName}：${row.reflection.ruleTitle}（${row.reflection.periodKey}）草稿 ${chars} 字`,
  });
  return { version: saved.version, chars, savedAt: saved.savedAt!.toISOString() };
}

/**
 * An uploaded .docx or .pdf becomes the draft: its text is extracted and counted, the file kept to
 * go with the next submitted version.
 */
export async function uploadDraft(
  ctx: ServiceContext,
  id: string,
  input: { fields: Record<string, string>; file: { buffer: Buffer; fileName: string } | null },
): Promise<ReflectionDetail> {
  const { row, role } = await load(ctx, id);
  assertAuthorCanEdit(row, role);
  const version = Number(input.fields.version);
  if (!Number.isInteger(version) || version < 1)
    throw new AppError('validation_failed', {
      fields: [{ path: 'version', message: '缺少版本号 / version' }],
    });
  if (!input.file || input.file.buffer.length === 0)
    throw new AppError('validation_failed', {
      fields: [{ path: 'file', message: '请选择文件 / choose a file' }],
    });
  const { text, mimeType } = await extractReflectionText(input.file.buffer);
  const name =
    Array.from(input.file.fileName, (c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c))
      .join('')
      .slice(0, 200) || 'reflection';
  await ctx.db.transaction(async (tx) => {
    const [file] = await tx
      .insert(reflectionFiles)
      .values({ reflectionId: id, name, mimeType, size: input.file!.buffer.length, data: input.file!.buffer })
      .returning({ id: reflectionFiles.id });
    await writeDraft(tx, ctx, row, { text, title: row.reflection.title, version, fileId: file.id });
    await writeAudit(tx, ctx.audit, {
      action: 'reflection.uploaded',
      entityType: 'reflection',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：上传${name}，提取 ${countChars(text).total} 字`,
    });
  });
  return getReflection(ctx, id);
}

/**
 * Submits the text for HR's review. The text is saved as the draft first, in its own transaction,
 * so a submission refused for being short keeps what was written. Then, in one transaction: the
 * 字数 minimum, a new version, the copy check against every other reflection, the fingerprint
 * index, and the obligation moved to "submitted" through the evidence interface.
 */
export async function submitReflection(ctx: ServiceContext, id: string, body: z.infer<typeof DraftBody>) {
  const { row, role } = await load(ctx, id);
  assertAuthorCanEdit(row, role);
  const saved = await ctx.db.transaction((tx) => writeDraft(tx, ctx, row, body));
  const count = countChars(body.text);
  if (row.minChars !== null && count.total < row.minChars) {
    throw new AppError(
      'validation_failed',
      {
        fields: [
          { path: 'text', message: `字数不足：当前 ${count.total} 字，要求不少于 ${row.minChars} 字` },
        ],
        chars: count.total,
        minChars: row.minChars,
        version: saved.version,
      },
      {
        zh: `字数不足，未能提交：当前 ${count.total} 字，要求不少于 ${row.minChars} 字。草稿已保存。`,
        en: `Too short to submit: ${count.total} characters, at least ${row.minChars} required. The draft is saved.`,
      },
    );
  }
  await ctx.db.transaction(async (tx) => {
    const locked = await repo.lockReflection(tx, id);
    if (!locked || locked.version !== saved.version) throw staleVersion();
    const today = todayIn(row.timeZone);
    const fingerprints = fingerprintsOf(body.text);
    const settings = (await copy.loadCopySettings(tx, locked.programmeId)) ?? copy.DEFAULT_COPY_SETTINGS;
    const check = await copy.checkCopy(tx, {
      docNo: locked.docNo,
      personId: locked.personId,
      fingerprints,
      settings,
    });
    const previous = await repo.latestVersion(tx, id);
    await repo.replaceFingerprints(
      tx,
      locked.docNo,
      previous ? fingerprintsOf(previous.text) : [],
      fingerprints,
    );
    const number = locked.versions + 1;
    const file = locked.draftFileId ? await repo.findFile(tx, id, locked.draftFileId) : null;
    await tx.insert(reflectionVersions).values({
      reflectionId: id,
      number,
      text: body.text,
      chars: count.total,
      breakdown: count,
      minChars: row.minChars,
      fileId: file?.id ?? null,
      submittedOn: today,
      submittedBy: ctx.actor.userId,
      copyCheck: check,
    });
    await applyEvidence(tx, ctx, {
      obligationId: locked.obligationId,
      sourceType: 'reflection',
      sourceId: id,
      occurredOn: today,
      note: `${locked.ruleTitle} 第 ${number} 版，${count.total} 字`,
      attachment: file ? { name: file.name, type: file.mimeType, data: file.data } : null,
      effect: 'submit',
    });
    const summary = copy.summariseCheck(check);
    await tx
      .update(reflections)
      .set({
        state: 'submitted',
        versions: number,
        submittedAt: new Date(),
        fingerprints: fingerprints.length,
        ...summary,
        draftFileId: null,
        version: sql`${reflections.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(reflections.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'reflection.submitted',
      entityType: 'reflection',
      entityId: id,
      unitPath: row.unitPath,
      summary: `${row.personName}：提交${locked.ruleTitle}（${locked.periodKey}）第 ${number} 版，${count.total} 字${summary.copyFlag ? `，查重提示 ${summary.copyFlag === 'others' ? summary.copyScore : summary.ownReuseScore}%` : ''}`,
      after: { number, chars: count.total, ...summary },
    });
  });
  return getReflection(ctx, id);
}

/** The uploaded file of a version (number ≥ 1), or of the draft (0, its author only). */
export async function getReflectionFile(ctx: ServiceContext, id: string, number: number) {
  const { row, role } = await load(ctx, id);
  let fileId: string | null = null;
  if (number === 0) fileId = role.author ? row.reflection.draftFileId : null;
  else fileId = (await repo.listVersions(ctx.db, id)).find((v) => v.number === number)?.fileId ?? null;
  const file = fileId ? await repo.findFile(ctx.db, id, fileId) : null;
  if (!file) throw new AppError('not_found');
  return file;
}
