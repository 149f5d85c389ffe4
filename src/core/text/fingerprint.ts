/**
 * Copy detection for reflections: character shingles over normalised text, winnowed into a small
 * set of fingerprints (Schleimer, Wilkerson & Aiken, "Winnowing", SIGMOD 2003 — the method behind
 * MOSS). Normalising removes what a copier changes for free — punctuation, spaces, line breaks,
 * full-width vs half-width, letter case — so only the words themselves are compared.
 *
 * Shingles are SHINGLE_SIZE consecutive characters (Chinese has no spaces, so characters, not
 * words); a fingerprint is the smallest shingle hash of each window of WINDOW_SIZE shingles. Any
 * passage of at least WINDOW_SIZE + SHINGLE_SIZE − 1 characters two texts share yields at least
 * one common fingerprint, and a text of n characters has about 2n / (WINDOW_SIZE + 1) of them, so the
 * server keeps ~150 per reflection in an indexed table instead of re-reading every text.
 *
 * The score of a text against another is the share of its fingerprints the other also has
 * (containment): 100 for a verbatim copy, still high after small edits or with paragraphs
 * reordered (only shingles across an edit or a paragraph joint change), low for two honest texts
 * on one book (they share the title and a few set phrases).
 */
export const SHINGLE_SIZE = 5;
export const WINDOW_SIZE = 16;

/** A text reduced to letters and digits, each with where it came from in the original (UTF-16 offsets). */
export type NormalisedText = { chars: string[]; starts: number[]; ends: number[] };

const KEPT = /[\p{L}\p{N}]/u;

/** Letters and digits only, NFKC (full-width → half-width) and lower-cased, with their original offsets. */
export function normalise(text: string): NormalisedText {
  const out: NormalisedText = { chars: [], starts: [], ends: [] };
  let offset = 0;
  for (const char of text) {
    const end = offset + char.length;
    for (const piece of char.normalize('NFKC').toLowerCase()) {
      if (!KEPT.test(piece)) continue;
      out.chars.push(piece);
      out.starts.push(offset);
      out.ends.push(end);
    }
    offset = end;
  }
  return out;
}

/** FNV-1a over the code points of each shingle, as a signed 32-bit integer (a PostgreSQL int4). */
export function shingleHashes(chars: string[], size = SHINGLE_SIZE): number[] {
  const hashes: number[] = [];
  for (let i = 0; i + size <= chars.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + size; j++) {
      h ^= chars[j].codePointAt(0)!;
      h = Math.imul(h, 0x01000193);
    }
    // Mix the bits so that the minimum of a window is not biased towards some characters.
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    hashes.push(h | 0);
  }
  return hashes;
}

/** Winnowing: the minimum hash of every window (rightmost on ties), each recorded once. */
export function winnow(hashes: number[], window = WINDOW_SIZE): number[] {
  if (hashes.length === 0) return [];
  if (hashes.length <= window) return [Math.min(...hashes)];
  const picked = new Set<number>();
  let minAt = -1;
  for (let end = window - 1; end < hashes.length; end++) {
    const start = end - window + 1;
    if (minAt < start) {
      minAt = start;
      for (let i = start + 1; i <= end; i++) if (hashes[i] <= hashes[minAt]) minAt = i;
    } else if (hashes[end] <= hashes[minAt]) minAt = end;
    picked.add(hashes[minAt]);
  }
  return [...picked];
}

/** The distinct fingerprints of a text, ascending. */
export function fingerprintsOf(text: string): number[] {
  return winnow(shingleHashes(normalise(text).chars)).sort((a, b) => a - b);
}

/** Share (0–100, whole percent) of `own` fingerprints that `other` also has. */
export function containmentPercent(own: readonly number[], other: ReadonlySet<number>): number {
  if (own.length === 0) return 0;
  let shared = 0;
  for (const h of own) if (other.has(h)) shared++;
  return Math.round((shared * 100) / own.length);
}

/** One passage two texts share: where it is in each (UTF-16 offsets, end exclusive). */
export type Passage = {
  a: { start: number; end: number };
  b: { start: number; end: number };
  length: number;
};

/** How many normalised characters a shared passage must have to be shown (set phrases are shorter). */
export const MIN_PASSAGE_CHARS = 12;

/**
 * The passages text `a` shares with text `b`, longest run first from each point of `a`, in the
 * order they appear in `a`; each at least `minChars` normalised characters. For the side-by-side
 * view of the copy check.
 */
export function sharedPassages(a: string, b: string, minChars = MIN_PASSAGE_CHARS): Passage[] {
  const na = normalise(a);
  const nb = normalise(b);
  const ha = shingleHashes(na.chars);
  const hb = shingleHashes(nb.chars);
  const where = new Map<number, number[]>();
  for (const [j, h] of hb.entries()) {
    const list = where.get(h);
    if (!list) where.set(h, [j]);
    else if (list.length < 16) list.push(j);
  }
  const passages: Passage[] = [];
  let i = 0;
  while (i < ha.length) {
    let best = { j: -1, run: 0 };
    for (const j of where.get(ha[i]) ?? []) {
      let run = 0;
      while (i + run < ha.length && j + run < hb.length && ha[i + run] === hb[j + run]) run++;
      if (run > best.run) best = { j, run };
    }
    if (best.run === 0) {
      i++;
      continue;
    }
    const length = best.run + SHINGLE_SIZE - 1;
    if (length >= minChars) {
      const lastA = i + length - 1;
      const lastB = best.j + length - 1;
      passages.push({
        a: { start: na.starts[i], end: na.ends[lastA] },
        b: { start: nb.starts[best.j], end: nb.ends[lastB] },
        length,
      });
    }
    i += best.run;
  }
  return passages;
}
