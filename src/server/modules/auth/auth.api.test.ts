import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, createUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { auditLog } from '../../platform/audit.table.js';
import { users } from '../users/users.table.js';
import { sessions } from './auth.table.js';

describe.each(dbKinds())('auth on %s', (kind) => {
  let t: TestApp;
  let unit: Awaited<ReturnType<typeof createUnit>>;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    unit = await createUnit(t.db);
  });
  afterAll(() => t.close());

  it('signs in, reports the session, and signs out', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'hr_admin', unit }] });
    const client = await t.login(user.username);
    const session = await client.get('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().user.username).toBe(user.username);
    expect(session.json().permissions).toContain('people.write');
    expect(session.headers['cache-control']).toBe('no-store');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('sets an HttpOnly SameSite=Lax cookie and a new session id at every sign-in', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'reserve', unit }] });
    const login = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
    const a = (await login()).cookies.find((c) => c.name === 'houbei_sid')!;
    const b = (await login()).cookies.find((c) => c.name === 'houbei_sid')!;
    expect(a.httpOnly).toBe(true);
    expect(a.sameSite).toBe('Lax');
    expect(a.value).not.toBe(b.value);
    const stored = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored.map((s) => s.id)).not.toContain(a.value);
  });

  it('answers an unknown user and a wrong password the same way', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'reserve', unit }] });
    const unknown = await t
      .anonymous()
      .post('/api/auth/login', { username: 'nobody-here', password: 'whatever-123' });
    const wrong = await t
      .anonymous()
      .post('/api/auth/login', { username: user.username, password: 'whatever-123' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks the account after five failures, even for the right password', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'reserve', unit }] });
    for (let i = 0; i < 4; i++) {
      expect(
        (await t.anonymous().post('/api/auth/login', { username: user.username, password: 'wrong-pass-1' }))
          .statusCode,
      ).toBe(401);
    }
    const fifth = await t
      .anonymous()
      .post('/api/auth/login', { username: user.username, password: 'wrong-pass-1' });
    expect(fifth.statusCode).toBe(423);
    const right = await t
      .anonymous()
      .post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('account_locked');
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audited.map((a) => a.action)).toContain('login.lockout');
  });

  it('refuses state changes without the CSRF token', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'hr_admin', unit }] });
    const client = await t.login(user.username);
    const res = await client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('forces a password change at first sign-in and applies the password rules', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'hr_admin', unit }], mustChangePassword: true });
    const client = await t.login(user.username);
    const blocked = await client.get('/api/people');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const weak = await client.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'password123',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0].path).toBe('newPassword');
    const ok = await client.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Blue-River-Tea-77',
    });
    expect(ok.statusCode).toBe(200);
    expect((await client.get('/api/people')).statusCode).toBe(200);
    expect((await t.login(user.username, 'Blue-River-Tea-77')).cookie).toMatch(/houbei_sid=/);
  });

  it('ends sessions past the idle timeout', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'hr_admin', unit }] });
    const client = await t.login(user.username);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.userId, user.id));
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('ends sessions past the absolute timeout even when active', async () => {
    const user = await createUser(t.db, { grants: [{ role: 'hr_admin', unit }] });
    const client = await t.login(user.username);
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('answers malformed bodies with 400 in the one error shape', async () => {
    for (const payload of ['{"username":', '[]', '"x"', '{"username":1}']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toMatch(/bad_request|validation_failed/);
    }
  });

  it('sends security headers', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
