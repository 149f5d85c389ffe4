/**
 * Profiling aid (not part of `npm run bench`): serves GET /api/people from a kept bench database
 * (`BENCH_KEEP=1 BENCH_PARTS=list npm run bench` first) under load, for `node --cpu-prof`.
 * Usage: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-list.ts
 */
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app.js';
import { readConfig } from '../src/server/platform/config.js';
import { openDatabase } from '../src/server/platform/db.js';
import { TEST_PASSWORD } from '../test/factories.js';
import { BENCH_USER } from './load.js';
import { BENCH_SECRET } from './options.js';

const url = process.env.BENCH_PROFILE_URL ?? 'postgres://postgres@127.0.0.1:5432/houbei_bench_main';
const database = await openDatabase({ kind: 'postgres', url });
const config = readConfig(
  {},
  { logLevel: 'silent', webDir: '/nonexistent', loginRateLimitPerMinute: 100_000 },
);
const app = await buildApp({ config, database, secret: BENCH_SECRET, logger: false });
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: BENCH_USER, password: TEST_PASSWORD },
});
const cookie = `houbei_sid=${login.cookies.find((c) => c.name === 'houbei_sid')?.value}`;
const result = await autocannon({
  url: `${base}/api/people?page=1&pageSize=20`,
  connections: 16,
  duration: Number(process.env.BENCH_SECONDS ?? 8),
  headers: { cookie },
});
console.log(`${result.requests.average} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
await app.close();
await database.close();
