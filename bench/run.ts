/**
 * `npm run bench`: loads a tier on each engine, measures GET /api/people against a bare route,
 * EXPLAINs the list queries, times schedule generation and the compliance matrix of a programme
 * over the tier's reserves, and times the roster import in child processes. Prints a table and
 * writes bench/results/latest.json. A missed bar is reported, not fatal; an error exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCourses } from './courses-bench.js';
import { createBenchDatabase, type EngineDatabase, openLocation, postgresReachable } from './engines.js';
import { explainCases } from './explain.js';
import { benchHttp } from './http-bench.js';
import { benchImport } from './import-bench.js';
import { endpointStatements, subtreeStatements } from './list-sql.js';
import { loadTier } from './load.js';
import { benchMentoring } from './mentoring-bench.js';
import { type BenchOptions, type EngineName, readOptions, wants } from './options.js';
import { benchProgramme } from './programme-bench.js';
import { benchReflections } from './reflections-bench.js';
import { judge, printSummary, type Results, writeResults } from './report.js';
import { writeRoster } from './roster-file.js';
import { benchTraining } from './training-bench.js';
import { benchWeb } from './web-bench.js';

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Load, EXPLAIN and HTTP on one engine, in a database of its own that is dropped afterwards. */
async function benchEngine(engine: EngineName, options: BenchOptions, results: Results): Promise<void> {
  const target: EngineDatabase = await createBenchDatabase(engine, options.adminUrl, 'main');
  try {
    const database = await openLocation(target.location);
    try {
      log(`${engine}: loading tier ${options.tier.name}`);
      const loaded = await loadTier(database, options.tier, { people: true });
      results.load.push({
        engine,
        units: loaded.units,
        people: loaded.people,
        generateSeconds: loaded.generateSeconds,
        loadSeconds: loaded.loadSeconds,
      });
      log(`${engine}: ${loaded.people} people, ${loaded.units} units in ${loaded.loadSeconds.toFixed(1)} s`);

      if (wants(options, 'list')) await benchList(database, target, loaded, options, results, engine);
      // The programme: reserves, a year's schedule, the compliance matrix and its plans (issue 3).
      if (wants(options, 'programme'))
        results.programme.push(await benchProgramme(engine, database, options.tier, loaded, log));
      // Talks and mentors: the reward over the tier, one Word form (issue 5).
      if (wants(options, 'mentoring'))
        results.mentoring.push(await benchMentoring(engine, database, options.tier, loaded, log));
      // Learning: a training over the tier's reserves, its participants and export, a reading plan.
      if (wants(options, 'training'))
        results.training.push(await benchTraining(engine, database, options.tier, loaded, log));
      // The web bars: scripts before the login page, the dashboard's LCP (on the programme's data).
      if (wants(options, 'web')) {
        const web = await benchWeb(engine, database, log);
        if (web) results.web.push(web);
      }
    } finally {
      await database.close();
    }
  } finally {
    if (options.keepDatabase && engine === 'postgres') log(`kept ${JSON.stringify(target.location)}`);
    else await target.drop();
  }
}

/** GET /api/people against a bare route, and the EXPLAIN of the list queries (QUALITY.md). */
async function benchList(
  database: Awaited<ReturnType<typeof openLocation>>,
  target: EngineDatabase,
  loaded: Awaited<ReturnType<typeof loadTier>>,
  options: BenchOptions,
  results: Results,
  engine: EngineName,
): Promise<void> {
  // A common surname, and a county branch for the subtree filter — both from the loaded data.
  const [{ surname }] = await database.query<{ surname: string }>(
    'SELECT left(name, 1) AS surname FROM people GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
  );
  const [{ path: countyPath }] = await database.query<{ path: string }>(
    "SELECT path FROM org_units WHERE type = 'county_branch' ORDER BY sort_order LIMIT 1",
  );
  const plans = await explainCases(database, {
    list: await endpointStatements(loaded.rootPath, { page: '1', pageSize: '20' }),
    search: await endpointStatements(loaded.rootPath, { page: '1', pageSize: '20', q: surname }),
    subtree: await subtreeStatements(loaded.rootPath, countyPath),
  });
  results.explain.push(...plans.map((p) => ({ ...p, engine })));

  const http = { connections: options.connections, seconds: options.seconds };
  log(`${engine}: list, ${options.rounds} rounds × ${options.seconds} s per side`);
  const list = await benchHttp(
    database,
    target.location,
    loaded.rootPath,
    [{ name: 'list', query: { page: '1', pageSize: '20' } }],
    { ...http, rounds: options.rounds },
  );
  // The search case is for information: one round per side keeps the default run short.
  log(`${engine}: search q=${surname}, 1 round per side`);
  const search = await benchHttp(
    database,
    target.location,
    loaded.rootPath,
    [{ name: `search`, query: { page: '1', pageSize: '20', q: surname } }],
    { ...http, rounds: 1 },
  );
  results.http.push(...[...list, ...search].map((h) => ({ ...h, engine })));
}

async function benchImports(engines: EngineName[], options: BenchOptions, results: Results): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'houbei-bench-rosters-'));
  try {
    for (const rows of options.importRows) {
      const file = path.join(dir, `roster-${rows}.xlsx`);
      log(`writing a roster of ${rows} rows`);
      const written = await writeRoster(file, rows, options.tier.units);
      results.rosters.push({ rows, ...written });
      for (const engine of engines) {
        // Past 1.2× the time the bar allows the bar is missed anyway; stop there to bound the run.
        const deadline = Math.max(25, (1.2 * rows) / 2000);
        log(`${engine}: importing ${rows} rows (deadline ${deadline.toFixed(0)} s)`);
        const result = await benchImport(
          engine,
          options.adminUrl,
          options.tier,
          { path: file, rows, bytes: written.bytes },
          deadline,
        );
        results.imports.push(result);
        log(
          `${engine}: ${result.stoppedAtDeadline ? 'stopped at the deadline' : `${result.rowsPerSecond.toFixed(0)} rows/s`}, peak RSS ${result.peakRssMB.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The copy check (issue 4): its own database per engine, 20 000 reflections in the index. */
async function benchReflectionsPart(engines: EngineName[], options: BenchOptions, results: Results) {
  for (const engine of engines) {
    const target = await createBenchDatabase(engine, options.adminUrl, 'reflections');
    try {
      const database = await openLocation(target.location);
      try {
        results.reflections.push(await benchReflections(engine, database, log));
      } finally {
        await database.close();
      }
    } finally {
      if (options.keepDatabase && engine === 'postgres') log(`kept ${JSON.stringify(target.location)}`);
      else await target.drop();
    }
  }
}

/** The completion import (50 000 rows) and its re-import: its own database per engine. */
async function benchCoursesPart(engines: EngineName[], options: BenchOptions, results: Results) {
  for (const engine of engines) {
    const target = await createBenchDatabase(engine, options.adminUrl, 'courses');
    try {
      const database = await openLocation(target.location);
      try {
        results.courses.push(await benchCourses(engine, database, log));
      } finally {
        await database.close();
      }
    } finally {
      if (options.keepDatabase && engine === 'postgres') log(`kept ${JSON.stringify(target.location)}`);
      else await target.drop();
    }
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = readOptions();
  let engines = options.engines;
  if (engines.includes('postgres') && !(await postgresReachable(options.adminUrl))) {
    if (options.explicitEngine) throw new Error(`PostgreSQL is not reachable at ${options.adminUrl}`);
    log('PostgreSQL is not reachable: PGlite only');
    engines = engines.filter((e) => e !== 'postgres');
  }
  const results: Results = {
    startedAt: new Date().toISOString(),
    tier: options.tier.name,
    engines,
    machine: { cpus: os.cpus().length, loadAverageAtStart: os.loadavg() },
    load: [],
    http: [],
    explain: [],
    rosters: [],
    imports: [],
    programme: [],
    mentoring: [],
    training: [],
    web: [],
    reflections: [],
    courses: [],
    bars: [],
  };
  if (['list', 'programme', 'mentoring', 'training', 'web'].some((part) => wants(options, part)))
    for (const engine of engines) await benchEngine(engine, options, results);
  if (wants(options, 'import')) await benchImports(engines, options, results);
  if (wants(options, 'reflections')) await benchReflectionsPart(engines, options, results);
  if (wants(options, 'courses')) await benchCoursesPart(engines, options, results);
  results.machine.loadAverageAtEnd = os.loadavg();
  results.seconds = (performance.now() - started) / 1000;
  results.bars = judge(results, options.tier.name);
  printSummary(results);
  log(`results written to ${writeResults(results)}`);
}

main().then(
  // PGlite and pg may leave handles open; the work is done.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
