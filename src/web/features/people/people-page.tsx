import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { useLabels } from '../../shared/dictionaries';
import { download } from '../../shared/download';
import { errorText } from '../../shared/errors';
import { ImportModal } from '../../shared/import-modal';
import { PEOPLE_KEY, type PeopleFilters, type PersonListItemData, usePeople } from './people-api';
import { PeopleFiltersBar } from './people-filters';

const FILTER_KEYS = [
  'q',
  'unitId',
  'gender',
  'politicalStatus',
  'education',
  'middleManager',
  'status',
  'sort',
  'order',
] as const;

// Filters live in the address so that "back" from a person returns to the same list.
function readFilters(params: URLSearchParams): PeopleFilters {
  const filters: Record<string, string | number> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  filters.page = Number(params.get('page')) || 1;
  filters.pageSize = Number(params.get('pageSize')) || 20;
  return filters as PeopleFilters;
}

/** 人员信息: the roster of the units the user may see. */
export function PeoplePage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { dict } = useLabels();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const people = usePeople(filters);
  const [importing, setImporting] = useState(false);

  const update = (patch: Partial<PeopleFilters>) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, ...patch })) {
      if (
        value !== undefined &&
        value !== '' &&
        !(key === 'page' && value === 1) &&
        !(key === 'pageSize' && value === 20)
      ) {
        next.set(key, String(value));
      }
    }
    setParams(next, { replace: true });
  };

  const sortOrder = (key: string) =>
    (filters.sort ?? 'employeeNo') === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;

  const columns: TableProps<PersonListItemData>['columns'] = [
    {
      title: t('people.employeeNo'),
      dataIndex: 'employeeNo',
      key: 'employeeNo',
      sorter: true,
      sortOrder: sortOrder('employeeNo'),
      width: 110,
    },
    {
      title: t('people.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      width: 100,
      render: (name: string, row) => <Link to={`/people/${row.id}`}>{name}</Link>,
    },
    { title: t('people.gender'), dataIndex: 'gender', width: 70, render: (v: string) => dict(v) },
    {
      title: t('people.birthDate'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      sorter: true,
      sortOrder: sortOrder('birthDate'),
      width: 120,
    },
    {
      title: t('people.politicalStatus'),
      dataIndex: 'politicalStatus',
      width: 120,
      render: (v: string | null) => dict(v),
    },
    {
      title: t('people.education'),
      dataIndex: 'fullTimeEducation',
      width: 110,
      render: (v: string | null) => dict(v),
    },
    {
      title: t('people.unit'),
      dataIndex: 'unitName',
      key: 'unit',
      sorter: true,
      sortOrder: sortOrder('unit'),
      ellipsis: true,
    },
    { title: t('people.currentPost'), dataIndex: 'currentPost', ellipsis: true },
    { title: t('people.grade'), dataIndex: 'grade', width: 90 },
    {
      title: t('people.middleManager'),
      dataIndex: 'isMiddleManager',
      width: 70,
      render: (v: boolean) => (v ? t('people.middleYes') : ''),
    },
    {
      title: t('people.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 190,
      render: (v: string | null) => <code>{v ?? ''}</code>,
    },
    {
      title: t('people.status'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('people.statusActive')}</Tag> : <Tag>{t('people.statusInactive')}</Tag>,
    },
  ];

  const exportFilters = { ...filters, page: undefined, pageSize: undefined };

  return (
    <Card
      title={t('menu.people')}
      extra={
        <Space>
          {can('people.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/people/new')}
              data-testid="people-create"
            >
              {t('people.create')}
            </Button>
          )}
          {can('people.import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="people-import">
              {t('import.button')}
            </Button>
          )}
          {can('people.export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download('/people/export', exportFilters)}
              data-testid="people-export"
            >
              {t('people.export')}
            </Button>
          )}
        </Space>
      }
    >
      <PeopleFiltersBar filters={filters} onChange={update} />
      <Table<PersonListItemData>
        data-testid="people-table"
        rowKey="id"
        size="middle"
        loading={people.isFetching}
        columns={columns}
        dataSource={people.data?.items ?? []}
        scroll={{ x: 1300 }}
        locale={{
          emptyText: <Empty description={people.isError ? errorText(people.error) : t('people.empty')} />,
        }}
        onRow={(row) => ({ onDoubleClick: () => navigate(`/people/${row.id}`) })}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort' && !Array.isArray(sorter)) {
            update({
              sort: sorter.order ? (sorter.columnKey as PeopleFilters['sort']) : undefined,
              order: sorter.order === 'descend' ? 'desc' : undefined,
              page: 1,
            });
            return;
          }
          update({ page: pagination.current, pageSize: pagination.pageSize });
        }}
        pagination={{
          current: people.data?.page ?? filters.page,
          pageSize: people.data?.pageSize ?? filters.pageSize,
          total: people.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total: people.data?.totalCapped ? `${total}+` : total }),
        }}
      />
      <ImportModal
        open={importing}
        title={t('people.importTitle')}
        basePath="/people/import"
        onClose={() => setImporting(false)}
        onCommitted={() => void client.invalidateQueries({ queryKey: PEOPLE_KEY })}
      />
    </Card>
  );
}
