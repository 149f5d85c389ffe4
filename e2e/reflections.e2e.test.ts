import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HONEST_READING_A } from '../test/data/reflection-texts.js';
import { type ApiSession, apiSignIn, createAccount } from './api.js';
import {
  CHROMIUM,
  type E2eServer,
  openChromiumPage,
  SCREENSHOT_DIR,
  signInPage,
  startE2eServer,
} from './server.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true') throw new Error(`Chromium is required in CI (${CHROMIUM})`);

type Reserve = { id: string; personId: string; personName: string; employeeNo: string; unitId: string };
type Obligation = { id: string; ruleKey: string; periodKey: string; state: string; status: string };

describe.skipIf(!hasChromium)('reflections in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  let reserve: Reserve;
  let obligation: Obligation;
  const passwords = { admin: 'Jiangzhou-HR-2026', reserve: 'Reserve-Pass-2026' };
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `reflections-${name}.png`), fullPage: true });

  const signIn = (username: string, password: string) => signInPage(page, server.url, username, password);

  const obligationNow = async () =>
    (await admin.get<{ item: Obligation }>(`/obligations/${obligation.id}`)).item;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startE2eServer(38604);
    admin = await apiSignIn(server.url, 'admin', server.adminPassword, passwords.admin);
    const [programme] = await admin.get<{ id: string }[]>('/programmes');
    const pool = await admin.get<{ items: Reserve[] }>(
      `/pool?state=active&pageSize=100&programmeId=${programme.id}`,
    );
    // A reserve whose quarterly reflection for the last quarter is still open (the demo's are for others).
    for (const candidate of pool.items.slice(-8)) {
      const list = await admin.get<{ items: Obligation[] }>(
        `/compliance/obligations?programmeId=${programme.id}&reserveId=${candidate.id}&ruleKey=quarterly_reflection&pageSize=10`,
      );
      const open = list.items.filter((o) => o.state === 'open').at(-1);
      if (open) {
        reserve = candidate;
        obligation = open;
        break;
      }
    }
    expect(obligation).toBeDefined();
    await createAccount(admin, server.url, {
      personId: reserve.personId,
      username: 'reserve_refl',
      role: 'reserve',
      unitId: reserve.unitId,
      password: passwords.reserve,
    });
    ({ browser, page } = await openChromiumPage());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a reserve writes below the minimum (refused, draft kept), completes and submits; HR returns; the reserve resubmits; HR accepts; the obligation is fulfilled', async () => {
    // The reserve opens 我的心得 and starts the quarterly reflection.
    await signIn('reserve_refl', passwords.reserve);
    await page.goto(`${server.url}/my/reflections`);
    await page.getByTestId('my-reflections').waitFor();
    await page.getByTestId(`open-${obligation.id}`).click();
    await page.waitForURL('**/reflections/*');
    const editor = page.getByTestId('reflection-text');
    await editor.waitFor();
    await page.getByTestId('reflection-title').fill('2026年第四季度网上大学学习心得');
    const short = HONEST_READING_A.slice(0, 400);
    await editor.fill(short);
    await expect.poll(() => page.getByTestId('char-minimum').textContent()).toContain('还差');
    await shot('01-editor-short');

    // Submitting below the minimum is refused with the count and the minimum; the draft is kept.
    await page.getByTestId('submit-reflection').click();
    await page.getByTestId('submit-confirm').click();
    const refused = page.getByTestId('submit-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/当前 \d+ 字，要求不少于 1000 字/);
    await shot('02-refused');
    await page.reload();
    await editor.waitFor();
    expect(await editor.inputValue()).toBe(short);
    expect(await (await obligationNow()).state).toBe('open');

    // The reserve completes it and submits.
    await editor.fill(HONEST_READING_A);
    await expect.poll(() => page.getByTestId('char-total').textContent()).toBe('字数 1012');
    await expect.poll(() => page.getByTestId('char-minimum').textContent()).toContain('已达到字数要求');
    await shot('03-editor-complete');
    await page.getByTestId('submit-reflection').click();
    await page.getByTestId('submit-confirm').click();
    await expect.poll(() => page.getByTestId('reflection-state').textContent()).toBe('待审核');
    await shot('04-submitted');
    expect((await obligationNow()).state).toBe('submitted');

    // HR finds it in 心得审核 and returns it with a comment.
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/reflections`);
    const row = page.getByTestId(`reflection-${reserve.employeeNo}-learning_reflection`);
    await row.waitFor();
    await shot('05-queue');
    await row.click();
    await page.getByTestId('latest-text').waitFor();
    await shot('06-review');
    await page.getByTestId('return-reflection').click();
    await page.getByTestId('review-comment').fill('请结合本季度所学的两门课程，补充在本岗位上的具体应用。');
    await page.getByTestId('review-submit').click();
    await expect.poll(() => page.getByTestId('reflection-state').textContent()).toBe('已退回');
    expect((await obligationNow()).state).toBe('returned');

    // The reserve sees the comment, revises and resubmits.
    await signIn('reserve_refl', passwords.reserve);
    await page.goto(`${server.url}/my/reflections`);
    await expect
      .poll(() => page.getByTestId('my-reflections').textContent())
      .toContain('请结合本季度所学的两门课程');
    await shot('07-returned-in-list');
    await page.getByTestId(`open-${obligation.id}`).click();
    await page.getByTestId('hr-comment').waitFor();
    await editor.fill(
      `${HONEST_READING_A}\n\n补充：本季度学习的《客户服务管理》和《团队建设实务》两门课程，我已用于片区厅店的周例会和新员工带教之中。`,
    );
    await page.getByTestId('submit-reflection').click();
    await page.getByTestId('submit-confirm').click();
    await expect.poll(() => page.getByTestId('reflection-state').textContent()).toBe('待审核');

    // HR compares the versions and accepts.
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/reflections`);
    await row.click();
    await page.getByRole('tab', { name: '版本对比' }).click();
    await page.getByTestId('diff-insert').waitFor();
    expect(await page.getByTestId('diff-insert').locator('mark').first().textContent()).toContain('补充');
    await shot('08-version-diff');
    await page.getByTestId('accept-reflection').click();
    await page.getByTestId('review-submit').click();
    await expect.poll(() => page.getByTestId('reflection-state').textContent()).toBe('审核通过');
    await expect.poll(() => page.getByTestId('obligation-status').textContent()).toBe('已完成');
    await shot('09-accepted');
    const done = await obligationNow();
    expect(done.state).toBe('fulfilled');
    expect(done.status).toBe('fulfilled');

    // The obligation in the reserve's tasks links to the reflection.
    await signIn('reserve_refl', passwords.reserve);
    await page.goto(`${server.url}/my/tasks`);
    await page.getByTestId('my-obligations').waitFor();
    await page.getByTestId('my-obligations-status').getByText('已完成').click();
    const link = page
      .getByTestId('my-obligations')
      .locator('tr', { hasText: obligation.periodKey })
      .getByTestId('reflection-link-quarterly_reflection');
    await link.waitFor();
    await link.click();
    await page.waitForURL('**/reflections/*');
    await expect.poll(() => page.getByTestId('reflection-state').textContent()).toBe('审核通过');
    await shot('10-from-my-tasks');
  });

  it('HR sees a copied reflection flagged, with the passages side by side', async () => {
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/reflections?state=&flag=others`);
    const first = page.getByTestId('reflection-queue').locator('tr.ant-table-row a').first();
    await first.waitFor();
    await shot('11-flagged-queue');
    await first.click();
    await page.getByTestId('copy-panel').waitFor();
    await page.getByTestId('copy-other-text').first().waitFor();
    expect(await page.getByTestId('copy-own-text').first().locator('mark').count()).toBeGreaterThan(0);
    await shot('12-copy-panel');
  });
});
