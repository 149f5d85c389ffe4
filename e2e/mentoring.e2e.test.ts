import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

type Person = { id: string; name: string; employeeNo: string; unitId: string; unitName: string };
type Mentors = {
  unitHead: { mentor: { personId: string; employeeNo: string; name: string } } | null;
  relatedLeader: { mentor: { personId: string; employeeNo: string; name: string } } | null;
};

describe.skipIf(!hasChromium)('talks, mentors and the mentor reward in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  let reserve: Person;
  let reserveId: string;
  const passwords = { admin: 'Jiangzhou-HR-2026', mentor: 'Mentor-Pass-2026', reserve: 'Reserve-Pass-2026' };
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `mentoring-${name}.png`), fullPage: true });

  const signIn = (username: string, password: string) => signInPage(page, server.url, username, password);

  const account = (personId: string, username: string, role: string, unitId: string, password: string) =>
    createAccount(admin, server.url, { personId, username, role, unitId, password });

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startE2eServer(38607);
    admin = await apiSignIn(server.url, 'admin', server.adminPassword, passwords.admin);
    const [programme] = await admin.get<{ id: string }[]>('/programmes');
    // A new reserve in a city department, approved today: HR has yet to assign the mentors.
    const people = (await admin.get<{ items: Person[] }>('/people?pageSize=200&middleManager=false')).items;
    const units =
      await admin.get<
        { id: string; name: string; parentId: string | null; head: { personId: string } | null }[]
      >('/units');
    const root = units.find((u) => u.parentId === null)!;
    const departments = new Set(units.filter((u) => u.parentId === root.id && u.head).map((u) => u.id));
    const checks = await admin.send<{ personId: string; issues: unknown[]; alreadyInPool: boolean }[]>(
      'POST',
      '/pool/eligibility',
      {
        programmeId: programme.id,
        personIds: people.map((p) => p.id),
      },
    );
    const eligible = new Set(
      checks.filter((c) => !c.issues.length && !c.alreadyInPool).map((c) => c.personId),
    );
    reserve = people.find(
      (p) =>
        eligible.has(p.id) &&
        departments.has(p.unitId) &&
        units.find((u) => u.id === p.unitId)!.head!.personId !== p.id,
    )!;
    const [nominee] = await admin.send<{ id: string }[]>('POST', '/pool/nominations', {
      programmeId: programme.id,
      nominations: [{ personId: reserve.id }],
    });
    reserveId = nominee.id;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await admin.send('POST', '/pool/decisions', {
      reserveIds: [reserveId],
      decision: 'approve',
      meetingName: '公司领导班子会议',
      meetingDate: today,
    });
    ({ browser, page } = await openChromiumPage());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('HR assigns two mentors; the mentor records a talk, downloads 附件一 and files the assessment; the promoted reserve endorses; HR approves the reward and exports the list', async () => {
    // HR: the new reserve breaks the rule (no mentors); set the direction, assign the two proposed mentors.
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/mentors`);
    await page.getByTestId('mentors-table').waitFor();
    await shot('01-lineup');
    await page.getByTestId('mentors-search').locator('input').fill(reserve.employeeNo);
    await page.getByTestId('mentors-search').locator('input').press('Enter');
    await page.getByTestId(`mentors-${reserve.employeeNo}`).click();
    await page.getByTestId('reserve-breaches').waitFor();
    const directions =
      await admin.get<{ direction: string; units: { id: string }[] }[]>('/mentors/directions');
    const direction = directions.find(
      (d) => d.units.length && !d.units.some((u) => u.id === reserve.unitId),
    )!.direction;
    await page.getByTestId('direction-edit').click();
    await page.getByTestId('direction-input').fill(direction);
    await page.getByTestId('direction-submit').click();
    await expect.poll(() => page.getByTestId('reserve-direction').textContent()).toBe(direction);
    for (const slot of ['unit_head', 'related_leader']) {
      await page.getByTestId(`assign-${slot}`).click();
      await page.getByTestId('assign-check').waitFor();
      await expect.poll(() => page.getByTestId('assign-check').textContent()).toContain('符合导师规定');
      if (slot === 'related_leader') await shot('02-assign-related');
      await page.getByTestId('assign-submit').click();
      await page.getByTestId('assign-submit').waitFor({ state: 'detached' });
    }
    await expect.poll(() => page.getByTestId('reserve-mentors').textContent()).toContain('符合规定');
    await shot('03-mentors-assigned');
    const mentors = await admin.get<Mentors>(`/mentors/reserves/${reserveId}`);
    const head = mentors.unitHead!.mentor;
    expect(mentors.relatedLeader).not.toBeNull();

    // The unit-head mentor records this quarter's talk and downloads 附件一.
    await account(head.personId, 'mentor1', 'mentor', reserve.unitId, passwords.mentor);
    await signIn('mentor1', passwords.mentor);
    await page.goto(`${server.url}/my/mentoring`);
    await page.getByTestId('owed-table').waitFor();
    await shot('04a-talks-owed');
    await page.getByText('我指导的后备人员').click();
    await page.getByTestId('mentees-table').waitFor();
    await shot('04b-mentees');
    await page.getByTestId(`mentee-talk-${reserve.employeeNo}`).click();
    await page.getByTestId('talk-form').waitFor();
    await page.getByTestId('talk-place').fill('市场部会议室');
    await page.getByTestId('talk-thinking').fill('思想稳定，积极向上，对组织安排没有意见。');
    await page.getByTestId('talk-work').fill('本季度完成集团客户拓展任务，牵头推进两个重点项目。');
    await page.getByTestId('talk-achievements').fill('主动担当，业绩突出。');
    await page.getByTestId('talk-shortcomings').fill('统筹协调能力有待加强。');
    await page.getByTestId('talk-advice').fill('多到一线调研。');
    await page.getByTestId('talk-add-action').click();
    await page.getByTestId('talk-action-0').fill('下季度牵头一次跨部门专项工作');
    await shot('04-talk-editor');
    await page.getByTestId('talk-submit').click();
    await page.getByTestId('talk-detail').waitFor();
    await expect.poll(() => page.getByTestId('talk-obligations').textContent()).toContain('已完成');
    await shot('05-talk-recorded');
    const download = page.waitForEvent('download');
    await page.getByTestId('talk-download').click();
    const file = await (await download).path();
    const { value } = await mammoth.extractRawText({ buffer: readFileSync(file) });
    for (const text of ['后备干部谈话记录', reserve.name, '市场部会议室', '下季度牵头一次跨部门专项工作'])
      expect(value).toContain(text);
    await page.keyboard.press('Escape');

    // The mentor writes the annual assessment and submits it to HR.
    await page.goto(`${server.url}/my/mentoring`);
    await page.getByText('我指导的后备人员').click();
    await page.getByTestId(`mentee-assess-${reserve.employeeNo}`).click();
    await page.getByTestId('assess-form').waitFor();
    await page.getByTestId('assess-panel-0').fill(head.name);
    for (const d of ['de', 'neng', 'qin', 'ji', 'lian'])
      await page.getByTestId(`assess-rating-${d}`).getByText('良好').click();
    await page.getByTestId('assess-strengths').fill('工作积极主动，业绩突出。');
    await page.getByTestId('assess-shortcomings').fill('基层管理经验不足。');
    await page.getByTestId('assess-suggestions').fill('安排到县分公司挂职锻炼。');
    await page.getByTestId('assess-grade').getByText('称职', { exact: true }).click();
    await shot('06-assessment-editor');
    await page.getByTestId('assess-submit').click();
    await page.getByTestId('assess-form').waitFor({ state: 'detached' });

    // HR files the assessment and marks the reserve promoted.
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/mentors`);
    await page.getByText('年度考核评估', { exact: true }).click();
    await page.getByTestId(`assessment-open-${reserve.employeeNo}`).click();
    await page.getByTestId('assess-file').click();
    await expect.poll(() => page.getByTestId('assessment-detail').textContent()).toContain('已备案');
    await shot('07-assessment-filed');
    await page.goto(`${server.url}/pool`);
    await page.getByTestId('pool-search').locator('input').fill(reserve.employeeNo);
    await page.getByTestId('pool-search').locator('input').press('Enter');
    await page.getByTestId(`reserve-${reserve.employeeNo}`).click();
    await page.getByTestId('reserve-mentoring').waitFor();
    await page.getByTestId('transition-promoted').click();
    await page.getByTestId('transition-new-post').fill('市场部副经理');
    await page.getByTestId('transition-reason').fill('经公司党委会研究，提拔任用');
    await shot('08-promote');
    await page.getByTestId('transition-submit').click();
    await page.getByTestId('transition-submit').waitFor({ state: 'detached' });

    // The promoted reserve endorses both mentors.
    await account(reserve.id, 'reserve1', 'reserve', reserve.unitId, passwords.reserve);
    await signIn('reserve1', passwords.reserve);
    await page.goto(`${server.url}/my/mentoring`);
    await page.getByText('我的导师', { exact: true }).click();
    for (const m of [head, mentors.relatedLeader!.mentor]) {
      await page.getByTestId(`endorse-yes-${m.employeeNo}`).click();
      const saved = page.waitForResponse(
        (r) => r.url().includes('/my/endorsements') && r.request().method() === 'POST',
      );
      await page.getByTestId(`endorse-save-${m.employeeNo}`).click();
      expect((await saved).status()).toBe(200);
    }
    await shot('09-endorsed');

    // HR sees the unit-head pair eligible (the other mentor held no talk), approves it and exports the list.
    await signIn('admin', passwords.admin);
    await page.goto(`${server.url}/mentors`);
    await page.getByText('导师奖励', { exact: true }).click();
    await page.getByTestId('reward-table').waitFor();
    const approve = page.getByTestId(`reward-approve-${reserve.employeeNo}-${head.employeeNo}`);
    await approve.waitFor();
    await expect.poll(() => page.getByTestId('reward-table').textContent()).toContain('不符合条件');
    await shot('10-reward-candidates');
    await approve.click();
    await approve.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('reward-table').textContent()).toContain('已审批待发放');
    const exported = page.waitForEvent('download');
    await page.getByTestId('reward-export').click();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await (await exported).path());
    const rows = book.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(rows[0].slice(1, 3)).toEqual([1, head.name]);
    expect(rows[0][10]).toBe('1,000.00');
    await shot('11-reward-approved');

    // HR's talk coverage shows the mentor's talk.
    await page.goto(`${server.url}/talks`);
    await page.getByText('谈话覆盖情况').click();
    await page.getByTestId('coverage-table').waitFor();
    await shot('12-talk-coverage');
    await page.getByText('领导分管').click();
    await page.getByTestId('charges-table').waitFor();
    await shot('13-charges');
    await page.getByText('谈话记录', { exact: true }).click();
    await page.getByTestId('talk-table').waitFor();
    await shot('14-talk-records');
  });
});
