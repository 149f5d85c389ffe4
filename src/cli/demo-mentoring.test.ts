import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { buildTestApp, type TestApp, type TestClient } from '../../test/test-app.js';
import { loadDemoOrganisation } from '../server/bootstrap.js';
import { leaderCharges } from '../server/modules/leadership/leadership.table.js';
import { mentorAssignments } from '../server/modules/mentors/mentors.table.js';
import { evidence, obligations } from '../server/modules/obligations/obligations.table.js';
import { orgUnits } from '../server/modules/units/units.table.js';

describe('the demo’s talks and mentors', () => {
  let t: TestApp;
  let hr: TestClient;
  beforeAll(async () => {
    t = await buildTestApp('pglite');
    await loadDemoOrganisation(t.database, t.cipher);
    const [root] = await t.db.select().from(orgUnits).where(isNull(orgUnits.parentId));
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: root }] })).username);
  });
  afterAll(() => t.close());

  it('puts the leadership in charge of units and gives every reserve two mentors, one breach to show', async () => {
    expect((await t.db.select().from(leaderCharges)).length).toBeGreaterThan(8);
    const list = (await hr.get('/api/mentors/reserves?pageSize=100')).json();
    expect(list.total).toBe(24);
    expect(list.breachCount).toBe(1);
    expect(
      list.items.filter((i: { unitHead: unknown; relatedLeader: unknown }) => i.unitHead && i.relatedLeader),
    ).toHaveLength(23);
    const current = await t.db.select().from(mentorAssignments).where(isNull(mentorAssignments.endOn));
    expect(current).toHaveLength(47);
  });

  it('records talks that fulfil their obligations, and a filed assessment', async () => {
    const talks = (await hr.get('/api/talks?pageSize=100')).json();
    expect(talks.total).toBeGreaterThan(5);
    const settled = await t.db
      .select({ state: obligations.state })
      .from(evidence)
      .innerJoin(obligations, eq(obligations.id, evidence.obligationId))
      .where(and(eq(evidence.sourceType, 'talk')));
    expect(settled.length).toBeGreaterThan(5);
    expect(settled.every((s) => s.state === 'fulfilled')).toBe(true);
    const assessments = (await hr.get('/api/assessments?state=filed')).json();
    expect(assessments.total).toBe(1);
    const coverage = (await hr.get('/api/talks/coverage?pageSize=100')).json();
    expect(coverage.items.some((i: { role: string }) => i.role === 'leader_in_charge')).toBe(true);
    expect(
      coverage.items.some((i: { role: string; done: number }) => i.role === 'mentor' && i.done > 0),
    ).toBe(true);
  });
});
