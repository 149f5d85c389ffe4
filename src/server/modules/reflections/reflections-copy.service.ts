import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { CopyCheckOut } from '../../../contracts/reflections.js';
import { sharedPassages } from '../../../core/text/fingerprint.js';
import { type Actor, inScope } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import * as repo from './reflections.repository.js';
import { type CopyCheck, type CopyKind, type CopyMatch, reflectionSettings } from './reflections.table.js';

/** A programme's copy-check thresholds, or the defaults. */
export type CopySettings = { thresholdPercent: number; flagOwnReuse: boolean };
export const DEFAULT_COPY_SETTINGS: CopySettings = { thresholdPercent: 30, flagOwnReuse: true };

/** Overlaps below this share are not worth showing (a title and a few set phrases). */
const SHOWN_FROM_PERCENT = 10;
/** How many overlapping reflections of each kind are kept with a version. */
const KEPT_PER_KIND = 3;
/** Fewer fingerprints than this (a text of a few lines) say nothing reliable. */
const MIN_FINGERPRINTS = 8;

export async function loadCopySettings(db: Db, programmeId: string) {
  const [row] = await db
    .select()
    .from(reflectionSettings)
    .where(eq(reflectionSettings.programmeId, programmeId));
  return row ?? null;
}

/**
 * Compares a text's fingerprints with every other submitted reflection in the index (all reserves,
 * all years). A match with another reserve's reflection is `others`; one with the same reserve's
 * other reflections (an earlier year's, another kind's) is `own` — reported as reuse, not copying,
 * and only when the programme asks for it. Earlier versions of the same reflection are never
 * matched: the index holds one entry per reflection, and the reflection's own is left out.
 */
export async function checkCopy(
  db: Db,
  input: { docNo: number; personId: string; fingerprints: number[]; settings: CopySettings },
): Promise<CopyCheck> {
  // Set phrases every reflection has are no evidence of copying: compared are the others only.
  const usable = await repo.usableHashes(db, input.fingerprints);
  const check: CopyCheck = {
    checkedAt: new Date().toISOString(),
    threshold: input.settings.thresholdPercent,
    fingerprints: usable.length,
    matches: [],
  };
  if (usable.length < MIN_FINGERPRINTS) return check;
  const candidates = await repo.candidateMatches(db, usable, input.docNo, 20);
  const kept: Record<CopyKind, number> = { others: 0, own: 0 };
  for (const c of candidates) {
    const kind: CopyKind = c.personId === input.personId ? 'own' : 'others';
    if (kind === 'own' && !input.settings.flagOwnReuse) continue;
    const score = Math.round((c.shared * 100) / usable.length);
    if (score < SHOWN_FROM_PERCENT || kept[kind] >= KEPT_PER_KIND) continue;
    kept[kind]++;
    check.matches.push({ reflectionId: c.id, score, kind });
  }
  return check;
}

/** The scores and flag a check leaves on the reflection (what the queue filters by). */
export function summariseCheck(check: CopyCheck) {
  const best = (kind: CopyKind) =>
    check.matches
      .filter((m) => m.kind === kind)
      .reduce<number | null>((a, m) => Math.max(a ?? 0, m.score), null);
  const copyScore = best('others');
  const ownReuseScore = best('own');
  const copyFlag: CopyKind | null =
    (copyScore ?? 0) >= check.threshold ? 'others' : (ownReuseScore ?? 0) >= check.threshold ? 'own' : null;
  return { copyScore, ownReuseScore, copyFlag };
}

/**
 * The stored check as HR sees it: each overlapping reflection with the shared passages marked in
 * both texts. A reflection outside the caller's scope is named by nothing but its score, and only
 * this text's passages are marked: the other text never leaves the server.
 */
export async function presentCopyCheck(
  db: Db,
  actor: Actor,
  ownText: string,
  check: CopyCheck,
): Promise<z.infer<typeof CopyCheckOut>> {
  const ids = check.matches.map((m) => m.reflectionId);
  // In sequence: `db` may be a transaction (one connection).
  const rows: Awaited<ReturnType<typeof repo.findReflection>>[] = [];
  for (const id of ids) rows.push(await repo.findReflection(db, id));
  const texts = await repo.latestTexts(db, ids);
  const matches = check.matches.map((m: CopyMatch, i) => {
    const row = rows[i];
    const otherText = texts.get(m.reflectionId) ?? '';
    const passages = sharedPassages(ownText, otherText);
    const visible = !!row && inScope(actor, 'reflections.read', row.unitPath);
    return {
      kind: m.kind,
      score: m.score,
      flagged: m.score >= check.threshold,
      other:
        visible && row
          ? {
              id: row.reflection.id,
              personName: row.personName,
              unitName: row.unitName,
              ruleTitle: row.reflection.ruleTitle,
              periodKey: row.reflection.periodKey,
              submittedAt: row.reflection.submittedAt?.toISOString() ?? null,
              text: otherText,
            }
          : null,
      passages: passages.map((p) => ({ a: p.a, b: visible ? p.b : null, length: p.length })),
    };
  });
  return {
    checkedAt: check.checkedAt,
    threshold: check.threshold,
    fingerprints: check.fingerprints,
    matches,
  };
}
