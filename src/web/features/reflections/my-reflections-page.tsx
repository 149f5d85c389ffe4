import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Table, type TableProps, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText, reportError } from '../../shared/errors';
import { StatusTag } from '../compliance/obligation-table';
import { ReflectionTable } from './reflection-table';
import {
  REFLECTIONS_KEY,
  startReflection,
  type TasksData,
  useMyReflectionTasks,
  useReflectionList,
} from './reflections-api';
import { STATE_COLORS } from './state-colors';

type Task = TasksData['items'][number];

function MenteeList() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useReflectionList('/my/mentee-reflections', page);
  return (
    <ReflectionTable
      data={list.data}
      loading={list.isFetching}
      error={list.error}
      onPage={(p, pageSize) => setPage({ page: p, pageSize })}
      testId="mentee-reflections"
    />
  );
}

/** 我的心得: every obligation of mine that asks for a reflection, with what I wrote for it. */
export function MyReflectionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const tasks = useMyReflectionTasks();
  const mentees = useReflectionList('/my/mentee-reflections', { page: 1, pageSize: 1 });
  const open = async (task: Task) => {
    if (task.reflection) return navigate(`/reflections/${task.reflection.id}`);
    try {
      const created = await startReflection(task.obligationId);
      await client.invalidateQueries({ queryKey: REFLECTIONS_KEY });
      navigate(`/reflections/${created.id}`);
    } catch (error) {
      reportError(error, { message });
    }
  };
  const columns: TableProps<Task>['columns'] = [
    { title: t('refl.task'), dataIndex: 'ruleTitle', ellipsis: true },
    { title: t('refl.period'), dataIndex: 'periodKey', width: 90 },
    { title: t('refl.minChars'), dataIndex: 'minChars', width: 90 },
    { title: t('refl.dueDate'), dataIndex: 'dueDate', width: 110 },
    { title: t('refl.taskStatus'), dataIndex: 'status', width: 130, render: (s) => <StatusTag status={s} /> },
    {
      title: t('refl.status'),
      key: 'state',
      width: 120,
      render: (_, r) =>
        r.reflection ? (
          <Tag color={STATE_COLORS[r.reflection.state]}>{t(`refl.state.${r.reflection.state}`)}</Tag>
        ) : r.canStart ? (
          <Tag>{t('refl.state.none')}</Tag>
        ) : (
          // Settled without a reflection here (HR recorded it by hand, or waived it).
          '—'
        ),
    },
    { title: t('refl.chars'), key: 'chars', width: 80, render: (_, r) => r.reflection?.draftChars ?? '' },
    {
      title: t('refl.hrComment'),
      key: 'comment',
      ellipsis: true,
      render: (_, r) => <Typography.Text type="warning">{r.reflection?.lastComment ?? ''}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, r) => {
        const state = r.reflection?.state;
        const label = !r.reflection
          ? t('refl.write')
          : state === 'draft'
            ? t('refl.continue')
            : state === 'returned'
              ? t('refl.revise')
              : t('refl.view');
        if (!r.reflection && !r.canStart) return null;
        return (
          <Button
            type="link"
            size="small"
            onClick={() => void open(r)}
            data-testid={`open-${r.obligationId}`}
          >
            {label}
          </Button>
        );
      },
    },
  ];
  const mine = (
    <Table<Task>
      data-testid="my-reflections"
      rowKey="obligationId"
      size="middle"
      loading={tasks.isPending}
      columns={columns}
      dataSource={tasks.data?.items ?? []}
      pagination={false}
      onRow={(r) => ({ 'data-testid': `task-${r.evidenceKind}-${r.periodKey}` }) as object}
      locale={{ emptyText: <Empty description={tasks.isError ? errorText(tasks.error) : t('refl.empty')} /> }}
    />
  );
  return (
    <Card title={t('refl.myTitle')}>
      {mentees.data?.total ? (
        <Tabs
          items={[
            { key: 'mine', label: t('refl.myTitle'), children: mine },
            { key: 'mentees', label: t('refl.mentees'), children: <MenteeList /> },
          ]}
        />
      ) : (
        mine
      )}
    </Card>
  );
}
