import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { checkoutSalt } from '../test/checkout-salt.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/** A Houbei server started as `npm start` would, on a fresh PGlite data directory with the demo. */
export type E2eServer = { url: string; adminPassword: string; stop: () => Promise<void> };

export async function startE2eServer(basePort: number): Promise<E2eServer> {
  // Offset per checkout, so worktrees running their end-to-end tests at once do not collide.
  const port = basePort + checkoutSalt() * 10;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'houbei-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HOUBEI_DATA_DIR: dataDir,
      HOUBEI_WEB_DIR: 'dist/web',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 120_000;
  while (!output.includes('Houbei is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    adminPassword: output.match(/One-time password:\s+(\S+)/)![1],
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, without the background traffic this closed network refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Chromium and one page as the flows use it: a desktop window, Chinese locale and China's time zone
 * (the users'; the machine's may be UTC, whose date differs from Beijing's from 16:00 to midnight),
 * downloads allowed.
 */
export async function openChromiumPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  return { browser, page };
}

/** Signs in through the login page (after clearing cookies) and waits to leave it. */
export async function signInPage(page: Page, baseUrl: string, username: string, password: string) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Picks an option of an Ant Design select and waits until the choice has taken: the list closed and
 * the select showing it. Clicked while the list is still opening, an option can miss (the list stays
 * open over the form, or the choice is not made), which a loaded machine shows now and then.
 */
export async function pickOption(page: Page, select: Locator, option: string | RegExp, text: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.waitFor();
    await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
    await dropdown.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    const chosen = await select.textContent();
    if (chosen?.includes(text) && !(await page.locator('.ant-select-dropdown:visible').count())) return;
  }
  throw new Error(`could not pick “${option}”`);
}

/**
 * Picks the first node of an Ant Design tree select (the organisation's root) the same way: it
 * waits until the list has closed and the select shows the node's title, trying again if the click
 * landed while the list was still opening.
 */
export async function pickFirstTreeNode(page: Page, select: Locator) {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.waitFor();
    const node = dropdown.locator('.ant-select-tree-node-content-wrapper').first();
    const title = ((await node.textContent()) ?? '').trim();
    await node.click();
    await dropdown.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    const chosen = await select.textContent();
    if (title && chosen?.includes(title) && !(await page.locator('.ant-select-dropdown:visible').count()))
      return;
  }
  throw new Error('could not pick the first unit');
}
