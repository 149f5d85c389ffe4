import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReflectionSettingsBody, ReflectionSettingsOut } from '../../../contracts/reflections.js';
import { inScope } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { loadProgramme } from '../programmes/programmes.service.js';
import { reflectionSettings } from './reflections.table.js';
import { DEFAULT_COPY_SETTINGS, loadCopySettings } from './reflections-copy.service.js';

type Out = z.infer<typeof ReflectionSettingsOut>;

/** A programme's copy-check thresholds (the defaults until HR changes them). */
export async function getReflectionSettings(ctx: ServiceContext, programmeId: string): Promise<Out> {
  const programme = await loadProgramme(ctx.db, ctx.actor, programmeId, 'read');
  const row = await loadCopySettings(ctx.db, programmeId);
  return {
    programmeId,
    thresholdPercent: row?.thresholdPercent ?? DEFAULT_COPY_SETTINGS.thresholdPercent,
    flagOwnReuse: row?.flagOwnReuse ?? DEFAULT_COPY_SETTINGS.flagOwnReuse,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedByName: row?.updatedByName ?? null,
    canEdit: inScope(ctx.actor, 'programmes.manage', programme.unitPath),
  };
}

/**
 * Changes a programme's thresholds, by whoever manages the programme. `version` 0 creates the
 * programme's settings; otherwise it must match (two HR officers editing: the second is refused).
 * Later submissions use the new thresholds; earlier checks keep the threshold they ran with.
 */
export async function updateReflectionSettings(
  ctx: ServiceContext,
  programmeId: string,
  body: z.infer<typeof ReflectionSettingsBody>,
): Promise<Out> {
  const programme = await loadProgramme(ctx.db, ctx.actor, programmeId, 'manage');
  await ctx.db.transaction(async (tx) => {
    const current = await loadCopySettings(tx, programmeId);
    const values = {
      thresholdPercent: body.thresholdPercent,
      flagOwnReuse: body.flagOwnReuse,
      updatedAt: new Date(),
      updatedByName: ctx.actor.displayName,
    };
    const written =
      body.version === 0
        ? await tx
            .insert(reflectionSettings)
            .values({ programmeId, ...values })
            .onConflictDoNothing()
            .returning({ version: reflectionSettings.version })
        : await tx
            .update(reflectionSettings)
            .set({ ...values, version: sql`${reflectionSettings.version} + 1` })
            .where(
              and(
                eq(reflectionSettings.programmeId, programmeId),
                eq(reflectionSettings.version, body.version),
              ),
            )
            .returning({ version: reflectionSettings.version });
    if (written.length === 0) throw new AppError('conflict');
    await writeAudit(tx, ctx.audit, {
      action: 'reflection.settings_updated',
      entityType: 'programme',
      entityId: programmeId,
      unitPath: programme.unitPath,
      summary: `${programme.programme.name}：心得查重阈值 ${body.thresholdPercent}%，${body.flagOwnReuse ? '提示' : '不提示'}与本人其他心得重复`,
      before: current
        ? { thresholdPercent: current.thresholdPercent, flagOwnReuse: current.flagOwnReuse }
        : DEFAULT_COPY_SETTINGS,
      after: { thresholdPercent: body.thresholdPercent, flagOwnReuse: body.flagOwnReuse },
    });
  });
  return getReflectionSettings(ctx, programmeId);
}
