import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME, DEFAULT_RULES } from './default-programme.js';
import { RuleSet } from './rule.js';
import { cycleEndOf, type PlannedObligation, planYear } from './schedule.js';

const MENTORS = ['mentor-head', 'mentor-other'];
const ENROLLED = '2026-01-01';
const CYCLE_END = cycleEndOf(ENROLLED, DEFAULT_PROGRAMME.cycleYears);
const PLAN = planYear({
  rules: DEFAULT_RULES,
  year: 2026,
  enrolledOn: ENROLLED,
  cycleEnd: CYCLE_END,
  mentorIds: MENTORS,
});

function of(ruleKey: string): PlannedObligation[] {
  return PLAN.filter((o) => o.ruleKey === ruleKey);
}

function rule(key: string) {
  const r = DEFAULT_RULES.find((x) => x.key === key);
  if (!r) throw new Error(`no rule ${key}`);
  return r;
}

const QUARTER_ENDS = ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'];

describe('the default programme (SPEC §3), planned for 2026 for a reserve enrolled on 2026-01-01', () => {
  it('runs a two-year cycle ending 2027-12-31', () => {
    expect(DEFAULT_PROGRAMME.cycleYears).toBe(2);
    expect(CYCLE_END).toBe('2027-12-31');
  });

  it('(1) training reflection: one, ≥ 1500 字, due one month after the nominal end of May–June training', () => {
    const list = of('training_reflection');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      periodKey: '2026',
      dueDate: '2026-07-31',
      quantity: 1,
      minChars: 1500,
      actor: 'reserve',
      actorPersonId: null,
    });
    expect(rule('training_reflection').activeMonths).toEqual([5, 6]);
    expect(rule('training_reflection').hrReview).toBe(true);
    expect(rule('training_reflection').evidenceKind).toBe('training_reflection');
  });

  it.each(['assigned_courses', 'chosen_courses'])(
    '(2)(3) %s: 2 courses each quarter, due at quarter end',
    (key) => {
      const list = of(key);
      expect(list).toHaveLength(4);
      expect(list.map((o) => o.periodKey)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
      expect(list.map((o) => o.dueDate)).toEqual(QUARTER_ENDS);
      for (const o of list) {
        expect(o.quantity).toBe(2);
        expect(o.minChars).toBeNull();
        expect(o.actor).toBe('reserve');
      }
      expect(rule(key).evidenceKind).toBe('course_completion');
    },
  );

  it('(4) quarterly reflection: ≥ 1000 字, due at the end of the month after each quarter', () => {
    const list = of('quarterly_reflection');
    expect(list.map((o) => o.periodKey)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(list.map((o) => o.dueDate)).toEqual(['2026-04-30', '2026-07-31', '2026-10-31', '2027-01-31']);
    for (const o of list) {
      expect(o.quantity).toBe(1);
      expect(o.minChars).toBe(1000);
    }
    expect(rule('quarterly_reflection').hrReview).toBe(true);
  });

  it('(5) reading reflection: one, ≥ 1000 字, due one month after the study period (nominally 10-31)', () => {
    const list = of('reading_reflection');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ dueDate: '2026-11-30', minChars: 1000, quantity: 1, actor: 'reserve' });
  });

  it('(6) theory exam: every half-year, due at H1 and H2 ends', () => {
    const list = of('theory_exam');
    expect(list.map((o) => [o.periodKey, o.dueDate])).toEqual([
      ['2026-H1', '2026-06-30'],
      ['2026-H2', '2026-12-31'],
    ]);
    expect(list.every((o) => o.quantity === 1 && o.actor === 'reserve')).toBe(true);
    expect(rule('theory_exam').evidenceKind).toBe('exam_score');
  });

  it('(7) internal training: one obligation for at least 2 topics, due at year end', () => {
    const list = of('internal_training');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      quantity: 2,
      dueDate: '2026-12-31',
      periodKey: '2026',
      actor: 'reserve',
    });
  });

  it('(8) grassroots research: one report ≥ 2000 字, due at year end', () => {
    const list = of('grassroots_research');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ quantity: 1, dueDate: '2026-12-31', minChars: 2000 });
    expect(rule('grassroots_research').hrReview).toBe(true);
  });

  it('(9) leader talk: once a year, by the leader in charge', () => {
    const list = of('leader_talk');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ actor: 'leader_in_charge', actorPersonId: null, dueDate: '2026-12-31' });
  });

  it('(10) HR leader talk: twice a year, at the half-year ends, by the HR leader', () => {
    const list = of('hr_leader_talk');
    expect(list).toHaveLength(2);
    expect(list.map((o) => o.dueDate)).toEqual(['2026-06-30', '2026-12-31']);
    expect(list.every((o) => o.actor === 'hr_leader')).toBe(true);
  });

  it('(11) mentor talk: every quarter, by each of the two mentors', () => {
    const list = of('mentor_talk');
    expect(list).toHaveLength(8);
    for (const mentor of MENTORS) {
      const mine = list.filter((o) => o.actorPersonId === mentor);
      expect(mine.map((o) => o.dueDate)).toEqual(QUARTER_ENDS);
      expect(mine.every((o) => o.actor === 'each_mentor' && o.quantity === 1)).toBe(true);
    }
  });

  it('(12) mentor assessment: one per mentor, due at year end, reviewed by HR', () => {
    const list = of('mentor_assessment');
    expect(list).toHaveLength(2);
    expect(list.map((o) => o.actorPersonId).sort()).toEqual([...MENTORS].sort());
    expect(list.every((o) => o.dueDate === '2026-12-31' && o.actor === 'each_mentor')).toBe(true);
    expect(rule('mentor_assessment').hrReview).toBe(true);
  });

  it('(13) business-analysis meeting: every month', () => {
    const list = of('business_meeting');
    expect(list).toHaveLength(12);
    expect(list.map((o) => o.periodKey)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    );
    expect(list[0].dueDate).toBe('2026-01-31');
    expect(list[1].dueDate).toBe('2026-02-28');
    expect(list[11].dueDate).toBe('2026-12-31');
  });

  it('(14) annual report: one, due in early November (11-10)', () => {
    const list = of('annual_report');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ dueDate: '2026-11-10', actor: 'reserve' });
    expect(rule('annual_report').activeMonths).toEqual([11]);
  });

  it.each(['rotation', 'task_force'])('(15)(16) %s: no obligations until assigned', (key) => {
    expect(rule(key).recurrence).toBe('as_assigned');
    expect(of(key)).toHaveLength(0);
  });

  it('has 16 rules with unique keys, valid as a RuleSet', () => {
    expect(DEFAULT_RULES).toHaveLength(16);
    expect(new Set(DEFAULT_RULES.map((r) => r.key)).size).toBe(16);
    const parsed = RuleSet.safeParse(DEFAULT_RULES);
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(parsed.data).toEqual(DEFAULT_RULES);
  });

  it('plans 44 obligations for the year, with unique keys', () => {
    // 1 + 4 + 4 + 4 + 1 + 2 + 1 + 1 + 1 + 2 + 8 + 2 + 12 + 1 + 0 + 0
    expect(PLAN).toHaveLength(44);
    const keys = PLAN.map((o) => `${o.ruleKey}|${o.periodKey}|${o.actorPersonId ?? ''}`);
    expect(new Set(keys).size).toBe(44);
  });

  it('plans the second year of the cycle in full, and nothing after the cycle', () => {
    const plan2027 = planYear({
      rules: DEFAULT_RULES,
      year: 2027,
      enrolledOn: ENROLLED,
      cycleEnd: CYCLE_END,
      mentorIds: MENTORS,
    });
    expect(plan2027).toHaveLength(44);
    const plan2028 = planYear({
      rules: DEFAULT_RULES,
      year: 2028,
      enrolledOn: ENROLLED,
      cycleEnd: CYCLE_END,
      mentorIds: MENTORS,
    });
    expect(plan2028).toHaveLength(0);
  });
});
