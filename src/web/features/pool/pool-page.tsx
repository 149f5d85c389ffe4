import { CheckSquareOutlined, DownloadOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RESERVE_STATES, type ReserveState } from '../../../core/programme/pool';
import { useCan } from '../../app/session';
import { download } from '../../shared/download';
import { errorText } from '../../shared/errors';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { useProgrammes } from '../programmes/programmes-api';
import { STATE_COLORS, useCadreLabels } from '../programmes/rule-labels';
import { DecideModal } from './decide-modal';
import { NominateModal } from './nominate-modal';
import { type PoolFilters, type ReserveItemData, usePool } from './pool-api';
import { ReserveDrawer } from './reserve-drawer';

function readFilters(params: URLSearchParams): PoolFilters {
  const get = (key: string) => params.get(key) || undefined;
  return {
    q: get('q'),
    state: get('state') as ReserveState | undefined,
    unitId: get('unitId'),
    programmeId: get('programmeId'),
    tier: get('tier'),
    cohortYear: Number(params.get('cohortYear')) || undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
}

/** 后备干部库: the pool, filtered; nominate, decide, and each reserve's detail. */
export function PoolPage() {
  const { t } = useTranslation();
  const can = useCan();
  const labels = useCadreLabels();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const pool = usePool(filters);
  const programmes = useProgrammes();
  const [nominating, setNominating] = useState(false);
  const [selected, setSelected] = useState<ReserveItemData[]>([]);
  const [deciding, setDeciding] = useState(false);
  const [openId, setOpenId] = useState<string>();

  const update = (patch: Partial<PoolFilters>) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, page: 1, ...patch })) {
      if (
        value !== undefined &&
        value !== '' &&
        !(key === 'page' && value === 1) &&
        !(key === 'pageSize' && value === 20)
      )
        next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };

  const columns: TableProps<ReserveItemData>['columns'] = [
    { title: t('people.employeeNo'), dataIndex: 'employeeNo', width: 100 },
    {
      title: t('people.name'),
      dataIndex: 'personName',
      width: 100,
      render: (name: string, row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setOpenId(row.id)}
          data-testid={`reserve-${row.employeeNo}`}
        >
          {name}
        </Button>
      ),
    },
    { title: t('people.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('people.currentPost'), dataIndex: 'currentPost', ellipsis: true },
    { title: t('pool.programme'), dataIndex: 'programmeName', ellipsis: true },
    { title: t('pool.direction'), dataIndex: 'direction', width: 110, ellipsis: true },
    { title: t('pool.cohortYear'), dataIndex: 'cohortYear', width: 80 },
    {
      title: t('pool.state'),
      dataIndex: 'state',
      width: 150,
      render: (state: ReserveState, row) => (
        <Space size={2}>
          <Tag color={STATE_COLORS[state]}>{labels.state(state)}</Tag>
          {row.overrideReason && (
            <Tooltip title={`${t('pool.overrideReason')}：${row.overrideReason}`}>
              <Tag color="orange">{t('pool.override')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('pool.nominatedOn'), dataIndex: 'nominatedOn', width: 110 },
    { title: t('pool.enrolledOn'), dataIndex: 'enrolledOn', width: 110 },
  ];

  const decidable = selected.filter((r) => r.actions.decide);
  return (
    <Card
      title={t('menu.pool')}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/pool/export', { ...filters, page: undefined, pageSize: undefined })}
            data-testid="pool-export"
          >
            {t('common.export')}
          </Button>
          {can('pool.decide') && (
            <Button
              icon={<CheckSquareOutlined />}
              disabled={!decidable.length}
              onClick={() => setDeciding(true)}
              data-testid="pool-decide"
            >
              {t('pool.decide')}
              {decidable.length ? `（${decidable.length}）` : ''}
            </Button>
          )}
          {can('pool.nominate') && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setNominating(true)}
              data-testid="pool-nominate"
            >
              {t('pool.nominate')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="pool-search"
          placeholder={t('pool.searchPlaceholder')}
          defaultValue={filters.q}
          allowClear
          onSearch={(q) => update({ q: q.trim() || undefined })}
          style={{ width: 200 }}
        />
        <Select
          data-testid="pool-state-filter"
          placeholder={t('pool.state')}
          allowClear
          value={filters.state}
          onChange={(state?: ReserveState) => update({ state })}
          options={RESERVE_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          style={{ width: 150 }}
        />
        <UnitTreeSelect
          data-testid="pool-unit-filter"
          value={filters.unitId}
          onChange={(unitId) => update({ unitId })}
          placeholder={t('pool.unitFilter')}
          allowClear
          style={{ width: 220 }}
        />
        <Select
          data-testid="pool-tier-filter"
          placeholder={t('pool.tier')}
          allowClear
          value={filters.tier}
          onChange={(tier?: string) => update({ tier })}
          options={[...new Set((programmes.data ?? []).map((p) => p.tier))].map((tier) => ({
            value: tier,
            label: tier,
          }))}
          style={{ width: 170 }}
        />
        <Select
          data-testid="pool-programme-filter"
          placeholder={t('pool.programme')}
          allowClear
          value={filters.programmeId}
          onChange={(programmeId?: string) => update({ programmeId })}
          options={(programmes.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.tier}）` }))}
          style={{ width: 240 }}
        />
        <InputNumber
          data-testid="pool-cohort-filter"
          placeholder={t('pool.cohortYear')}
          min={2000}
          max={2100}
          value={filters.cohortYear}
          onChange={(v) => update({ cohortYear: v ?? undefined })}
          style={{ width: 110 }}
        />
      </Space>
      <Table<ReserveItemData>
        data-testid="pool-table"
        rowKey="id"
        size="middle"
        loading={pool.isFetching}
        columns={columns}
        dataSource={pool.data?.items ?? []}
        scroll={{ x: 1200 }}
        rowSelection={
          can('pool.decide')
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (row) => ({ disabled: !row.actions.decide }),
              }
            : undefined
        }
        onRow={(row) => ({ onDoubleClick: () => setOpenId(row.id) })}
        locale={{ emptyText: <Empty description={pool.isError ? errorText(pool.error) : t('pool.empty')} /> }}
        onChange={(pagination) => update({ page: pagination.current, pageSize: pagination.pageSize })}
        pagination={{
          current: pool.data?.page ?? filters.page,
          pageSize: pool.data?.pageSize ?? filters.pageSize,
          total: pool.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <NominateModal open={nominating} onClose={() => setNominating(false)} />
      <DecideModal
        open={deciding}
        reserves={decidable}
        onClose={(done) => {
          setDeciding(false);
          if (done) setSelected([]);
        }}
      />
      <ReserveDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </Card>
  );
}
