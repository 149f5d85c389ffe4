import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { errorText, reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import {
  type CreateProgramme,
  createProgramme,
  PROGRAMMES_KEY,
  type ProgrammeData,
  useProgrammes,
} from './programmes-api';

function CreateModal({
  open,
  onClose,
  programmes,
}: {
  open: boolean;
  onClose: () => void;
  programmes: ProgrammeData[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateProgramme>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await createProgramme({
        ...values,
        copyFromProgrammeId: values.copyFromProgrammeId ?? null,
      });
      await client.invalidateQueries({ queryKey: PROGRAMMES_KEY });
      onClose();
      navigate(`/programmes/${created.id}`);
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
      title={t('prog.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={okButtonTestId('programme-create-submit')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ cycleYears: 2, dueSoonDays: 14, copyFromProgrammeId: null }}
      >
        <Form.Item name="copyFromProgrammeId" label={t('prog.copyFrom')}>
          <Select
            data-testid="programme-copy-from"
            options={[
              { value: null, label: t('prog.fromDefault') },
              ...programmes.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` })),
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('prog.name')} rules={required}>
          <Input data-testid="programme-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="tier" label={t('prog.tier')} rules={required}>
          <Input data-testid="programme-tier" maxLength={50} placeholder={t('prog.tierPlaceholder')} />
        </Form.Item>
        <Form.Item name="unitId" label={t('prog.unit')} rules={required}>
          <UnitTreeSelect data-testid="programme-unit" />
        </Form.Item>
        <Form.Item name="cycleYears" label={t('prog.cycleYears')} rules={required}>
          <InputNumber min={1} max={3} />
        </Form.Item>
        <Form.Item name="dueSoonDays" label={t('prog.dueSoonDays')} rules={required}>
          <InputNumber min={0} max={90} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 培养方案: every programme the user may see. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const programmes = useProgrammes();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('menu.programmes')}
      extra={
        can('programmes.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="programme-create"
          >
            {t('prog.create')}
          </Button>
        )
      }
    >
      <Table<ProgrammeData>
        data-testid="programmes-table"
        rowKey="id"
        loading={programmes.isFetching}
        dataSource={programmes.data ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty description={programmes.isError ? errorText(programmes.error) : t('common.noData')} />
          ),
        }}
        columns={[
          {
            title: t('prog.name'),
            dataIndex: 'name',
            render: (name: string, p) => <Link to={`/programmes/${p.id}`}>{name}</Link>,
          },
          { title: t('prog.tier'), dataIndex: 'tier' },
          { title: t('prog.unit'), dataIndex: 'unitName' },
          { title: t('prog.cycleYears'), dataIndex: 'cycleYears', width: 100 },
          { title: t('prog.dueSoonDays'), dataIndex: 'dueSoonDays', width: 110 },
          {
            title: t('prog.currentVersion'),
            key: 'version',
            width: 150,
            render: (_, p) => (
              <>
                {p.current ? `v${p.current.number}` : '—'}{' '}
                {p.draft && <Tag color="orange">{t('prog.hasDraft')}</Tag>}
              </>
            ),
          },
          {
            title: t('prog.rulesCount'),
            key: 'rules',
            width: 90,
            render: (_, p) => p.current?.rules.length ?? 0,
          },
          { title: t('prog.activeReserves'), dataIndex: 'activeReserves', width: 110 },
          {
            title: t('prog.active'),
            dataIndex: 'active',
            width: 80,
            render: (v: boolean) =>
              v ? <Tag color="green">{t('prog.yes')}</Tag> : <Tag>{t('prog.inactive')}</Tag>,
          },
        ]}
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} programmes={programmes.data ?? []} />
    </Card>
  );
}
