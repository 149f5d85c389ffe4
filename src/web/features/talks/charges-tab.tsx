import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  type TableProps,
  TreeSelect,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { errorText, reportError } from '../../shared/errors';
import { PersonPicker } from '../../shared/person-picker';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { buildUnitTree, toTreeOptions, useUnits } from '../../shared/units';
import { CHARGES_KEY, type ChargeData, createCharges, endCharge, TALKS_KEY, useCharges } from './talks-api';

type Values = { leaderPersonId: string; unitIds: string[]; startOn: Dayjs; note?: string };

function AddChargeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const tree = useMemo(() => toTreeOptions(buildUnitTree(units.data ?? [])), [units.data]);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await createCharges({
        ...values,
        startOn: values.startOn.format('YYYY-MM-DD'),
        note: values.note ?? null,
      });
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: CHARGES_KEY });
      await client.invalidateQueries({ queryKey: TALKS_KEY });
      onClose();
    } catch (error) {
      reportError(error, { message, form });
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={open}
      title={t('talk.chargeAdd')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={okButtonTestId('charge-submit')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ startOn: today() }}>
        <Form.Item name="leaderPersonId" label={t('talk.chargeLeader')} rules={required}>
          <PersonPicker data-testid="charge-leader" />
        </Form.Item>
        <Form.Item name="unitIds" label={t('talk.chargeUnits')} rules={required}>
          <TreeSelect
            data-testid="charge-units"
            treeData={tree}
            multiple
            treeCheckable={false}
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
          />
        </Form.Item>
        <Form.Item name="startOn" label={t('talk.chargeStart')} rules={required}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('talk.chargeNote')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 领导分管: which leadership member is in charge of which units; HR puts leaders in charge and ends charges. */
export function ChargesTab() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [includeEnded, setIncludeEnded] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [adding, setAdding] = useState(false);
  const charges = useCharges({ includeEnded: includeEnded || undefined, ...page });
  const end = async (c: ChargeData) => {
    try {
      await endCharge(c.id, today().format('YYYY-MM-DD'));
      message.success(t('talk.chargeEndDone'));
      await client.invalidateQueries({ queryKey: CHARGES_KEY });
    } catch (error) {
      reportError(error, { message });
    }
  };
  const columns: TableProps<ChargeData>['columns'] = [
    {
      title: t('talk.chargeLeader'),
      key: 'leader',
      width: 180,
      render: (_, c) => `${c.leaderName}（${c.leaderEmployeeNo}）`,
    },
    { title: t('people.currentPost'), dataIndex: 'leaderPost', width: 140 },
    { title: t('talk.chargeUnits'), dataIndex: 'unitName' },
    { title: t('talk.chargeStart'), dataIndex: 'startOn', width: 120 },
    { title: t('talk.chargeEnd'), dataIndex: 'endOn', width: 120 },
    { title: t('talk.chargeNote'), dataIndex: 'note', width: 160, ellipsis: true },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, c) =>
        c.actions.end && (
          <Popconfirm
            title={t('talk.chargeEndTitle')}
            okText={t('talk.confirmEnd')}
            onConfirm={() => void end(c)}
          >
            <Button size="small" danger>
              {t('talk.confirmEnd')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('talk.chargeHint')} />
      <Space>
        {can('charges.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="charge-add"
          >
            {t('talk.chargeAdd')}
          </Button>
        )}
        <Switch checked={includeEnded} onChange={setIncludeEnded} />
        {t('talk.chargeIncludeEnded')}
      </Space>
      <Table<ChargeData>
        data-testid="charges-table"
        rowKey="id"
        size="middle"
        loading={charges.isFetching}
        columns={columns}
        dataSource={charges.data?.items ?? []}
        locale={{
          emptyText: <Empty description={charges.error ? errorText(charges.error) : t('talk.chargeEmpty')} />,
        }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: charges.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <AddChargeModal open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}
