import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_ADMIN, ensureRootUnit, loadDemoOrganisation } from '../server/bootstrap.js';
import { openConfiguredDatabase } from '../server/main.js';
import { findUserByUsername, listGrantsOfUser } from '../server/modules/auth/auth.repository.js';
import { importPeople } from '../server/modules/people/people-import.service.js';
import { programmes } from '../server/modules/programmes/programmes.table.js';
import { rollOver } from '../server/modules/reserves/reserves.service.js';
import { backupDatabase, restoreDatabase } from '../server/modules/system/backup.js';
import { createSystemAdmin } from '../server/modules/users/users.service.js';
import { readConfig } from '../server/platform/config.js';
import { createFieldCipher } from '../server/platform/crypto.js';
import type { Database } from '../server/platform/db.js';
import type { ServiceContext } from '../server/platform/request-context.js';
import { loadSecret } from '../server/platform/secret.js';

/** The service context of a CLI command run with a user's rights (audited as them, marked CLI). */
async function cliContext(db: Database, username: string): Promise<ServiceContext> {
  const user = await findUserByUsername(db.db, username);
  if (!user?.active) throw new Error(`No active user "${username}".`);
  const actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    personId: user.personId,
    grants: await listGrantsOfUser(db.db, user.id),
  };
  return {
    db: db.db,
    actor,
    audit: { userId: user.id, displayName: `${user.displayName} (CLI)`, ip: null },
    cipher: createFieldCipher(loadSecret(readConfig()).secret),
    lang: 'zh',
  };
}

/** Opens the configured database, runs the task, and always closes (checkpoint, unlock). */
async function withDatabase<T>(task: (database: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openConfiguredDatabase(config);
  try {
    return await task(database);
  } finally {
    await database.close();
  }
}

const program = new Command()
  .name('houbei')
  .description(
    'Houbei 后备 — administration commands. The database is the one the server uses (DATABASE_URL or HOUBEI_DATA_DIR).',
  );

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDatabase(async (db) => {
      await db.migrate();
      console.log('Migrations applied.');
    }),
  );

program
  .command('create-admin')
  .description('create a system administrator (or reset one) and print a one-time password')
  .option('-u, --username <name>', 'user name', DEFAULT_ADMIN)
  .action((options: { username: string }) =>
    withDatabase(async (db) => {
      await db.migrate();
      const password = await createSystemAdmin(db.db, {
        username: options.username,
        rootUnitId: await ensureRootUnit(db),
      });
      console.log(`System administrator "${options.username}" — one-time password: ${password}`);
    }),
  );

program
  .command('demo')
  .description('load the demo organisation (units and ~200 people) into an empty database')
  .action(() =>
    withDatabase(async (db) => {
      await db.migrate();
      const loaded = await loadDemoOrganisation(db, createFieldCipher(loadSecret(readConfig()).secret));
      console.log(`Demo organisation loaded: ${loaded.units} units, ${loaded.people} people.`);
    }),
  );

program
  .command('import-people')
  .description('import a roster (.xlsx in the template layout), all or nothing, acting as a user')
  .argument('<file>', 'the .xlsx file')
  .option('--as <username>', 'the user whose rights apply (audited as them)', DEFAULT_ADMIN)
  .option('--dry-run', 'validate only, write nothing')
  .action((file: string, options: { as: string; dryRun?: boolean }) =>
    withDatabase(async (db) => {
      const ctx = await cliContext(db, options.as);
      const report = await importPeople(ctx, readFileSync(file), { commit: !options.dryRun });
      for (const e of report.errors)
        console.log(
          `row ${e.row}${e.column ? ` [${e.column}]` : ''}${e.value ? ` "${e.value}"` : ''}: ${e.message}`,
        );
      console.log(
        `${report.totalRows} rows: ${report.created} created, ${report.updated} updated — ${report.committed ? 'committed' : 'nothing written'}.`,
      );
      if (report.errors.length > 0) process.exitCode = 2;
    }),
  );

program
  .command('roll-over')
  .description("generate a year's obligations for every active reserve (idempotent: safe to run again)")
  .requiredOption('-y, --year <year>', 'the calendar year to schedule', (v) => Number(v))
  .option('-p, --programme <id>', 'one programme (default: every active programme)')
  .option('--as <username>', 'the user whose rights apply (audited as them)', DEFAULT_ADMIN)
  .action((options: { year: number; programme?: string; as: string }) =>
    withDatabase(async (db) => {
      const ctx = await cliContext(db, options.as);
      const all = await db.db
        .select({ id: programmes.id, name: programmes.name, active: programmes.active })
        .from(programmes);
      const targets = all.filter((p) => (options.programme ? p.id === options.programme : p.active));
      if (targets.length === 0) throw new Error('No such programme.');
      for (const p of targets) {
        const result = await rollOver(ctx, { programmeId: p.id, year: options.year });
        console.log(
          `${p.name}: ${result.created} obligations created for ${result.reserves} reserves in ${options.year}.`,
        );
      }
    }),
  );

program
  .command('backup')
  .description('write the whole database to a compressed file (keep secret.key / HOUBEI_SECRET with it)')
  .argument('<file>', 'target file, e.g. houbei-2026-11-24.jsonl.gz')
  .action((file: string) =>
    withDatabase(async (db) => {
      const counts = await backupDatabase(db, file);
      console.log(`Backup written to ${file}:`, counts);
    }),
  );

program
  .command('restore')
  .description(
    'restore a backup into an empty database (a new data directory or an empty PostgreSQL database)',
  )
  .argument('<file>', 'a file written by backup')
  .action((file: string) =>
    withDatabase(async (db) => {
      const counts = await restoreDatabase(db, file);
      console.log('Restored:', counts);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
