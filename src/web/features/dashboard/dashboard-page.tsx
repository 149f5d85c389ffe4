import {
  Alert,
  Card,
  Col,
  Empty,
  List,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ObligationItem } from '../../../contracts/obligations';
import { errorText } from '../../shared/errors';
import { StatusTag } from '../compliance/obligation-table';
import { type DashboardData, useDashboard } from './dashboard-api';

type ProgrammeLine = DashboardData['programmes'][number];

function Figures({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const { totals } = data;
  const figure = (key: string, title: string, value: number, to: string, color?: string) => (
    <Col xs={12} md={8} xl={4} key={key}>
      <Card size="small" data-testid={`dash-${key}`}>
        <Link to={to}>
          <Statistic title={title} value={value} valueStyle={color && value ? { color } : undefined} />
        </Link>
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {figure('active', t('dash.active'), totals.active, '/pool')}
      {figure('nominated', t('dash.nominated'), totals.nominated, '/pool', '#d46b08')}
      {figure('overdue', t('dash.overdue'), totals.overdue, '/compliance?tab=overdue', '#cf1322')}
      {figure('dueSoon', t('dash.dueSoon'), totals.dueSoon, '/compliance', '#d46b08')}
      {figure('submitted', t('dash.submitted'), totals.submitted, '/compliance')}
      <Col xs={12} md={8} xl={4}>
        <Card size="small" data-testid="dash-percent">
          <Tooltip title={t('dash.percentHint')}>
            <Statistic
              title={t('dash.percent')}
              value={totals.percent ?? '—'}
              suffix={totals.percent === null ? '' : '%'}
            />
          </Tooltip>
        </Card>
      </Col>
    </Row>
  );
}

function ProgrammeTable({ lines }: { lines: ProgrammeLine[] }) {
  const { t } = useTranslation();
  return (
    <Table<ProgrammeLine>
      data-testid="dash-programmes"
      rowKey="programmeId"
      size="small"
      pagination={false}
      dataSource={lines}
      locale={{ emptyText: <Empty description={t('dash.noProgrammes')} /> }}
      columns={[
        {
          title: t('dash.programme'),
          dataIndex: 'name',
          render: (name: string, line) => (
            <Link to={`/compliance?programmeId=${line.programmeId}`}>{name}</Link>
          ),
        },
        { title: t('dash.tier'), dataIndex: 'tier', width: 150 },
        { title: t('dash.active'), dataIndex: 'active', width: 110, align: 'right' },
        { title: t('dash.nominated'), dataIndex: 'nominated', width: 110, align: 'right' },
        { title: t('dash.due'), dataIndex: 'due', width: 90, align: 'right' },
        { title: t('dash.doneDue'), dataIndex: 'doneDue', width: 90, align: 'right' },
        {
          title: t('dash.yearOverdue'),
          dataIndex: 'overdue',
          width: 100,
          align: 'right',
          render: (n: number) => <Typography.Text type={n ? 'danger' : undefined}>{n}</Typography.Text>,
        },
        {
          title: t('dash.percent'),
          dataIndex: 'percent',
          width: 200,
          render: (percent: number | null) =>
            percent === null ? (
              '—'
            ) : (
              <Progress percent={percent} size="small" status={percent < 60 ? 'exception' : 'normal'} />
            ),
        },
      ]}
    />
  );
}

function WorkList(props: {
  title: string;
  items: ObligationItem[];
  empty: string;
  to: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={props.title}
      extra={<Link to={props.to}>{t('dash.viewAll')}</Link>}
      data-testid={props.testId}
    >
      <List
        size="small"
        dataSource={props.items}
        locale={{ emptyText: props.empty }}
        renderItem={(item) => (
          <List.Item extra={<StatusTag status={item.status} daysOverdue={item.daysOverdue ?? undefined} />}>
            <List.Item.Meta
              title={`${item.personName} · ${item.ruleTitle}`}
              description={`${item.unitName} · ${item.periodKey} · ${t('dash.dueOn', { date: item.dueDate })}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 工作台: the pool, this year's completion by programme, and what is overdue or falls due next. */
export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  if (dashboard.error) return <Alert type="error" showIcon title={errorText(dashboard.error)} />;
  if (!dashboard.data) return <Skeleton active />;
  const data = dashboard.data;
  return (
    <div data-testid="dashboard-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('dash.title')}
        <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12, fontWeight: 'normal' }}>
          {t('dash.asOf', { year: data.year, today: data.today })}
        </Typography.Text>
      </Typography.Title>
      <Figures data={data} />
      <Card size="small" title={t('dash.programmes')} style={{ marginBottom: 12 }}>
        <ProgrammeTable lines={data.programmes} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <WorkList
            title={t('dash.overdueList')}
            items={data.overdue}
            empty={t('dash.noOverdue')}
            to="/compliance?tab=overdue"
            testId="dash-overdue-list"
          />
        </Col>
        <Col xs={24} lg={12}>
          <WorkList
            title={t('dash.dueSoonList')}
            items={data.dueSoon}
            empty={t('dash.noDueSoon')}
            to="/compliance"
            testId="dash-due-soon-list"
          />
        </Col>
      </Row>
    </div>
  );
}
