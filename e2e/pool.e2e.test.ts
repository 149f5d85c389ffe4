import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSignIn, createAccount } from './api.js';
import {
  CHROMIUM,
  type E2eServer,
  openChromiumPage,
  pickOption,
  SCREENSHOT_DIR,
  signInPage,
  startE2eServer,
} from './server.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true') throw new Error(`Chromium is required in CI (${CHROMIUM})`);

type Person = { id: string; name: string; employeeNo: string; unitId: string };
type Programme = { id: string; name: string };

describe.skipIf(!hasChromium)('the pool and schedules in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  let programme: Programme;
  let nominees: Person[];
  const passwords = { admin: 'Jiangzhou-HR-2026', leader: 'Leader-Pass-2026', reserve: 'Reserve-Pass-2026' };
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `pool-${name}.png`), fullPage: true });

  const signIn = (username: string, password: string) => signInPage(page, server.url, username, password);

  /** Creates an account for a person and sets its password (the one-time password is changed via the API). */
  const account = (person: Person, username: string, role: string, unitId: string, password: string) =>
    createAccount(admin, server.url, { personId: person.id, username, role, unitId, password });

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startE2eServer(38602);
    admin = await apiSignIn(server.url, 'admin', server.adminPassword, passwords.admin);
    [programme] = await admin.get<Programme[]>('/programmes');
    // Three people who pass every eligibility check and are not in the pool yet.
    const people = (await admin.get<{ items: Person[] }>('/people?pageSize=200&middleManager=false')).items;
    const checks = await admin.send<{ personId: string; issues: unknown[]; alreadyInPool: boolean }[]>(
      'POST',
      '/pool/eligibility',
      {
        programmeId: programme.id,
        personIds: people.map((p) => p.id),
      },
    );
    const eligible = new Set(
      checks.filter((c) => c.issues.length === 0 && !c.alreadyInPool).map((c) => c.personId),
    );
    nominees = people.filter((p) => eligible.has(p.id)).slice(0, 3);
    expect(nominees).toHaveLength(3);
    const units = await admin.get<{ id: string; parentId: string | null }[]>('/units');
    const root = units.find((u) => u.parentId === null)!;
    const leaderPerson = people.find((p) => !eligible.has(p.id))!;
    await account(leaderPerson, 'leader1', 'leadership', root.id, passwords.leader);
    ({ browser, page } = await openChromiumPage());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('HR nominates three, the leadership approves two and rejects one, a reserve sees the schedule, HR records evidence, the matrix updates', async () => {
    // HR nominates three people.
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/pool`);
    await page.getByTestId('pool-nominate').click();
    await pickOption(page, page.getByTestId('nominate-programme'), programme.name, programme.name);
    for (const person of nominees) {
      // The picker searches the server as one types: pick only once the answer for this name is
      // showing (the unfiltered list may already hold the person, and re-renders under the click).
      const tag = page.locator('.ant-modal .ant-tag', { hasText: person.employeeNo });
      for (let attempt = 0; attempt < 3 && !(await tag.isVisible()); attempt++) {
        const picker = page.getByTestId('nominate-people');
        await picker.click();
        await picker.locator('input').fill(person.name);
        const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
        await expect.poll(() => options.count(), { timeout: 10_000 }).toBeLessThan(6);
        await options.filter({ hasText: person.employeeNo }).first().click();
        await tag.waitFor({ timeout: 5_000 }).catch(() => undefined);
      }
      await tag.waitFor();
    }
    await page.getByTestId('nominate-check').click();
    await page.getByTestId('nominate-results').waitFor();
    await expect.poll(() => page.getByTestId('nominate-results').locator('tr.ant-table-row').count()).toBe(3);
    await shot('01-nomination-checked');
    await page.getByTestId('nominate-submit').click();
    const nominated = async () =>
      (await admin.get<{ items: { personId: string }[] }>('/pool?state=nominated&pageSize=50')).items
        .map((r) => r.personId)
        .sort();
    await expect.poll(nominated).toEqual(nominees.map((p) => p.id).sort());
    await page.reload();
    for (const person of nominees) await page.getByTestId(`reserve-${person.employeeNo}`).waitFor();
    await shot('02-nominated');

    // A leadership member approves two and rejects one.
    await signIn('leader1', passwords.leader);
    await page.goto(`${server.url}/pool`);
    const decide = async (people: Person[], decision: 'approve' | 'reject') => {
      for (const person of people) {
        await page
          .locator('tr.ant-table-row', { hasText: person.employeeNo })
          .locator('.ant-checkbox-input')
          .check();
      }
      await page.getByTestId('pool-decide').click();
      await page.getByTestId(`decide-${decision}`).click();
      await page.getByTestId('decide-meeting-name').fill('2026年第12次公司领导班子会议');
      await page.getByTestId('decide-submit').click();
      await page.getByTestId('decide-submit').waitFor({ state: 'detached' });
    };
    await decide(nominees.slice(0, 2), 'approve');
    await decide(nominees.slice(2), 'reject');
    // The rejected nominee leaves the top of the list: find them.
    await page.getByTestId('pool-search').locator('input').fill(nominees[2].employeeNo);
    await page.getByTestId('pool-search').locator('input').press('Enter');
    await expect
      .poll(() => page.locator('tr.ant-table-row', { hasText: nominees[2].employeeNo }).textContent())
      .toContain('审定未通过');
    await shot('03-decided');
    const pool = await admin.get<{ items: { personId: string; state: string; id: string }[] }>(
      '/pool?pageSize=100',
    );
    const stateOf = (p: Person) => pool.items.find((r) => r.personId === p.id)?.state;
    expect(nominees.map(stateOf)).toEqual(['active', 'active', 'rejected']);

    // The reserve signs in and sees their schedule.
    await account(nominees[0], 'reserve1', 'reserve', nominees[0].unitId, passwords.reserve);
    await signIn('reserve1', passwords.reserve);
    await page.waitForURL('**/my/tasks');
    await page.getByTestId('my-obligations').waitFor();
    await expect
      .poll(() => page.getByTestId('my-obligations').locator('tr.ant-table-row').count())
      .toBeGreaterThan(3);
    await shot('04-reserve-schedule');

    // HR records evidence for one of their obligations in the reserve's schedule; the matrix counts it.
    const matrixDone = async () =>
      (
        await admin.get<{ totals: { total: { done: number } } }>(
          `/compliance/matrix?programmeId=${programme.id}`,
        )
      ).totals.total.done;
    const before = await matrixDone();
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/compliance`);
    await page.getByTestId('matrix-table').waitFor();
    await shot('05-matrix-before');
    await page.goto(`${server.url}/pool`);
    await page.getByTestId('pool-search').locator('input').fill(nominees[0].employeeNo);
    await page.getByTestId('pool-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('pool-table').locator('tr.ant-table-row').count()).toBe(1);
    await page.getByTestId(`reserve-${nominees[0].employeeNo}`).click();
    const schedule = page.getByTestId('reserve-schedule');
    await schedule.waitFor();
    await schedule
      .getByTestId('obligation-row-grassroots_research')
      .first()
      .getByTestId('record-evidence')
      .click();
    await page.getByTestId('evidence-note').fill('调研报告纸质版已交人力资源部');
    const saved = page.waitForResponse(
      (r) => r.url().includes('/evidence') && r.request().method() === 'POST',
    );
    await page.getByTestId('evidence-submit').click();
    expect((await saved).status()).toBe(200);
    await page.getByTestId('evidence-submit').waitFor({ state: 'detached' });
    await shot('06-evidence-recorded');
    // The obligation's detail lists the evidence just recorded.
    await schedule.getByTestId('obligation-open-grassroots_research').first().click();
    const detail = page.getByTestId('obligation-detail');
    await detail.getByTestId('evidence-line').waitFor();
    expect(await detail.getByTestId('evidence-line').textContent()).toContain('调研报告纸质版已交人力资源部');
    await page.waitForTimeout(400); // the drawer's slide-in
    await shot('06b-obligation-detail');
    await page.keyboard.press('Escape');
    await expect.poll(matrixDone).toBe(before + 1);
    await page.goto(`${server.url}/compliance`);
    await page.getByTestId('matrix-table').waitFor();
    await shot('07-matrix-after');
  });
});
