import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  Segmented,
  Space,
  Switch,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_STATES, type AssessmentState } from '../../../core/mentors/assessment';
import { useCan } from '../../app/session';
import { download } from '../../shared/download';
import { errorText } from '../../shared/errors';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { ASSESSMENT_COLORS, useMentoringLabels } from '../talks/mentoring-labels';
import { AssessmentDrawer } from './assessment-drawer';
import { DirectionsTab, SettingsTab } from './config-tabs';
import {
  type AssignmentData,
  type ReserveMentorsData,
  useAssessments,
  useReserveMentorsList,
} from './mentors-api';
import { ReserveMentorsDrawer } from './reserve-mentors-drawer';
import { RewardsTab } from './rewards-tab';

function MentorCell({ a }: { a: AssignmentData | null }) {
  const { t } = useTranslation();
  if (!a) return <Typography.Text type="secondary">{t('mentor.none')}</Typography.Text>;
  return (
    <div>
      {a.mentor.name}
      {a.exceptionReason && (
        <Tooltip title={a.exceptionReason}>
          <Tag color="orange" style={{ marginLeft: 4 }}>
            {t('mentor.exception')}
          </Tag>
        </Tooltip>
      )}
      <div style={{ color: '#8c8c8c', fontSize: 12 }}>
        {a.mentor.unitName} {a.mentor.post}
      </div>
    </div>
  );
}

function LineupTab() {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const [filters, setFilters] = useState<{
    q?: string;
    unitId?: string;
    breach?: boolean;
    page: number;
    pageSize: number;
  }>({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string>();
  const list = useReserveMentorsList({ ...filters, breach: filters.breach || undefined });
  const columns: TableProps<ReserveMentorsData>['columns'] = [
    {
      title: t('people.name'),
      key: 'name',
      width: 140,
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setOpenId(r.reserveId)}
          data-testid={`mentors-${r.employeeNo}`}
        >
          {r.personName}（{r.employeeNo}）
        </Button>
      ),
    },
    { title: t('people.unit'), dataIndex: 'unitName', width: 150, ellipsis: true },
    { title: t('mentor.direction'), dataIndex: 'direction', width: 110 },
    {
      title: t('mentor.unitHead'),
      key: 'unitHead',
      width: 200,
      render: (_, r) => <MentorCell a={r.unitHead} />,
    },
    {
      title: t('mentor.relatedLeader'),
      key: 'related',
      width: 200,
      render: (_, r) => <MentorCell a={r.relatedLeader} />,
    },
    {
      title: t('mentor.breaches'),
      key: 'breaches',
      render: (_, r) =>
        r.breaches.length ? (
          r.breaches.map((b) => (
            <Tag color="red" key={`${b.slot}-${b.issue}`}>
              {labels.slot(b.slot)}：{labels.message(b.message)}
            </Tag>
          ))
        ) : (
          <Tag color="green">{t('mentor.compliant')}</Tag>
        ),
    },
  ];
  return (
    <>
      {!!list.data?.breachCount && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('mentor.breachCount', { n: list.data.breachCount })}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('pool.searchPlaceholder')}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined, page: 1 })}
          style={{ width: 200 }}
          data-testid="mentors-search"
        />
        <UnitTreeSelect
          allowClear
          value={filters.unitId}
          onChange={(unitId) => setFilters({ ...filters, unitId, page: 1 })}
          placeholder={t('pool.unitFilter')}
          style={{ width: 220 }}
        />
        <Space>
          <Switch
            checked={!!filters.breach}
            onChange={(breach) => setFilters({ ...filters, breach, page: 1 })}
            data-testid="mentors-breach"
          />
          {t('mentor.breachOnly')}
        </Space>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download('/mentors/export', {
              q: filters.q,
              unitId: filters.unitId,
              breach: filters.breach || undefined,
            })
          }
        >
          {t('common.export')}
        </Button>
      </Space>
      <Table<ReserveMentorsData>
        data-testid="mentors-table"
        rowKey="reserveId"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        onRow={(r) => ({ onDoubleClick: () => setOpenId(r.reserveId) })}
        locale={{ emptyText: <Empty description={list.error ? errorText(list.error) : t('pool.empty')} /> }}
        onChange={(p) => setFilters({ ...filters, page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <ReserveMentorsDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </>
  );
}

/** HR's list of annual assessments: those awaiting filing first. */
export function AssessmentsTab({
  mine = false,
  initial,
}: {
  mine?: boolean;
  initial?: AssessmentState | 'all';
}) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const [state, setState] = useState<AssessmentState | 'all'>(initial ?? (mine ? 'all' : 'submitted'));
  const [year, setYear] = useState<number>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string>();
  const list = useAssessments({
    state: state === 'all' ? undefined : state,
    year,
    mine: mine || undefined,
    ...page,
  });
  type Row = NonNullable<typeof list.data>['items'][number];
  const columns: TableProps<Row>['columns'] = [
    { title: t('assess.year'), dataIndex: 'year', width: 80 },
    {
      title: t('talk.reserve'),
      key: 'reserve',
      width: 160,
      render: (_, a) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setOpenId(a.id)}
          data-testid={`assessment-open-${a.employeeNo}`}
        >
          {a.personName}（{a.employeeNo}）
        </Button>
      ),
    },
    { title: t('people.unit'), dataIndex: 'unitName', width: 150, ellipsis: true },
    { title: t('mentor.mentor'), dataIndex: 'mentorName', width: 110 },
    { title: t('assess.assessedOn'), dataIndex: 'assessedOn', width: 110 },
    { title: t('assess.overallGrade'), dataIndex: 'overallGrade', width: 110 },
    {
      title: t('pool.state'),
      dataIndex: 'state',
      width: 110,
      render: (s: AssessmentState) => <Tag color={ASSESSMENT_COLORS[s]}>{labels.assessmentState(s)}</Tag>,
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={state}
          onChange={(v) => {
            setState(v as AssessmentState | 'all');
            setPage({ ...page, page: 1 });
          }}
          options={[
            { value: 'all', label: t('obl.filter.all') },
            ...ASSESSMENT_STATES.filter((s) => mine || s !== 'draft').map((s) => ({
              value: s,
              label: labels.assessmentState(s),
            })),
          ]}
        />
        <InputNumber
          placeholder={t('assess.year')}
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => setYear(v ?? undefined)}
        />
        <Button icon={<FileWordOutlined />} onClick={() => download('/assessments/form-blank.docx')}>
          {t('assess.blankForm')}
        </Button>
      </Space>
      <Table<Row>
        data-testid="assessments-table"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onRow={(a) => ({ onDoubleClick: () => setOpenId(a.id) })}
        locale={{ emptyText: <Empty description={list.error ? errorText(list.error) : t('assess.empty')} /> }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <AssessmentDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </>
  );
}

/** 导师管理: the mentor line-up with breaches, the annual assessments, the reward, the directions, the settings. */
export function MentorsPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Card title={t('mentor.menu')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'lineup', label: t('mentor.lineup'), children: <LineupTab /> },
          ...(can('assessments.read')
            ? [{ key: 'assessments', label: t('mentor.assessments'), children: <AssessmentsTab /> }]
            : []),
          ...(can('rewards.read')
            ? [{ key: 'rewards', label: t('mentor.rewards'), children: <RewardsTab /> }]
            : []),
          { key: 'directions', label: t('mentor.directions'), children: <DirectionsTab /> },
          { key: 'settings', label: t('mentor.settings'), children: <SettingsTab /> },
        ]}
      />
    </Card>
  );
}
