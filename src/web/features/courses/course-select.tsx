import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useCourses } from './courses-api';

type Option = { id: string; code: string; title: string };

/** Picks active courses of the catalogue by code or title (searched on the server). */
export function CourseSelect(props: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  max?: number;
  known?: Option[];
  placeholder?: string;
  'data-testid'?: string;
}) {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const list = useCourses({ search: q, active: 'true', pageSize: 50 });
  const options = new Map<string, Option>();
  for (const c of props.known ?? []) options.set(c.id, c);
  for (const c of list.data?.items ?? []) options.set(c.id, c);
  return (
    <Select
      data-testid={props['data-testid']}
      mode="multiple"
      value={props.value ?? []}
      // Past the maximum, the latest pick replaces the oldest one.
      onChange={(ids: string[]) => props.onChange?.(props.max ? ids.slice(-props.max) : ids)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={list.isFetching}
      placeholder={props.placeholder}
      options={[...options.values()].map((c) => ({ value: c.id, label: `${c.code} ${c.title}` }))}
      style={{ width: '100%' }}
    />
  );
}
