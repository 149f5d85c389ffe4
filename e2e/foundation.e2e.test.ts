import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRosterXlsx, rosterRow } from '../test/roster.js';
import {
  CHROMIUM,
  type E2eServer,
  openChromiumPage,
  pickOption,
  SCREENSHOT_DIR,
  startE2eServer,
} from './server.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true') throw new Error(`Chromium is required in CI (${CHROMIUM})`);

describe.skipIf(!hasChromium)('foundation in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `foundation-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startE2eServer(38601);
    ({ browser, page } = await openChromiumPage());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in, changes the first password, creates a unit, imports a roster, finds a person, signs out', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await shot('01-login-error');
    await page.getByTestId('login-password').fill(server.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/change-password');
    await shot('02-change-password');
    await page.getByTestId('password-current').fill(server.adminPassword);
    await page.getByTestId('password-new').fill('Jiangzhou-HR-2026');
    await page.getByTestId('password-confirm').fill('Jiangzhou-HR-2026');
    await page.getByTestId('password-submit').click();
    await page.waitForURL(
      (url) => !url.pathname.startsWith('/change-password') && !url.pathname.startsWith('/login'),
    );

    // HR lands on the dashboard: the demo's cohort of 24 active reserves and its first figures.
    await page.waitForURL('**/dashboard');
    await page.getByTestId('dash-programmes').waitFor();
    await expect.poll(() => page.getByTestId('dash-active').textContent()).toContain('24');
    await shot('02b-dashboard');

    // A unit under the city branch.
    await page.goto(`${server.url}/units`);
    const units = (await (await page.request.get(`${server.url}/api/units`)).json()) as {
      code: string;
      parentId: string | null;
    }[];
    const root = units.find((u) => u.parentId === null)!;
    await page.getByTestId(`unit-node-${root.code}`).click();
    await page.getByTestId('unit-create-child').click();
    await page.getByTestId('unit-form-name').fill('数字化转型办公室');
    await page.getByTestId('unit-form-code').fill('E2E-DX');
    await pickOption(page, page.getByTestId('unit-form-type'), /^部门$/, '部门');
    await page.getByTestId('unit-form-submit').click();
    await page.getByTestId('unit-node-E2E-DX').waitFor();
    await shot('03-unit-created');

    // A roster of 30 people into the new unit: preview, then commit.
    await page.goto(`${server.url}/people`);
    await page.getByTestId('people-table').waitFor();
    await shot('04-people');
    await page.getByTestId('people-import').click();
    const roster = await buildRosterXlsx(Array.from({ length: 30 }, (_, i) => rosterRow(i + 1, 'E2E-DX')));
    await page.getByTestId('import-file').setInputFiles({
      name: '人员名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: roster,
    });
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-report').waitFor();
    await shot('05-import-preview');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('30');
    await shot('06-import-committed');
    await page.keyboard.press('Escape');

    // Find one of them and open the registration form.
    await page.getByTestId('people-search').locator('input').fill('导入人员17');
    await page.getByTestId('people-search').locator('input').press('Enter');
    const row = page.locator('tr.ant-table-row', { hasText: '导入人员17' });
    await row.waitFor();
    expect(await page.locator('tr.ant-table-row').count()).toBe(1);
    await shot('07-people-search');
    await row.getByText('导入人员17').click();
    await page.getByTestId('person-detail').waitFor();
    await expect.poll(() => page.getByTestId('person-detail').textContent()).toContain('R000017');
    expect(await page.getByTestId('person-detail').textContent()).toContain('数字化转型办公室');
    await shot('08-person-detail');

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login**');
    const session = await page.request.get(`${server.url}/api/auth/session`);
    expect(session.status()).toBe(401);
    await shot('09-signed-out');
  });
});
