import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { buildTestApp, type TestApp, type TestClient } from '../../test/test-app.js';
import { todayIn } from '../core/time/dates.js';
import { loadDemoOrganisation } from '../server/bootstrap.js';
import { orgUnits } from '../server/modules/units/units.table.js';

describe('the demo’s training and reading plan', () => {
  let t: TestApp;
  let hr: TestClient;
  const year = Number(todayIn().slice(0, 4));
  beforeAll(async () => {
    t = await buildTestApp('pglite');
    await loadDemoOrganisation(t.database, t.cipher);
    const [root] = await t.db.select().from(orgUnits).where(isNull(orgUnits.parentId));
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: root }] })).username);
  });
  afterAll(() => t.close());

  it('holds this year’s training with most of the cohort, attendance recorded, and a published plan of three', async () => {
    const events = (await hr.get(`/api/training/events?year=${year}`)).json();
    expect(events.total).toBe(1);
    const [event] = events.items;
    expect(event).toMatchObject({
      startOn: `${year}-05-20`,
      endOn: `${year}-05-22`,
      participants: 22,
      present: 20,
    });
    const list = (await hr.get(`/api/training/events/${event.id}/participants?pageSize=100`)).json();
    // Open reflections follow the training (22 June); those already fulfilled keep their date.
    // (The demo settles past work at random: which ones are open varies.)
    const open = list.items.filter((p: { reflection: { state: string } }) => p.reflection.state === 'open');
    for (const p of open) expect(p.reflection.dueDate).toBe(`${year}-06-22`);
    expect(list.items.filter((p: { attendance: string }) => p.attendance === 'excused')).toHaveLength(1);
    const plans = (await hr.get('/api/reading-plans')).json();
    expect(plans.items[0]).toMatchObject({ state: 'published', year, warnings: [] });
    expect(plans.items[0].materials).toHaveLength(3);
  });
});
