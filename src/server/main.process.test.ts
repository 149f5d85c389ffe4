import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The server as a process: first start on an empty data directory, the PGlite lock against a
 * second process, and a graceful shutdown that releases the lock and leaves a database that opens.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'houbei-process-'));

function startServer(
  port: number,
  args: string[] = [],
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    env: {
      ...process.env,
      PORT: String(port),
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
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('server process on PGlite', () => {
  it('starts empty with --no-demo, locks the data directory, and shuts down gracefully', async () => {
    const first = startServer(38411, ['--no-demo']);
    await waitFor(() => first.output().includes('Houbei is running'), 60_000);
    expect(first.output()).toMatch(/One-time password:\s+\S{12,}/);
    expect(existsSync(path.join(dataDir, 'houbei.lock'))).toBe(true);
    const health = await fetch('http://127.0.0.1:38411/api/health');
    expect(await health.json()).toEqual({ ok: true, database: 'pglite' });

    const second = startServer(38412);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('is in use by another Houbei process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'houbei.lock'))).toBe(false);

    // An existing data directory just starts: no new administrator, no new password.
    const again = startServer(38413);
    await waitFor(() => again.output().includes('Houbei is running'), 60_000);
    expect(again.output()).not.toContain('One-time password');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 120_000);
});
