import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit } from '../../../../test/factories.js';
import {
  createProgramme,
  createReserve,
  scheduleReserve,
  type TestProgramme,
  type TestReserve,
} from '../../../../test/factories-programme.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { DEFAULT_RULES } from '../../../core/programme/default-programme.js';
import { todayIn } from '../../../core/time/dates.js';
import { generateObligationsMany } from './obligations.service.js';

const Y = Number(todayIn('Asia/Shanghai').slice(0, 4));
const MISSING = '00000000-0000-4000-8000-00000000dead';

/**
 * Obligations' references are checked per statement by triggers (migration
 * obligations_statement_references), not by row-level foreign keys, and a generated year by the
 * generation itself: each kind of dangling reference must still be refused, on insert, on
 * generation and on update, and a referenced version kept.
 */
describe.each(dbKinds())('obligation references on %s', (kind) => {
  let t: TestApp;
  let programme: TestProgramme;
  let reserve: TestReserve;
  let obligationId: string;
  let root: Awaited<ReturnType<typeof createUnit>>;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    root = await createUnit(t.db, { name: '江州市分公司' });
    programme = await createProgramme(t.db, root, { rules: DEFAULT_RULES });
    reserve = await createReserve(t.db, { person: await createPerson(t.db, t.cipher, root), programme });
    expect(await scheduleReserve(t.db, reserve, programme, Y)).toBeGreaterThan(0);
    [{ id: obligationId }] = await t.database.query<{ id: string }>(
      'SELECT id FROM obligations WHERE reserve_id = $1 LIMIT 1',
      [reserve.id],
    );
  });
  afterAll(() => t?.close());

  const insert = (overrides: { reserve?: string; version?: string; actor?: string | null }) =>
    t.database.query(
      `INSERT INTO obligations (reserve_id, programme_version_id, rule_key, period_key, cycle_year, period_start,
         period_end, due_date, actor, actor_person_id, actor_key, quantity)
       VALUES ($1, $2, 'extra', 'x', $3, '${Y}-01-01', '${Y}-12-31', '${Y}-12-31', 'reserve', $4, $5, 1)`,
      [
        overrides.reserve ?? reserve.id,
        overrides.version ?? programme.versionId,
        Y,
        overrides.actor ?? null,
        overrides.actor ?? '',
      ],
    );

  it('refuses an obligation of a missing reserve, programme version or person', async () => {
    await expect(insert({ reserve: MISSING })).rejects.toThrow(/does not exist/);
    await expect(insert({ version: MISSING })).rejects.toThrow(/does not exist/);
    await expect(insert({ actor: MISSING })).rejects.toThrow(/does not exist/);
    const [{ n }] = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM obligations WHERE rule_key = 'extra'",
    );
    expect(n).toBe(0);
    await insert({});
  });

  it('refuses a generated year naming a missing reserve, version or mentor, and stores none of it', async () => {
    const other = await createReserve(t.db, { person: await createPerson(t.db, t.cipher, root), programme });
    const generate = (input: { reserves: string[]; versionId?: string; mentorIds?: Map<string, string[]> }) =>
      generateObligationsMany(t.db, {
        reserves: input.reserves.map((id) => ({
          id,
          enrolledOn: other.enrolledOn!,
          cycleEnd: other.cycleEnd!,
        })),
        versionId: input.versionId ?? programme.versionId,
        rules: programme.rules,
        year: Y,
        mentorIds: input.mentorIds,
      });
    await expect(generate({ reserves: [other.id, MISSING] })).rejects.toThrow(/does not exist/);
    await expect(generate({ reserves: [other.id], versionId: MISSING })).rejects.toThrow(/does not exist/);
    await expect(
      generate({ reserves: [other.id], mentorIds: new Map([[other.id, [MISSING]]]) }),
    ).rejects.toThrow(/does not exist/);
    const [{ n }] = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM obligations WHERE reserve_id = $1',
      [other.id],
    );
    expect(n).toBe(0);
    expect(await generate({ reserves: [other.id] })).toBeGreaterThan(0);
  });

  it('refuses an update naming a missing version or waiving user', async () => {
    await expect(
      t.database.query('UPDATE obligations SET programme_version_id = $1 WHERE id = $2', [
        MISSING,
        obligationId,
      ]),
    ).rejects.toThrow(/does not exist/);
    await expect(
      t.database.query("UPDATE obligations SET state = 'waived', waived_by = $1 WHERE id = $2", [
        MISSING,
        obligationId,
      ]),
    ).rejects.toThrow(/does not exist/);
    const [row] = await t.database.query<{ state: string }>('SELECT state FROM obligations WHERE id = $1', [
      obligationId,
    ]);
    expect(row.state).toBe('open');
  });

  it('keeps a programme version that obligations name', async () => {
    await expect(
      t.database.query('DELETE FROM programme_versions WHERE id = $1', [programme.versionId]),
    ).rejects.toThrow(/still refer/);
  });
});
