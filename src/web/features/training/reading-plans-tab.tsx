import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Empty,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { errorText, reportError } from '../../shared/errors';
import { oneLanguage } from '../../shared/one-language';
import { okButtonTestId } from '../../shared/test-id';
import { ReadingPlanModal } from './reading-plan-modal';
import { deletePlan, LEARNING_KEY, type PlanData, publishPlan, usePlans } from './training-api';

/** HR's reading plans: one per unit and year, published to the reserves under the unit. */
export function ReadingPlansTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const [query, setQuery] = useState<{ year?: number; page: number; pageSize: number }>({
    page: 1,
    pageSize: 20,
  });
  const [editing, setEditing] = useState<PlanData | Record<string, never> | null>(null);
  const plans = usePlans(query);
  const act = async (work: () => Promise<string | null>) => {
    try {
      const done = await work();
      await client.invalidateQueries({ queryKey: LEARNING_KEY });
      if (done) message.success(done);
    } catch (error) {
      reportError(error, { message, client, reload: [LEARNING_KEY] });
    }
  };
  const columns: TableProps<PlanData>['columns'] = [
    { title: t('learn.year'), dataIndex: 'year', width: 70 },
    { title: t('learn.ownerUnit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    {
      title: t('learn.materials'),
      key: 'materials',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.materials.map((m) => (
            <Tag key={m.title} color={m.kind === 'book' ? 'blue' : 'purple'}>
              {t(`learn.kinds.${m.kind}`)} · {m.title}
              {m.author ? `（${m.author}）` : ''}
            </Tag>
          ))}
          {r.warnings.map((w) => (
            <Tooltip key={w} title={oneLanguage(w)}>
              <Tag color="warning">!</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: t('learn.studyPeriod'),
      key: 'period',
      width: 200,
      render: (_, r) => `${r.studyStart} ~ ${r.studyEnd}`,
    },
    {
      title: t('learn.mode'),
      dataIndex: 'mode',
      width: 90,
      render: (m: PlanData['mode']) => t(`learn.modes.${m}`),
    },
    {
      title: t('learn.state'),
      dataIndex: 'state',
      width: 80,
      render: (s: PlanData['state']) => (
        <Tag color={s === 'published' ? 'green' : 'default'}>{t(`learn.states.${s}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, r) =>
        r.actions.edit && (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={() => setEditing(r)}
              data-testid={`plan-edit-${r.year}`}
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={r.state === 'draft' ? t('learn.publishConfirm') : t('learn.unpublishConfirm')}
              onConfirm={() =>
                void act(async () => {
                  const res = await publishPlan(r.id, r.version, r.state === 'draft');
                  return t(r.state === 'draft' ? 'learn.published' : 'learn.unpublished', {
                    count: res.moved,
                  });
                })
              }
              okButtonProps={okButtonTestId('plan-publish-ok')}
            >
              <Button type="link" size="small" data-testid={`plan-publish-${r.year}`}>
                {r.state === 'draft' ? t('learn.publish') : t('learn.unpublish')}
              </Button>
            </Popconfirm>
            {r.state === 'draft' && (
              <Popconfirm
                title={t('learn.deletePlan')}
                onConfirm={() => void act(() => deletePlan(r.id).then(() => null))}
              >
                <Button type="link" size="small" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber
          placeholder={t('learn.year')}
          min={2000}
          max={2100}
          value={query.year}
          onChange={(v) => setQuery({ ...query, page: 1, year: v ?? undefined })}
        />
        {can('learning.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="plan-new"
          >
            {t('learn.newPlan')}
          </Button>
        )}
      </Space>
      <Table<PlanData>
        data-testid="plans-table"
        rowKey="id"
        size="middle"
        loading={plans.isFetching}
        columns={columns}
        dataSource={plans.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: <Empty description={plans.error ? errorText(plans.error) : t('learn.emptyPlans')} />,
        }}
        onChange={(p) => setQuery({ ...query, page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: plans.data?.page ?? 1,
          pageSize: plans.data?.pageSize ?? 20,
          total: plans.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <ReadingPlanModal target={editing} onClose={() => setEditing(null)} />
    </>
  );
}
