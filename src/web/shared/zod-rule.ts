import type { Rule } from 'antd/es/form';
import { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import { currentLang } from '../app/i18n';
import { oneLanguage } from './one-language';

let configured: string | null = null;

// zod's own messages follow the UI language; the contracts' custom messages are bilingual already.
function configureZod(): void {
  const lang = currentLang();
  if (configured === lang) return;
  z.config(lang === 'en' ? en() : zhCN());
  configured = lang;
}

/**
 * An antd form rule that checks a value with the same zod schema the server uses.
 * Empty values pass: whether a field is required is a separate rule with a friendlier message.
 */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: async (_, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      configureZod();
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(oneLanguage(result.error.issues[0]?.message ?? 'invalid'));
    },
  };
}
