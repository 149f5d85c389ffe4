/**
 * Money as integer fen (分): amounts are stored, summed and compared exactly, never as floats.
 * Yuan text (元) is parsed and printed here only.
 */

/** `123456` fen → `1,234.56`. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be a safe integer');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** `"1000"`, `"1,000.5"`, `"1000.50"` → fen; null when the text is not an amount of yuan (at most 2 decimals). */
export function parseYuan(text: string): number | null {
  const match = text
    .trim()
    .replaceAll(',', '')
    .match(/^(\d{1,9})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The sum of amounts in fen (exact; throws past the safe-integer range rather than lose a fen). */
export function sumFen(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) {
    total += a;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum out of range');
  }
  return total;
}
