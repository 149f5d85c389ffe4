import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HONEST_READING_A,
  HONEST_READING_B,
  lightlyEdited,
  reordered,
} from '../../../test/data/reflection-texts.js';
import { countChars } from './char-count.js';
import {
  containmentPercent,
  fingerprintsOf,
  normalise,
  SHINGLE_SIZE,
  sharedPassages,
  shingleHashes,
  WINDOW_SIZE,
  winnow,
} from './fingerprint.js';

const score = (text: string, other: string) =>
  containmentPercent(fingerprintsOf(text), new Set(fingerprintsOf(other)));

describe('normalise', () => {
  it('keeps letters and digits only, folds full-width and case, and remembers offsets', () => {
    const n = normalise('Ａ，b 学\n习１');
    expect(n.chars).toEqual(['a', 'b', '学', '习', '1']);
    expect(n.starts).toEqual([0, 2, 4, 6, 7]);
    expect(n.ends).toEqual([1, 3, 5, 7, 8]);
  });

  it('offsets of characters outside the BMP span both halves', () => {
    const n = normalise('𠀀学');
    expect(n.starts).toEqual([0, 2]);
    expect(n.ends).toEqual([2, 3]);
  });
});

describe('fingerprints', () => {
  it('punctuation, spaces and line breaks do not change them', () => {
    expect(fingerprintsOf('我们要加强学习，提高能力。\n努力工作！')).toEqual(
      fingerprintsOf('我们要加强学习 提高能力\r\n努力工作'),
    );
  });

  it('a text of about 1000 字 has about 2n/(w+1) fingerprints', () => {
    const n = normalise(HONEST_READING_A).chars.length;
    const count = fingerprintsOf(HONEST_READING_A).length;
    expect(count).toBeGreaterThan(n / (WINDOW_SIZE + 1));
    expect(count).toBeLessThan((3 * n) / (WINDOW_SIZE + 1));
  });

  it('every shared passage of w + k − 1 characters yields a common fingerprint (winnowing guarantee)', () => {
    const hanzi = [
      ...new Set(
        '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开',
      ),
    ];
    const alphabet = fc.constantFrom(...hanzi);
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 40, maxLength: 120 }),
        fc.array(alphabet, { minLength: 40, maxLength: 120 }),
        fc.array(alphabet, { minLength: WINDOW_SIZE + SHINGLE_SIZE - 1, maxLength: 40 }),
        (left, right, shared) => {
          const a = winnow(shingleHashes([...left, ...shared]));
          const b = new Set(winnow(shingleHashes([...shared, ...right])));
          expect(a.some((h) => b.has(h))).toBe(true);
        },
      ),
    );
  });

  it('are deterministic 32-bit integers (they go into an int4 column)', () => {
    const fps = fingerprintsOf(HONEST_READING_B);
    expect(fingerprintsOf(HONEST_READING_B)).toEqual(fps);
    for (const h of fps) expect(h).toBe(h | 0);
  });
});

describe('copy detection on the fixtures', () => {
  it('the fixtures are two reflections of at least 1000 字', () => {
    expect(countChars(HONEST_READING_A).total).toBeGreaterThanOrEqual(1000);
    expect(countChars(HONEST_READING_B).total).toBeGreaterThanOrEqual(1000);
  });

  it('a verbatim copy scores 100', () => {
    expect(score(HONEST_READING_A, HONEST_READING_A)).toBe(100);
    expect(score(`${HONEST_READING_A}\n\n`, HONEST_READING_A.replaceAll('\n', ''))).toBe(100);
  });

  it('a copy with small edits (synonyms, punctuation) still scores high', () => {
    expect(score(lightlyEdited(HONEST_READING_A), HONEST_READING_A)).toBeGreaterThanOrEqual(60);
  });

  it('a copy with its paragraphs reordered scores high', () => {
    expect(score(reordered(HONEST_READING_A), HONEST_READING_A)).toBeGreaterThanOrEqual(85);
  });

  it('half of a copied text padded with own writing scores about half', () => {
    const half = HONEST_READING_A.slice(0, Math.floor(HONEST_READING_A.length / 2));
    const tail = HONEST_READING_B.slice(Math.floor(HONEST_READING_B.length / 2));
    const s = score(half + tail, HONEST_READING_A);
    expect(s).toBeGreaterThan(35);
    expect(s).toBeLessThan(65);
  });

  it('two honest reflections on the same book score low both ways', () => {
    expect(score(HONEST_READING_A, HONEST_READING_B)).toBeLessThan(10);
    expect(score(HONEST_READING_B, HONEST_READING_A)).toBeLessThan(10);
  });
});

describe('sharedPassages', () => {
  it('finds the copied paragraph in both texts, at the right offsets', () => {
    const paragraph = HONEST_READING_A.split('\n\n')[2];
    const copier = `我的体会如下。\n${paragraph}\n以上是我的一些想法。`;
    const passages = sharedPassages(copier, HONEST_READING_A);
    expect(passages.length).toBeGreaterThanOrEqual(1);
    const longest = passages.reduce((a, b) => (b.length > a.length ? b : a));
    // From its first to its last letter: the closing marks are not compared.
    const inCopier = copier.slice(longest.a.start, longest.a.end);
    expect(paragraph.startsWith(inCopier)).toBe(true);
    expect(inCopier.length).toBeGreaterThanOrEqual(paragraph.length - 2);
    expect(HONEST_READING_A.slice(longest.b.start, longest.b.end)).toBe(inCopier);
  });

  it('finds nothing long between the honest pair', () => {
    expect(sharedPassages(HONEST_READING_A, HONEST_READING_B)).toEqual([]);
  });

  it('passages lie inside both texts and follow the order of the first', () => {
    const passages = sharedPassages(reordered(HONEST_READING_A), HONEST_READING_A);
    let last = -1;
    for (const p of passages) {
      expect(p.a.start).toBeGreaterThan(last);
      last = p.a.start;
      expect(p.a.end).toBeLessThanOrEqual(HONEST_READING_A.length);
      expect(p.b.end).toBeLessThanOrEqual(HONEST_READING_A.length);
    }
  });
});
