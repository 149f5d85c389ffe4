import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';

/**
 * Inserts many rows in one statement with a single JSON parameter
 * (`INSERT … SELECT … FROM json_populate_recordset`). Building a multi-row insert through the query
 * builder costs more CPU than the database spends on it (a third of an import's time went into
 * Drizzle's SQL assembly); this costs one JSON.stringify. Only the columns some row names are
 * written, so the others take their defaults (a row without a named column writes NULL there).
 * Values must be JSON-safe (Dates become ISO text).
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: Partial<T['$inferInsert']>[],
  options: { onConflictDoNothing?: boolean; returning?: (keyof T['$inferSelect'] & string)[] } = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((k) => k in columns);
  const names = keys.map((k) => `"${columns[k].name}"`).join(', ');
  const payload = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const k of keys) out[columns[k].name] = (row as Record<string, unknown>)[k] ?? null;
    return out;
  });
  const tableName = `"${getTableName(table)}"`;
  const returning = options.returning?.length
    ? ` RETURNING ${options.returning.map((k) => `"${columns[k].name}" AS "${k}"`).join(', ')}`
    : '';
  const conflict = options.onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '';
  const statement = sql`${sql.raw(`INSERT INTO ${tableName} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${tableName}, `)}${JSON.stringify(payload)}${sql.raw(`::json)${conflict}${returning}`)}`;
  const result = (await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows ?? [];
}
