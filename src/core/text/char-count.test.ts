import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CharCount, countChars } from './char-count.js';

type Case = [text: string, total: number, breakdown: Partial<Omit<CharCount, 'total'>>, why: string];

/** 字数 as Word/WPS report it (see the rule in char-count.ts); each row says why. */
const CASES: Case[] = [
  ['我们要加强学习。', 8, { hanzi: 7, punctuation: 1 }, 'seven hanzi and a full stop'],
  ['学习 Python 3.12 的体会', 7, { hanzi: 5, words: 2 }, 'a word and a number count one each'],
  ['AI赋能，提质增效！', 9, { hanzi: 6, punctuation: 2, words: 1 }, 'a Latin run ends at a hanzi'],
  ['', 0, {}, 'nothing'],
  ['   \t\n\r\n　', 0, {}, 'spaces, tabs, breaks and the full-width space count nothing'],
  ['心得体会', 4, { hanzi: 4 }, 'hanzi only'],
  ['心 得 体 会', 4, { hanzi: 4 }, 'spaces between hanzi change nothing'],
  ['Hello world', 2, { words: 2 }, 'two English words'],
  ['Hello, world!', 2, { words: 2 }, 'half-width punctuation belongs to its word'],
  ['e-mail', 1, { words: 1 }, 'a hyphenated word is one run'],
  [' - ', 1, { words: 1 }, 'a lone half-width mark is a run of its own, as Word counts it'],
  ['2026年5月20日', 6, { hanzi: 3, words: 3 }, 'numbers between hanzi count one each'],
  ['提高10%以上', 5, { hanzi: 4, words: 1 }, '10% is one run'],
  ['第一，第二；第三：', 9, { hanzi: 6, punctuation: 3 }, 'full-width comma, semicolon, colon'],
  ['《论语》', 4, { hanzi: 2, punctuation: 2 }, 'book title marks count one each'],
  ['“学习”', 4, { hanzi: 2, punctuation: 2 }, 'Chinese quotation marks count one each'],
  ['‘好’', 3, { hanzi: 1, punctuation: 2 }, 'single quotation marks too'],
  ['学习——实践', 6, { hanzi: 4, punctuation: 2 }, 'a Chinese dash —— is two marks'],
  ['等等……', 4, { hanzi: 2, punctuation: 2 }, 'an ellipsis …… is two marks'],
  ['【通知】（一）', 7, { hanzi: 3, punctuation: 4 }, 'brackets 【】（）'],
  ['「引用」『书名』', 8, { hanzi: 4, punctuation: 4 }, 'corner brackets'],
  ['马克思·韦伯', 6, { hanzi: 5, punctuation: 1 }, 'the middle dot in a name counts one'],
  [
    'ＡＢＣ１２３',
    6,
    { otherAsian: 6 },
    'full-width letters and digits count one each, like Asian characters',
  ],
  ['ABC123', 1, { words: 1 }, 'half-width letters and digits are one run'],
  ['第１季度', 4, { hanzi: 3, otherAsian: 1 }, 'a full-width digit between hanzi'],
  ['ありがとう', 5, { otherAsian: 5 }, 'hiragana count one each'],
  ['カタカナ', 4, { otherAsian: 4 }, 'katakana count one each'],
  ['ｶﾀｶﾅ', 4, { otherAsian: 4 }, 'half-width katakana count one each'],
  ['안녕하세요', 1, { words: 1 }, 'Korean counts by word (朝鲜语单词)'],
  ['한국어 공부', 2, { words: 2 }, 'two Korean words'],
  ['我学习한국어', 4, { hanzi: 3, words: 1 }, 'a Korean word after hanzi'],
  ['点赞👍', 3, { hanzi: 2, words: 1 }, 'an emoji is a run of its own'],
  ['👍👍', 1, { words: 1 }, 'adjacent emoji are one run, as Word counts one word'],
  ['👍 👍', 2, { words: 2 }, 'emoji between spaces count one each'],
  ['👨‍👩‍👧', 1, { words: 1 }, 'a joined emoji sequence is one'],
  ['👍🏽好', 2, { hanzi: 1, words: 1 }, 'a skin-tone modifier never counts'],
  ['❤️', 1, { words: 1 }, 'a variation selector never counts'],
  ['𠀀𪚥', 2, { hanzi: 2 }, 'CJK extension B ideographs (outside the BMP) count one each'],
  ['㐀䶵', 2, { hanzi: 2 }, 'CJK extension A ideographs'],
  ['〇々', 2, { hanzi: 2 }, 'the ideographic zero and iteration mark are Han'],
  ['⺀⼀', 2, { hanzi: 2 }, 'radicals are Han'],
  ['ㄅㄆㄇ', 3, { otherAsian: 3 }, 'bopomofo count one each'],
  ['第一段。\n\n第二段。', 8, { hanzi: 6, punctuation: 2 }, 'paragraph breaks count nothing'],
  ['word\nword', 2, { words: 2 }, 'a line break ends a word'],
  ['zero\u200bwidth', 2, { words: 2 }, 'a zero-width space separates words'],
  ['soft\u00adhyphen', 1, { words: 1 }, 'a soft hyphen never counts and never splits'],
  ['café', 1, { words: 1 }, 'a combining accent stays in its word'],
  ['Привет мир', 2, { words: 2 }, 'Cyrillic words'],
  ['￥100元', 3, { hanzi: 1, punctuation: 1, words: 1 }, 'a full-width currency sign counts one'],
  ['※注意', 3, { hanzi: 2, punctuation: 1 }, 'the reference mark ※'],
  ['a，b', 3, { punctuation: 1, words: 2 }, 'a full-width comma splits Latin words'],
  ['He said “hi”', 5, { punctuation: 2, words: 3 }, 'curly quotes count as marks even in English'],
];

describe('countChars: the table', () => {
  it('holds at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES)('%j → %i (%j: %s)', (text, total, breakdown) => {
    const count = countChars(text);
    expect(count.total).toBe(total);
    expect(count).toEqual({ hanzi: 0, punctuation: 0, otherAsian: 0, words: 0, ...breakdown, total });
  });
});

const pieces = fc.constantFrom(
  '学',
  '习',
  '𠀀',
  '，',
  '。',
  '——',
  '《',
  'Ａ',
  'か',
  'Python',
  '3.12',
  '한국',
  '👍',
  '\u200d',
  '\u0301',
  ' ',
  '\n',
  '　',
  'a',
  '-',
);
const text = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));

describe('countChars: properties', () => {
  it('is additive over concatenation with a space between', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(countChars(`${a} ${b}`).total).toBe(countChars(a).total + countChars(b).total);
      }),
    );
  });

  it('concatenation without a space can join at most one pair of runs', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const joined = countChars(a + b).total;
        const apart = countChars(a).total + countChars(b).total;
        expect(joined).toBeLessThanOrEqual(apart);
        expect(joined).toBeGreaterThanOrEqual(apart - 1);
      }),
    );
  });

  it('is never negative, never more than the code points, and the breakdown adds up', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const c = countChars(s);
        for (const n of Object.values(c)) expect(n).toBeGreaterThanOrEqual(0);
        expect(c.total).toBe(c.hanzi + c.punctuation + c.otherAsian + c.words);
        expect(c.total).toBeLessThanOrEqual([...s].length);
      }),
    );
  });

  it('whitespace alone counts nothing, and extra spaces between words change nothing', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(' ', '  ', '\n', '\t', '　'), (s, gap) => {
        expect(countChars(s.replace(/ /g, ` ${gap}`)).total).toBe(countChars(s).total);
        expect(countChars(gap.repeat(3)).total).toBe(0);
      }),
    );
  });

  it('hanzi always count one each, whatever surrounds them', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 20 }), (s, n) => {
        expect(countChars(s + '学'.repeat(n)).hanzi).toBe(countChars(s).hanzi + n);
      }),
    );
  });
});
