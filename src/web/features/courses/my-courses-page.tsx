import { CheckCircleTwoTone, ClockCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { useSession } from '../../app/session';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { COURSES_KEY, type MyCoursesData, useMyCatalogue, useMyCourses } from './courses-api';
import { currentQuarter, quarterOptions } from './quarters';

type Item = MyCoursesData['assigned'][number];

function CourseList({ items, empty, testId }: { items: Item[]; empty: string; testId: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      data-testid={testId}
      dataSource={items}
      renderItem={(c) => (
        <List.Item
          actions={
            c.link
              ? [
                  <a key="open" href={c.link} target="_blank" rel="noopener noreferrer">
                    {t('course.open')}
                  </a>,
                ]
              : []
          }
        >
          <List.Item.Meta
            avatar={
              c.completedOn ? (
                <CheckCircleTwoTone twoToneColor="#52c41a" />
              ) : (
                <ClockCircleOutlined style={{ color: '#faad14' }} />
              )
            }
            title={`${c.code} ${c.title}`}
            description={`${c.category} · ${c.hours} ${t('course.hours')}`}
          />
          {c.completedOn ? (
            <Tag color="green">
              {t('course.completedOn')} {c.completedOn}
            </Tag>
          ) : (
            <Tag color="orange">{t('course.notDone')}</Tag>
          )}
        </List.Item>
      )}
    />
  );
}

/** 我的网上课程: my quarter's assigned courses and my own choices, with what I completed. */
export function MyCoursesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [periodKey, setPeriodKey] = useState(currentQuarter());
  const [choosing, setChoosing] = useState(false);
  const mine = useMyCourses(periodKey);
  if (!session.user.personId) return <Alert type="info" showIcon title={t('course.noPerson')} />;
  const data = mine.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('course.myTitle')}
        extra={
          <Select
            data-testid="my-quarter"
            value={periodKey}
            onChange={setPeriodKey}
            options={quarterOptions()}
            style={{ width: 110 }}
          />
        }
        loading={mine.isPending}
      >
        {data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Title level={5}>
              {t('course.myAssignedHelp', { quantity: data.quantity.assigned })}
            </Typography.Title>
            <CourseList items={data.assigned} empty={t('course.noAssigned')} testId="my-assigned" />
            {data.isReserve ? (
              <>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Title level={5}>
                    {t('course.myChosenHelp', { quantity: data.quantity.chosen })}
                  </Typography.Title>
                  {data.canChoose && (
                    <Button type="primary" onClick={() => setChoosing(true)} data-testid="my-choose">
                      {t('course.choose')}
                    </Button>
                  )}
                </Space>
                <CourseList items={data.chosen} empty={t('course.noChosen')} testId="my-chosen" />
              </>
            ) : (
              <Alert type="info" showIcon title={t('course.notReserve')} />
            )}
            {data.otherCompletions.length > 0 && (
              <>
                <Typography.Title level={5}>{t('course.others')}</Typography.Title>
                <CourseList items={data.otherCompletions} empty="" testId="my-others" />
              </>
            )}
          </Space>
        )}
      </Card>
      {data && choosing && <ChooseModal data={data} onClose={() => setChoosing(false)} />}
    </Space>
  );
}

function ChooseModal({ data, onClose }: { data: MyCoursesData; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [filters, setFilters] = useState({ search: '', category: '', page: 1, pageSize: 10 });
  const catalogue = useMyCatalogue(filters, true);
  const [selected, setSelected] = useState<string[]>(data.chosen.map((c) => c.id));
  const [saving, setSaving] = useState(false);
  const locked = new Set(data.chosen.filter((c) => c.completedOn).map((c) => c.id));
  const assigned = new Set(data.assigned.map((c) => c.id));
  const save = async () => {
    setSaving(true);
    try {
      await api('/my/courses/choices', {
        method: 'PUT',
        body: { periodKey: data.periodKey, courseIds: selected },
      });
      message.success(t('course.choicesSaved'));
      await client.invalidateQueries({ queryKey: COURSES_KEY });
      onClose();
    } catch (error) {
      reportError(error, { message });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={760}
      title={t('course.chooseTitle', { quantity: data.quantity.chosen })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('course.saveChoices')}
      okButtonProps={okButtonTestId('my-choose-save', { loading: saving })}
    >
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          data-testid="my-catalogue-search"
          placeholder={t('course.searchCatalogue')}
          allowClear
          onSearch={(search) => setFilters({ ...filters, page: 1, search: search.trim() })}
          style={{ width: 220 }}
        />
        <Select
          placeholder={t('course.category')}
          allowClear
          onChange={(category?: string) => setFilters({ ...filters, page: 1, category: category ?? '' })}
          options={(catalogue.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
          style={{ width: 140 }}
        />
      </Space>
      <Table
        data-testid="my-catalogue"
        rowKey="id"
        size="small"
        loading={catalogue.isFetching}
        dataSource={catalogue.data?.items}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          hideSelectAll: true,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (row) => ({
            disabled:
              assigned.has(row.id) ||
              locked.has(row.id) ||
              (!selected.includes(row.id) && selected.length >= data.quantity.chosen),
          }),
        }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: catalogue.data?.total,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
        }}
        columns={[
          { title: t('course.code'), dataIndex: 'code', width: 120 },
          {
            title: t('course.name'),
            dataIndex: 'title',
            render: (title: string, row) => (
              <Space>
                {title}
                {assigned.has(row.id) && <Tag color="blue">{t('course.assigned')}</Tag>}
                {locked.has(row.id) && <Tag color="green">{t('course.lockedChoice')}</Tag>}
              </Space>
            ),
          },
          { title: t('course.category'), dataIndex: 'category', width: 100 },
          { title: t('course.hours'), dataIndex: 'hours', width: 60 },
        ]}
      />
    </Modal>
  );
}
