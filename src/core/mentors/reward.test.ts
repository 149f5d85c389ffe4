import { describe, expect, it } from 'vitest';
import { isEligible, type PairFacts, type PairObligation, rewardConditions } from './reward.js';

const talk = (i: number, overrides: Partial<PairObligation> = {}): PairObligation => ({
  obligationId: `t${i}`,
  periodKey: `2026-Q${i}`,
  dueDate: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'][i - 1],
  state: 'fulfilled',
  fulfilledOn: ['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20'][i - 1],
  recordIds: [`talk${i}`],
  ...overrides,
});
const assessment = (overrides: Partial<PairObligation> = {}): PairObligation => ({
  obligationId: 'a2026',
  periodKey: '2026',
  dueDate: '2026-12-31',
  state: 'fulfilled',
  fulfilledOn: '2027-01-05',
  recordIds: ['assessment'],
  ...overrides,
});
const eligible: PairFacts = {
  promotion: { on: '2027-02-01', newPost: '市场部副经理', middleManagement: true },
  talks: [1, 2, 3, 4].map((i) => talk(i)),
  assessments: [assessment()],
  endorsement: { endorsed: true },
};
const met = (facts: PairFacts) =>
  Object.fromEntries(rewardConditions(facts).map((c) => [c.key, c.met])) as Record<string, boolean>;

describe('rewardConditions', () => {
  it('is eligible when every condition is met (an assessment filed late still counts)', () => {
    expect(isEligible(rewardConditions(eligible))).toBe(true);
  });

  it('needs a promotion to a middle-management post', () => {
    expect(met({ ...eligible, promotion: null }).promoted).toBe(false);
    expect(
      met({ ...eligible, promotion: { ...eligible.promotion!, middleManagement: false } }).promoted,
    ).toBe(false);
    expect(isEligible(rewardConditions({ ...eligible, promotion: null }))).toBe(false);
  });

  it('needs every quarterly talk held on schedule, with a record', () => {
    const late = { ...eligible, talks: [talk(1), talk(2, { fulfilledOn: '2026-07-02' }), talk(3), talk(4)] };
    expect(met(late).talks).toBe(false);
    expect(rewardConditions(late).find((c) => c.key === 'talks')).toMatchObject({
      required: 4,
      satisfied: 3,
      failing: ['t2'],
    });
    const open = { ...eligible, talks: [talk(1), talk(2, { state: 'open', fulfilledOn: null })] };
    expect(met(open).talks).toBe(false);
    // Fulfilled by HR's hand entry, not by a talk record: the talk was held but not recorded.
    const unrecorded = { ...eligible, talks: [talk(1), talk(2, { recordIds: [] })] };
    expect(met(unrecorded).talks).toBe(false);
    expect(met({ ...eligible, talks: [] }).talks).toBe(false);
    expect(isEligible(rewardConditions(late))).toBe(false);
  });

  it('does not ask for talks waived when another mentor took over', () => {
    const handedOver = {
      ...eligible,
      talks: [talk(1), talk(2), talk(3, { state: 'waived', recordIds: [] })],
    };
    expect(met(handedOver).talks).toBe(true);
  });

  it('needs every annual assessment filed', () => {
    const submitted = { ...eligible, assessments: [assessment({ state: 'submitted', fulfilledOn: null })] };
    expect(met(submitted).assessments).toBe(false);
    expect(isEligible(rewardConditions(submitted))).toBe(false);
    // Promoted before any assessment fell due (the year's was waived on promotion): nothing to file.
    const none = { ...eligible, assessments: [assessment({ state: 'waived', recordIds: [] })] };
    expect(met(none).assessments).toBe(true);
  });

  it('needs the mentee’s endorsement', () => {
    expect(met({ ...eligible, endorsement: null }).endorsed).toBe(false);
    expect(met({ ...eligible, endorsement: { endorsed: false } }).endorsed).toBe(false);
    expect(isEligible(rewardConditions({ ...eligible, endorsement: { endorsed: false } }))).toBe(false);
  });
});
