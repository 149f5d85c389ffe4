import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { buildTestApp, type TestApp, type TestClient } from '../../test/test-app.js';
import { previousQuarter, quarterOf } from '../core/courses/quarters.js';
import { todayIn } from '../core/time/dates.js';
import { loadDemoOrganisation } from '../server/bootstrap.js';
import { orgUnits } from '../server/modules/units/units.table.js';

describe('the demo’s online university', () => {
  let t: TestApp;
  let hr: TestClient;
  const now = quarterOf(todayIn());
  beforeAll(async () => {
    t = await buildTestApp('pglite');
    await loadDemoOrganisation(t.database, t.cipher);
    const [root] = await t.db.select().from(orgUnits).where(isNull(orgUnits.parentId));
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: root }] })).username);
  });
  afterAll(() => t.close());

  it('has a catalogue, this and last quarter’s assignments, and completions that counted', async () => {
    expect((await hr.get('/api/courses')).json().total).toBe(20);
    for (const q of [now, previousQuarter(now)]) {
      const list = (await hr.get(`/api/course-assignments?periodKey=${q}`)).json();
      expect(list.items[0].courses).toHaveLength(2);
      expect(list.items[0].coverage.reserves).toBeGreaterThan(10);
    }
    const last = (await hr.get(`/api/course-quarter?periodKey=${previousQuarter(now)}&pageSize=200`)).json();
    expect(last.totals.completed).toBeGreaterThan(20);
    expect(last.items.some((i: { completed: number; expected: number }) => i.completed < i.expected)).toBe(
      true,
    );
    const completions = (await hr.get('/api/course-completions')).json();
    expect(completions.items.some((c: { countsFor: unknown }) => c.countsFor)).toBe(true);
  });
});
