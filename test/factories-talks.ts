import type { MentorSlot } from '../src/core/mentors/mentor-rule.js';
import { leaderCharges } from '../src/server/modules/leadership/leadership.table.js';
import { mentorAssignments } from '../src/server/modules/mentors/mentors.table.js';
import type { Db } from '../src/server/platform/db.js';

/** Puts a person in charge (分管) of a unit from a day. */
export async function createCharge(db: Db, leaderPersonId: string, unitId: string, startOn = '2020-01-01') {
  const [row] = await db.insert(leaderCharges).values({ leaderPersonId, unitId, startOn }).returning();
  return row;
}

/** Makes a person a current mentor of a reserve in a slot (as the mentors module stores it). */
export async function createAssignment(
  db: Db,
  input: { reserveId: string; mentorPersonId: string; slot?: MentorSlot; startOn?: string },
) {
  const [row] = await db
    .insert(mentorAssignments)
    .values({
      reserveId: input.reserveId,
      mentorPersonId: input.mentorPersonId,
      slot: input.slot ?? 'unit_head',
      startOn: input.startOn ?? '2020-01-01',
    })
    .returning();
  return row;
}

/** A talk record body the API accepts, with the content a recorded talk needs. */
export function talkBody(overrides: Record<string, unknown> & { reserveId: string; talkers: unknown[] }) {
  return {
    kind: 'mentor_quarterly',
    heldOn: '2025-03-20',
    place: '市分公司三楼会议室',
    thinking: '思想稳定，积极向上，能够正确对待组织安排。',
    work: '一季度完成集团客户拓展目标的百分之一百零八。',
    achievements: '主动担当，牵头完成了营销方案。',
    shortcomings: '统筹协调能力有待加强。',
    advice: '多到一线调研。',
    actions: [{ text: '牵头完成二季度集团客户走访计划', owner: '本人', dueOn: '2025-06-30' }],
    followUps: [],
    state: 'recorded',
    ...overrides,
  };
}
