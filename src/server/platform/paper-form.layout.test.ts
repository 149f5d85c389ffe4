import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AssessmentDetail } from '../../contracts/assessments.js';
import type { TalkDetail } from '../../contracts/talks.js';
import { buildAssessmentForm } from '../modules/mentors/assessment-form.js';
import { buildTalkForm } from '../modules/talks/talks-form.js';

const SOFFICE = '/usr/bin/soffice';
const hasSoffice = existsSync(SOFFICE) && existsSync('/usr/bin/pdfinfo');
if (!hasSoffice && process.env.CI === 'true')
  throw new Error('CI=true: the form layout test needs LibreOffice (soffice) and poppler-utils (pdfinfo)');

const dir = mkdtempSync(path.join(tmpdir(), 'houbei-forms-'));

/** Converts a .docx with LibreOffice and returns its page count, page size and text. */
function render(name: string, docx: Buffer) {
  const file = path.join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  // A profile of its own: another LibreOffice running on the machine must not block this one.
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const pdf = path.join(dir, `${name}.pdf`);
  const info = execFileSync('pdfinfo', [pdf]).toString();
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  return {
    pages: Number(info.match(/Pages:\s+(\d+)/)![1]),
    size: info
      .match(/Page size:\s+([\d.]+) x ([\d.]+)/)!
      .slice(1)
      .map(Number),
    text,
    bytes: readFileSync(pdf).length,
  };
}

const ordinary = '该同志思想稳定，积极向上，能够正确对待组织安排，工作中主动担当，对个人发展有清晰规划。';

const SAMPLE_TALK: z.infer<typeof TalkDetail> = {
  id: '1b2c3d4e-1111-4222-8333-944445555666',
  reserveId: '1b2c3d4e-1111-4222-8333-944445555667',
  personId: '1b2c3d4e-1111-4222-8333-944445555668',
  personName: '王晓明',
  employeeNo: 'JZ0012',
  unitName: '市场部',
  kind: 'mentor_quarterly',
  heldOn: '2026-03-20',
  place: '市分公司三楼会议室',
  talkers: [
    { personId: '1b2c3d4e-1111-4222-8333-944445555669', name: '李国强', post: '市场部经理', role: 'mentor' },
  ],
  state: 'recorded',
  reserveConfirmedAt: '2026-03-22T02:00:00.000Z',
  actions: { edit: false, delete: false, confirm: false },
  thinking: ordinary,
  work: `${ordinary}一季度完成集团客户拓展目标的108%。`,
  achievements: ordinary,
  shortcomings: '统筹协调能力有待加强，对基层网格了解不够深入。',
  advice: '多到一线调研，主动牵头跨部门项目。',
  agreedActions: [
    { text: '牵头完成二季度集团客户走访计划', owner: '王晓明', dueOn: '2026-06-30' },
    { text: '参加网上大学项目管理课程', owner: '王晓明', dueOn: null },
  ],
  previousTalkId: null,
  followUps: [{ action: '完成营销方案撰写', status: 'done', note: '已于2月提交' }],
  reserveComment: '同意',
  recordedAt: '2026-03-20T08:00:00.000Z',
  createdByName: '李国强',
  version: 1,
  obligations: [],
};

const SAMPLE_ASSESSMENT: z.infer<typeof AssessmentDetail> = {
  id: '9b2c3d4e-1111-4222-8333-944445555666',
  reserveId: SAMPLE_TALK.reserveId,
  personId: SAMPLE_TALK.personId,
  personName: '王晓明',
  employeeNo: 'JZ0012',
  unitName: '市场部',
  mentorPersonId: SAMPLE_TALK.talkers[0].personId,
  mentorName: '李国强',
  year: 2025,
  assessedOn: '2026-01-10',
  overallGrade: '称职',
  state: 'filed',
  submittedAt: '2026-01-11T02:00:00.000Z',
  filedAt: '2026-01-15T02:00:00.000Z',
  actions: { edit: false, delete: false, file: false, return: false },
  panel: [
    { name: '李国强', post: '市场部经理' },
    { name: '张敏', post: '市场部副经理' },
    { name: '刘洋', post: '人力资源部主管' },
  ],
  ratings: { de: '优秀', neng: '良好', qin: '优秀', ji: '良好', lian: '优秀' },
  strengths: '政治素质过硬，工作积极主动，牵头完成集团客户拓展，业绩突出。',
  shortcomings: '统筹协调能力有待加强，基层管理经验不足。',
  suggestions: '安排到县分公司挂职锻炼一年，加强基层管理经验。',
  mentorComment: '同意考核小组意见。',
  hrComment: '同意备案。',
  filedByName: '张三',
  reservePost: '客户经理',
  direction: '市场营销',
  mentorPost: '市场部经理',
  version: 3,
  scales: {
    gradeScale: ['优秀', '称职', '基本称职', '不称职'],
    ratingScale: ['优秀', '良好', '一般', '较差'],
  },
  obligation: null,
};

describe.skipIf(!hasSoffice)('paper forms as LibreOffice lays them out', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('附件一: a record of ordinary length is one A4 page, with its values', async () => {
    const page = render('talk', await buildTalkForm(SAMPLE_TALK, { reservePost: '客户经理' }));
    expect(page.pages).toBe(1);
    expect(page.size[0]).toBeCloseTo(595.3, 0);
    expect(page.size[1]).toBeCloseTo(841.9, 0);
    const text = page.text.replace(/\s+/g, '');
    for (const expected of [
      '附件一',
      '后备干部谈话记录',
      '2026年3月20日',
      '市分公司三楼会议室',
      '李国强',
      '王晓明',
      '统筹协调能力有待加强',
      '已于2026年3月22日在系统中确认',
    ])
      expect(text).toContain(expected);
  });

  it('附件一: the blank form is one page; a very long record grows onto a second page', async () => {
    expect(render('talk-blank', await buildTalkForm(null)).pages).toBe(1);
    const long = render('talk-long', await buildTalkForm({ ...SAMPLE_TALK, thinking: ordinary.repeat(30) }));
    expect(long.pages).toBe(2);
    expect(long.text.replace(/\s+/g, '')).toContain('上次谈话');
  });

  it('附件二: a filed assessment and the blank form are one A4 page each', async () => {
    const page = render('assessment', await buildAssessmentForm(SAMPLE_ASSESSMENT));
    expect(page.pages).toBe(1);
    expect(page.size[1]).toBeCloseTo(841.9, 0);
    const text = page.text.replace(/\s+/g, '');
    for (const expected of [
      '附件二',
      '后备干部年度考核评估表',
      '考核年度：2025年',
      '王晓明',
      '李国强（市场部经理）',
      '☑称职',
      '已备案。同意备案。',
    ])
      expect(text).toContain(expected);
    expect(render('assessment-blank', await buildAssessmentForm(null)).pages).toBe(1);
  });
});
