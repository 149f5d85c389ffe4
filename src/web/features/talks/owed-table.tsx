import { FormOutlined } from '@ant-design/icons';
import { Button, Empty, Segmented, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OWED_STATUSES, type OwedStatus } from '../../../core/talks/talk-plan';
import { errorText } from '../../shared/errors';
import { OWED_COLORS } from './mentoring-labels';
import type { EditorTarget } from './talk-editor';
import { type OwedItemData, useOwed } from './talks-api';

/** 我应开展的谈话: one line per reserve and talk rule, the next deadline, the last talk, and a button to record. */
export function OwedTable({ onRecord }: { onRecord: (target: EditorTarget) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OwedStatus | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const owed = useOwed({ status: status === 'all' ? undefined : status, ...page });
  const counts = owed.data?.counts;
  const columns: TableProps<OwedItemData>['columns'] = [
    {
      title: t('talk.reserve'),
      key: 'reserve',
      width: 150,
      render: (_, r) => `${r.personName}（${r.employeeNo}）`,
    },
    { title: t('obl.unit'), dataIndex: 'unitName', width: 150, ellipsis: true },
    { title: t('obl.rule'), dataIndex: 'ruleTitle', ellipsis: true },
    { title: t('talk.progress'), key: 'progress', width: 90, render: (_, r) => `${r.done}/${r.total}` },
    {
      title: t('talk.next'),
      key: 'next',
      width: 170,
      render: (_, r) => (r.next ? `${r.next.dueDate}（${r.next.periodKey}）` : '—'),
    },
    {
      title: t('obl.status'),
      dataIndex: 'status',
      width: 120,
      render: (s: OwedStatus, r) => (
        <Tag color={OWED_COLORS[s]}>
          {t(`talk.owedStatus.${s}`)}
          {r.overdue > 1 ? ` ×${r.overdue}` : ''}
        </Tag>
      ),
    },
    {
      title: t('talk.lastTalk'),
      dataIndex: 'lastTalkOn',
      width: 110,
      render: (d: string | null) => d ?? t('talk.never'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, r) =>
        r.status !== 'done' && (
          <Button
            size="small"
            type="primary"
            ghost
            icon={<FormOutlined />}
            onClick={() => onRecord({ reserveId: r.reserveId, kind: r.kind, personName: r.personName })}
            data-testid={`owed-record-${r.employeeNo}-${r.ruleKey}`}
          >
            {t('talk.record')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <Segmented
        data-testid="owed-status"
        value={status}
        onChange={(v) => {
          setStatus(v as OwedStatus | 'all');
          setPage({ ...page, page: 1 });
        }}
        options={[
          { value: 'all', label: t('obl.filter.all') },
          ...OWED_STATUSES.map((s) => ({
            value: s,
            label: `${t(`talk.owedStatus.${s}`)}${counts ? ` ${counts[s]}` : ''}`,
          })),
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table<OwedItemData>
        data-testid="owed-table"
        rowKey={(r) => `${r.reserveId}:${r.ruleKey}`}
        size="middle"
        loading={owed.isFetching}
        columns={columns}
        dataSource={owed.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: <Empty description={owed.error ? errorText(owed.error) : t('talk.owedEmpty')} />,
        }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: owed.data?.page ?? 1,
          pageSize: owed.data?.pageSize ?? 20,
          total: owed.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </>
  );
}
