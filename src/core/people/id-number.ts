/**
 * Chinese resident ID numbers (GB 11643-1999): 18 characters, the last a check digit (0–9 or X)
 * computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Upper-cases and trims an ID number as typed. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Whether an 18-character ID number is well formed: digits, a real birth date, a right check digit. */
export function isValidIdNumber(raw: string): boolean {
  const value = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const birth = idNumberBirthDate(value);
  if (!birth) return false;
  return idNumberCheckChar(value.slice(0, 17)) === value[17];
}

/** The birth date (YYYY-MM-DD) encoded in an ID number, or null when it is not a real date. */
export function idNumberBirthDate(value: string): string | null {
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** The form shown everywhere but the audited full view: first 4 and last 4 characters. */
export function maskIdNumber(raw: string): string {
  const value = normaliseIdNumber(raw);
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}
