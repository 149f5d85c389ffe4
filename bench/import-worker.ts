/**
 * One import in a process of its own, so that its peak RSS is the import's (plus an idle server's
 * baseline) and nothing earlier in the bench. Argument: JSON { location, file, username }.
 * Prints one JSON line: timings, the report's counts and memory.
 */
import { readFileSync } from 'node:fs';
import { findUserByUsername, listGrantsOfUser } from '../src/server/modules/auth/auth.repository.js';
import { importPeople } from '../src/server/modules/people/people-import.service.js';
import { createFieldCipher } from '../src/server/platform/crypto.js';
import { type DatabaseLocation, openLocation } from './engines.js';
import { BENCH_SECRET } from './options.js';

export type ImportWorkerInput = { location: DatabaseLocation; file: string; username: string };
export type ImportWorkerOutput = {
  seconds: number;
  totalRows: number;
  created: number;
  updated: number;
  committed: boolean;
  /** Errors the report lists (cells and rows refused); any one makes the import roll back. */
  errorCount: number;
  errors: string[];
  /** RSS once the database is open and before the file is read: what any server process holds. */
  rssBeforeMB: number;
  peakRssMB: number;
};

/** The process's peak resident set so far (maxRSS is in kilobytes). */
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '') as ImportWorkerInput;
  const database = await openLocation(input.location);
  try {
    // The actor and context exactly as `houbei import-people --as <user>` builds them.
    const user = await findUserByUsername(database.db, input.username);
    if (!user) throw new Error(`no user ${input.username}`);
    const actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      personId: user.personId,
      grants: await listGrantsOfUser(database.db, user.id),
    };
    const ctx = {
      db: database.db,
      actor,
      audit: { userId: user.id, displayName: `${user.displayName} (CLI)`, ip: null },
      cipher: createFieldCipher(BENCH_SECRET),
      lang: 'zh' as const,
    };
    const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
    // Progress lines let the parent stop a hopeless import at its deadline and still know the peak so far.
    process.stdout.write(`${JSON.stringify({ started: true, peakRssMB: peakRssMB() })}\n`);
    const ticker = setInterval(
      () => process.stdout.write(`${JSON.stringify({ peakRssMB: peakRssMB() })}\n`),
      1000,
    );
    const started = performance.now();
    const report = await importPeople(ctx, readFileSync(input.file), { commit: true });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(ticker);
    const output: ImportWorkerOutput = {
      seconds,
      totalRows: report.totalRows,
      created: report.created,
      updated: report.updated,
      committed: report.committed,
      errorCount: report.errors.filter((e) => e.row > 0).length,
      errors: report.errors.slice(0, 3).map((e) => `row ${e.row} [${e.column}] ${e.value}: ${e.message}`),
      rssBeforeMB,
      peakRssMB: peakRssMB(),
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
