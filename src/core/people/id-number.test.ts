import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberBirthDate, idNumberCheckChar, isValidIdNumber, maskIdNumber } from './id-number.js';

describe('ID numbers (GB 11643)', () => {
  it('accepts the standard example and rejects a wrong check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('rejects impossible birth dates, wrong lengths and letters', () => {
    expect(isValidIdNumber('110105194902300021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
  });

  it('finds the birth date inside', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('a number with its computed check character is always valid; any other last character is not', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (date, order) => {
          const first17 = `330102${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(order).padStart(3, '0')}`;
          const check = idNumberCheckChar(first17);
          expect(isValidIdNumber(first17 + check)).toBe(true);
          const other = check === '0' ? '1' : '0';
          expect(isValidIdNumber(first17 + other)).toBe(false);
        },
      ),
    );
  });
});
