import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../shared/download';
import { MonthCalendar } from '../compliance/month-calendar';
import { ObligationTable } from '../compliance/obligation-table';
import { type ObligationListData, type StatusFilter, useObligationList } from '../compliance/obligations-api';
import { CalendarFeedCard } from './calendar-feed-card';

const FILTERS: (StatusFilter | 'all')[] = [
  'all',
  'overdue',
  'due_soon',
  'upcoming',
  'returned',
  'submitted',
  'done',
];

function Summary({ path }: { path: string }) {
  const { t } = useTranslation();
  const overdue = useObligationList(path, { status: 'overdue', pageSize: 1 }).data?.total ?? 0;
  const dueSoon = useObligationList(path, { status: 'due_soon', pageSize: 1 }).data?.total ?? 0;
  const done = useObligationList(path, { status: 'done', pageSize: 1 }).data?.total ?? 0;
  return (
    <Row gutter={16} style={{ marginBottom: 12 }}>
      <Col span={8}>
        <Statistic
          title={t('obl.filter.overdue')}
          value={overdue}
          valueStyle={{ color: overdue ? '#cf1322' : undefined }}
        />
      </Col>
      <Col span={8}>
        <Statistic
          title={t('obl.filter.due_soon')}
          value={dueSoon}
          valueStyle={{ color: dueSoon ? '#d46b08' : undefined }}
        />
      </Col>
      <Col span={8}>
        <Statistic title={t('obl.filter.done')} value={done} valueStyle={{ color: '#389e0d' }} />
      </Col>
    </Row>
  );
}

/** A list of my obligations (or duties), filtered by status, ordered by due date. */
function TaskList({ path, testId, year }: { path: string; testId: string; year: number }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StatusFilter | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const list = useObligationList(path, { year, status: status === 'all' ? undefined : status, ...page });
  const data: ObligationListData | undefined = list.data;
  return (
    <>
      <Summary path={path} />
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Segmented
          data-testid={`${testId}-status`}
          value={status}
          onChange={(value) => {
            setStatus(value as StatusFilter | 'all');
            setPage({ ...page, page: 1 });
          }}
          options={FILTERS.map((f) => ({ value: f, label: t(`obl.filter.${f}`) }))}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download(`${path}/export`, { year, status: status === 'all' ? undefined : status })}
          data-testid={`${testId}-export`}
        >
          {t('common.export')}
        </Button>
      </Space>
      <ObligationTable
        testId={testId}
        data={data}
        loading={list.isFetching}
        error={list.error}
        showPerson={path === '/my/duties'}
        onPage={(p, pageSize) => setPage({ page: p, pageSize })}
      />
    </>
  );
}

/** 我的培养任务: my obligations as a reserve, what I owe as a mentor or leader, a calendar, the feed. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const mine = useObligationList('/my/obligations', { pageSize: 1 });
  const duties = useObligationList('/my/duties', { pageSize: 1 });
  const hasMine = (mine.data?.total ?? 0) > 0;
  const hasDuties = (duties.data?.total ?? 0) > 0;
  const items = [
    ...(hasMine
      ? [
          {
            key: 'mine',
            label: t('my.obligations'),
            children: <TaskList path="/my/obligations" testId="my-obligations" year={year} />,
          },
        ]
      : []),
    ...(hasDuties
      ? [
          {
            key: 'duties',
            label: t('my.duties'),
            children: <TaskList path="/my/duties" testId="my-duties" year={year} />,
          },
        ]
      : []),
    {
      key: 'calendar',
      label: t('my.calendar'),
      children: <MonthCalendar path="/my/calendar" testId="my-calendar" />,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('menu.myTasks')}>
        {mine.isPending || duties.isPending ? null : !hasMine && !hasDuties ? (
          <Empty description={<Typography.Text type="secondary">{t('my.nothing')}</Typography.Text>} />
        ) : null}
        {/* Mounted once both lists have answered, so the first tab is the reserve's own tasks, not the calendar. */}
        {mine.isPending || duties.isPending ? null : <Tabs items={items} />}
      </Card>
      <CalendarFeedCard />
    </Space>
  );
}
