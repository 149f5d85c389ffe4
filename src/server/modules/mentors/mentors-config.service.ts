import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DirectionBody, DirectionItem, SettingsBody, SettingsOut } from '../../../contracts/mentors.js';
import { DEFAULT_MENTOR_SETTINGS, MentorSettings } from '../../../core/mentors/assessment.js';
import { formatFen, parseYuan } from '../../../core/mentors/money.js';
import {
  assertInScope,
  assertPermission,
  inScope,
  pathInSubtrees,
  scopePaths,
} from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { findProgrammeWithUnit } from '../programmes/programmes.repository.js';
import { getUnitRow } from '../units/units.service.js';
import { orgUnits } from '../units/units.table.js';
import * as repo from './mentors.repository.js';
import { directionUnits, mentorSettings } from './mentors.table.js';

/**
 * HR's dictionary of development directions (培养方向) and their related departments, over the units
 * the caller may see, with how many active reserves have each direction.
 */
export async function listDirections(ctx: ServiceContext): Promise<z.infer<typeof DirectionItem>[]> {
  assertPermission(ctx.actor, 'pool.read');
  const paths = scopePaths(ctx.actor, 'units.read');
  const { mapped, used } = await repo.listDirections(
    ctx.db,
    pathInSubtrees(orgUnits.path, scopePaths(ctx.actor, 'pool.read')),
  );
  const out = new Map<string, z.infer<typeof DirectionItem>>();
  for (const m of mapped) {
    if (!paths.some((p) => m.unitPath.startsWith(p))) continue;
    const item = out.get(m.direction) ?? { direction: m.direction, units: [], reserves: 0 };
    item.units.push({ id: m.unitId, name: m.unitName });
    out.set(m.direction, item);
  }
  for (const u of used) {
    const item = out.get(u.direction!) ?? { direction: u.direction!, units: [], reserves: 0 };
    item.reserves = Number(u.n);
    out.set(u.direction!, item);
  }
  return [...out.values()].sort((a, b) => a.direction.localeCompare(b.direction, 'zh'));
}

/**
 * Sets the departments related to a direction, among the units the caller manages (the mentors of
 * other units keep their mappings). An empty list removes the caller's mappings for the direction.
 */
export async function setDirection(ctx: ServiceContext, body: z.infer<typeof DirectionBody>) {
  assertPermission(ctx.actor, 'mentors.manage');
  return ctx.db.transaction(async (tx) => {
    const units = [];
    for (const id of new Set(body.unitIds)) {
      const unit = await getUnitRow(tx, { ...ctx, db: tx }, id, 'units.read');
      assertInScope(ctx.actor, 'mentors.manage', unit.path);
      units.push(unit);
    }
    const before = await repo.directionUnitRows(tx, body.direction);
    const mine = before.filter((b) => inScope(ctx.actor, 'mentors.manage', b.unitPath));
    for (const b of mine)
      await tx
        .delete(directionUnits)
        .where(
          sql`${directionUnits.direction} = ${body.direction} AND ${directionUnits.unitId} = ${b.unitId}`,
        );
    if (units.length > 0)
      await tx.insert(directionUnits).values(units.map((u) => ({ direction: body.direction, unitId: u.id })));
    await writeAudit(tx, ctx.audit, {
      action: 'mentor.directions_set',
      entityType: 'direction',
      unitPath: units[0]?.path ?? scopePaths(ctx.actor, 'mentors.manage')[0] ?? null,
      summary: `培养方向“${body.direction}”的相关部门：${units.map((u) => u.name).join('、') || '（无）'}`,
      before: { unitIds: mine.map((b) => b.unitId) },
      after: { unitIds: units.map((u) => u.id) },
    });
    return listDirections({ ...ctx, db: tx });
  });
}

/** A programme's mentor settings (the defaults until HR saves its own). */
export async function settingsOf(db: Db, programmeId: string) {
  const [row] = await db
    .select()
    .from(mentorSettings)
    .where(eq(mentorSettings.programmeId, programmeId))
    .limit(1);
  return row
    ? {
        gradeScale: row.gradeScale,
        ratingScale: row.ratingScale,
        rewardFen: row.rewardFen,
        version: row.version,
        saved: true,
      }
    : { ...DEFAULT_MENTOR_SETTINGS, version: 0, saved: false };
}

async function loadProgramme(db: Db, ctx: ServiceContext, programmeId: string) {
  const found = await findProgrammeWithUnit(db, programmeId);
  // A programme applies to its owning subtree: readable by whoever sees part of it (as its pool).
  const scope = scopePaths(ctx.actor, 'pool.read');
  if (!found || !scope.some((p) => found.unitPath.startsWith(p) || p.startsWith(found.unitPath)))
    throw new AppError('not_found');
  return found;
}

export async function getSettings(
  ctx: ServiceContext,
  programmeId: string,
  db: Db = ctx.db,
): Promise<z.infer<typeof SettingsOut>> {
  assertPermission(ctx.actor, 'pool.read');
  const programme = await loadProgramme(db, ctx, programmeId);
  const s = await settingsOf(db, programmeId);
  return {
    programmeId,
    gradeScale: s.gradeScale,
    ratingScale: s.ratingScale,
    rewardFen: s.rewardFen,
    rewardYuan: formatFen(s.rewardFen),
    version: s.version,
    saved: s.saved,
    actions: { manage: inScope(ctx.actor, 'mentors.manage', programme.unitPath) },
  };
}

/** Saves a programme's grade and rating scales and the reward per pair (yuan text, stored in fen). */
export async function saveSettings(ctx: ServiceContext, body: z.infer<typeof SettingsBody>) {
  assertPermission(ctx.actor, 'mentors.manage');
  return ctx.db.transaction(async (tx) => {
    const programme = await loadProgramme(tx, ctx, body.programmeId);
    assertInScope(ctx.actor, 'mentors.manage', programme.unitPath);
    const rewardFen = parseYuan(body.rewardYuan);
    const parsed = MentorSettings.safeParse({
      gradeScale: body.gradeScale,
      ratingScale: body.ratingScale,
      rewardFen: rewardFen ?? -1,
    });
    if (!parsed.success || rewardFen === null)
      throw new AppError('validation_failed', {
        fields: [
          ...(rewardFen === null
            ? [{ path: 'rewardYuan', message: '请填写金额（元），最多两位小数 / an amount in yuan' }]
            : []),
          ...(parsed.success
            ? []
            : parsed.error.issues
                .filter((i) => i.path[0] !== 'rewardFen')
                .map((i) => ({ path: String(i.path[0]), message: i.message }))),
        ],
      });
    const before = await settingsOf(tx, body.programmeId);
    if (before.version !== body.version) throw new AppError('conflict');
    const values = { ...parsed.data, version: before.version + 1, updatedAt: new Date() };
    await tx
      .insert(mentorSettings)
      .values({ programmeId: body.programmeId, ...values })
      .onConflictDoUpdate({ target: mentorSettings.programmeId, set: values });
    await writeAudit(tx, ctx.audit, {
      action: 'mentor.settings_set',
      entityType: 'programme',
      entityId: body.programmeId,
      unitPath: programme.unitPath,
      summary: `${programme.programme.name}：考核等次 ${parsed.data.gradeScale.join('/')}，导师奖励 ${formatFen(rewardFen)} 元/人`,
      before,
      after: parsed.data,
    });
    return getSettings(ctx, body.programmeId, tx);
  });
}
