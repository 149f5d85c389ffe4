import { currentLang } from '../app/i18n';

const CJK = /[\u4e00-\u9fff]/;

/**
 * Some messages (contract regexes, import checks) are written "中文 / English" for both
 * languages at once; show only the half of the UI language.
 */
export function oneLanguage(message: string): string {
  const parts = message.split(/\s*\/\s+(?=[A-Za-z])/);
  if (parts.length !== 2 || !CJK.test(parts[0]) || CJK.test(parts[1])) return message;
  return currentLang() === 'en' ? parts[1] : parts[0];
}
