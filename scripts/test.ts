import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * `npm test`: unit and API tests (PGlite always, PostgreSQL when TEST_DATABASE_URL is set), then the
 * browser flows in Debian's Chromium. Without PostgreSQL or Chromium those parts are skipped with a
 * message; under CI=true both are required.
 */
const ci = process.env.CI === 'true';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

const vitest = 'node_modules/vitest/vitest.mjs';
const failures: string[] = [];
const skipped: string[] = [];

if (!process.env.TEST_DATABASE_URL) {
  if (ci) failures.push('TEST_DATABASE_URL is not set: the PostgreSQL tests are required in CI.');
  else skipped.push('PostgreSQL: TEST_DATABASE_URL is not set, so data-layer tests ran on PGlite only.');
}

if (run(process.execPath, [vitest, 'run']) !== 0) failures.push('unit and API tests failed');

if (existsSync(chromium)) {
  if (run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']) !== 0)
    failures.push('web build failed');
  else if (run(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts']) !== 0)
    failures.push('browser tests failed');
} else if (ci) {
  failures.push(
    `Chromium not found at ${chromium}: the browser tests are required in CI (apt-get install chromium).`,
  );
} else {
  skipped.push(`Browser tests: Chromium not found at ${chromium} (apt-get install chromium fonts-noto-cjk).`);
}

for (const s of skipped) console.log(`SKIPPED — ${s}`);
for (const f of failures) console.error(`FAILED — ${f}`);
process.exit(failures.length > 0 ? 1 : 0);
