import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Dictionaries } from '../../contracts/system';
import { UNIT_TYPE_LABELS, type UnitType } from '../../core/org/unit-types';
import { api } from '../app/api-client';

export type DictionariesData = z.infer<typeof Dictionaries>;

/** The value lists of the forms (GET /api/dictionaries); they change only with a release. */
export function useDictionaries() {
  return useQuery({
    queryKey: ['dictionaries'],
    queryFn: () => api<DictionariesData>('/dictionaries'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Stored values are the Chinese terms themselves; the English UI shows a translation when
 * there is one and the stored term otherwise.
 */
export function useLabels() {
  const { t, i18n } = useTranslation();
  return {
    dict: (value: string | null | undefined) => (value ? t(`dict.${value}`, { defaultValue: value }) : ''),
    unitType: (type: UnitType) => UNIT_TYPE_LABELS[type]?.[i18n.language === 'en' ? 'en' : 'zh'] ?? type,
    role: (role: string) => t(`role.${role}`, { defaultValue: role }),
  };
}

/** Select options for one value list. */
export function useDictOptions(values: readonly string[] | undefined) {
  const { dict } = useLabels();
  return (values ?? []).map((value) => ({ value, label: dict(value) }));
}
