/**
 * The learning benchmarks (六(一)1, 六(一)3) on a loaded tier: the tier's reserves with a year's
 * obligations, all of them added to one training by unit (which moves every training reflection
 * through setEventDate), the end date changed (moves them again), a page of participants with each
 * one's reflection status, the participant export (streamed), and publishing and withdrawing a
 * reading plan over the whole tier.
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_PROGRAMME } from '../src/core/programme/default-programme.js';
import { cycleEndOf } from '../src/core/programme/schedule.js';
import { todayIn, yearOf } from '../src/core/time/dates.js';
import { generateObligationsMany } from '../src/server/modules/obligations/obligations.service.js';
import { reserves } from '../src/server/modules/reserves/reserves.table.js';
import { createPlan, setPublished } from '../src/server/modules/training/reading.service.js';
import { createEvent, updateEvent } from '../src/server/modules/training/training.service.js';
import { exportParticipants } from '../src/server/modules/training/training-export.js';
import {
  addParticipants,
  listParticipants,
} from '../src/server/modules/training/training-participants.service.js';
import { orgUnits } from '../src/server/modules/units/units.table.js';
import { bulkInsert } from '../src/server/platform/bulk-insert.js';
import type { Database } from '../src/server/platform/db.js';
import { createProgramme } from '../test/factories-programme.js';
import { BENCH_USER, type LoadedTier } from './load.js';
import type { EngineName, Tier } from './options.js';
import { rootHrContext, TIER_RESERVES, type Timing, timeRuns } from './programme-bench.js';

const PAGE_RUNS = 20;
const EXPORT_RUNS = 3;

export type TrainingResult = {
  engine: EngineName;
  participants: number;
  setupSeconds: number;
  addAllMs: number;
  moveEndMs: number;
  page: Timing;
  exportMs: number;
  exportFixedMs: number;
  exportBytes: number;
  publishMs: number;
  unpublishMs: number;
  moved: number;
};

async function drain(stream: NodeJS.ReadableStream): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

const since = (t: number) => performance.now() - t;

export async function benchTraining(
  engine: EngineName,
  database: Database,
  tier: Tier,
  loaded: LoadedTier,
  log: (message: string) => void,
): Promise<TrainingResult> {
  const setup = performance.now();
  const n = TIER_RESERVES[tier.name];
  const year = yearOf(todayIn(DEFAULT_PROGRAMME.timeZone));
  const [root] = await database.db.select().from(orgUnits).where(eq(orgUnits.id, loaded.rootUnitId));
  const [user] = await database.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM users WHERE username = $1',
    [BENCH_USER],
  );
  const programme = await createProgramme(database.db, root, {
    name: `${DEFAULT_PROGRAMME.name}（学习）`,
    tier: '学习测试后备',
    cycleYears: 2,
  });
  // People not yet in any pool (other benchmarks take theirs from the end of the roster).
  const people = await database.query<{ id: string }>(
    'SELECT id FROM people p WHERE active AND NOT EXISTS (SELECT 1 FROM reserves r WHERE r.person_id = p.id) ORDER BY employee_no LIMIT $1',
    [n],
  );
  const enrolledOn = `${year}-01-01`;
  const cycleEnd = cycleEndOf(enrolledOn, 2);
  const inserted = await bulkInsert(
    database.db,
    reserves,
    people.map((p) => ({
      personId: p.id,
      programmeId: programme.id,
      state: 'active' as const,
      cohortYear: year,
      nominatedOn: enrolledOn,
      enrolledOn,
      cycleEnd,
    })),
    { returning: ['id'] },
  );
  await generateObligationsMany(database.db, {
    reserves: inserted.map((r) => ({ id: r.id as string, enrolledOn, cycleEnd })),
    versionId: programme.versionId,
    rules: programme.rules,
    year,
  });
  const ctx = rootHrContext(database, root, user);
  const setupSeconds = since(setup) / 1000;
  log(`${engine}: training over ${inserted.length} reserves`);

  const event = await createEvent(ctx, {
    unitId: root.id,
    title: `${year}年后备干部管理技能提升培训（基准）`,
    trainer: '外聘培训师',
    organiser: root.name,
    startOn: `${year}-05-20`,
    endOn: `${year}-05-22`,
    place: '培训中心',
    description: '',
  });
  let t = performance.now();
  const added = await addParticipants(ctx, event.id, { programmeId: programme.id });
  const addAllMs = since(t);
  t = performance.now();
  await updateEvent(ctx, event.id, { ...event, endOn: `${year}-05-31`, version: event.version + 1 });
  const moveEndMs = since(t);
  const page = await timeRuns(PAGE_RUNS, () => listParticipants(ctx, event.id, { page: 1, pageSize: 20 }));
  let exportBytes = 0;
  // After a warm-up (exceljs and the plans), as the other timings are.
  const exported = await timeRuns(EXPORT_RUNS, async () => {
    exportBytes = await drain((await exportParticipants(ctx, event.id)).stream);
  });
  const exportMs = exported.p50;
  // The workbook's fixed cost (zip, styles, sheet), from a training without participants: at S the
  // 800 rows are a fraction of it, so the rate per row is judged beyond it.
  const empty = await createEvent(ctx, { ...event, title: '空白培训（基准）' });
  const emptyExport = await timeRuns(EXPORT_RUNS, async () =>
    drain((await exportParticipants(ctx, empty.id)).stream),
  );
  const exportFixedMs = emptyExport.p50;

  const plan = await createPlan(ctx, {
    unitId: root.id,
    year,
    studyStart: `${year}-07-01`,
    studyEnd: `${year}-09-30`,
    mode: 'self',
    materials: [
      { kind: 'book', title: '《卓有成效的管理者》', author: '', source: '', note: '' },
      { kind: 'book', title: '《华为基本法》', author: '', source: '', note: '' },
    ],
    note: '',
  });
  t = performance.now();
  const published = await setPublished(ctx, plan.id, { version: plan.version, publish: true });
  const publishMs = since(t);
  t = performance.now();
  await setPublished(ctx, plan.id, { version: published.version, publish: false });
  const unpublishMs = since(t);
  return {
    engine,
    participants: added.added,
    setupSeconds,
    addAllMs,
    moveEndMs,
    page,
    exportMs,
    exportFixedMs,
    exportBytes,
    publishMs,
    unpublishMs,
    moved: published.moved,
  };
}
