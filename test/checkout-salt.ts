import { createHash } from 'node:crypto';

/**
 * A small number derived from this checkout's path, so that two checkouts of the project (git
 * worktrees) can run their tests side by side on one machine without sharing a PostgreSQL template
 * database or an end-to-end server port.
 */
export function checkoutSalt(): number {
  return createHash('sha256').update(process.cwd()).digest().readUInt16BE(0) % 1000;
}
