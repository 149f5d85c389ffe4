import { timingSafeEqual } from 'node:crypto';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '../../../core/auth/password-policy.js';
import type { Actor } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  randomToken,
  sha256,
  verifyPassword,
} from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import * as repo from './auth.repository.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
// Sessions are touched at most this often, so reads do not each cost a write.
const TOUCH_INTERVAL_MS = 60_000;

export type SessionLimits = { idleMinutes: number; absoluteHours: number };
export type ClientInfo = { ip: string; userAgent: string | null };

/**
 * Signs a user in. Unknown users and wrong passwords get the same answer after the same scrypt
 * work; five failures lock the account for 15 minutes. Every outcome is audited.
 */
export async function login(
  db: Db,
  input: { username: string; password: string },
  client: ClientInfo,
  limits: SessionLimits,
  now = new Date(),
): Promise<{ token: string; csrfToken: string; mustChangePassword: boolean }> {
  const user = await repo.findUserByUsername(db, input.username);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  const auditActor = user
    ? { userId: user.id, displayName: user.displayName, ip: client.ip }
    : { userId: '', displayName: input.username, ip: client.ip };

  if (!user?.active) {
    await writeAudit(db, null, {
      action: 'login.failed',
      entityType: 'user',
      summary: `Sign-in failed for "${input.username.slice(0, 64)}" from ${client.ip}`,
    });
    throw new AppError('invalid_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await writeAudit(db, auditActor, { action: 'login.locked', entityType: 'user', entityId: user.id });
    throw new AppError('account_locked');
  }
  if (!passwordOk) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.transaction(async (tx) => {
      await repo.updateUserLoginState(tx, user.id, {
        failedLogins: lock ? 0 : failed,
        lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
      });
      await writeAudit(tx, auditActor, {
        action: lock ? 'login.lockout' : 'login.failed',
        entityType: 'user',
        entityId: user.id,
        summary: `Wrong password (${failed}/${MAX_FAILED_LOGINS})`,
      });
    });
    throw new AppError(lock ? 'account_locked' : 'invalid_credentials');
  }

  const token = randomToken();
  const csrfToken = randomToken();
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + limits.absoluteHours * 3_600_000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    await repo.updateUserLoginState(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await writeAudit(tx, auditActor, { action: 'login.succeeded', entityType: 'user', entityId: user.id });
  });
  return { token, csrfToken, mustChangePassword: user.mustChangePassword };
}

export type ResolvedSession = {
  actor: Actor;
  session: { id: string; csrfToken: string; mustChangePassword: boolean };
};

/** Resolves a session cookie to the signed-in user, ending sessions past their idle or absolute limit. */
export async function resolveSession(
  db: Db,
  token: string,
  limits: SessionLimits,
  now = new Date(),
): Promise<ResolvedSession | null> {
  const sessionId = sha256(token);
  const found = await repo.findSessionWithUser(db, sessionId);
  if (!found) return null;
  const { session, user, grants } = found;
  const idleCutoff = now.getTime() - limits.idleMinutes * 60_000;
  if (!user.active || session.expiresAt <= now || session.lastSeenAt.getTime() < idleCutoff) {
    await repo.deleteSession(db, sessionId);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
    await repo.touchSession(db, sessionId, now);
  return {
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      personId: user.personId,
      grants,
    },
    session: { id: sessionId, csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword },
  };
}

/** Whether a presented CSRF token matches the session's, in constant time. */
export function csrfMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Ends one session. */
export async function logout(db: Db, sessionId: string, actor: Actor, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, sessionId);
    await writeAudit(
      tx,
      { userId: actor.userId, displayName: actor.displayName, ip },
      {
        action: 'logout',
        entityType: 'user',
        entityId: actor.userId,
      },
    );
  });
}

/** Changes the caller's password; other sessions of the user end. */
export async function changePassword(
  ctx: ServiceContext,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await repo.findUserByUsername(ctx.db, ctx.actor.username);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('validation_failed', {
      fields: [
        {
          path: 'currentPassword',
          message: ctx.lang === 'zh' ? '当前密码不正确' : 'The current password is wrong',
        },
      ],
    });
  }
  const problems = checkPassword(input.newPassword, { username: user.username });
  if (input.newPassword === input.currentPassword) {
    throw new AppError('weak_password', {
      fields: [
        {
          path: 'newPassword',
          message: ctx.lang === 'zh' ? '新密码不能与当前密码相同' : 'Choose a different password',
        },
      ],
    });
  }
  if (problems.length > 0) {
    throw new AppError('weak_password', {
      fields: problems.map((p) => ({ path: 'newPassword', message: PASSWORD_PROBLEM_MESSAGES[p][ctx.lang] })),
    });
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserPassword(tx, user.id, hash, new Date());
    await repo.deleteSessionsOfUser(tx, user.id, sessionId);
    await writeAudit(tx, ctx.audit, { action: 'password.changed', entityType: 'user', entityId: user.id });
  });
}
