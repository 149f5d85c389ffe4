import type { Db } from './db.js';

/** Thrown inside the transaction to undo a preview, or a file with errors. */
class RollBack extends Error {}

/**
 * Runs an import inside one transaction that commits only when `shouldCommit()` still says so at
 * the end (a commit request with no row errors); otherwise everything is undone — a preview always
 * is, which makes its counts exact. Returns whether it committed.
 */
export async function runImportTransaction(
  db: Db,
  work: (tx: Db) => Promise<void>,
  shouldCommit: () => boolean,
): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      await work(tx);
      if (!shouldCommit()) throw new RollBack();
    });
    return true;
  } catch (error) {
    if (error instanceof RollBack) return false;
    throw error;
  }
}
