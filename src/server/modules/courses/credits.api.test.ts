import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCourse, buildCourseWorld } from '../../../../test/factories-courses.js';
import { createReserve, scheduleReserve } from '../../../../test/factories-programme.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { todayIn } from '../../../core/time/dates.js';
import { obligations } from '../obligations/obligations.table.js';

/** A middle manager's completions are records only — until they join the pool. */
describe.each(dbKinds())('course credits of someone who becomes a reserve on %s', (kind) => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildCourseWorld>>;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    w = await buildCourseWorld(t);
  });
  afterAll(() => t?.close());

  it('links a middle manager’s earlier completion to the obligation once they are a reserve', async () => {
    const [one, two] = [
      await addCourse(w.clients.hrCity, w.units.city.id, 'M-1'),
      await addCourse(w.clients.hrCity, w.units.city.id, 'M-2'),
    ];
    const assign = await w.clients.hrA.put('/api/course-assignments', {
      unitId: w.units.countyA.id,
      periodKey: w.quarter,
      courseIds: [one, two],
    });
    expect(assign.statusCode).toBe(200);
    const record = (courseId: string) =>
      w.clients.hrA.post('/api/course-completions', { personId: w.m.id, courseId, completedOn: todayIn() });
    expect((await record(one)).statusCode).toBe(200);
    const reserve = await createReserve(t.db, { person: w.m, programme: w.programme });
    await scheduleReserve(t.db, reserve, w.programme, w.year);
    expect((await record(two)).statusCode).toBe(200);
    const [o] = await t.db
      .select()
      .from(obligations)
      .where(
        and(
          eq(obligations.reserveId, reserve.id),
          eq(obligations.ruleKey, 'assigned_courses'),
          eq(obligations.periodKey, w.quarter),
        ),
      );
    expect(o).toMatchObject({ state: 'fulfilled', progress: 2 });
  });
});
