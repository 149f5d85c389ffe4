import { describe, expect, it } from 'vitest';
import {
  breachesOf,
  checkPairing,
  exceptionAllowed,
  type MentorFacts,
  proposeMentors,
  type ReserveFacts,
} from './mentor-rule.js';

const reserve: ReserveFacts = {
  personId: 'reserve',
  unitId: 'sales',
  unitHeadPersonId: 'head',
  direction: '网络运营',
  relatedUnitPaths: ['/root/network/'],
};
const mentor = (personId: string, posts: MentorFacts['posts'] = [], active = true): MentorFacts => ({
  personId,
  active,
  posts,
});
const head = mentor('head', [{ unitId: 'sales', unitPath: '/root/sales/', post: 'head' }]);
const networkDeputy = mentor('nd', [{ unitId: 'network', unitPath: '/root/network/', post: 'deputy' }]);
const teamHead = mentor('th', [{ unitId: 'team', unitPath: '/root/network/team/', post: 'head' }]);
const financeHead = mentor('fh', [{ unitId: 'finance', unitPath: '/root/finance/', post: 'head' }]);

describe('checkPairing', () => {
  it('accepts the head of the reserve’s unit and a leader of a related unit', () => {
    expect(checkPairing('unit_head', reserve, head)).toEqual([]);
    expect(checkPairing('related_leader', reserve, networkDeputy, 'head')).toEqual([]);
    // A unit inside a related department counts too.
    expect(checkPairing('related_leader', reserve, teamHead)).toEqual([]);
  });

  it('refuses someone who is not the unit’s head, or a unit without a head', () => {
    expect(checkPairing('unit_head', reserve, networkDeputy)).toEqual(['not_unit_head']);
    expect(checkPairing('unit_head', { ...reserve, unitHeadPersonId: null }, head)).toEqual([
      'unit_has_no_head',
    ]);
  });

  it('refuses a second mentor of the reserve’s own unit, or without a leadership post', () => {
    expect(checkPairing('related_leader', reserve, head)).toEqual(['same_unit']);
    expect(checkPairing('related_leader', reserve, mentor('staff'))).toEqual(['no_leadership_post']);
  });

  it('refuses a leader of an unrelated unit when the direction is mapped, and accepts any other unit when not', () => {
    expect(checkPairing('related_leader', reserve, financeHead)).toEqual(['not_related_unit']);
    expect(checkPairing('related_leader', { ...reserve, relatedUnitPaths: [] }, financeHead)).toEqual([]);
  });

  it('never lets a reserve mentor themselves, a departed person mentor, or one person fill both slots', () => {
    const self = mentor('reserve', [{ unitId: 'network', unitPath: '/root/network/', post: 'head' }]);
    expect(checkPairing('related_leader', reserve, self)).toContain('self');
    expect(checkPairing('related_leader', reserve, mentor('nd', networkDeputy.posts, false))).toContain(
      'inactive',
    );
    expect(checkPairing('related_leader', reserve, networkDeputy, 'nd')).toContain('same_as_other_mentor');
    expect(exceptionAllowed(['self'])).toBe(false);
    expect(exceptionAllowed(['inactive', 'not_unit_head'])).toBe(false);
    expect(exceptionAllowed(['not_unit_head', 'not_related_unit'])).toBe(true);
    expect(exceptionAllowed([])).toBe(true);
  });
});

describe('breachesOf', () => {
  it('finds none when both slots keep the rule', () => {
    expect(
      breachesOf(reserve, [
        { slot: 'unit_head', mentor: head, exceptedIssues: [] },
        { slot: 'related_leader', mentor: networkDeputy, exceptedIssues: [] },
      ]),
    ).toEqual([]);
  });

  it('flags a missing mentor', () => {
    expect(breachesOf(reserve, [{ slot: 'unit_head', mentor: head, exceptedIssues: [] }])).toEqual([
      { slot: 'related_leader', issue: 'missing' },
    ]);
    expect(breachesOf(reserve, [])).toHaveLength(2);
  });

  it('flags the old head after the unit’s head changed', () => {
    const changed = { ...reserve, unitHeadPersonId: 'new-head' };
    expect(
      breachesOf(changed, [
        { slot: 'unit_head', mentor: head, exceptedIssues: [] },
        { slot: 'related_leader', mentor: networkDeputy, exceptedIssues: [] },
      ]),
    ).toEqual([{ slot: 'unit_head', issue: 'not_unit_head' }]);
  });

  it('does not flag what HR accepted as an exception, but flags a new issue beside it', () => {
    const assignments = [
      { slot: 'unit_head' as const, mentor: head, exceptedIssues: [] },
      { slot: 'related_leader' as const, mentor: financeHead, exceptedIssues: ['not_related_unit' as const] },
    ];
    expect(breachesOf(reserve, assignments)).toEqual([]);
    const left = [assignments[0], { ...assignments[1], mentor: { ...financeHead, active: false } }];
    expect(breachesOf(reserve, left)).toEqual([{ slot: 'related_leader', issue: 'inactive' }]);
  });
});

describe('proposeMentors', () => {
  const related = [
    { unitId: 'network', unitPath: '/root/network/', headPersonId: 'nh', deputyPersonIds: ['nd'] },
    { unitId: 'sales', unitPath: '/root/sales/', headPersonId: 'head', deputyPersonIds: ['sd'] },
  ];
  it('proposes the unit’s head first, and the related units’ heads before their deputies', () => {
    expect(proposeMentors('unit_head', reserve, related)).toEqual(['head']);
    expect(proposeMentors('related_leader', reserve, related)).toEqual(['nh', 'nd']);
  });
  it('proposes nobody for a unit without a head, or a reserve who heads their unit', () => {
    expect(proposeMentors('unit_head', { ...reserve, unitHeadPersonId: null }, related)).toEqual([]);
    expect(proposeMentors('unit_head', { ...reserve, unitHeadPersonId: 'reserve' }, related)).toEqual([]);
  });
});
