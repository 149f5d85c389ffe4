/**
 * The talks-and-mentors benchmarks (issue 5), on a loaded tier: the tier's reserves with two mentors
 * each and two years of obligations, most quarterly talks recorded (talk records and their evidence,
 * in bulk SQL), most annual assessments filed, a tenth of the reserves promoted and endorsing; then
 * the reward computation over the whole tier (QUALITY.md: M ≤ 1 s), and one Word form — 附件一 and
 * 附件二 — built alone and through the service with its reads (≤ 200 ms).
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_PROGRAMME } from '../src/core/programme/default-programme.js';
import { cycleEndOf, planYear } from '../src/core/programme/schedule.js';
import { todayIn, yearOf } from '../src/core/time/dates.js';
import { buildAssessmentForm } from '../src/server/modules/mentors/assessment-form.js';
import { getAssessment } from '../src/server/modules/mentors/assessments.service.js';
import { computeCandidates } from '../src/server/modules/mentors/rewards.service.js';
import { generateObligationsMany } from '../src/server/modules/obligations/obligations.service.js';
import { reserves } from '../src/server/modules/reserves/reserves.table.js';
import { getTalk, talkFormOf } from '../src/server/modules/talks/talks.service.js';
import { buildTalkForm } from '../src/server/modules/talks/talks-form.js';
import { orgUnits } from '../src/server/modules/units/units.table.js';
import { bulkInsert } from '../src/server/platform/bulk-insert.js';
import type { Database } from '../src/server/platform/db.js';
import { createProgramme } from '../test/factories-programme.js';
import { BENCH_USER, type LoadedTier } from './load.js';
import type { EngineName, Tier } from './options.js';
import { rootHrContext, TIER_RESERVES, type Timing, timeRuns } from './programme-bench.js';

const REWARD_RUNS = 7;
const FORM_RUNS = 30;

export type MentoringResult = {
  engine: EngineName;
  reserves: number;
  mentorObligations: number;
  talkRecords: number;
  assessmentsFiled: number;
  promoted: number;
  pairs: number;
  eligible: number;
  setupSeconds: number;
  reward: Timing;
  talkFormBuild: Timing;
  talkFormService: Timing;
  assessmentFormBuild: Timing;
  assessmentFormService: Timing;
  talkFormBytes: number;
};

async function count(database: Database, sql: string): Promise<number> {
  const [row] = await database.query<{ n: number }>(sql);
  return Number(row.n);
}

export async function benchMentoring(
  engine: EngineName,
  database: Database,
  tier: Tier,
  loaded: LoadedTier,
  log: (message: string) => void,
): Promise<MentoringResult> {
  const setup = performance.now();
  const n = TIER_RESERVES[tier.name];
  const today = todayIn(DEFAULT_PROGRAMME.timeZone);
  const year = yearOf(today);
  const [root] = await database.db.select().from(orgUnits).where(eq(orgUnits.id, loaded.rootUnitId));
  const [user] = await database.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM users WHERE username = $1',
    [BENCH_USER],
  );
  const programme = await createProgramme(database.db, root, {
    name: `${DEFAULT_PROGRAMME.name}（导师）`,
    tier: DEFAULT_PROGRAMME.tier,
    cycleYears: 2,
  });
  // Reserves: the last people of evenly spaced units; mentors: other people (two per reserve).
  const people = await database.query<{ id: string }>(
    'SELECT id FROM people WHERE active ORDER BY employee_no DESC LIMIT $1',
    [3 * n],
  );
  const enrolledOn = `${year - 1}-01-01`;
  const cycleEnd = cycleEndOf(enrolledOn, 2);
  const inserted = await bulkInsert(
    database.db,
    reserves,
    people.slice(0, n).map((p) => ({
      personId: p.id,
      programmeId: programme.id,
      state: 'active' as const,
      cohortYear: year - 1,
      nominatedOn: enrolledOn,
      enrolledOn,
      cycleEnd,
      direction: '市场营销',
    })),
    { returning: ['id'] },
  );
  const mentorPool = people.slice(n).map((p) => p.id);
  const assignments = inserted.flatMap((r, i) => [
    { reserve_id: r.id, mentor_person_id: mentorPool[i % mentorPool.length], slot: 'unit_head' },
    {
      reserve_id: r.id,
      mentor_person_id: mentorPool[(i * 7 + 1) % mentorPool.length],
      slot: 'related_leader',
    },
  ]);
  await database.query(
    `INSERT INTO mentor_assignments (reserve_id, mentor_person_id, slot, start_on)
     SELECT a.reserve_id, a.mentor_person_id, a.slot, $2::date FROM json_populate_recordset(NULL::mentor_assignments, $1::json) a`,
    [JSON.stringify(assignments), enrolledOn],
  );
  const scheduled = inserted.map((r) => ({ id: r.id as string, enrolledOn, cycleEnd }));
  const mentorRules = programme.rules.filter((r) => r.actor === 'each_mentor');
  const otherRules = programme.rules.filter((r) => r.actor !== 'each_mentor');
  for (const y of [year - 1, year]) {
    await generateObligationsMany(database.db, {
      reserves: scheduled,
      versionId: programme.versionId,
      rules: otherRules,
      year: y,
    });
    // Every mentor's obligations in one statement per year: the plan for a placeholder mentor, crossed with the assignments.
    const plan = planYear({
      rules: mentorRules,
      year: y,
      enrolledOn,
      cycleEnd,
      mentorIds: ['00000000-0000-4000-8000-000000000000'],
    });
    await database.query(
      `INSERT INTO obligations (reserve_id, programme_version_id, rule_key, period_key, cycle_year, period_start, period_end, due_date, actor, actor_person_id, actor_key, quantity, min_chars)
       SELECT a.reserve_id, $2::uuid, p.rule_key, p.period_key, $3::int, p.period_start, p.period_end, p.due_date, 'each_mentor', a.mentor_person_id, a.mentor_person_id::text, p.quantity, p.min_chars
         FROM mentor_assignments a JOIN reserves r ON r.id = a.reserve_id AND r.programme_id = $4::uuid
        CROSS JOIN json_populate_recordset(NULL::obligations, $1::json) p`,
      [
        JSON.stringify(
          plan.map((p) => ({
            rule_key: p.ruleKey,
            period_key: p.periodKey,
            period_start: p.periodStart,
            period_end: p.periodEnd,
            due_date: p.dueDate,
            quantity: p.quantity,
            min_chars: p.minChars,
          })),
        ),
        programme.versionId,
        y,
        programme.id,
      ],
    );
  }
  const mine = `o.actor = 'each_mentor' AND o.programme_version_id = '${programme.versionId}'`;
  const bucket = '(abs(hashtext(o.id::text)) % 100)';
  // 90 % of the talks due so far recorded on time: a talk record (its id made here), its talker, its evidence.
  await database.query(`
    WITH due AS MATERIALIZED (
      SELECT gen_random_uuid() AS talk_id, o.id, o.reserve_id, o.actor_person_id, o.period_end - 5 AS held_on
        FROM obligations o
       WHERE ${mine} AND o.rule_key = 'mentor_talk' AND o.due_date < '${today}'::date AND ${bucket} < 90),
    talks AS (
      INSERT INTO talk_records (id, reserve_id, kind, held_on, place, thinking, work, achievements, shortcomings, advice, state, recorded_at)
      SELECT talk_id, reserve_id, 'mentor_quarterly', held_on, '会议室', '思想稳定', '按计划完成工作', '业绩突出', '经验不足', '多调研', 'recorded', now()
        FROM due RETURNING 1),
    talkers AS (
      INSERT INTO talk_talkers (talk_id, person_id, role) SELECT talk_id, actor_person_id, 'mentor' FROM due RETURNING 1)
    INSERT INTO evidence (obligation_id, source_type, source_id, occurred_on, units, counted, recorded_by)
    SELECT id, 'talk', talk_id::text, held_on, 1, true, '${user.id}' FROM due`);
  // 85 % of last year's assessments filed.
  await database.query(`
    WITH due AS (
      SELECT o.id, o.reserve_id, o.actor_person_id FROM obligations o
       WHERE ${mine} AND o.rule_key = 'mentor_assessment' AND o.due_date < '${today}'::date AND ${bucket} < 85),
    filed AS (
      INSERT INTO mentor_assessments (reserve_id, mentor_person_id, year, assessed_on, panel, ratings, strengths, shortcomings, suggestions, overall_grade, state, submitted_at, filed_at)
      SELECT reserve_id, actor_person_id, ${year - 1}, '${year}-01-10', '[{"name":"组长","post":"组长"}]', '{"de":"优秀","neng":"良好","qin":"优秀","ji":"良好","lian":"优秀"}',
             '业绩突出', '经验不足', '挂职锻炼', '称职', 'filed', now(), now() FROM due
      RETURNING id, reserve_id, mentor_person_id)
    INSERT INTO evidence (obligation_id, source_type, source_id, occurred_on, units, counted, recorded_by)
    SELECT d.id, 'assessment', f.id::text, '${year}-01-10', 1, true, '${user.id}' FROM filed f
      JOIN due d ON d.reserve_id = f.reserve_id AND d.actor_person_id = f.mentor_person_id`);
  await database.query(`
    UPDATE obligations o SET state = 'fulfilled', progress = 1, fulfilled_on = e.occurred_on
      FROM evidence e WHERE e.obligation_id = o.id AND e.source_type IN ('talk', 'assessment') AND ${mine}`);
  // A tenth promoted to a middle-management post; nine in ten of them endorse each mentor.
  const promoted = inserted.filter((_, i) => i % 10 === 0).map((r) => r.id as string);
  await database.query(`UPDATE reserves SET state = 'promoted' WHERE id = ANY($1::uuid[])`, [
    `{${promoted.join(',')}}`,
  ]);
  await database.query(
    `INSERT INTO reserve_events (reserve_id, from_state, to_state, effective_on, reason, new_post, middle_management)
     SELECT id, 'active', 'promoted', $2::date, '提拔任用', '部门副经理', true FROM unnest($1::uuid[]) AS id`,
    [`{${promoted.join(',')}}`, today],
  );
  await database.query(
    `
    UPDATE obligations o SET state = 'waived', waived_reason = '已离开后备库（promoted）'
     WHERE o.reserve_id = ANY($1::uuid[]) AND o.state IN ('open', 'returned') AND o.due_date >= $2::date`,
    [`{${promoted.join(',')}}`, today],
  );
  await database.query(
    `INSERT INTO mentor_endorsements (reserve_id, mentor_person_id, endorsed)
     SELECT a.reserve_id, a.mentor_person_id, abs(hashtext(a.id::text)) % 10 <> 0 FROM mentor_assignments a WHERE a.reserve_id = ANY($1::uuid[])`,
    [`{${promoted.join(',')}}`],
  );
  await database.query(
    'VACUUM ANALYZE obligations, evidence, reserves, mentor_assignments, talk_records, mentor_assessments',
  );
  const setupSeconds = (performance.now() - setup) / 1000;

  const ctx = rootHrContext(database, root, user);
  const candidates = await computeCandidates(database.db, ctx, {});
  log(
    `${engine}: reward over ${candidates.length} pairs (${candidates.filter((c) => c.eligible).length} eligible), ${REWARD_RUNS} runs`,
  );
  const reward = await timeRuns(REWARD_RUNS, () => computeCandidates(database.db, ctx, {}));

  const [talk] = await database.query<{ id: string }>(
    `SELECT id FROM talk_records ORDER BY held_on DESC, id LIMIT 1`,
  );
  const [assessment] = await database.query<{ id: string }>(
    `SELECT id FROM mentor_assessments ORDER BY id LIMIT 1`,
  );
  const talkDetail = await getTalk(ctx, talk.id);
  const assessmentDetail = await getAssessment(ctx, assessment.id);
  log(`${engine}: forms, ${FORM_RUNS} runs each`);
  const talkFormBuild = await timeRuns(FORM_RUNS, () => buildTalkForm(talkDetail));
  const talkFormService = await timeRuns(FORM_RUNS, () => talkFormOf(ctx, talk.id));
  const assessmentFormBuild = await timeRuns(FORM_RUNS, () => buildAssessmentForm(assessmentDetail));
  const assessmentFormService = await timeRuns(FORM_RUNS, async () =>
    buildAssessmentForm(await getAssessment(ctx, assessment.id)),
  );
  return {
    engine,
    reserves: inserted.length,
    mentorObligations: await count(database, `SELECT count(*)::int AS n FROM obligations o WHERE ${mine}`),
    talkRecords: await count(database, 'SELECT count(*)::int AS n FROM talk_records'),
    assessmentsFiled: await count(
      database,
      `SELECT count(*)::int AS n FROM mentor_assessments WHERE state = 'filed'`,
    ),
    promoted: promoted.length,
    pairs: candidates.length,
    eligible: candidates.filter((c) => c.eligible).length,
    setupSeconds,
    reward,
    talkFormBuild,
    talkFormService,
    assessmentFormBuild,
    assessmentFormService,
    talkFormBytes: (await buildTalkForm(talkDetail)).length,
  };
}
