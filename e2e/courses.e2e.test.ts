import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterOf } from '../src/core/courses/quarters.js';
import { todayIn } from '../src/core/time/dates.js';
import { buildRosterXlsx } from '../test/roster.js';
import { type ApiSession, apiSignIn, createAccount } from './api.js';
import {
  CHROMIUM,
  type E2eServer,
  openChromiumPage,
  pickFirstTreeNode,
  SCREENSHOT_DIR,
  signInPage,
  startE2eServer,
} from './server.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true') throw new Error(`Chromium is required in CI (${CHROMIUM})`);

type Reserve = { id: string; personId: string; personName: string; employeeNo: string; unitId: string };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.skipIf(!hasChromium)('online-university courses in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  let reserve: Reserve;
  let rootId: string;
  const passwords = { admin: 'Jiangzhou-HR-2026', hr: 'Courses-HR-2026', reserve: 'Reserve-Pass-2026' };
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `courses-${name}.png`), fullPage: true });
  const signIn = (username: string, password: string) => signInPage(page, server.url, username, password);
  const pick = async (testId: string, text: string) => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
      .first()
      .click();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startE2eServer(38640);
    admin = await apiSignIn(server.url, 'admin', server.adminPassword, passwords.admin);
    const units = await admin.get<{ id: string; parentId: string | null }[]>('/units');
    rootId = units.find((u) => u.parentId === null)!.id;
    const pool = await admin.get<{ items: Reserve[] }>('/pool?state=active&pageSize=100');
    // One the demo gave no choices for this quarter (it chose for some).
    const quarter = await admin.get<{ items: { personId: string; courses: { kind: string }[] }[] }>(
      `/course-quarter?periodKey=${quarterOf(todayIn())}&kind=reserve&pageSize=200`,
    );
    const free = new Set(
      quarter.items.filter((i) => !i.courses.some((c) => c.kind === 'chosen')).map((i) => i.personId),
    );
    reserve = pool.items.find((r) => free.has(r.personId))!;
    const staff = await admin.get<{ items: { id: string }[] }>('/people?pageSize=50');
    const inPool = new Set(pool.items.map((r) => r.personId));
    await createAccount(admin, server.url, {
      personId: staff.items.find((p) => !inPool.has(p.id))!.id,
      username: 'hr_courses',
      role: 'hr_admin',
      unitId: rootId,
      password: passwords.hr,
    });
    await createAccount(admin, server.url, {
      personId: reserve.personId,
      username: 'reserve_courses',
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

  it('HR adds and imports courses and assigns two; a reserve chooses two; HR imports completions and sees them', async () => {
    await signIn('hr_courses', passwords.hr);
    await page.goto(`${server.url}/courses`);
    await page.getByTestId('course-table').waitFor();
    await shot('01-catalogue');

    // One course through the form, one through the catalogue import.
    await page.getByTestId('course-add').click();
    await pickFirstTreeNode(page, page.getByTestId('course-unit'));
    await page.getByTestId('course-code').fill('E2E-001');
    await page.getByTestId('course-title').fill('基层班组长管理实务');
    await page.getByTestId('course-category').fill('领导力');
    await page.getByTestId('course-hours').fill('1.25');
    await page.getByTestId('course-save').click();
    await page.getByText('学时须为大于 0 的数，最多一位小数').waitFor();
    await shot('02-course-form-error');
    await page.getByTestId('course-hours').fill('1.5');
    await page.getByTestId('course-save').click();
    // Saved: the form closes (only on success). A toast may come and go before a loaded machine looks.
    await page.getByTestId('course-save').waitFor({ state: 'hidden' });
    await page.getByTestId('course-import').click();
    const catalogue = await buildRosterXlsx(
      [{ 课程编号: 'E2E-002', 课程名称: '客户服务质量提升', 课程类别: '市场营销', 学时: '2' }],
      ['课程编号', '课程名称', '课程类别', '学时', '课程链接'],
    );
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: '课程目录.xlsx', mimeType: XLSX, buffer: catalogue });
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-report').waitFor();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('course-search').locator('input').fill('E2E');
    await page.getByTestId('course-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('tr.ant-table-row').count()).toBe(2);
    await shot('03-catalogue-e2e');

    // This quarter's two assigned courses for the whole company.
    await page.getByTestId('course-tab-assignments').click();
    await pickFirstTreeNode(page, page.getByTestId('assign-unit'));
    await pick('assign-courses', 'E2E-001');
    await pick('assign-courses', 'E2E-002');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByTestId('assign-coverage').textContent())
      .toMatch(/覆盖后备人员 \d+ 人、现任中层 \d+ 人/);
    await page.getByTestId('assign-save').click();
    await page.getByText('已保存季度指定课程').waitFor();
    await expect.poll(() => page.getByTestId('assign-list').textContent()).toContain('E2E-002');
    await shot('04-assigned');

    // The reserve sees them and chooses two more.
    await signIn('reserve_courses', passwords.reserve);
    await page.goto(`${server.url}/my/courses`);
    await expect.poll(() => page.getByTestId('my-assigned').textContent()).toContain('E2E-001');
    await page.getByTestId('my-choose').click();
    await page.getByTestId('my-catalogue-search').locator('input').fill('DJ-40');
    await page.getByTestId('my-catalogue-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('my-catalogue').locator('tr.ant-table-row').count()).toBe(3);
    for (const code of ['DJ-401', 'DJ-402'])
      await page
        .getByTestId('my-catalogue')
        .locator('tr.ant-table-row', { hasText: code })
        .locator('input[type=checkbox]')
        .check();
    await shot('05-choose');
    await page.getByTestId('my-choose-save').click();
    await page.getByText('已保存自选课程').waitFor();
    await expect.poll(() => page.getByTestId('my-chosen').textContent()).toContain('DJ-402');
    await shot('06-my-courses');

    // HR imports the platform's export: one employee unknown to the system is listed, not guessed.
    await signIn('hr_courses', passwords.hr);
    await page.goto(`${server.url}/courses?tab=completions`);
    await page.getByTestId('completion-import').click();
    const today = todayIn();
    const exportFile = await buildRosterXlsx(
      [
        {
          学员工号: reserve.employeeNo,
          学员姓名: reserve.personName,
          课程编号: 'E2E-001',
          完成时间: `${today} 10:12:00`,
          获得学时: 1.5,
        },
        {
          学员工号: reserve.employeeNo,
          学员姓名: reserve.personName,
          课程编号: 'DJ-401',
          完成时间: today,
          获得学时: 2,
        },
        { 学员工号: 'X99999', 学员姓名: '外单位学员', 课程编号: 'E2E-001', 完成时间: today, 获得学时: 1.5 },
      ],
      ['学员工号', '学员姓名', '课程编号', '完成时间', '获得学时'],
    );
    await page
      .getByTestId('completion-file')
      .setInputFiles({ name: '网上大学学习记录.xlsx', mimeType: XLSX, buffer: exportFile });
    await page.getByTestId('completion-mapping').waitFor();
    await page.getByTestId('completion-preview').click();
    await page.getByTestId('unknown-employees').waitFor();
    expect(await page.getByTestId('unknown-employees').textContent()).toContain('X99999');
    expect(await page.getByTestId('completion-commit').isDisabled()).toBe(true);
    await shot('07-import-preview');
    await page.getByTestId('skip-unknown').check();
    await page.getByTestId('completion-commit').click();
    await page.getByTestId('completion-result').waitFor();
    expect(await page.getByTestId('completion-result').textContent()).toContain('新增 2 条');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('completion-table').textContent()).toContain(reserve.personName);
    await shot('08-completions');

    // The quarter view shows them; its export downloads.
    await page.getByTestId('course-tab-quarter').click();
    await page.getByPlaceholder('搜索姓名或工号').fill(reserve.employeeNo);
    await page.getByPlaceholder('搜索姓名或工号').press('Enter');
    const row = page.locator('[data-testid=quarter-table] tr.ant-table-row', { hasText: reserve.personName });
    await expect.poll(() => row.textContent()).toContain(today);
    expect(await row.textContent()).toContain('2/4');
    await shot('09-quarter');
    const download = page.waitForEvent('download');
    await page.getByTestId('quarter-export').click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const text = book.worksheets[0].getColumn(5).values.join('\n');
    expect(text).toContain(`E2E-001 基层班组长管理实务（${today} 完成）`);
  });
});
