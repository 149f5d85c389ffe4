import { CheckCircleTwoTone, ClockCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../shared/download';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { type QuarterData, useQuarterView } from './courses-api';
import { currentQuarter, quarterOptions } from './quarters';

type Row = QuarterData['items'][number];

function CourseLines({ list }: { list: Row['courses'] }) {
  const { t } = useTranslation();
  if (list.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {list.map((c) => (
        <span key={c.courseId}>
          {c.completedOn ? (
            <CheckCircleTwoTone twoToneColor="#52c41a" />
          ) : (
            <ClockCircleOutlined style={{ color: '#faad14' }} />
          )}{' '}
          {c.code} {c.title}{' '}
          <Typography.Text type={c.completedOn ? 'success' : 'warning'} style={{ whiteSpace: 'nowrap' }}>
            {c.completedOn ?? t('course.notDone')}
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
}

/** 季度学习情况: each reserve and middle manager of a subtree with their courses of the quarter. */
export function QuarterTab() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState({
    periodKey: currentQuarter(),
    unitId: undefined as string | undefined,
    kind: 'all',
    incomplete: 'false',
    search: '',
    page: 1,
    pageSize: 20,
  });
  const update = (patch: Partial<typeof filters>) => setFilters({ ...filters, page: 1, ...patch });
  const view = useQuarterView(filters);
  const totals = view.data?.totals;
  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select
            data-testid="quarter-period"
            value={filters.periodKey}
            onChange={(periodKey) => update({ periodKey })}
            options={quarterOptions()}
            style={{ width: 110 }}
          />
          <UnitTreeSelect
            value={filters.unitId}
            onChange={(unitId) => update({ unitId })}
            allowClear
            placeholder={t('course.unit')}
            style={{ width: 200 }}
          />
          <Select
            data-testid="quarter-kind"
            value={filters.kind}
            onChange={(kind) => update({ kind })}
            options={(['all', 'reserve', 'middle_manager'] as const).map((k) => ({
              value: k,
              label: t(`course.kinds.${k}`),
            }))}
            style={{ width: 120 }}
          />
          <Checkbox
            data-testid="quarter-incomplete"
            checked={filters.incomplete === 'true'}
            onChange={(e) => update({ incomplete: e.target.checked ? 'true' : 'false' })}
          >
            {t('course.incompleteOnly')}
          </Checkbox>
          <Input.Search
            placeholder={t('course.searchPeople')}
            allowClear
            onSearch={(search) => update({ search: search.trim() })}
            style={{ width: 180 }}
          />
        </Space>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download('/course-quarter/export', { ...filters, page: undefined, pageSize: undefined })
          }
          data-testid="quarter-export"
        >
          {t('common.export')}
        </Button>
      </Space>
      {totals && (
        <Typography.Paragraph data-testid="quarter-totals">{t('course.totals', totals)}</Typography.Paragraph>
      )}
      <Table
        data-testid="quarter-table"
        rowKey="personId"
        size="middle"
        loading={view.isFetching}
        dataSource={view.data?.items}
        locale={{ emptyText: t('course.noPeople') }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: view.data?.total,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
        }}
        columns={[
          { title: t('course.person'), dataIndex: 'name', width: 90 },
          { title: t('course.employeeNo'), dataIndex: 'employeeNo', width: 100 },
          { title: t('course.unit'), dataIndex: 'unitName', width: 130 },
          {
            title: t('course.kind'),
            key: 'kind',
            width: 100,
            render: (_, r) => (
              <Space size={2} wrap>
                {r.isReserve && <Tag color="blue">{t('course.reserve')}</Tag>}
                {r.isMiddleManager && <Tag color="gold">{t('course.middleManager')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('course.assigned'),
            key: 'assigned',
            render: (_, r) => <CourseLines list={r.courses.filter((c) => c.kind === 'assigned')} />,
          },
          {
            title: t('course.chosen'),
            key: 'chosen',
            render: (_, r) =>
              r.isReserve ? <CourseLines list={r.courses.filter((c) => c.kind === 'chosen')} /> : '—',
          },
          {
            title: t('course.progress'),
            key: 'progress',
            width: 120,
            render: (_, r) => (
              <Progress
                size="small"
                percent={r.expected ? Math.round((r.completed / r.expected) * 100) : 0}
                format={() => `${r.completed}/${r.expected}`}
                status={r.completed >= r.expected && r.expected > 0 ? 'success' : 'normal'}
              />
            ),
          },
        ]}
      />
      {view.data && view.data.unitTotals.length > 0 && (
        <Table
          data-testid="quarter-units"
          title={() => <Typography.Text strong>{t('course.unitTotals')}</Typography.Text>}
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={view.data.unitTotals}
          columns={[
            { title: t('course.unit'), dataIndex: 'unitName' },
            { title: t('course.people'), dataIndex: 'people', width: 80 },
            { title: t('course.expected'), dataIndex: 'expected', width: 80 },
            { title: t('course.completed'), dataIndex: 'completed', width: 80 },
          ]}
        />
      )}
    </>
  );
}
