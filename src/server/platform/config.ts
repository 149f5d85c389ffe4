import { z } from 'zod';

/** Runtime configuration, read once from the environment and validated at start. */
const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  /** Directory of the embedded PGlite database, its lock file and the generated secret key. */
  dataDir: z.string().default('./data'),
  /** When set, PostgreSQL is used instead of the embedded database. */
  databaseUrl: z.string().url().optional(),
  /** 32+ character secret used to encrypt ID numbers; generated into dataDir when absent. */
  secret: z.string().min(32).optional(),
  sessionIdleMinutes: z.coerce.number().int().min(1).default(30),
  sessionAbsoluteHours: z.coerce.number().int().min(1).default(12),
  /** Set the Secure flag on cookies (behind HTTPS). */
  cookieSecure: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  trustProxy: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  loginRateLimitPerMinute: z.coerce.number().int().min(1).default(20),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directory of the built web app; the API still serves without it. */
  webDir: z.string().default('./dist/web'),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Reads the configuration from environment variables (HOUBEI_* and DATABASE_URL, PORT). */
export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.HOUBEI_DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    secret: env.HOUBEI_SECRET || undefined,
    sessionIdleMinutes: env.HOUBEI_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.HOUBEI_SESSION_ABSOLUTE_HOURS,
    cookieSecure: env.HOUBEI_COOKIE_SECURE,
    trustProxy: env.HOUBEI_TRUST_PROXY,
    loginRateLimitPerMinute: env.HOUBEI_LOGIN_RATE_LIMIT,
    logLevel: env.LOG_LEVEL,
    webDir: env.HOUBEI_WEB_DIR,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, ...overrides };
}
