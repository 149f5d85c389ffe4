import type { z } from 'zod';
import type {
  CreateUnitBody,
  MoveUnitBody,
  Unit,
  UnitDetail,
  UnitLeadersBody,
  UpdateUnitBody,
} from '../../../contracts/units.js';
import { childPath, type UnitType, wouldCreateCycle } from '../../../core/org/unit-types.js';
import { assertInScope, assertPermission, inScope, scopePaths } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { findPeopleInScope } from '../people/people.service.js';
import * as repo from './units.repository.js';

type UnitOut = z.infer<typeof Unit>;

/** Shapes unit rows for the API, with their leaders' names and the caller's allowed actions. */
async function presentUnits(ctx: ServiceContext, rows: repo.UnitRow[]): Promise<UnitOut[]> {
  const heads = await repo.listPeopleNames(
    ctx.db,
    rows.map((r) => r.headPersonId).filter((id): id is string => !!id),
  );
  const headById = new Map(heads.map((h) => [h.personId, h]));
  const deputies = await repo.listDeputies(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    type: row.type as UnitType,
    sortOrder: row.sortOrder,
    depth: row.depth,
    active: row.active,
    head: row.headPersonId ? (headById.get(row.headPersonId) ?? null) : null,
    deputies: deputies
      .filter((d) => d.unitId === row.id)
      .map(({ personId, name, employeeNo }) => ({ personId, name, employeeNo })),
    version: row.version,
    actions: { manage: inScope(ctx.actor, 'units.manage', row.path) },
  }));
}

/** The units the caller may see, as a flat list in tree order (roots are the granted units). */
export async function listUnits(
  ctx: ServiceContext,
  query: { includeInactive: boolean },
): Promise<UnitOut[]> {
  assertPermission(ctx.actor, 'units.read');
  const rows = await repo.listUnitsInSubtrees(
    ctx.db,
    scopePaths(ctx.actor, 'units.read'),
    query.includeInactive,
  );
  return presentUnits(ctx, rows);
}

/** Loads a unit the caller may read, or answers 404. */
export async function getUnitRow(
  db: Db,
  ctx: ServiceContext,
  id: string,
  permission: 'units.read' | 'units.manage',
) {
  const row = await repo.findUnit(db, id);
  assertInScope(ctx.actor, permission, row?.path);
  return row!;
}

/** One unit with its ancestry (inside the caller's scope) and counts. */
export async function getUnit(ctx: ServiceContext, id: string): Promise<z.infer<typeof UnitDetail>> {
  const row = await getUnitRow(ctx.db, ctx, id, 'units.read');
  const [unit] = await presentUnits(ctx, [row]);
  const ancestorIds = row.path.split('/').filter(Boolean);
  const ancestors = await repo.findUnitsByIds(ctx.db, ancestorIds);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const visible = ancestorIds
    .map((a) => byId.get(a))
    .filter((a): a is repo.UnitRow => !!a && inScope(ctx.actor, 'units.read', a.path));
  const counts = await repo.countUnitDependants(ctx.db, id);
  return {
    ...unit,
    path: visible.map((a) => ({ id: a.id, name: a.name })),
    peopleCount: counts.people,
    subtreePeopleCount: await repo.countPeopleInSubtree(ctx.db, row.path),
    childCount: counts.children,
  };
}

function conflict(): AppError {
  return new AppError('conflict');
}

async function assertCodeFree(db: Db, code: string, exceptId?: string): Promise<void> {
  const existing = await repo.findUnitByCode(db, code);
  if (existing && existing.id !== exceptId) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'code', message: `机构编码 ${code} 已被“${existing.name}”使用 / code already used` }],
    });
  }
}

/** Creates a unit under a parent in the caller's scope (only a system administrator creates a root). */
export async function createUnit(
  ctx: ServiceContext,
  input: z.infer<typeof CreateUnitBody>,
): Promise<UnitOut> {
  assertPermission(ctx.actor, 'units.manage');
  return ctx.db.transaction(async (tx) => {
    let parentPath: string | null = null;
    let depth = 0;
    if (input.parentId) {
      const parent = await getUnitRow(tx, ctx, input.parentId, 'units.manage');
      if (!parent.active) {
        throw new AppError('validation_failed', {
          fields: [{ path: 'parentId', message: '上级机构已停用 / parent is inactive' }],
        });
      }
      parentPath = parent.path;
      depth = parent.depth + 1;
    } else if (!ctx.actor.grants.some((g) => g.role === 'system_admin')) {
      throw new AppError('forbidden');
    }
    await assertCodeFree(tx, input.code);
    const id = crypto.randomUUID();
    const row = await repo.insertUnit(tx, {
      id,
      parentId: input.parentId,
      path: childPath(parentPath, id),
      depth,
      code: input.code,
      name: input.name,
      type: input.type,
      sortOrder: input.sortOrder,
    });
    await writeAudit(tx, ctx.audit, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: id,
      unitPath: row.path,
      summary: `新建机构 ${row.name}`,
      after: row,
    });
    const [out] = await presentUnits({ ...ctx, db: tx }, [row]);
    return out;
  });
}

/** Renames or re-codes a unit; refused with 409 when the version is stale. */
export async function updateUnit(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof UpdateUnitBody>,
): Promise<UnitOut> {
  return ctx.db.transaction(async (tx) => {
    const before = await getUnitRow(tx, ctx, id, 'units.manage');
    if (input.code) await assertCodeFree(tx, input.code, id);
    const { version, ...changes } = input;
    const after = await repo.updateUnitVersioned(tx, id, version, changes);
    if (!after) throw conflict();
    await writeAudit(tx, ctx.audit, {
      action: 'unit.updated',
      entityType: 'unit',
      entityId: id,
      unitPath: after.path,
      summary: `修改机构 ${after.name}`,
      before,
      after,
    });
    const [out] = await presentUnits({ ...ctx, db: tx }, [after]);
    return out;
  });
}

/** Moves a unit (and its subtree) under another parent; refuses cycles. */
export async function moveUnit(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof MoveUnitBody>,
): Promise<UnitOut> {
  return ctx.db.transaction(async (tx) => {
    const unit = await getUnitRow(tx, ctx, id, 'units.manage');
    const parent = await getUnitRow(tx, ctx, input.parentId, 'units.manage');
    if (wouldCreateCycle(unit.path, parent.path)) throw new AppError('cycle');
    if (!parent.active) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'parentId', message: '上级机构已停用 / parent is inactive' }],
      });
    }
    const newPath = childPath(parent.path, unit.id);
    const moved = await repo.updateUnitVersioned(tx, id, input.version, { parentId: parent.id });
    if (!moved) throw conflict();
    await repo.rewriteSubtreePaths(tx, unit.path, newPath, parent.depth + 1 - unit.depth);
    const after = (await repo.findUnit(tx, id))!;
    await writeAudit(tx, ctx.audit, {
      action: 'unit.moved',
      entityType: 'unit',
      entityId: id,
      unitPath: after.path,
      summary: `移动机构 ${unit.name} 到 ${parent.name} 之下`,
      before: { parentId: unit.parentId },
      after: { parentId: parent.id },
    });
    const [out] = await presentUnits({ ...ctx, db: tx }, [after]);
    return out;
  });
}

/** Deactivates or reactivates a unit. Units are never deleted; one with active people or children stays active. */
export async function setUnitActive(
  ctx: ServiceContext,
  id: string,
  input: { version: number; active: boolean },
): Promise<UnitOut> {
  return ctx.db.transaction(async (tx) => {
    const unit = await getUnitRow(tx, ctx, id, 'units.manage');
    if (!input.active) {
      const dependants = await repo.countUnitDependants(tx, id);
      if (dependants.people > 0 || dependants.children > 0) {
        throw new AppError('in_use', dependants, {
          zh: `该机构下还有 ${dependants.people} 名在职人员、${dependants.children} 个下级机构，请先调出后再停用。`,
          en: `The unit still has ${dependants.people} active people and ${dependants.children} active sub-units.`,
        });
      }
    } else if (unit.parentId) {
      const parent = await repo.findUnit(tx, unit.parentId);
      if (parent && !parent.active) {
        throw new AppError('validation_failed', {
          fields: [{ path: 'active', message: '上级机构已停用 / parent is inactive' }],
        });
      }
    }
    const after = await repo.updateUnitVersioned(tx, id, input.version, { active: input.active });
    if (!after) throw conflict();
    await writeAudit(tx, ctx.audit, {
      action: input.active ? 'unit.activated' : 'unit.deactivated',
      entityType: 'unit',
      entityId: id,
      unitPath: after.path,
      summary: `${input.active ? '启用' : '停用'}机构 ${after.name}`,
      before: { active: unit.active },
      after: { active: after.active },
    });
    const [out] = await presentUnits({ ...ctx, db: tx }, [after]);
    return out;
  });
}

/** Sets the head (正职) and deputies of a unit; each must be an active person the caller can see. */
export async function setUnitLeaders(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof UnitLeadersBody>,
): Promise<UnitOut> {
  return ctx.db.transaction(async (tx) => {
    const unit = await getUnitRow(tx, ctx, id, 'units.manage');
    const deputyIds = [...new Set(input.deputyPersonIds)];
    if (input.headPersonId && deputyIds.includes(input.headPersonId)) {
      throw new AppError('validation_failed', {
        fields: [
          { path: 'deputyPersonIds', message: '正职不能同时是副职 / the head cannot also be a deputy' },
        ],
      });
    }
    const wanted = [...deputyIds, ...(input.headPersonId ? [input.headPersonId] : [])];
    const found = await findPeopleInScope({ ...ctx, db: tx }, wanted);
    const missing = wanted.filter((p) => !found.some((f) => f.id === p && f.active));
    if (missing.length > 0) {
      throw new AppError('validation_failed', {
        fields: missing.map((p) => ({
          path: p === input.headPersonId ? 'headPersonId' : 'deputyPersonIds',
          message: `人员不存在或已离职 / unknown person ${p}`,
        })),
      });
    }
    const before = { headPersonId: unit.headPersonId };
    const after = await repo.updateUnitVersioned(tx, id, input.version, { headPersonId: input.headPersonId });
    if (!after) throw conflict();
    await repo.replaceDeputies(tx, id, deputyIds);
    await writeAudit(tx, ctx.audit, {
      action: 'unit.leaders_set',
      entityType: 'unit',
      entityId: id,
      unitPath: after.path,
      summary: `设置机构 ${after.name} 的正职和副职`,
      before,
      after: { headPersonId: input.headPersonId, deputyPersonIds: deputyIds },
    });
    const [out] = await presentUnits({ ...ctx, db: tx }, [after]);
    return out;
  });
}
