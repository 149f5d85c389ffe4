import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableProps,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ATTENDANCE, type Attendance } from '../../../core/learning/learning';
import { errorText, reportError } from '../../shared/errors';
import { StatusTag } from '../compliance/obligation-table';
import { AddParticipantsModal } from './add-participants-modal';
import {
  type EventDetailData,
  LEARNING_KEY,
  type ParticipantData,
  removeParticipants,
  saveAttendance,
  useParticipants,
} from './training-api';

type Edit = { attendance: Attendance | null; note: string };

/** A training's participants: search, pages, attendance edited in place and saved together. */
export function ParticipantsTable({ event }: { event: EventDetailData }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [query, setQuery] = useState<{ q?: string; page: number; pageSize: number }>({
    page: 1,
    pageSize: 20,
  });
  const [edits, setEdits] = useState<Map<string, Edit>>(new Map());
  const [selected, setSelected] = useState<string[]>([]);
  const [adding, setAdding] = useState(false);
  const list = useParticipants(event.id, query);
  const manage = event.actions.edit;
  const current = (r: ParticipantData): Edit =>
    edits.get(r.reserveId) ?? { attendance: r.attendance, note: r.note };
  const edit = (r: ParticipantData, patch: Partial<Edit>) =>
    setEdits(new Map(edits).set(r.reserveId, { ...current(r), ...patch }));
  const refresh = () => client.invalidateQueries({ queryKey: LEARNING_KEY });

  const save = async () => {
    try {
      await saveAttendance(event.id, {
        items: [...edits].map(([reserveId, e]) => ({ reserveId, attendance: e.attendance, note: e.note })),
      });
      setEdits(new Map());
      message.success(t('learn.attendanceSaved'));
      await refresh();
    } catch (error) {
      reportError(error, { message });
    }
  };
  const remove = async () => {
    try {
      const { removed } = await removeParticipants(event.id, selected);
      setSelected([]);
      message.success(t('learn.removed', { count: removed }));
      await refresh();
    } catch (error) {
      reportError(error, { message });
    }
  };

  const columns: TableProps<ParticipantData>['columns'] = [
    {
      title: t('learn.name'),
      key: 'name',
      width: 160,
      render: (_, r) => `${r.personName}（${r.employeeNo}）`,
    },
    { title: t('learn.unitName'), dataIndex: 'unitName', width: 150, ellipsis: true },
    { title: t('learn.programme'), dataIndex: 'programmeName', ellipsis: true },
    {
      title: t('learn.attendance'),
      key: 'attendance',
      width: 130,
      render: (_, r) => (
        <Select<Attendance | null>
          size="small"
          disabled={!manage}
          value={current(r).attendance}
          onChange={(attendance) => edit(r, { attendance })}
          options={[
            { value: null, label: t('learn.notRecorded') },
            ...ATTENDANCE.map((a) => ({ value: a, label: t(`learn.att.${a}`) })),
          ]}
          style={{ width: 110 }}
          data-testid={`attendance-${r.employeeNo}`}
        />
      ),
    },
    {
      title: t('learn.attendanceNote'),
      key: 'note',
      width: 180,
      render: (_, r) => (
        <Input
          size="small"
          disabled={!manage}
          maxLength={200}
          value={current(r).note}
          onChange={(e) => edit(r, { note: e.target.value })}
        />
      ),
    },
    {
      title: t('learn.reflectionDue'),
      key: 'due',
      width: 120,
      render: (_, r) => r.reflection?.dueDate ?? '—',
    },
    {
      title: t('learn.reflectionStatus'),
      key: 'status',
      width: 150,
      render: (_, r) =>
        r.reflection ? (
          <Space size={4}>
            <StatusTag status={r.reflection.status} />
            <Link to={`/reflections/obligation/${r.reflection.obligationId}`}>
              {t('learn.viewReflection')}
            </Link>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('learn.noObligation')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('learn.searchParticipants')}
          onSearch={(q) => setQuery({ ...query, page: 1, q: q.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="participants-search"
        />
        {manage && (
          <>
            <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="participants-add">
              {t('learn.addParticipants')}
            </Button>
            <Popconfirm
              title={t('learn.removeConfirm')}
              onConfirm={() => void remove()}
              disabled={!selected.length}
            >
              <Button
                danger
                icon={<DeleteOutlined />}
                disabled={!selected.length}
                data-testid="participants-remove"
              >
                {t('learn.removeSelected')}
              </Button>
            </Popconfirm>
            <Button
              onClick={() => {
                const next = new Map(edits);
                for (const r of list.data?.items ?? [])
                  next.set(r.reserveId, { ...current(r), attendance: 'present' });
                setEdits(next);
              }}
              data-testid="attendance-all-present"
            >
              {t('learn.allPresent')}
            </Button>
            <Button
              type="primary"
              disabled={!edits.size}
              onClick={() => void save()}
              data-testid="attendance-save"
            >
              {t('learn.saveAttendance')}
            </Button>
            {edits.size > 0 && (
              <Typography.Text type="warning">{t('learn.unsaved', { count: edits.size })}</Typography.Text>
            )}
          </>
        )}
      </Space>
      <Table<ParticipantData>
        data-testid="participants-table"
        rowKey="reserveId"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        rowSelection={
          manage
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
            : undefined
        }
        scroll={{ x: 1100 }}
        locale={{
          emptyText: (
            <Empty description={list.error ? errorText(list.error) : t('learn.emptyParticipants')} />
          ),
        }}
        onChange={(p) => setQuery({ ...query, page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: list.data?.page ?? 1,
          pageSize: list.data?.pageSize ?? 20,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <AddParticipantsModal event={event} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
