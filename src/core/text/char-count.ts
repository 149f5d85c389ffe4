/**
 * 字数 as Microsoft Word and WPS report it for a Chinese document. Word's "字数" is the sum of two
 * lines of its statistics dialog: "中文字符和朝鲜语单词" (each East Asian character counts one; Korean,
 * written with spaces between words, counts by word) and "非中文单词" (each run of other characters
 * between spaces counts one). This ONE function serves the editor's live counter and the server's
 * minimum check, so what a reserve sees is what the server enforces.
 *
 * The rule, character class by character class (every case is in char-count.test.ts):
 * - 汉字 `hanzi`: every Han ideograph counts one — the basic block, extensions A–I, compatibility
 *   ideographs, radicals, 〇 and 々 (Unicode Script=Han).
 * - 标点 `punctuation`: every full-width or CJK punctuation mark or symbol counts one — ，。、；：？！
 *   （）《》〈〉【】「」『』〔〕… in the CJK Symbols and Punctuation, Fullwidth Forms, CJK
 *   Compatibility, Vertical and Small Form blocks, and the marks Chinese text takes from General
 *   Punctuation: —— …… “ ” ‘ ’ · ‧ ※. Word counts these as 中文字符 wherever they stand (a dash
 *   "——" is two, an ellipsis "……" is two), so they do too, even inside English text.
 * - 其他全角字符 `otherAsian`: Japanese kana (hiragana, katakana, half-width katakana), bopomofo, and
 *   full-width letters and digits (ＡＢＣ１２３) count one each: Word classes them as East Asian
 *   characters (they are in East Asian fonts' full-width range), not as words.
 * - 其他词 `words`: a maximal run of any other visible characters — Latin, digits, half-width
 *   punctuation, Cyrillic, Greek, Korean hangul, emoji — counts one, as Word counts "非中文单词" and
 *   "朝鲜语单词": `Python` 1, `3.12` 1, `e-mail,` 1, `안녕하세요` 1, `👍👍` 1, `👍 👍` 2. A run ends at a
 *   space or at any character counted on its own (汉字, 标点, kana …): `AI赋能` is 1 + 2.
 * - Nothing: spaces of every kind (including the full-width space U+3000), line and paragraph
 *   breaks, tabs and control characters, zero-width spaces. Combining marks, variation selectors,
 *   zero-width joiners, skin-tone modifiers and other format characters never count and never
 *   split a run (👨‍👩‍👧 is one emoji, one word).
 *
 * Examples: `我们要加强学习。` 8; `学习 Python 3.12 的体会` 7; `AI赋能，提质增效！` 9.
 */
export type CharCount = {
  /** 字数: hanzi + punctuation + otherAsian + words. */
  total: number;
  /** 汉字. */
  hanzi: number;
  /** 标点 (full-width and CJK punctuation and symbols). */
  punctuation: number;
  /** 其他全角字符: kana, bopomofo, full-width letters and digits. */
  otherAsian: number;
  /** 其他词: runs of other characters (English words, numbers, Korean words, emoji). */
  words: number;
};

type CharClass = 'hanzi' | 'punctuation' | 'otherAsian' | 'word' | 'space' | 'attach';

const HAN = /\p{Script=Han}/u;
/** Marks Chinese text uses as its own punctuation, though Unicode files them as General Punctuation. */
const CHINESE_GENERAL_PUNCTUATION = new Set([
  0x2014, 0x2015, 0x2026, 0x2018, 0x2019, 0x201c, 0x201d, 0x00b7, 0x2027, 0x203b,
]);
const SPACE_OR_CONTROL = /[\p{White_Space}\p{Cc}\u200b\u2060\ufeff]/u;
const ATTACHING = /[\p{M}\p{Cf}]/u;

function inRange(cp: number, from: number, to: number): boolean {
  return cp >= from && cp <= to;
}

/** The class of one code point under the rule above. */
export function classifyCodePoint(char: string): CharClass {
  const cp = char.codePointAt(0)!;
  if (cp < 0x80) return cp <= 0x20 || cp === 0x7f ? 'space' : 'word';
  if (SPACE_OR_CONTROL.test(char)) return 'space';
  // Before the blocks below: kana voicing marks (U+3099) and ideographic tone marks are combining.
  if (ATTACHING.test(char) || inRange(cp, 0x1f3fb, 0x1f3ff)) return 'attach';
  if (HAN.test(char)) return 'hanzi';
  // Full-width letters and digits; half-width katakana; kana; bopomofo.
  if (
    inRange(cp, 0xff10, 0xff19) ||
    inRange(cp, 0xff21, 0xff3a) ||
    inRange(cp, 0xff41, 0xff5a) ||
    inRange(cp, 0xff65, 0xff9f) ||
    inRange(cp, 0x3040, 0x30ff) ||
    inRange(cp, 0x31f0, 0x31ff) ||
    inRange(cp, 0x3100, 0x312f) ||
    inRange(cp, 0x31a0, 0x31bf)
  ) {
    // The katakana middle dot ・ (U+30FB, U+FF65) is punctuation.
    return cp === 0x30fb || cp === 0xff65 ? 'punctuation' : 'otherAsian';
  }
  if (
    inRange(cp, 0x3000, 0x303f) || // CJK Symbols and Punctuation (U+3000 itself is a space, above)
    inRange(cp, 0xff01, 0xff64) || // Fullwidth punctuation and symbols, halfwidth CJK punctuation
    inRange(cp, 0xffe0, 0xffee) || // Fullwidth signs ￥ ￡ ￠ …
    inRange(cp, 0xfe10, 0xfe1f) || // Vertical forms
    inRange(cp, 0xfe30, 0xfe6f) || // CJK Compatibility Forms, Small Form Variants
    CHINESE_GENERAL_PUNCTUATION.has(cp)
  )
    return 'punctuation';
  return 'word';
}

/** Counts a text's 字数 and its breakdown (see the rule above). */
export function countChars(text: string): CharCount {
  const count: CharCount = { total: 0, hanzi: 0, punctuation: 0, otherAsian: 0, words: 0 };
  let inWord = false;
  for (const char of text) {
    const kind = classifyCodePoint(char);
    if (kind === 'attach') continue;
    if (kind === 'word') {
      if (!inWord) count.words += 1;
      inWord = true;
      continue;
    }
    inWord = false;
    if (kind !== 'space') count[kind] += 1;
  }
  count.total = count.hanzi + count.punctuation + count.otherAsian + count.words;
  return count;
}
