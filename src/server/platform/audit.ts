import type { AuditAction } from '../../core/audit/actions.js';
import type { Actor } from './access.js';
import { auditLog } from './audit.table.js';
import { bulkInsert } from './bulk-insert.js';
import type { Db } from './db.js';

/** What one audit entry records; `before`/`after` are the changed record's fields. */
export type AuditEntry = {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  unitPath?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
};

/** Who did it and from where. */
export type AuditActor = Pick<Actor, 'userId' | 'displayName'> & { ip?: string | null };

// Fields that must never reach the audit log in clear.
const REDACTED_FIELDS = new Set([
  'passwordHash',
  'idNumberCipher',
  'idNumberHash',
  'idNumber',
  'data',
  'csrfToken',
]);

function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value ?? null;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (REDACTED_FIELDS.has(key)) out[key] = field == null ? null : '[redacted]';
    else out[key] = field instanceof Date ? field.toISOString() : field;
  }
  return out;
}

/** Appends an audit entry inside the caller's transaction, so the change and its record commit together. */
export async function writeAudit(db: Db, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await writeAuditMany(db, actor, [entry]);
}

/** Appends several audit entries in one statement (imports). */
export async function writeAuditMany(db: Db, actor: AuditActor | null, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await bulkInsert(
    db,
    auditLog,
    entries.map((entry) => ({
      actorUserId: actor?.userId || null,
      actorName: actor?.displayName ?? null,
      ip: actor?.ip ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      unitPath: entry.unitPath ?? null,
      summary: entry.summary ?? null,
      before: redact(entry.before) ?? null,
      after: redact(entry.after) ?? null,
    })),
  );
}

/** Only the fields that differ between two versions of a record, for a readable before/after. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const out = { before: {} as Partial<T>, after: {} as Partial<T> };
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (key === 'version' || key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      out.before[key] = before[key];
      out.after[key] = after[key];
    }
  }
  return out;
}
