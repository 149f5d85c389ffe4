/**
 * Course hours (学时) are kept as whole tenths of an hour: 1.5 学时 is 15. A platform's export and
 * the catalogue form give them as text or as a spreadsheet number; both are read digit by digit, so
 * no binary fraction ever enters a stored or summed value.
 */
const HOURS = /^(\d{1,4})(?:\.(\d))?0*$/;

/** Tenths of an hour from `1.5`, `2`, `0.5` (one decimal at most), or null when it is not such a number. */
export function parseHours(value: string | number): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = HOURS.exec(text);
  if (!m) return null;
  const tenths = Number(m[1]) * 10 + Number(m[2] ?? 0);
  return tenths > 0 ? tenths : null;
}

/** `15` → `1.5`, `20` → `2`. */
export function formatHours(tenths: number): string {
  const whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  return rest === 0 ? String(whole) : `${whole}.${rest}`;
}
