import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDictionaries, useDictOptions } from '../../shared/dictionaries';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import type { PeopleFilters } from './people-api';

type PeopleFiltersBarProps = {
  filters: PeopleFilters;
  onChange: (patch: Partial<PeopleFilters>) => void;
};

/** Search box and filters of the roster; every change goes back to page 1. */
export function PeopleFiltersBar({ filters, onChange }: PeopleFiltersBarProps) {
  const { t } = useTranslation();
  const dictionaries = useDictionaries();
  const genders = useDictOptions(dictionaries.data?.genders);
  const political = useDictOptions(dictionaries.data?.politicalStatuses);
  const education = useDictOptions(dictionaries.data?.educationLevels);
  const set = (patch: Partial<PeopleFilters>) => onChange({ ...patch, page: 1 });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        data-testid="people-search"
        placeholder={t('people.searchPlaceholder')}
        defaultValue={filters.q}
        allowClear
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 220 }}
      />
      <UnitTreeSelect
        data-testid="people-unit-filter"
        value={filters.unitId}
        onChange={(unitId) => set({ unitId })}
        placeholder={t('people.unitFilter')}
        allowClear
        style={{ width: 240 }}
      />
      <Select
        data-testid="people-gender-filter"
        placeholder={t('people.gender')}
        allowClear
        value={filters.gender}
        onChange={(gender?: string) => set({ gender })}
        options={genders}
        style={{ width: 100 }}
      />
      <Select
        data-testid="people-political-filter"
        placeholder={t('people.politicalStatus')}
        allowClear
        value={filters.politicalStatus}
        onChange={(politicalStatus?: string) => set({ politicalStatus })}
        options={political}
        style={{ width: 140 }}
      />
      <Select
        data-testid="people-education-filter"
        placeholder={t('people.education')}
        allowClear
        value={filters.education}
        onChange={(education?: string) => set({ education })}
        options={education}
        style={{ width: 140 }}
      />
      <Select
        data-testid="people-middle-filter"
        placeholder={t('people.middleManager')}
        allowClear
        value={filters.middleManager}
        onChange={(middleManager?: 'true' | 'false') => set({ middleManager })}
        options={[
          { value: 'true', label: t('people.middleYes') },
          { value: 'false', label: t('people.middleNo') },
        ]}
        style={{ width: 120 }}
      />
      <Select
        data-testid="people-status-filter"
        value={filters.status ?? 'active'}
        onChange={(status: 'active' | 'inactive' | 'all') => set({ status })}
        options={[
          { value: 'active', label: t('people.statusActive') },
          { value: 'inactive', label: t('people.statusInactive') },
          { value: 'all', label: t('people.statusAll') },
        ]}
        style={{ width: 110 }}
      />
    </Space>
  );
}
