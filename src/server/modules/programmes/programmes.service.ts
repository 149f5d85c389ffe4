import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CreateProgrammeBody,
  PreviewOut,
  ProgrammeOut,
  UpdateProgrammeBody,
} from '../../../contracts/programmes.js';
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { DEFAULT_ELIGIBILITY } from '../../../core/programme/eligibility.js';
import type { Rule } from '../../../core/programme/rule.js';
import { todayIn } from '../../../core/time/dates.js';
import { type Actor, assertInScope, assertPermission, inScope, scopePaths } from '../../platform/access.js';
import { changedFields, writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { obligations } from '../obligations/obligations.table.js';
import { getUnitRow } from '../units/units.service.js';
import * as repo from './programmes.repository.js';
import { programmes, programmeVersions } from './programmes.table.js';
import { computeVersionChanges } from './version-preview.js';

type ProgrammeOutT = z.infer<typeof ProgrammeOut>;

/**
 * A programme is visible to whoever works in its unit's subtree (its pool lives there) and to those
 * below its unit (a county HR office nominates into the city branch's programme); it is managed
 * only within its unit's subtree.
 */
export function canReadProgramme(actor: Actor, unitPath: string): boolean {
  if (inScope(actor, 'programmes.read', unitPath)) return true;
  return scopePaths(actor, 'programmes.read').some((p) => p.startsWith(unitPath));
}

/** Loads a programme the caller may read (or manage), or answers 404. */
export async function loadProgramme(db: Db, actor: Actor, id: string, mode: 'read' | 'manage') {
  const found = await repo.findProgrammeWithUnit(db, id);
  if (!found || !canReadProgramme(actor, found.unitPath)) throw new AppError('not_found');
  if (mode === 'manage') assertInScope(actor, 'programmes.manage', found.unitPath);
  return found;
}

async function present(
  ctx: ServiceContext,
  rows: NonNullable<Awaited<ReturnType<typeof repo.findProgrammeWithUnit>>>[],
): Promise<ProgrammeOutT[]> {
  const ids = rows.map((r) => r.programme.id);
  const versions = await repo.listVersions(ctx.db, ids);
  const counts = await repo.countActiveReserves(ctx.db, ids);
  return rows.map(({ programme, unitName, unitPath }) => {
    const current = versions.find((v) => v.id === programme.currentVersionId) ?? null;
    const draft = versions.find((v) => v.programmeId === programme.id && v.status === 'draft') ?? null;
    return {
      id: programme.id,
      name: programme.name,
      tier: programme.tier,
      unitId: programme.unitId,
      unitName,
      cycleYears: programme.cycleYears,
      timeZone: programme.timeZone,
      dueSoonDays: programme.dueSoonDays,
      eligibility: programme.eligibility,
      active: programme.active,
      version: programme.version,
      current: current && {
        id: current.id,
        number: current.number,
        publishedAt: current.publishedAt?.toISOString() ?? null,
        rules: current.rules,
      },
      draft: draft && { id: draft.id, number: draft.number, rules: draft.rules },
      activeReserves: counts.get(programme.id) ?? 0,
      actions: { manage: inScope(ctx.actor, 'programmes.manage', unitPath) },
    };
  });
}

/** The programmes the caller may see. */
export async function listProgrammes(ctx: ServiceContext): Promise<ProgrammeOutT[]> {
  assertPermission(ctx.actor, 'programmes.read');
  const rows = (await repo.listProgrammesWithUnits(ctx.db)).filter((r) =>
    canReadProgramme(ctx.actor, r.unitPath),
  );
  return present(ctx, rows);
}

export async function getProgramme(ctx: ServiceContext, id: string): Promise<ProgrammeOutT> {
  const [out] = await present(ctx, [await loadProgramme(ctx.db, ctx.actor, id, 'read')]);
  return out;
}

/**
 * Creates a programme owned by a unit in scope, with version 1 published at once: the default
 * programme's rules, or a copy of another programme's (a county copying the city's for its tier, 七(五)).
 */
export async function createProgramme(
  ctx: ServiceContext,
  input: z.infer<typeof CreateProgrammeBody>,
): Promise<ProgrammeOutT> {
  assertPermission(ctx.actor, 'programmes.manage');
  return ctx.db.transaction(async (tx) => {
    const unit = await getUnitRow(tx, ctx, input.unitId, 'units.read');
    assertInScope(ctx.actor, 'programmes.manage', unit.path);
    let rules: Rule[] = DEFAULT_RULES;
    let eligibility = input.eligibility ?? DEFAULT_ELIGIBILITY;
    if (input.copyFromProgrammeId) {
      const source = await loadProgramme(tx, ctx.actor, input.copyFromProgrammeId, 'read');
      const sourceVersion = source.programme.currentVersionId
        ? await repo.findVersion(tx, source.programme.currentVersionId)
        : null;
      rules = sourceVersion?.rules ?? DEFAULT_RULES;
      eligibility = input.eligibility ?? source.programme.eligibility;
    }
    const [programme] = await tx
      .insert(programmes)
      .values({
        name: input.name,
        tier: input.tier,
        unitId: unit.id,
        cycleYears: input.cycleYears,
        timeZone: input.timeZone,
        dueSoonDays: input.dueSoonDays,
        eligibility,
      })
      .returning();
    const [version] = await tx
      .insert(programmeVersions)
      .values({
        programmeId: programme.id,
        number: 1,
        status: 'published',
        rules,
        publishedAt: new Date(),
        publishedBy: ctx.actor.userId,
      })
      .returning();
    await tx.update(programmes).set({ currentVersionId: version.id }).where(eq(programmes.id, programme.id));
    await writeAudit(tx, ctx.audit, {
      action: 'programme.created',
      entityType: 'programme',
      entityId: programme.id,
      unitPath: unit.path,
      summary: `新建培养方案 ${programme.name}${input.copyFromProgrammeId ? '（复制）' : ''}`,
      after: { ...programme, rules: rules.map((r) => r.key) },
    });
    const [out] = await present({ ...ctx, db: tx }, [(await repo.findProgrammeWithUnit(tx, programme.id))!]);
    return out;
  });
}

/** Edits a programme's attributes (not its rules: those go through a draft and a new version). */
export async function updateProgramme(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof UpdateProgrammeBody>,
): Promise<ProgrammeOutT> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadProgramme(tx, ctx.actor, id, 'manage');
    const { version, ...changes } = input;
    const [after] = await tx
      .update(programmes)
      .set({ ...changes, version: sql`${programmes.version} + 1`, updatedAt: new Date() })
      .where(and(eq(programmes.id, id), eq(programmes.version, version)))
      .returning();
    if (!after) throw new AppError('conflict');
    await writeAudit(tx, ctx.audit, {
      action: 'programme.updated',
      entityType: 'programme',
      entityId: id,
      unitPath: found.unitPath,
      summary: `修改培养方案 ${after.name}`,
      ...changedFields(found.programme, after),
    });
    const [out] = await present({ ...ctx, db: tx }, [{ ...found, programme: after }]);
    return out;
  });
}

/** Saves the rules being edited as the programme's draft (one draft at a time). */
export async function saveDraft(ctx: ServiceContext, id: string, rules: Rule[]): Promise<ProgrammeOutT> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadProgramme(tx, ctx.actor, id, 'manage');
    const versions = await repo.listVersions(tx, [id]);
    const draft = versions.find((v) => v.status === 'draft');
    if (draft) await tx.update(programmeVersions).set({ rules }).where(eq(programmeVersions.id, draft.id));
    else {
      const number = Math.max(0, ...versions.map((v) => v.number)) + 1;
      await tx.insert(programmeVersions).values({ programmeId: id, number, status: 'draft', rules });
    }
    await writeAudit(tx, ctx.audit, {
      action: 'programme.draft_saved',
      entityType: 'programme',
      entityId: id,
      unitPath: found.unitPath,
      summary: `保存培养方案草稿 ${found.programme.name}`,
      after: { rules },
    });
    const [out] = await present({ ...ctx, db: tx }, [found]);
    return out;
  });
}

/** Throws the draft away. */
export async function discardDraft(ctx: ServiceContext, id: string): Promise<ProgrammeOutT> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadProgramme(tx, ctx.actor, id, 'manage');
    const draft = (await repo.listVersions(tx, [id])).find((v) => v.status === 'draft');
    if (!draft) throw new AppError('not_found');
    await tx.delete(programmeVersions).where(eq(programmeVersions.id, draft.id));
    await writeAudit(tx, ctx.audit, {
      action: 'programme.draft_discarded',
      entityType: 'programme',
      entityId: id,
      unitPath: found.unitPath,
      summary: `放弃培养方案草稿 ${found.programme.name}`,
    });
    const [out] = await present({ ...ctx, db: tx }, [found]);
    return out;
  });
}

async function draftOf(db: Db, id: string) {
  const draft = (await repo.listVersions(db, [id])).find((v) => v.status === 'draft');
  if (!draft)
    throw new AppError('not_found', null, {
      zh: '该方案没有待发布的草稿。',
      en: 'The programme has no draft.',
    });
  return draft;
}

/**
 * What-if: for the pool as it stands today, what publishing the draft would add, remove and change,
 * who would become overdue or compliant — by unit, down to each person. Writes nothing.
 */
export async function previewDraft(ctx: ServiceContext, id: string): Promise<z.infer<typeof PreviewOut>> {
  const found = await loadProgramme(ctx.db, ctx.actor, id, 'manage');
  const draft = await draftOf(ctx.db, id);
  const today = todayIn(found.programme.timeZone);
  const changes = await computeVersionChanges(ctx.db, {
    programmeId: id,
    rules: draft.rules,
    today,
    dueSoonDays: found.programme.dueSoonDays,
  });
  const units = new Map<string, PreviewOut['byUnit'][number]>();
  for (const { reserve, change, overdueBefore, overdueAfter } of changes) {
    const unit = units.get(reserve.unitId) ?? {
      unitId: reserve.unitId,
      unitName: reserve.unitName,
      added: 0,
      removed: 0,
      changed: 0,
      becomeOverdue: 0,
      becomeCompliant: 0,
      reserves: [],
    };
    units.set(reserve.unitId, unit);
    unit.added += change.add.length;
    unit.removed += change.remove.length;
    unit.changed += change.change.length;
    if (!overdueBefore && overdueAfter) unit.becomeOverdue++;
    if (overdueBefore && !overdueAfter) unit.becomeCompliant++;
    const touched =
      change.add.length + change.remove.length + change.change.length > 0 || overdueBefore !== overdueAfter;
    if (!touched) continue;
    unit.reserves.push({
      reserveId: reserve.id,
      personName: reserve.personName,
      employeeNo: reserve.employeeNo,
      added: change.add.length,
      removed: change.remove.length,
      changed: change.change.length,
      overdueBefore,
      overdueAfter,
      details: [
        ...change.add.map((o) => ({
          change: 'add' as const,
          ruleKey: o.ruleKey,
          periodKey: o.periodKey,
          dueBefore: null,
          dueAfter: o.dueDate,
        })),
        ...change.remove.map((o) => ({
          change: 'remove' as const,
          ruleKey: o.ruleKey,
          periodKey: o.periodKey,
          dueBefore: o.dueDate,
          dueAfter: null,
        })),
        ...change.change.map((c) => ({
          change: 'change' as const,
          ruleKey: c.before.ruleKey,
          periodKey: c.before.periodKey,
          dueBefore: c.before.dueDate,
          dueAfter: c.after.dueDate,
        })),
      ],
    });
  }
  const byUnit = [...units.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'));
  const sum = (key: 'added' | 'removed' | 'changed' | 'becomeOverdue' | 'becomeCompliant') =>
    byUnit.reduce((n, u) => n + u[key], 0);
  return {
    today,
    totals: {
      reserves: changes.length,
      added: sum('added'),
      removed: sum('removed'),
      changed: sum('changed'),
      becomeOverdue: sum('becomeOverdue'),
      becomeCompliant: sum('becomeCompliant'),
    },
    byUnit,
  };
}

/**
 * Publishes the draft as the programme's new version: obligations already fulfilled, submitted,
 * waived or past keep their version; open ones still ahead move to the new version (changed, or
 * waived when no longer required); newly required ones are added — all in one transaction.
 */
export async function publishDraft(ctx: ServiceContext, id: string): Promise<ProgrammeOutT> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadProgramme(tx, ctx.actor, id, 'manage');
    const draft = await draftOf(tx, id);
    const today = todayIn(found.programme.timeZone);
    const changes = await computeVersionChanges(tx, {
      programmeId: id,
      rules: draft.rules,
      today,
      dueSoonDays: found.programme.dueSoonDays,
    });
    const now = new Date();
    for (const { reserve, change } of changes) {
      const moveIds = change.move.map((o) => o.id);
      if (moveIds.length > 0)
        await tx
          .update(obligations)
          .set({ programmeVersionId: draft.id, updatedAt: now })
          .where(inArray(obligations.id, moveIds));
      for (const { before, after } of change.change) {
        await tx
          .update(obligations)
          .set({
            programmeVersionId: draft.id,
            dueDate: after.dueDate,
            quantity: after.quantity,
            minChars: after.minChars,
            version: sql`${obligations.version} + 1`,
            updatedAt: now,
          })
          .where(eq(obligations.id, before.id));
      }
      const removeIds = change.remove.map((o) => o.id);
      if (removeIds.length > 0) {
        await tx
          .update(obligations)
          .set({
            state: 'waived',
            waivedReason: `培养方案第 ${draft.number} 版不再要求`,
            waivedBy: ctx.actor.userId,
            updatedAt: now,
          })
          .where(inArray(obligations.id, removeIds));
      }
      if (change.add.length > 0) {
        await tx
          .insert(obligations)
          .values(
            change.add.map((p) => ({
              reserveId: reserve.id,
              programmeVersionId: draft.id,
              ruleKey: p.ruleKey,
              periodKey: p.periodKey,
              cycleYear: Number(p.periodStart.slice(0, 4)),
              periodStart: p.periodStart,
              periodEnd: p.periodEnd,
              dueDate: p.dueDate,
              actor: p.actor,
              actorPersonId: p.actorPersonId,
              actorKey: p.actorPersonId ?? '',
              quantity: p.quantity,
              minChars: p.minChars,
            })),
          )
          .onConflictDoNothing();
      }
    }
    await tx
      .update(programmeVersions)
      .set({ status: 'published', publishedAt: now, publishedBy: ctx.actor.userId })
      .where(eq(programmeVersions.id, draft.id));
    await tx
      .update(programmes)
      .set({ currentVersionId: draft.id, version: sql`${programmes.version} + 1`, updatedAt: now })
      .where(eq(programmes.id, id));
    await writeAudit(tx, ctx.audit, {
      action: 'programme.published',
      entityType: 'programme',
      entityId: id,
      unitPath: found.unitPath,
      summary: `发布培养方案 ${found.programme.name} 第 ${draft.number} 版：影响 ${changes.length} 名后备人员`,
      after: {
        version: draft.number,
        added: changes.reduce((n, c) => n + c.change.add.length, 0),
        changed: changes.reduce((n, c) => n + c.change.change.length, 0),
        removed: changes.reduce((n, c) => n + c.change.remove.length, 0),
      },
    });
    const [out] = await present({ ...ctx, db: tx }, [(await repo.findProgrammeWithUnit(tx, id))!]);
    return out;
  });
}
