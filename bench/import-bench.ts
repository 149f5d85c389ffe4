import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase, openLocation } from './engines.js';
import type { ImportWorkerInput, ImportWorkerOutput } from './import-worker.js';
import { BENCH_USER, loadTier } from './load.js';
import type { EngineName, Tier } from './options.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-worker.ts');

export type ImportResult = Partial<ImportWorkerOutput> & {
  engine: EngineName;
  rows: number;
  fileBytes: number;
  /** Measured, or (when stopped at the deadline) an upper bound: rows / deadline. */
  rowsPerSecond: number;
  stoppedAtDeadline: boolean;
  peakRssMB: number;
  seconds: number;
};

/** The Node.js flags README's production set-up gives the server. */
export const PRODUCTION_NODE_FLAGS = '--max-old-space-size=256';

type WorkerOutcome = { done: ImportWorkerOutput } | { stopped: { seconds: number; peakRssMB: number } };

/**
 * Runs the worker; once the import has run `deadlineSeconds` (the bar is then missed anyway) it is
 * stopped, so that one slow engine cannot stretch the bench past its time budget.
 */
function runWorker(input: ImportWorkerInput, deadlineSeconds: number): Promise<WorkerOutcome> {
  return new Promise((resolve, reject) => {
    // The worker runs as README's production set-up runs the server: V8's heap capped at 256 MB. The
    // import streams (its live memory is small); without a cap V8 lets garbage pile up to ~700 MB
    // before collecting. BENCH_IMPORT_NODE_FLAGS='' measures the uncapped default.
    const flags = (process.env.BENCH_IMPORT_NODE_FLAGS ?? PRODUCTION_NODE_FLAGS).split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', WORKER, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let stderr = '';
    let last: ImportWorkerOutput | null = null;
    let peakRssMB = 0;
    let startedAt = 0;
    let timer: NodeJS.Timeout | undefined;
    // Decode as a stream: a chunk may end inside a multi-byte character (the errors are Chinese).
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const message = JSON.parse(line) as Partial<ImportWorkerOutput> & { started?: boolean };
        peakRssMB = Math.max(peakRssMB, message.peakRssMB ?? 0);
        if (message.started) {
          startedAt = performance.now();
          timer = setTimeout(() => child.kill('SIGKILL'), deadlineSeconds * 1000);
        }
        if (message.totalRows !== undefined) last = message as ImportWorkerOutput;
      }
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (last && code === 0) return resolve({ done: last });
      if (signal === 'SIGKILL' && startedAt > 0)
        return resolve({ stopped: { seconds: (performance.now() - startedAt) / 1000, peakRssMB } });
      reject(new Error(`import worker exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

/** Imports one roster file into a fresh database holding only the tier's units (and the importing user). */
export async function benchImport(
  engine: EngineName,
  adminUrl: string,
  tier: Tier,
  file: { path: string; rows: number; bytes: number },
  deadlineSeconds: number,
): Promise<ImportResult> {
  const target = await createBenchDatabase(engine, adminUrl, 'import');
  try {
    const database = await openLocation(target.location);
    try {
      await loadTier(database, tier, { people: false });
    } finally {
      // Closed before the worker opens it: a PGlite directory has one owner at a time.
      await database.close();
    }
    const outcome = await runWorker(
      { location: target.location, file: file.path, username: BENCH_USER },
      deadlineSeconds,
    );
    const base = { engine, rows: file.rows, fileBytes: file.bytes };
    if ('stopped' in outcome) {
      const { seconds, peakRssMB } = outcome.stopped;
      return { ...base, seconds, peakRssMB, rowsPerSecond: file.rows / seconds, stoppedAtDeadline: true };
    }
    const output = outcome.done;
    // Rows the import rejects are a finding (reported), not a bench error; rows it never saw are.
    if (output.totalRows !== file.rows)
      throw new Error(
        `import on ${engine} read ${output.totalRows} of ${file.rows} rows: ${output.errors.join(' | ')}`,
      );
    return { ...base, ...output, rowsPerSecond: output.totalRows / output.seconds, stoppedAtDeadline: false };
  } finally {
    await target.drop();
  }
}
