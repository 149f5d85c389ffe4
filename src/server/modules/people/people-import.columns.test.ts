import { describe, expect, it } from 'vitest';
import {
  formatAssessments,
  formatResume,
  parseAssessmentsCell,
  parseBooleanCell,
  parseDateCell,
  parseResumeCell,
} from './people-import.columns.js';

describe('roster cells', () => {
  it('reads dates written the ways HR offices write them', () => {
    expect(parseDateCell('2001-07-01')).toBe('2001-07-01');
    expect(parseDateCell('2001/7/1')).toBe('2001-07-01');
    expect(parseDateCell('2001.07.01')).toBe('2001-07-01');
    expect(parseDateCell('2001年7月1日')).toBe('2001-07-01');
    expect(parseDateCell('20010701')).toBe('2001-07-01');
    expect(parseDateCell(new Date(Date.UTC(2001, 6, 1)))).toBe('2001-07-01');
    expect(parseDateCell(36708)).toBe('2000-07-01');
    expect(parseDateCell(null)).toBeNull();
  });
  it('refuses impossible dates and text', () => {
    expect(parseDateCell('2023-02-30')).toBeUndefined();
    expect(parseDateCell('2024-02-29')).toBe('2024-02-29');
    expect(parseDateCell('2023-02-29')).toBeUndefined();
    expect(parseDateCell('abc')).toBeUndefined();
  });
  it('reads yes/no', () => {
    expect(parseBooleanCell('是')).toBe(true);
    expect(parseBooleanCell('否')).toBe(false);
    expect(parseBooleanCell(null)).toBe(false);
    expect(parseBooleanCell('也许')).toBeUndefined();
  });
  it('round-trips résumé lines and assessment results', () => {
    const resume = [
      { from: '2004-09', to: '2008-07', text: '南京邮电大学通信工程专业学习' },
      { from: '2008-07', to: null, text: '江州市分公司工作' },
    ];
    expect(parseResumeCell(formatResume(resume))).toEqual(resume);
    const assessments = [
      { year: 2023, grade: '称职' },
      { year: 2024, grade: '优秀' },
    ];
    expect(parseAssessmentsCell(formatAssessments(assessments))).toEqual(assessments);
    expect(parseAssessmentsCell('2023年：称职，2024 优秀')).toEqual(assessments);
    expect(parseResumeCell('去年在市场部')).toBeUndefined();
  });
});
