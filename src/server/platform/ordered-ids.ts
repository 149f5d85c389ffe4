import { randomBytes } from 'node:crypto';

/**
 * Ids for rows made in bulk (a schedule year: 170 000 obligations in a few statements), laid out as
 * UUID version 7: the first 48 bits are the time in milliseconds, then random bits, then a counter
 * the statement fills in (the last 8 hex digits). Rows a statement makes get increasing ids, so the
 * primary-key index takes each one on its rightmost page instead of at a random place: on the
 * embedded database that halved the cost of the key and was a fifth of the whole generation.
 *
 * Unique: the 42 random bits separate two statements in the same millisecond, the counter the rows
 * of one. Not secret: an id says when it was made and its neighbours can be guessed, so, as for every
 * id, nothing may be reachable by its id alone (every route checks scope; see access tests).
 */
export const ORDERED_ID_COUNTER_DIGITS = 8;

/** The first 28 characters of an id (everything but the counter), for one statement. */
export function orderedIdPrefix(now = Date.now()): string {
  const time = Math.floor(now).toString(16).padStart(12, '0').slice(-12);
  const random = randomBytes(6).toString('hex'); // 12 hex digits; 42 of the 48 bits are used
  const variant = (8 + (Number.parseInt(random[3], 16) & 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(7, 11)}`;
}

/** The id of row `counter` (0-based) of a statement; the SQL of the bulk insert computes the same. */
export function orderedId(prefix: string, counter: number): string {
  if (!Number.isInteger(counter) || counter < 0 || counter >= 16 ** ORDERED_ID_COUNTER_DIGITS)
    throw new RangeError(`counter out of range: ${counter}`);
  return prefix + counter.toString(16).padStart(ORDERED_ID_COUNTER_DIGITS, '0');
}
