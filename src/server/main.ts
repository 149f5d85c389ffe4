import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { DEFAULT_ADMIN, prepareDatabase } from './bootstrap.js';
import { type Config, readConfig } from './platform/config.js';
import { createFieldCipher } from './platform/crypto.js';
import { type Database, openDatabase } from './platform/db.js';
import { loadSecret } from './platform/secret.js';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data directory. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

/** Starts the server: open and prepare the database, listen, and shut down gracefully on signals. */
export async function startServer(options: { demo: boolean; config?: Config }): Promise<FastifyInstance> {
  const config = options.config ?? readConfig();
  const database = await openConfiguredDatabase(config);
  const { secret, source } = loadSecret(config);
  if (source === 'generated')
    console.log(
      `A new encryption key was written to ${config.dataDir}/secret.key — back it up with the database.`,
    );
  const prepared = await prepareDatabase(database, createFieldCipher(secret), { demo: options.demo });
  if (prepared.demo)
    console.log(`Demo organisation created: ${prepared.demo.units} units, ${prepared.demo.people} people.`);
  if (prepared.adminPassword) {
    console.log('\n========================================================');
    console.log(` System administrator: ${DEFAULT_ADMIN}`);
    console.log(` One-time password:    ${prepared.adminPassword}`);
    console.log(' (shown once; you must change it at first sign-in)');
    console.log('========================================================\n');
  }
  const app = await buildApp({ config, database, secret });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests, then checkpoint and close');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    throw error;
  }
  console.log(
    `Houbei is running on http://localhost:${config.port} (${database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})`,
  );
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer({ demo: !process.argv.includes('--no-demo') && process.env.HOUBEI_DEMO !== 'false' }).catch(
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
