import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan, sumFen } from './money.js';

describe('money in fen', () => {
  it('prints yuan with two decimals and thousands separators', () => {
    expect(formatFen(100_000)).toBe('1,000.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123_456_789)).toBe('1,234,567.89');
    expect(formatFen(-150)).toBe('-1.50');
  });

  it('parses yuan exactly, refusing more than two decimals and other text', () => {
    expect(parseYuan('1000')).toBe(100_000);
    expect(parseYuan('1,000.5')).toBe(100_050);
    expect(parseYuan(' 0.1 ')).toBe(10);
    expect(parseYuan('0.29')).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('1e3')).toBeNull();
    expect(parseYuan('')).toBeNull();
  });

  it('round-trips every amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 49 }),
        (low, high) => {
          const fen = high * 2_000_000_000 + low;
          expect(parseYuan(formatFen(fen))).toBe(fen);
        },
      ),
    );
  });

  it('sums exactly where floats would drift', () => {
    expect(sumFen(Array.from({ length: 10 }, () => 10))).toBe(100);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
