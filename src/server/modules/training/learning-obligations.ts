import type { z } from 'zod';
import type { ReflectionDue } from '../../../contracts/training.js';
import { affectedPeriodKey } from '../../../core/learning/learning.js';
import { obligationStatus } from '../../../core/programme/status.js';
import { dateOf, type IsoDate, todayIn } from '../../../core/time/dates.js';
import type { Db } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { findObligationsForEvidence, setEventDate } from '../obligations/evidence.service.js';

/**
 * The bridge from training events and reading plans to the programme engine: which obligation an
 * event moves (the reflection of the event's year, found by evidence kind so a renamed rule still
 * matches) and what the reserve sees of it.
 */
export type LearningKind = 'training_reflection' | 'reading_reflection';

// Both rules are yearly in the default programme: the event's year is the period.
const periodKeyOf = (year: number) => affectedPeriodKey('yearly', dateOf(year, 1, 1))!;

/**
 * Moves the reflection of `year` of these reserves to follow the event (`eventDate`), or back to
 * the rule's nominal date (`null`). Settled obligations keep theirs (setEventDate). Returns how many moved.
 */
export function moveReflections(
  db: Db,
  ctx: ServiceContext,
  input: { kind: LearningKind; year: number; reserveIds: string[]; eventDate: IsoDate | null },
): Promise<number> {
  if (input.reserveIds.length === 0) return Promise.resolve(0);
  return setEventDate(db, ctx, {
    reserveIds: input.reserveIds,
    evidenceKind: input.kind,
    periodKey: periodKeyOf(input.year),
    eventDate: input.eventDate,
  });
}

/** Each reserve's reflection of the year (due date and status today), by reserve id. */
export async function reflectionsOf(
  db: Db,
  input: { kind: LearningKind; year: number; reserveIds: string[] },
): Promise<Map<string, z.infer<typeof ReflectionDue>>> {
  const targets = await findObligationsForEvidence(db, {
    reserveIds: input.reserveIds,
    evidenceKind: input.kind,
    periodKey: periodKeyOf(input.year),
  });
  const out = new Map<string, z.infer<typeof ReflectionDue>>();
  for (const t of targets) {
    if (out.has(t.reserveId)) continue;
    out.set(t.reserveId, {
      obligationId: t.id,
      dueDate: t.dueDate,
      state: t.state,
      status: obligationStatus(t, todayIn(t.timeZone), t.dueSoonDays),
    });
  }
  return out;
}
