import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DiffPart, diffTexts, splitSentences } from './diff.js';

const side = (parts: DiffPart[], keep: 'delete' | 'insert') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('diffTexts', () => {
  it('marks a changed word inside a sentence, not the whole sentence', () => {
    const parts = diffTexts('我们要加强学习。努力工作。', '我们要认真学习。努力工作。');
    expect(parts).toEqual([
      { op: 'equal', text: '我们要' },
      { op: 'delete', text: '加强' },
      { op: 'insert', text: '认真' },
      { op: 'equal', text: '学习。努力工作。' },
    ]);
  });

  it('an added paragraph is one insertion', () => {
    const parts = diffTexts('第一段。\n', '第一段。\n新增的第二段。\n');
    expect(parts).toEqual([
      { op: 'equal', text: '第一段。\n' },
      { op: 'insert', text: '新增的第二段。\n' },
    ]);
  });

  it('equal texts are one equal part; empty to text is one insertion', () => {
    expect(diffTexts('相同。', '相同。')).toEqual([{ op: 'equal', text: '相同。' }]);
    expect(diffTexts('', '新的。')).toEqual([{ op: 'insert', text: '新的。' }]);
  });

  it('always rebuilds both versions exactly', () => {
    const text = fc
      .array(fc.constantFrom('学习', '工作', '。', '，', '\n', '提高', 'AI', '👍', '！'), { maxLength: 30 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffTexts(a, b);
        expect(side(parts, 'delete')).toBe(a);
        expect(side(parts, 'insert')).toBe(b);
      }),
    );
  });

  it('splitSentences loses nothing', () => {
    const text = '第一句。第二句！\n\n“第三句？”结尾没有句号';
    expect(splitSentences(text).join('')).toBe(text);
  });
});
