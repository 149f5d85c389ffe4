import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AuditEntry, AuditList } from '../../../contracts/audit';
import { AUDIT_ACTIONS, type AuditAction } from '../../../core/audit/actions';
import { api } from '../../app/api-client';
import { download } from '../../shared/download';
import { errorText } from '../../shared/errors';
import { AuditDiff } from './audit-diff';

type Entry = z.infer<typeof AuditEntry>;
type AuditFilters = {
  from?: string;
  to?: string;
  action?: string;
  entityType?: string;
  actor?: string;
  entityId?: string;
};

// Actions the server writes; free text can still be typed for new ones.
const KNOWN_ACTIONS = Object.keys(AUDIT_ACTIONS) as AuditAction[];
const ENTITY_TYPES = ['person', 'unit', 'user', 'system'];

/** 审计日志: who did what, when, with the record before and after. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [actionText, setActionText] = useState('');
  const entries = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () => api<z.infer<typeof AuditList>>('/audit', { query: { ...filters, ...page } }),
    placeholderData: keepPreviousData,
  });
  const actionLabel = (action: string) =>
    AUDIT_ACTIONS[action as AuditAction]?.[i18n.language === 'en' ? 'en' : 'zh'] ?? action;
  const set = (patch: AuditFilters) => {
    setFilters({ ...filters, ...patch });
    setPage({ ...page, page: 1 });
  };

  const columns: TableProps<Entry>['columns'] = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 110,
      render: (v: string | null) => v ?? t('audit.system'),
    },
    { title: t('audit.action'), dataIndex: 'action', width: 160, render: (v: string) => actionLabel(v) },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 100,
      render: (v: string) => t(`auditEntity.${v}`, { defaultValue: v }),
    },
    { title: t('audit.summary'), dataIndex: 'summary', ellipsis: true },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130 },
  ];

  return (
    <Card
      title={t('menu.audit')}
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download('/audit/export', filters)}
          data-testid="audit-export"
        >
          {t('common.export')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          data-testid="audit-range"
          onChange={(range) =>
            set({
              from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
            })
          }
        />
        <AutoComplete
          data-testid="audit-action"
          style={{ width: 200 }}
          placeholder={t('audit.action')}
          allowClear
          value={actionText}
          options={KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
          showSearch={{
            filterOption: (input, option) =>
              !!option && (String(option.value).includes(input) || String(option.label).includes(input)),
          }}
          onChange={(v: string) => {
            setActionText(v ?? '');
            if (!v) set({ action: undefined });
          }}
          onSelect={(v: string) => set({ action: v })}
          onBlur={() => set({ action: actionText.trim() || undefined })}
        />
        <Select
          data-testid="audit-entity-type"
          style={{ width: 130 }}
          placeholder={t('audit.entityType')}
          allowClear
          value={filters.entityType}
          onChange={(entityType?: string) => set({ entityType })}
          options={ENTITY_TYPES.map((v) => ({ value: v, label: t(`auditEntity.${v}`, { defaultValue: v }) }))}
        />
        <Input.Search
          data-testid="audit-actor"
          style={{ width: 180 }}
          placeholder={t('audit.actorPlaceholder')}
          allowClear
          onSearch={(actor) => set({ actor: actor.trim() || undefined })}
        />
      </Space>
      <Table<Entry>
        data-testid="audit-table"
        rowKey="id"
        size="middle"
        loading={entries.isFetching}
        columns={columns}
        dataSource={entries.data?.items ?? []}
        locale={entries.isError ? { emptyText: errorText(entries.error) } : undefined}
        expandable={{
          expandedRowRender: (entry) => <AuditDiff before={entry.before} after={entry.after} />,
          rowExpandable: (entry) => entry.before != null || entry.after != null,
        }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: entries.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('audit.note')}
      </Typography.Paragraph>
    </Card>
  );
}
