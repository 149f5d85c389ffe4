import { describe, expect, it } from 'vitest';
import { DEFAULT_MENTOR_SETTINGS, MentorSettings, scaleProblems } from './assessment.js';

describe('assessment scales', () => {
  const ratings = { de: '优秀', neng: '良好', qin: '良好', ji: '一般', lian: '优秀' };
  it('accepts ratings and a grade on the scales', () => {
    expect(scaleProblems({ ratings, overallGrade: '称职' }, DEFAULT_MENTOR_SETTINGS)).toEqual([]);
  });
  it('names each field off the scale', () => {
    const problems = scaleProblems(
      { ratings: { ...ratings, ji: '很好', lian: undefined }, overallGrade: '合格' },
      DEFAULT_MENTOR_SETTINGS,
    );
    expect(problems.map((p) => p.path)).toEqual(['ratings.ji', 'ratings.lian', 'overallGrade']);
  });
  it('follows a changed scale', () => {
    const settings = { ...DEFAULT_MENTOR_SETTINGS, gradeScale: ['A', 'B', 'C'] };
    expect(scaleProblems({ ratings, overallGrade: 'B' }, settings)).toEqual([]);
    expect(scaleProblems({ ratings, overallGrade: '称职' }, settings)).toHaveLength(1);
  });
  it('refuses scales with repeated or too few grades, and a reward that is not whole fen', () => {
    expect(
      MentorSettings.safeParse({ ...DEFAULT_MENTOR_SETTINGS, gradeScale: ['优秀', '优秀'] }).success,
    ).toBe(false);
    expect(MentorSettings.safeParse({ ...DEFAULT_MENTOR_SETTINGS, gradeScale: ['优秀'] }).success).toBe(
      false,
    );
    expect(MentorSettings.safeParse({ ...DEFAULT_MENTOR_SETTINGS, rewardFen: 10.5 }).success).toBe(false);
    expect(MentorSettings.safeParse(DEFAULT_MENTOR_SETTINGS).success).toBe(true);
  });
});
