import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export type Lang = 'zh' | 'en';

/**
 * The language the server will also answer in, by the server's own rule: the `houbei_lang`
 * cookie, else an English browser, else Chinese.
 */
export function initialLang(): Lang {
  const match = document.cookie.match(/(?:^|;\s*)houbei_lang=(zh|en)\b/);
  if (match) return match[1] === 'en' ? 'en' : 'zh';
  return /^en\b/i.test(navigator.language) ? 'en' : 'zh';
}

/** Switches texts, dates and the <html lang> together. */
export async function applyLang(lang: Lang): Promise<void> {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

/** The current UI language. */
export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh';
}

const lang = initialLang();
void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: lang,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});
void applyLang(lang);

export { i18n };
