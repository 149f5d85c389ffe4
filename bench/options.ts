/** What `npm run bench` measures, from the environment (defaults keep the run short). */

export type TierName = 'S' | 'M' | 'XL';
export type EngineName = 'postgres' | 'pglite';

export type Tier = { name: TierName; units: number; people: number };

/** QUALITY.md "Scale we design for": employees and org units per tier. */
export const TIERS: Record<TierName, Tier> = {
  S: { name: 'S', units: 1_500, people: 20_000 },
  M: { name: 'M', units: 8_000, people: 150_000 },
  // A national group: PostgreSQL only (QUALITY.md); BENCH_TIER=XL BENCH_ENGINE=postgres BENCH_PARTS=programme.
  XL: { name: 'XL', units: 80_000, people: 1_600_000 },
};

export type BenchOptions = {
  tier: Tier;
  /** Engines asked for; `postgres` is dropped later when the server is unreachable and not asked for explicitly. */
  engines: EngineName[];
  explicitEngine: boolean;
  /** A connection string to an existing database; the bench creates and drops its own next to it. */
  adminUrl: string;
  /** Seconds per autocannon round, and rounds per side (A, B, A, B …). */
  seconds: number;
  rounds: number;
  connections: number;
  importRows: number[];
  /** Which parts run (BENCH_PARTS, comma-separated; default all): list, programme, import, and later ones. */
  parts: Set<string>;
  /** BENCH_KEEP=1 leaves the PostgreSQL bench database in place afterwards, to look at plans by hand. */
  keepDatabase: boolean;
};

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export function readOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const tierName = (env.BENCH_TIER ?? 'S').toUpperCase();
  if (tierName !== 'S' && tierName !== 'M' && tierName !== 'XL')
    throw new Error(`BENCH_TIER must be S, M or XL, not ${tierName}`);
  const engine = (env.BENCH_ENGINE ?? 'both').toLowerCase();
  if (!['both', 'postgres', 'pglite'].includes(engine))
    throw new Error('BENCH_ENGINE must be pglite, postgres or both');
  const engines: EngineName[] = engine === 'both' ? ['postgres', 'pglite'] : [engine as EngineName];
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    tier: TIERS[tierName],
    engines,
    explicitEngine: engine !== 'both',
    adminUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    seconds: positive('BENCH_SECONDS', 8),
    rounds: Math.round(positive('BENCH_ROUNDS', 2)),
    connections: 16,
    importRows: (env.BENCH_IMPORT_ROWS ?? '10000,100000')
      .split(',')
      .map(Number)
      .filter((n) => n > 0),
    parts: new Set((env.BENCH_PARTS ?? 'all').split(',').map((p) => p.trim().toLowerCase())),
    keepDatabase: env.BENCH_KEEP === '1',
  };
}

/** Whether a part of the bench was asked for (all parts run by default). */
export function wants(options: BenchOptions, part: string): boolean {
  return options.parts.has('all') || options.parts.has(part);
}
