/**
 * The web bars of QUALITY.md, measured in Debian's Chromium against the real server on the loaded
 * tier: the JavaScript the browser loads before the login page shows (gzip size of each script, and
 * what actually crossed the wire — the server sends the build's precompressed .br), and the largest
 * contentful paint of the dashboard (工作台) for the tier's HR administrator, from a cold cache.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../src/server/app.js';
import { readConfig } from '../src/server/platform/config.js';
import type { Database } from '../src/server/platform/db.js';
import { TEST_PASSWORD } from '../test/factories.js';
import { BENCH_USER } from './load.js';
import { median } from './load-test.js';
import { BENCH_SECRET, type EngineName } from './options.js';

const WEB_DIR = path.resolve('dist/web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LCP_RUNS = 5;

export type WebResult = {
  engine: EngineName;
  loginScripts: number;
  /** Sum of each script's gzip -9 size (the bar's measure). */
  loginJsGzipKB: number;
  /** Sum of the encoded bytes Chromium received for those scripts. */
  loginJsTransferredKB: number;
  dashboardLcpMs: { runs: number[]; median: number };
};

export async function benchWeb(
  engine: EngineName,
  database: Database,
  log: (message: string) => void,
): Promise<WebResult | null> {
  if (!existsSync(CHROMIUM)) {
    log(`web: no Chromium at ${CHROMIUM}, skipped`);
    return null;
  }
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) {
    log('web: building the web app');
    await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
  }
  const config = readConfig({}, { logLevel: 'silent', webDir: WEB_DIR, loginRateLimitPerMinute: 100_000 });
  const app = await buildApp({ config, database, secret: BENCH_SECRET, logger: false });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    // 1. The login page, cold: every script requested until its form is on screen.
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: { url: string; gzip: number; transferred: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      pending.push(
        (async () => {
          const response = await request.response();
          const body = (await response?.body()) ?? Buffer.alloc(0);
          const sizes = await request.sizes();
          scripts.push({
            url: request.url(),
            gzip: gzipSync(body, { level: 9 }).length,
            transferred: sizes.responseBodySize,
          });
        })(),
      );
    });
    await page.goto(`${base}/login`);
    await page.getByTestId('login-submit').waitFor();
    await Promise.all(pending);
    await context.close();
    const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
    const loginJsGzipKB = kb(scripts.reduce((n, s) => n + s.gzip, 0));
    const loginJsTransferredKB = kb(scripts.reduce((n, s) => n + s.transferred, 0));
    log(
      `${engine}: login page loads ${scripts.length} scripts, ${loginJsGzipKB} kB gzip (${loginJsTransferredKB} kB sent)`,
    );

    // 2. The dashboard's largest contentful paint, each run in a fresh browser context (cold cache).
    const runs: number[] = [];
    for (let i = 0; i < LCP_RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const login = await ctx.request.post(`${base}/api/auth/login`, {
        data: { username: BENCH_USER, password: TEST_PASSWORD },
      });
      if (!login.ok()) throw new Error(`web bench login: ${login.status()} ${await login.text()}`);
      const p = await ctx.newPage();
      await p.goto(`${base}/dashboard`);
      await p.getByTestId('dash-programmes').waitFor({ timeout: 60_000 });
      // The last LCP candidate once the dashboard's data is on screen.
      const lcp = await p.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1].startTime);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      runs.push(Math.round(lcp));
      await ctx.close();
    }
    log(`${engine}: dashboard LCP ${runs.join(', ')} ms`);
    return {
      engine,
      loginScripts: scripts.length,
      loginJsGzipKB,
      loginJsTransferredKB,
      dashboardLcpMs: { runs, median: median(runs) },
    };
  } finally {
    await browser.close();
    await app.close();
  }
}
