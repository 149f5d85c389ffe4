import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, InputNumber, Space, Table, type TableProps, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { errorText } from '../../shared/errors';
import { today } from '../../shared/today';
import { EventFormModal } from './event-form-modal';
import { ReadingPlansTab } from './reading-plans-tab';
import { type EventItemData, useEvents } from './training-api';

type Filters = { q?: string; year?: number; page: number; pageSize: number };

function EventsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({ year: today().year(), page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const events = useEvents(filters);
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, page: 1, ...patch });
  const columns: TableProps<EventItemData>['columns'] = [
    {
      title: t('learn.title'),
      key: 'title',
      ellipsis: true,
      render: (_, r) => (
        // The tag first: the title may be cut short by the column, the tag must stay in view.
        <>
          {r.attendingOnly && <Tag color="blue">{t('learn.attendingTag')}</Tag>}
          <Link to={`/training/${r.id}`} data-testid={`event-open-${r.id}`}>
            {r.title}
          </Link>
        </>
      ),
    },
    { title: t('learn.trainer'), dataIndex: 'trainer', width: 160, ellipsis: true },
    {
      title: t('learn.dates'),
      key: 'dates',
      width: 210,
      render: (_, r) => `${r.startOn} ~ ${r.endOn ?? t('learn.endPending')}`,
    },
    { title: t('learn.place'), dataIndex: 'place', width: 180, ellipsis: true },
    { title: t('learn.ownerUnit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    { title: t('learn.participants'), dataIndex: 'participants', width: 90 },
    { title: t('learn.present'), dataIndex: 'present', width: 80 },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('learn.searchTrainings')}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 240 }}
          data-testid="events-search"
        />
        <InputNumber
          placeholder={t('learn.year')}
          min={2000}
          max={2100}
          value={filters.year}
          onChange={(v) => set({ year: v ?? undefined })}
          data-testid="events-year"
        />
        {can('learning.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="event-new"
          >
            {t('learn.newTraining')}
          </Button>
        )}
      </Space>
      <Table<EventItemData>
        data-testid="events-table"
        rowKey="id"
        size="middle"
        loading={events.isFetching}
        columns={columns}
        dataSource={events.data?.items ?? []}
        scroll={{ x: 960 }}
        locale={{
          emptyText: (
            <Empty description={events.error ? errorText(events.error) : t('learn.emptyTrainings')} />
          ),
        }}
        onChange={(p) => setFilters({ ...filters, page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: events.data?.page ?? 1,
          pageSize: events.data?.pageSize ?? 20,
          total: events.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <EventFormModal
        target={creating ? {} : null}
        onClose={() => setCreating(false)}
        onSaved={(e) => navigate(`/training/${e.id}`)}
      />
    </>
  );
}

/** 学习培训 (HR): the year's management-skills trainings and reading plans. */
export function TrainingPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('learn.menu')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'events', label: t('learn.trainings'), children: <EventsTab /> },
          {
            key: 'reading',
            label: <span data-testid="tab-reading">{t('learn.reading')}</span>,
            children: <ReadingPlansTab />,
          },
        ]}
      />
    </Card>
  );
}
