/**
 * The programme benchmarks (issue 3): on a loaded tier, the default programme on the root unit and
 * the tier's reserves enrolled on 1 January; one year's schedule generated through
 * `generateObligations` (one call per reserve, in one transaction, as the roll-over does); a mix of
 * obligation states set with a few bulk UPDATEs; then the compliance matrix for the whole tier
 * (service call and HTTP) and EXPLAIN of the matrix, drill-down and overdue queries.
 */
import { eq, type Logger } from 'drizzle-orm';
import { DEFAULT_PROGRAMME } from '../src/core/programme/default-programme.js';
import { cycleEndOf } from '../src/core/programme/schedule.js';
import { todayIn, yearOf } from '../src/core/time/dates.js';
import { buildApp } from '../src/server/app.js';
import {
  getComplianceMatrix,
  listComplianceObligations,
} from '../src/server/modules/obligations/compliance.service.js';
import { generateObligationsMany } from '../src/server/modules/obligations/obligations.service.js';
import { listOverdue } from '../src/server/modules/obligations/obligations-views.service.js';
import { reserves } from '../src/server/modules/reserves/reserves.table.js';
import { orgUnits } from '../src/server/modules/units/units.table.js';
import type { Actor } from '../src/server/platform/access.js';
import { bulkInsert } from '../src/server/platform/bulk-insert.js';
import { readConfig } from '../src/server/platform/config.js';
import { createFieldCipher } from '../src/server/platform/crypto.js';
import type { Database, Db } from '../src/server/platform/db.js';
import type { ServiceContext } from '../src/server/platform/request-context.js';
import { TEST_PASSWORD } from '../test/factories.js';
import { createProgramme } from '../test/factories-programme.js';
import { describe, explainOne, type PlanNode } from './explain.js';
import type { Statement } from './list-sql.js';
import { BENCH_USER, type LoadedTier } from './load.js';
import { median } from './load-test.js';
import { BENCH_SECRET, type EngineName, type Tier, type TierName } from './options.js';

/** QUALITY.md "Scale we design for": reserves per tier. */
export const TIER_RESERVES: Record<TierName, number> = { S: 800, M: 5_000, XL: 50_000 };

const MATRIX_RUNS = 20;
const HTTP_RUNS = 5;
/** Relations the QUALITY.md EXPLAIN bar names; the bar of issue 3 is about obligations. */
const WATCHED = ['obligations', 'reserves', 'people'];

export type Timing = { runs: number; p50: number; p95: number; max: number };

export type ProgrammeExplain = {
  case: string;
  /** Node types in plan order, e.g. "Index Scan obligations_due_idx on obligations". */
  nodes: string[];
  seqScanOnObligations: boolean;
  /** Sequential scans of any watched relation (information; the bar is on obligations). */
  seqScans: string[];
};

export type ProgrammeResult = {
  engine: EngineName;
  reserves: number;
  obligations: number;
  generateSeconds: number;
  reservesPerSecond: number;
  stateSeconds: number;
  states: Record<string, number>;
  matrixRows: number;
  matrixColumns: number;
  matrix: Timing;
  matrixHttp: Timing;
  explain: ProgrammeExplain[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the matrix statement, as text (in the JSON only). */
  matrixAnalyze: string[];
};

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { runs: samples.length, p50: median(samples), p95: rank(0.95), max: sorted[sorted.length - 1] };
}

/**
 * Runs the real service code on the real database and records every statement it sends, by
 * swapping the Drizzle session's query logger for the duration (both drivers log each query,
 * with its parameters, before they send it).
 */
async function recordStatements(db: Db, run: () => Promise<unknown>): Promise<Statement[]> {
  const session = (db as unknown as { session: { logger: Logger } }).session;
  const previous = session.logger;
  const seen: Statement[] = [];
  session.logger = { logQuery: (sql, params) => seen.push({ sql, params }) };
  try {
    await run();
  } finally {
    session.logger = previous;
  }
  return seen;
}

/**
 * People spread evenly over the units that have any: the first person (by employee number) of
 * evenly spaced units, then second persons, … when there are more reserves than such units.
 */
async function choosePeople(database: Database, count: number): Promise<string[]> {
  const rows = await database.query<{ id: string; rank: number }>(
    `SELECT p.id, row_number() OVER (PARTITION BY p.unit_id ORDER BY p.employee_no)::int AS rank
       FROM people p JOIN org_units u ON u.id = p.unit_id
      WHERE p.active
      ORDER BY rank, u.path`,
  );
  const firsts = rows.filter((r) => r.rank === 1);
  if (count <= firsts.length)
    return Array.from({ length: count }, (_, i) => firsts[Math.floor((i * firsts.length) / count)].id);
  if (count > rows.length) throw new Error(`only ${rows.length} active people for ${count} reserves`);
  return rows.slice(0, count).map((r) => r.id);
}

/**
 * A realistic mix, deterministic per obligation (a hash of its id): of the obligations due before
 * today 60 % fulfilled on time, 10 % fulfilled late, 5 % waived, 5 % submitted, 5 % returned and
 * 15 % still open (overdue); of those ahead, 3 % fulfilled early, 2 % waived, 5 % submitted. Every
 * fulfilled obligation gets its evidence row.
 */
async function markStates(database: Database, today: string, userId: string): Promise<void> {
  const bucket = `(abs(hashtext(id::text)) % 100)`;
  const past = `due_date < '${today}'::date`;
  const future = `due_date >= '${today}'::date`;
  const statements = [
    `UPDATE obligations SET state = 'fulfilled', version = version + 1, fulfilled_on = CASE
        WHEN ${past} AND ${bucket} >= 60 THEN least(due_date + 9, '${today}'::date - 1)
        WHEN ${past} THEN due_date - 3
        ELSE '${today}'::date - 1 END
      WHERE (${past} AND ${bucket} < 70) OR (${future} AND ${bucket} < 3)`,
    `UPDATE obligations SET state = 'waived', version = version + 1, waived_reason = '轮岗期间免除', waived_by = '${userId}'
      WHERE (${past} AND ${bucket} BETWEEN 70 AND 74) OR (${future} AND ${bucket} BETWEEN 3 AND 4)`,
    `UPDATE obligations SET state = 'submitted', version = version + 1, submitted_at = now()
      WHERE (${past} AND ${bucket} BETWEEN 75 AND 79) OR (${future} AND ${bucket} BETWEEN 5 AND 9)`,
    `UPDATE obligations SET state = 'returned', version = version + 1 WHERE ${past} AND ${bucket} BETWEEN 80 AND 84`,
    `INSERT INTO evidence (obligation_id, source_type, occurred_on, note, recorded_by)
       SELECT id, 'manual', fulfilled_on, 'bench', '${userId}' FROM obligations WHERE state = 'fulfilled'`,
  ];
  for (const s of statements) await database.query(s);
  // As after the tier's load: statistics and the visibility map, as autovacuum soon would (PGlite has none).
  await database.query('VACUUM ANALYZE obligations, evidence, reserves');
}

function planFacts(name: string, nodes: PlanNode[]): ProgrammeExplain {
  const seq = nodes.filter(
    (n) => n['Node Type'] === 'Seq Scan' && WATCHED.includes(n['Relation Name'] ?? ''),
  );
  return {
    case: name,
    nodes: nodes.map(describe),
    seqScanOnObligations: seq.some((n) => n['Relation Name'] === 'obligations'),
    seqScans: [...new Set(seq.map((n) => n['Relation Name']!))],
  };
}

/** The service context of the bench's hr_admin on the root unit. */
export function rootHrContext(
  database: Database,
  root: { id: string; path: string; name: string },
  user: { id: string; display_name: string },
): ServiceContext {
  const actor: Actor = {
    userId: user.id,
    username: BENCH_USER,
    displayName: user.display_name,
    personId: null,
    grants: [{ role: 'hr_admin', unitId: root.id, unitPath: root.path, unitName: root.name }],
  };
  return {
    db: database.db,
    actor,
    audit: { userId: actor.userId, displayName: actor.displayName, ip: null },
    cipher: createFieldCipher(BENCH_SECRET),
    lang: 'zh',
  };
}

/** Times `runs` runs after a warm-up. */
export async function timeRuns(runs: number, run: () => Promise<unknown>): Promise<Timing> {
  await run(); // warm-up: plans, caches, JIT of the service code
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return timing(samples);
}

export async function benchProgramme(
  engine: EngineName,
  database: Database,
  tier: Tier,
  loaded: LoadedTier,
  log: (message: string) => void,
): Promise<ProgrammeResult> {
  const count = TIER_RESERVES[tier.name];
  const today = todayIn(DEFAULT_PROGRAMME.timeZone);
  const year = yearOf(today);
  const [root] = await database.db.select().from(orgUnits).where(eq(orgUnits.id, loaded.rootUnitId));
  const [user] = await database.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM users WHERE username = $1',
    [BENCH_USER],
  );
  const programme = await createProgramme(database.db, root, {
    name: DEFAULT_PROGRAMME.name,
    tier: DEFAULT_PROGRAMME.tier,
    cycleYears: DEFAULT_PROGRAMME.cycleYears,
    timeZone: DEFAULT_PROGRAMME.timeZone,
  });

  // 1. The reserves, active from 1 January, in one bulk insert.
  const enrolledOn = `${year}-01-01`;
  const cycleEnd = cycleEndOf(enrolledOn, programme.cycleYears);
  const personIds = await choosePeople(database, count);
  const inserted = await bulkInsert(
    database.db,
    reserves,
    personIds.map((personId) => ({
      personId,
      programmeId: programme.id,
      state: 'active' as const,
      cohortYear: year,
      nominatedOn: enrolledOn,
      enrolledOn,
      cycleEnd,
    })),
    { returning: ['id'] },
  );
  await database.query('ANALYZE reserves');

  // 2. Schedule generation for all of them in one transaction, as the roll-over does it.
  log(`${engine}: generating ${year} obligations for ${inserted.length} reserves`);
  const started = performance.now();
  let created = 0;
  await database.db.transaction(async (tx) => {
    created = await generateObligationsMany(tx, {
      reserves: inserted.map((r) => ({ id: r.id as string, enrolledOn, cycleEnd })),
      versionId: programme.versionId,
      rules: programme.rules,
      year,
    });
  });
  const generateSeconds = (performance.now() - started) / 1000;
  log(`${engine}: ${created} obligations in ${generateSeconds.toFixed(2)} s`);

  // 3. A mix of states.
  const marking = performance.now();
  await markStates(database, today, user.id);
  const stateSeconds = (performance.now() - marking) / 1000;
  const states = Object.fromEntries(
    (
      await database.query<{ state: string; n: number }>(
        'SELECT state, count(*)::int AS n FROM obligations GROUP BY 1 ORDER BY 1',
      )
    ).map((r) => [r.state, r.n]),
  );

  // 4. The matrix for the whole tier as the root's hr_admin: the service, then over HTTP.
  const ctx = rootHrContext(database, root, user);
  const matrixQuery = { programmeId: programme.id, year };
  const answer = await getComplianceMatrix(ctx, matrixQuery);
  if (answer.totals.total.total !== created)
    throw new Error(`the matrix counts ${answer.totals.total.total} obligations, ${created} were generated`);
  log(`${engine}: matrix ${answer.rows.length} rows × ${answer.columns.length} rules, ${MATRIX_RUNS} runs`);
  const matrix = await timeRuns(MATRIX_RUNS, () => getComplianceMatrix(ctx, matrixQuery));
  const matrixHttp = await timeMatrixHttp(database, programme.id, year, answer.totals.total.total);

  // 5. EXPLAIN of the statements the services send: the matrix, a drill-down cell, the overdue list.
  const busiest = [...answer.rows].sort((a, b) => b.total.total - a.total.total)[0];
  const ruleKey = answer.columns[0].ruleKey;
  const matrixSql = (await recordStatements(database.db, () => getComplianceMatrix(ctx, matrixQuery))).filter(
    (s) => /obligation_tallies/i.test(s.sql),
  );
  const drillSql = await recordStatements(database.db, () =>
    listComplianceObligations(ctx, {
      ...matrixQuery,
      unitId: busiest.unitId,
      ruleKey,
      status: 'overdue',
      page: 1,
      pageSize: 20,
    }),
  );
  const overdueSql = await recordStatements(database.db, () => listOverdue(ctx, { page: 1, pageSize: 20 }));
  // Statements over obligations, and the counts the tallies answer instead (shown, never a seq scan of obligations).
  const onObligations = (s: Statement) => /from "obligations"|from "obligation_tallies"/i.test(s.sql);
  const pageAndCount = (name: string, list: Statement[]) =>
    list.filter(onObligations).map((s) => ({
      name: `${name}/${/obligation_tallies/i.test(s.sql) ? 'count (tallies)' : /^select count\(/i.test(s.sql) ? 'count' : 'page'}`,
      s,
    }));
  if (matrixSql.length !== 1) throw new Error(`expected one matrix statement, saw ${matrixSql.length}`);
  const cases = [
    { name: 'matrix', s: matrixSql[0] },
    ...pageAndCount('drill-down', drillSql),
    ...pageAndCount('overdue', overdueSql),
  ];
  const explain: ProgrammeExplain[] = [];
  for (const c of cases) explain.push(planFacts(c.name, await explainOne(database, c.s)));
  const analyzed = await database.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${matrixSql[0].sql}`,
    matrixSql[0].params,
  );

  return {
    engine,
    reserves: inserted.length,
    obligations: created,
    generateSeconds,
    reservesPerSecond: inserted.length / generateSeconds,
    stateSeconds,
    states,
    matrixRows: answer.rows.length,
    matrixColumns: answer.columns.length,
    matrix,
    matrixHttp,
    explain,
    matrixAnalyze: analyzed.map((r) => r['QUERY PLAN']),
  };
}

/** GET /api/compliance/matrix through the whole app (session, zod, serialisation) with `inject`. */
async function timeMatrixHttp(
  database: Database,
  programmeId: string,
  year: number,
  expectedTotal: number,
): Promise<Timing> {
  const config = readConfig(
    {},
    { logLevel: 'silent', webDir: '/nonexistent', loginRateLimitPerMinute: 100_000 },
  );
  const app = await buildApp({ config, database, secret: BENCH_SECRET, logger: false });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: BENCH_USER, password: TEST_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const cookie = `houbei_sid=${login.cookies.find((c) => c.name === 'houbei_sid')?.value}`;
    const get = async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/compliance/matrix?programmeId=${programmeId}&year=${year}`,
        headers: { cookie },
      });
      if (res.statusCode !== 200)
        throw new Error(`GET /api/compliance/matrix: ${res.statusCode} ${res.body}`);
      const total = (res.json() as { totals: { total: { total: number } } }).totals.total.total;
      if (total !== expectedTotal) throw new Error(`HTTP matrix counts ${total}, expected ${expectedTotal}`);
    };
    return await timeRuns(HTTP_RUNS, get);
  } finally {
    await app.close();
  }
}
