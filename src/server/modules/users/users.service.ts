import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AddGrantBody, CreateUserBody, UserOut, UsersListQuery } from '../../../contracts/users.js';
import { canGrantRole, type Role } from '../../../core/access/roles.js';
import {
  assertInScope,
  assertPermission,
  inScope,
  pathInSubtrees,
  permissionsOf,
  scopePaths,
} from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { hashPassword, randomToken } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { deleteSessionsOfUser } from '../auth/auth.repository.js';
import { getPerson } from '../people/people.service.js';
import { getUnitRow } from '../units/units.service.js';
import { orgUnits } from '../units/units.table.js';
import * as repo from './users.repository.js';
import { users } from './users.table.js';

type UserOutT = z.infer<typeof UserOut>;

function isSystemAdmin(ctx: ServiceContext): boolean {
  return ctx.actor.grants.some((g) => g.role === 'system_admin');
}

/**
 * Users are scoped by their person's unit; accounts without a person (the first administrator)
 * are visible to system administrators only.
 */
function scopeCondition(ctx: ServiceContext, permission: 'users.read' | 'users.manage'): SQL | undefined {
  if (isSystemAdmin(ctx)) return undefined;
  return pathInSubtrees(sql`${orgUnits.path}`, scopePaths(ctx.actor, permission));
}

async function present(
  ctx: ServiceContext,
  rows: NonNullable<Awaited<ReturnType<typeof repo.findUserWithUnit>>>[],
): Promise<UserOutT[]> {
  const grants = await repo.listGrants(
    ctx.db,
    rows.map((r) => r.user.id),
  );
  return rows.map(({ user, employeeNo, unitName, unitPath }) => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    personId: user.personId,
    employeeNo,
    unitName,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    grants: grants
      .filter((g) => g.userId === user.id)
      .map((g) => ({ id: g.id, role: g.role as Role, unitId: g.unitId, unitName: g.unitName })),
    version: user.version,
    actions: { manage: isSystemAdmin(ctx) || (!!unitPath && inScope(ctx.actor, 'users.manage', unitPath)) },
  }));
}

/** A page of users the caller may see. */
export async function listUsers(ctx: ServiceContext, query: z.infer<typeof UsersListQuery>) {
  assertPermission(ctx.actor, 'users.read');
  const where = repo.usersWhere(query, scopeCondition(ctx, 'users.read'));
  const { items, total } = await repo.listUsers(ctx.db, where, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await present(ctx, items), total, page: query.page, pageSize: query.pageSize };
}

async function loadUser(db: Db, ctx: ServiceContext, id: string, permission: 'users.read' | 'users.manage') {
  const found = await repo.findUserWithUnit(db, id);
  if (!found) throw new AppError('not_found');
  if (!isSystemAdmin(ctx)) assertInScope(ctx.actor, permission, found.unitPath);
  return found;
}

/** One user with grants. */
export async function getUser(ctx: ServiceContext, id: string): Promise<UserOutT> {
  const [out] = await present(ctx, [await loadUser(ctx.db, ctx, id, 'users.read')]);
  return out;
}

/** Refuses a grant the caller may not give: the role's permissions must be the caller's own, the unit in scope. */
async function assertGrantable(tx: Db, ctx: ServiceContext, grant: { role: Role; unitId: string }) {
  const unit = await getUnitRow(tx, ctx, grant.unitId, 'units.read');
  assertInScope(ctx.actor, 'users.manage', unit.path);
  const allowed =
    grant.role === 'system_admin' ? isSystemAdmin(ctx) : canGrantRole(permissionsOf(ctx.actor), grant.role);
  if (!allowed)
    throw new AppError('forbidden', null, {
      zh: '您不能授予比自己权限更大的角色。',
      en: 'You cannot grant a role with more rights than your own.',
    });
  return unit;
}

/** A readable one-time password (no look-alike characters) that must be changed at first sign-in. */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = Buffer.from(randomToken(24), 'base64url');
  return Array.from(bytes.subarray(0, 14), (b) => alphabet[b % alphabet.length]).join('');
}

/** Creates an account for a person, with initial grants and a one-time password shown once. */
export async function createUser(ctx: ServiceContext, input: z.infer<typeof CreateUserBody>) {
  assertPermission(ctx.actor, 'users.manage');
  const person = await getPerson(ctx, input.personId);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return ctx.db.transaction(async (tx) => {
    const personUnit = await getUnitRow(tx, ctx, person.unitId, 'units.read');
    assertInScope(ctx.actor, 'users.manage', personUnit.path);
    if (await repo.findUserByPerson(tx, person.id)) {
      throw new AppError('duplicate', null, {
        zh: `${person.name} 已有登录账号。`,
        en: `${person.name} already has an account.`,
      });
    }
    if (await repo.findUserByUsername(tx, input.username)) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'username', message: '用户名已被使用 / user name taken' }],
      });
    }
    const user = await repo.insertUser(tx, {
      username: input.username,
      displayName: person.name,
      personId: person.id,
      passwordHash,
      mustChangePassword: true,
    });
    for (const grant of input.grants) {
      await assertGrantable(tx, ctx, grant);
      await repo.insertGrant(tx, { userId: user.id, role: grant.role, unitId: grant.unitId });
    }
    await writeAudit(tx, ctx.audit, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      unitPath: personUnit.path,
      summary: `为 ${person.name} 创建账号 ${user.username}`,
      after: { username: user.username, personId: person.id, grants: input.grants },
    });
    const [out] = await present({ ...ctx, db: tx }, [(await repo.findUserWithUnit(tx, user.id))!]);
    return { user: out, oneTimePassword };
  });
}

/** Deactivates (ending every session at once) or reactivates an account. */
export async function setUserActive(
  ctx: ServiceContext,
  id: string,
  input: { version: number; active: boolean },
): Promise<UserOutT> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadUser(tx, ctx, id, 'users.manage');
    if (!input.active && id === ctx.actor.userId) {
      throw new AppError('forbidden', null, {
        zh: '不能停用自己的账号。',
        en: 'You cannot deactivate your own account.',
      });
    }
    const after = await repo.updateUserVersioned(tx, id, input.version, { active: input.active });
    if (!after) throw new AppError('conflict');
    if (!input.active) {
      await deleteSessionsOfUser(tx, id);
      if ((await repo.countActiveSystemAdmins(tx)) === 0) {
        throw new AppError('in_use', null, {
          zh: '不能停用最后一名系统管理员。',
          en: 'The last system administrator cannot be deactivated.',
        });
      }
    }
    await writeAudit(tx, ctx.audit, {
      action: input.active ? 'user.activated' : 'user.deactivated',
      entityType: 'user',
      entityId: id,
      unitPath: found.unitPath,
      summary: `${input.active ? '启用' : '停用'}账号 ${found.user.username}`,
      before: { active: found.user.active },
      after: { active: input.active },
    });
    const [out] = await present({ ...ctx, db: tx }, [(await repo.findUserWithUnit(tx, id))!]);
    return out;
  });
}

/** Issues a new one-time password; the user's sessions end and a change is required at sign-in. */
export async function resetPassword(ctx: ServiceContext, id: string): Promise<{ oneTimePassword: string }> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await ctx.db.transaction(async (tx) => {
    const found = await loadUser(tx, ctx, id, 'users.manage');
    await repo.updateUser(tx, id, {
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
    });
    await deleteSessionsOfUser(tx, id);
    await writeAudit(tx, ctx.audit, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      unitPath: found.unitPath,
      summary: `重置 ${found.user.username} 的密码`,
    });
  });
  return { oneTimePassword };
}

/** Grants a role over a unit subtree. */
export async function addGrant(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof AddGrantBody>,
): Promise<UserOutT> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadUser(tx, ctx, id, 'users.manage');
    const unit = await assertGrantable(tx, ctx, input);
    await repo.insertGrant(tx, { userId: id, role: input.role, unitId: input.unitId });
    await writeAudit(tx, ctx.audit, {
      action: 'user.grant_added',
      entityType: 'user',
      entityId: id,
      unitPath: found.unitPath,
      summary: `授予 ${found.user.username} 角色 ${input.role}（${unit.name}）`,
      after: input,
    });
    const [out] = await present({ ...ctx, db: tx }, [found]);
    return out;
  });
}

/** Revokes a grant; the last system administrator keeps theirs. */
export async function removeGrant(ctx: ServiceContext, id: string, grantId: string): Promise<UserOutT> {
  return ctx.db.transaction(async (tx) => {
    const found = await loadUser(tx, ctx, id, 'users.manage');
    const grant = await repo.findGrant(tx, id, grantId);
    if (!grant) throw new AppError('not_found');
    await assertGrantable(tx, ctx, { role: grant.grant.role as Role, unitId: grant.grant.unitId });
    await repo.deleteGrant(tx, grantId);
    if (grant.grant.role === 'system_admin' && (await repo.countActiveSystemAdmins(tx)) === 0) {
      throw new AppError('in_use', null, {
        zh: '不能撤销最后一名系统管理员的角色。',
        en: 'The last system administrator keeps the role.',
      });
    }
    await writeAudit(tx, ctx.audit, {
      action: 'user.grant_removed',
      entityType: 'user',
      entityId: id,
      unitPath: found.unitPath,
      summary: `撤销 ${found.user.username} 的角色 ${grant.grant.role}（${grant.unitName}）`,
      before: { role: grant.grant.role, unitId: grant.grant.unitId },
    });
    const [out] = await present({ ...ctx, db: tx }, [found]);
    return out;
  });
}

/** Creates a system administrator without a person (set-up and CLI); returns the one-time password. */
export async function createSystemAdmin(
  db: Db,
  input: { username: string; rootUnitId: string },
): Promise<string> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction(async (tx) => {
    const existing = await repo.findUserByUsername(tx, input.username);
    let userId = existing?.id;
    if (existing) {
      await repo.updateUser(tx, existing.id, {
        passwordHash,
        mustChangePassword: true,
        active: true,
        failedLogins: 0,
        lockedUntil: null,
      });
      await deleteSessionsOfUser(tx, existing.id);
    } else {
      userId = (
        await repo.insertUser(tx, {
          username: input.username,
          displayName: '系统管理员',
          passwordHash,
          mustChangePassword: true,
        })
      ).id;
    }
    await repo.insertGrant(tx, { userId: userId!, role: 'system_admin', unitId: input.rootUnitId });
    await writeAudit(tx, null, {
      action: existing ? 'user.admin_reset' : 'user.admin_created',
      entityType: 'user',
      entityId: userId,
      summary: `命令行创建系统管理员 ${input.username}`,
    });
  });
  return oneTimePassword;
}

/** Whether any account exists (first start). */
export async function hasAnyUser(db: Db): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}
