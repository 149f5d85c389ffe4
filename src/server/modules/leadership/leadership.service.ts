import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ChargeItem,
  ChargeQuery,
  CreateChargesBody,
  EndChargeBody,
} from '../../../contracts/leadership.js';
import { todayIn } from '../../../core/time/dates.js';
import { assertInScope, assertPermission, inScope, scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { findPeopleInScope } from '../people/people.service.js';
import { getUnitRow } from '../units/units.service.js';
import * as repo from './leadership.repository.js';
import { leaderCharges } from './leadership.table.js';

export { chargedPaths, chargedPathsOn, inChargeOfPath } from './leadership.repository.js';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findCharge>>>;

function present(ctx: ServiceContext, row: Row): z.infer<typeof ChargeItem> {
  return {
    id: row.charge.id,
    leaderPersonId: row.charge.leaderPersonId,
    leaderName: row.leaderName,
    leaderEmployeeNo: row.leaderEmployeeNo,
    leaderPost: row.leaderPost,
    unitId: row.charge.unitId,
    unitName: row.unitName,
    startOn: row.charge.startOn,
    endOn: row.charge.endOn,
    note: row.charge.note,
    actions: { end: !row.charge.endOn && inScope(ctx.actor, 'charges.manage', row.unitPath) },
  };
}

/** The 分管 relations over units the caller may see, current ones unless ended ones are asked for. */
export async function listCharges(ctx: ServiceContext, query: z.infer<typeof ChargeQuery>) {
  assertPermission(ctx.actor, 'units.read');
  const { rows, total } = await repo.listCharges(
    ctx.db,
    {
      scopePaths: scopePaths(ctx.actor, 'units.read'),
      leaderPersonId: query.leaderPersonId,
      unitId: query.unitId,
      includeEnded: query.includeEnded === 'true',
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map((r) => present(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

/** Puts a leadership member in charge of units (from a date); a unit already in their charge is refused. */
export async function createCharges(ctx: ServiceContext, input: z.infer<typeof CreateChargesBody>) {
  assertPermission(ctx.actor, 'charges.manage');
  return ctx.db.transaction(async (tx) => {
    const [leader] = await findPeopleInScope({ ...ctx, db: tx }, [input.leaderPersonId]);
    if (!leader) throw new AppError('not_found');
    if (!leader.active)
      throw new AppError('validation_failed', {
        fields: [{ path: 'leaderPersonId', message: '该人员已不在职 / the person is no longer active' }],
      });
    const unitIds = [...new Set(input.unitIds)];
    const units = [];
    for (const id of unitIds) units.push(await getUnitRow(tx, { ...ctx, db: tx }, id, 'units.read'));
    for (const unit of units) assertInScope(ctx.actor, 'charges.manage', unit.path);
    const existing = new Set((await repo.currentChargesOf(tx, leader.id, unitIds)).map((r) => r.unitId));
    const taken = units.filter((u) => existing.has(u.id));
    if (taken.length > 0)
      throw new AppError('validation_failed', {
        fields: [
          {
            path: 'unitIds',
            message: `${leader.name} 已分管：${taken.map((u) => u.name).join('、')} / already in charge`,
          },
        ],
      });
    const today = todayIn();
    if (input.startOn > today)
      throw new AppError('validation_failed', {
        fields: [{ path: 'startOn', message: '开始日期不能晚于今天 / not in the future' }],
      });
    const created = await tx
      .insert(leaderCharges)
      .values(
        units.map((u) => ({
          leaderPersonId: leader.id,
          unitId: u.id,
          startOn: input.startOn,
          note: input.note,
          createdBy: ctx.actor.userId,
        })),
      )
      .returning();
    for (const [i, charge] of created.entries()) {
      await writeAudit(tx, ctx.audit, {
        action: 'charge.created',
        entityType: 'leader_charge',
        entityId: charge.id,
        unitPath: units[i].path,
        summary: `${leader.name} 分管 ${units[i].name}（自 ${input.startOn}）`,
        after: charge,
      });
    }
    const rows = [];
    for (const c of created) rows.push(await repo.findCharge(tx, c.id));
    return rows.map((r) => present(ctx, r!));
  });
}

/** Ends a charge on a day (kept in the history). */
export async function endCharge(ctx: ServiceContext, id: string, input: z.infer<typeof EndChargeBody>) {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findCharge(tx, id);
    assertInScope(ctx.actor, 'charges.manage', row?.unitPath);
    if (row!.charge.endOn)
      throw new AppError('conflict', null, { zh: '该分管关系已结束。', en: 'Already ended.' });
    if (input.endOn < row!.charge.startOn || input.endOn > todayIn())
      throw new AppError('validation_failed', {
        fields: [
          { path: 'endOn', message: '结束日期须在开始日期之后、不晚于今天 / between the start and today' },
        ],
      });
    const [ended] = await tx
      .update(leaderCharges)
      .set({ endOn: input.endOn, endedBy: ctx.actor.userId, endedAt: new Date() })
      .where(and(eq(leaderCharges.id, id), isNull(leaderCharges.endOn)))
      .returning();
    if (!ended) throw new AppError('conflict');
    await writeAudit(tx, ctx.audit, {
      action: 'charge.ended',
      entityType: 'leader_charge',
      entityId: id,
      unitPath: row!.unitPath,
      summary: `${row!.leaderName} 不再分管 ${row!.unitName}（${input.endOn}）`,
      before: { endOn: null },
      after: { endOn: input.endOn },
    });
    return present(ctx, (await repo.findCharge(tx, id))!);
  });
}
