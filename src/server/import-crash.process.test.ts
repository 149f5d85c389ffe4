import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRosterXlsx, rosterRow } from '../../test/roster.js';

/**
 * QUALITY.md: kill the server (SIGKILL) in the middle of an import, restart — the import is all
 * there or not there, and the database opens.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'houbei-crash-'));
const PORT = 38431;
const base = `http://127.0.0.1:${PORT}`;

function start(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      HOUBEI_DATA_DIR: dataDir,
      HOUBEI_WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output, exited: new Promise((r) => child.on('exit', r)) };
}

async function until(check: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signs in (changing the one-time password when asked) and returns cookie and CSRF token. */
async function signIn(password: string, newPassword: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const session = await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json();
  if ((await login.json()).mustChangePassword) {
    await fetch(`${base}/api/auth/password`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: password, newPassword }),
    });
  }
  return { cookie, csrf: session.csrfToken as string };
}

async function countPeople(auth: { cookie: string }) {
  const res = await fetch(`${base}/api/people?status=all&pageSize=1`, { headers: { cookie: auth.cookie } });
  return (await res.json()).total as number;
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SIGKILL during an import on PGlite', () => {
  it('leaves the import all there or not there, and the database opens', async () => {
    const first = start();
    await until(() => first.output().includes('Houbei is running'), 120_000);
    const oneTime = first.output().match(/One-time password:\s+(\S+)/)![1];
    const auth = await signIn(oneTime, 'Crash-Test-Pass-8');
    const before = await countPeople(auth);
    const units = await (await fetch(`${base}/api/units`, { headers: { cookie: auth.cookie } })).json();
    const unitCode = units.find((u: { type: string }) => u.type === 'department').code;
    const rows = 6000;
    const file = await buildRosterXlsx(Array.from({ length: rows }, (_, i) => rosterRow(i + 1, unitCode)));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'roster.xlsx');
    const upload = fetch(`${base}/api/people/import/commit`, {
      method: 'POST',
      headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf },
      body: form,
    }).catch(() => null);
    await new Promise((r) => setTimeout(r, 1500));
    // The server runs in the child itself (tsx as a loader, not as a wrapper process).
    expect(Number(readFileSync(path.join(dataDir, 'houbei.lock'), 'utf8'))).toBe(first.child.pid);
    first.child.kill('SIGKILL');
    await first.exited;
    await upload;

    const second = start();
    await until(
      () => second.output().includes('Houbei is running') || second.child.exitCode !== null,
      60_000,
    ).catch(() => {
      throw new Error(`restart did not finish: ${second.output()}`);
    });
    expect(second.output()).toContain('Houbei is running');
    const again = await signIn('Crash-Test-Pass-8', 'unused-Pass-123');
    const after = await countPeople(again);
    expect([before, before + rows]).toContain(after);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
