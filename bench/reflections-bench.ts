/**
 * The copy-check benchmark (QUALITY.md: "copy check of a reflection against 20 000 earlier ones ≤
 * 200 ms"). On an empty database of its own: one programme, 200 reserves with 100 reflection
 * obligations each, 20 000 submitted reflections of 1000–1500 字 generated from a word list
 * (src/cli/demo-reflection-texts.ts), their fingerprints bulk-loaded into the index. Then a new
 * reflection is checked as a submission checks it — the index look-up (`checkCopy`) plus the
 * shared passages of what it matched — for fresh texts and for disguised copies of loaded ones.
 */
import { disguisedCopy, generateReflectionText } from '../src/cli/demo-reflection-texts.js';
import { DEFAULT_RULES } from '../src/core/programme/default-programme.js';
import { countChars } from '../src/core/text/char-count.js';
import { fingerprintsOf, sharedPassages } from '../src/core/text/fingerprint.js';
import { latestTexts } from '../src/server/modules/reflections/reflections.repository.js';
import {
  checkCopy,
  DEFAULT_COPY_SETTINGS,
} from '../src/server/modules/reflections/reflections-copy.service.js';
import { createFieldCipher } from '../src/server/platform/crypto.js';
import type { Database } from '../src/server/platform/db.js';
import { createPerson, createUnit } from '../test/factories.js';
import { createProgramme } from '../test/factories-programme.js';
import { median } from './load-test.js';
import { BENCH_SECRET, type EngineName } from './options.js';

export const REFLECTIONS_LOADED = 20_000;
const RESERVES = 200;
const RUNS = 40;

export type ReflectionsResult = {
  engine: EngineName;
  reflections: number;
  fingerprints: number;
  loadSeconds: number;
  /** The whole check of one new reflection: index look-up and passages of the matches (ms). */
  check: { runs: number; p50: number; p95: number; max: number };
  /** The index look-up alone (ms). */
  lookup: { p50: number; p95: number };
  copiesFlagged: string;
  freshFlagged: number;
  explain: string[];
};

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function load(database: Database, log: (m: string) => void) {
  const { db } = database;
  const cipher = createFieldCipher(BENCH_SECRET);
  const root = await createUnit(db, { name: '查重基准单位' });
  const programme = await createProgramme(db, root, { rules: DEFAULT_RULES });
  const people = [];
  for (let i = 0; i < RESERVES; i++) people.push(await createPerson(db, cipher, root, { idNumber: null }));
  await database.query(
    `INSERT INTO reserves (person_id, programme_id, state, cohort_year, nominated_on, enrolled_on, cycle_end)
     SELECT unnest($1::uuid[]), $2, 'active', 2020, '2020-01-01', '2020-01-01', '2030-12-31'`,
    [people.map((p) => p.id), programme.id],
  );
  // 100 obligations per reserve (reflection periods over the years), one reflection each.
  await database.query(
    `INSERT INTO obligations (reserve_id, programme_version_id, rule_key, period_key, cycle_year, period_start,
       period_end, due_date, actor, actor_key, quantity, min_chars, state)
     SELECT r.id, $1, 'reading_reflection', 'B' || lpad(g::text, 3, '0'), 2020, '2020-01-01', '2020-12-31',
            '2021-01-31', 'reserve', '', 1, 1000, 'submitted'
       FROM reserves r CROSS JOIN generate_series(1, $2::int) g`,
    [programme.versionId, REFLECTIONS_LOADED / RESERVES],
  );
  await database.query(
    `INSERT INTO reflections (obligation_id, reserve_id, person_id, programme_id, rule_key, rule_title, period_key,
       evidence_kind, state, versions, submitted_at)
     SELECT o.id, o.reserve_id, r.person_id, r.programme_id, o.rule_key, '读书心得', o.period_key,
            'reading_reflection', 'submitted', 1, now()
       FROM obligations o JOIN reserves r ON r.id = o.reserve_id ORDER BY o.id`,
  );
  const docs = await database.query<{ id: string; doc_no: number }>(
    'SELECT id, doc_no FROM reflections ORDER BY doc_no',
  );
  log(`reflections: generating ${docs.length} texts and their fingerprints`);
  let fingerprints = 0;
  const BATCH = 500;
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    const hashes: number[] = [];
    const docNos: number[] = [];
    const texts: string[] = [];
    for (const d of batch) {
      const text = generateReflectionText(d.doc_no, 1000 + (d.doc_no % 500));
      texts.push(text);
      for (const h of fingerprintsOf(text)) {
        hashes.push(h);
        docNos.push(d.doc_no);
      }
    }
    fingerprints += hashes.length;
    await database.query(
      'INSERT INTO reflection_fingerprints (hash, doc_no) SELECT unnest($1::int4[]), unnest($2::int4[]) ON CONFLICT DO NOTHING',
      [`{${hashes.join(',')}}`, `{${docNos.join(',')}}`],
    );
    await database.query(
      `INSERT INTO reflection_versions (reflection_id, number, text, chars, breakdown, submitted_on)
       SELECT id, 1, text, 1000, '{"total":1000,"hanzi":900,"punctuation":100,"otherAsian":0,"words":0}', '2021-01-01'
         FROM unnest($1::uuid[], $2::text[]) AS t(id, text)`,
      [batch.map((d) => d.id), texts],
    );
  }
  await database.query(`UPDATE reflections SET fingerprints = 120`);
  await database.query(
    'INSERT INTO reflection_hash_counts (hash, docs) SELECT hash, count(*) FROM reflection_fingerprints GROUP BY hash',
  );
  await database.query('VACUUM ANALYZE');
  return { docs, fingerprints };
}

/** Loads the index and times the check of new reflections against it. */
export async function benchReflections(
  engine: EngineName,
  database: Database,
  log: (message: string) => void,
): Promise<ReflectionsResult> {
  await database.migrate();
  const started = performance.now();
  const { docs, fingerprints } = await load(database, log);
  const loadSeconds = (performance.now() - started) / 1000;
  log(`reflections: ${docs.length} reflections, ${fingerprints} fingerprints in ${loadSeconds.toFixed(1)} s`);
  const checks: number[] = [];
  const lookups: number[] = [];
  let copies = 0;
  let copiesFlagged = 0;
  let freshFlagged = 0;
  const personId = crypto.randomUUID();
  for (let run = 0; run < RUNS; run++) {
    // Every other run a disguised copy of a loaded reflection; otherwise a fresh text.
    const copied = run % 2 === 1 ? docs[(run * 7919) % docs.length] : null;
    const text = copied
      ? disguisedCopy(generateReflectionText(copied.doc_no, 1000 + (copied.doc_no % 500)))
      : generateReflectionText(1_000_000 + run, 1200);
    const t0 = performance.now();
    const fps = fingerprintsOf(text);
    const check = await checkCopy(database.db, {
      docNo: -1,
      personId,
      fingerprints: fps,
      settings: DEFAULT_COPY_SETTINGS,
    });
    const t1 = performance.now();
    const texts = await latestTexts(
      database.db,
      check.matches.map((m) => m.reflectionId),
    );
    for (const other of texts.values()) sharedPassages(text, other);
    const t2 = performance.now();
    lookups.push(t1 - t0);
    checks.push(t2 - t0);
    const flagged = check.matches.some((m) => m.score >= DEFAULT_COPY_SETTINGS.thresholdPercent);
    if (copied) {
      copies++;
      if (flagged && check.matches[0].reflectionId === copied.id) copiesFlagged++;
    } else if (flagged) freshFlagged++;
    if (run === 0) log(`reflections: first check ${checks[0].toFixed(1)} ms (${countChars(text).total} 字)`);
  }
  const probe = fingerprintsOf(generateReflectionText(42, 1200));
  const explain = await database.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT doc_no, count(*) FROM reflection_fingerprints WHERE hash = ANY($1::int4[]) GROUP BY doc_no`,
    [`{${probe.join(',')}}`],
  );
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    engine,
    reflections: docs.length,
    fingerprints,
    loadSeconds: round(loadSeconds),
    check: {
      runs: RUNS,
      p50: round(median(checks)),
      p95: round(quantile(checks, 0.95)),
      max: round(Math.max(...checks)),
    },
    lookup: { p50: round(median(lookups)), p95: round(quantile(lookups, 0.95)) },
    copiesFlagged: `${copiesFlagged}/${copies}`,
    freshFlagged,
    explain: explain.map((row) => row['QUERY PLAN']),
  };
}
