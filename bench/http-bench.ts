import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { COUNT_CAP } from '../src/server/modules/people/people.repository.js';
import { readConfig } from '../src/server/platform/config.js';
import { sha256 } from '../src/server/platform/crypto.js';
import type { Database } from '../src/server/platform/db.js';
import { TEST_PASSWORD } from '../test/factories.js';
import { type RunStatement, startBareServer } from './bare-route.js';
import type { DatabaseLocation } from './engines.js';
import { endpointStatements, type ListStatements, sessionStatement } from './list-sql.js';
import { BENCH_USER } from './load.js';
import { type SideBySide, sideBySide } from './load-test.js';
import { BENCH_SECRET } from './options.js';

export type HttpCase = { name: string; query: Record<string, string> };
export type HttpResult = HttpCase & SideBySide;

const qs = (query: Record<string, string>) => new URLSearchParams(query).toString();

/**
 * Starts the real app and the bare route on the same database, checks that both answer the same
 * page, then measures each case side by side (A = endpoint, B = bare route).
 */
export async function benchHttp(
  database: Database,
  location: DatabaseLocation,
  rootPath: string,
  cases: HttpCase[],
  options: { connections: number; seconds: number; rounds: number },
): Promise<HttpResult[]> {
  const config = readConfig(
    {},
    { logLevel: 'silent', webDir: '/nonexistent', loginRateLimitPerMinute: 100_000 },
  );
  const app = await buildApp({ config, database, secret: BENCH_SECRET, logger: false });
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  // The bare route gets a pool of its own, as large as the app's (openDatabase's default of 10).
  const pool =
    location.engine === 'postgres' ? new pg.Pool({ connectionString: location.url, max: 10 }) : null;
  const run: RunStatement = pool
    ? async (s) => (await pool.query(s.sql, s.params)).rows
    : (s) => database.query<Record<string, unknown>>(s.sql, s.params);
  const statements: Record<string, ListStatements> = {};
  for (const c of cases) statements[c.name] = await endpointStatements(rootPath, c.query);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: BENCH_USER, password: TEST_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const token = login.cookies.find((c) => c.name === 'houbei_sid')?.value ?? '';
  const cookie = `houbei_sid=${token}`;
  const sessionId = sha256(token);
  const bare = await startBareServer(run, statements, {
    statement: await sessionStatement(sessionId),
    sessionId,
  });
  try {
    const results: HttpResult[] = [];
    for (const c of cases) {
      const endpoint = {
        label: `endpoint ${c.name}`,
        url: `${appUrl}/api/people?${qs(c.query)}`,
        headers: { cookie },
      };
      const baseline = { label: `bare ${c.name}`, url: `${bare.url}/bare/${c.name}`, headers: { cookie } };
      await assertSameAnswer(endpoint, baseline);
      results.push({ ...c, ...(await sideBySide(endpoint, baseline, options)) });
    }
    return results;
  } finally {
    await bare.app.close();
    await app.close();
    await pool?.end();
  }
}

type Page = { total: number; items: { employeeNo?: string; employee_no?: string }[] };

/** Guards the comparison: the bare route must return the same total and the same first row. */
async function assertSameAnswer(
  endpoint: { url: string; headers: Record<string, string> },
  baseline: { url: string; headers: Record<string, string> },
): Promise<void> {
  const get = async (url: string, headers?: Record<string, string>): Promise<Page> => {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Page;
  };
  const [e, b] = await Promise.all([
    get(endpoint.url, endpoint.headers),
    get(baseline.url, baseline.headers),
  ]);
  const first = (p: Page) => p.items[0]?.employeeNo ?? p.items[0]?.employee_no;
  // The bare route runs the same count but does not clamp a live one (COUNT_CAP + 1 means "more");
  // a total from the people counts is exact on both sides.
  const bareTotal = Number(b.total);
  if (
    (e.total !== bareTotal && !(e.total === COUNT_CAP && bareTotal > COUNT_CAP)) ||
    e.items.length !== b.items.length ||
    first(e) !== first(b)
  ) {
    throw new Error(
      `endpoint and bare route disagree: total ${e.total}/${b.total}, first ${first(e)}/${first(b)}`,
    );
  }
}
