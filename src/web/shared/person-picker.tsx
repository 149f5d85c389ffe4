import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PeopleList } from '../../contracts/people';
import { api } from '../app/api-client';

type PersonOption = { personId: string; name: string; employeeNo: string; unitName?: string };

type PersonPickerProps = {
  value?: string | null;
  onChange?: (value: string | undefined, person?: PersonOption) => void;
  /** People already chosen, so their names show before any search. */
  known?: PersonOption[];
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
};

/** Searches people by name or employee number (GET /api/people?q=) and picks one. */
export function PersonPicker(props: PersonPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // Wait for a pause in typing rather than asking the server at every key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const people = useQuery({
    queryKey: ['people', 'picker', q],
    queryFn: () =>
      api<z.infer<typeof PeopleList>>('/people', { query: { q, pageSize: 20, status: 'active' } }),
  });
  const found: PersonOption[] = (people.data?.items ?? []).map((p) => ({
    personId: p.id,
    name: p.name,
    employeeNo: p.employeeNo,
    unitName: p.unitName,
  }));
  const byId = new Map<string, PersonOption>();
  for (const p of [...(props.known ?? []), ...found]) byId.set(p.personId, p);
  const options = [...byId.values()].map((p) => ({
    value: p.personId,
    label: `${p.name}（${p.employeeNo}）${p.unitName ? ` · ${p.unitName}` : ''}`,
  }));
  return (
    <Select
      data-testid={props['data-testid']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={props.value ?? undefined}
      onChange={(value: string | undefined) => props.onChange?.(value, value ? byId.get(value) : undefined)}
      options={options}
      loading={people.isFetching}
      allowClear
      placeholder={props.placeholder ?? t('people.pickPlaceholder')}
      notFoundContent={t('common.noData')}
      style={props.style ?? { width: '100%' }}
    />
  );
}
