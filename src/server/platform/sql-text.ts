import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching the text anywhere (`%text%`), the text taken literally. */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}

/**
 * SQL: a dated relation (a 分管 charge, a mentorship) held on `day`: begun on or before it and not
 * ended before it (`endOn` is the last day; null while it lasts).
 */
export function heldOnDay(startOn: PgColumn, endOn: PgColumn, day: string): SQL {
  return sql`(${startOn} <= ${day}::date AND (${endOn} IS NULL OR ${endOn} >= ${day}::date))`;
}
