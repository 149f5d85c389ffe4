import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { errorText, reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { buildUnitTree, toTreeOptions, useUnits } from '../../shared/units';
import { useProgrammes } from '../programmes/programmes-api';
import {
  type DirectionData,
  MENTORS_KEY,
  saveSettings,
  setDirectionUnits,
  useDirections,
  useSettings,
} from './mentors-api';

function DirectionModal({ item, onClose }: { item: DirectionData | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const units = useUnits();
  const tree = useMemo(() => toTreeOptions(buildUnitTree(units.data ?? [])), [units.data]);
  const [form] = Form.useForm<{ direction: string; unitIds: string[] }>();
  useEffect(() => {
    if (item)
      form.setFieldsValue(
        item === 'new'
          ? { direction: '', unitIds: [] }
          : { direction: item.direction, unitIds: item.units.map((u) => u.id) },
      );
  }, [item, form]);
  const save = async () => {
    const values = await form.validateFields();
    try {
      await setDirectionUnits(values.direction, values.unitIds ?? []);
      await client.invalidateQueries({ queryKey: MENTORS_KEY });
      onClose();
    } catch (error) {
      reportError(error, { message, form });
    }
  };
  return (
    <Modal
      open={!!item}
      title={t('mentor.directions')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={okButtonTestId('direction-units-submit')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="direction"
          label={t('mentor.directionName')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input maxLength={100} disabled={item !== 'new'} data-testid="direction-name" />
        </Form.Item>
        <Form.Item name="unitIds" label={t('mentor.directionUnits')}>
          <TreeSelect
            data-testid="direction-units"
            treeData={tree}
            multiple
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 培养方向与相关部门: HR's dictionary the second mentor is proposed and checked from. */
export function DirectionsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const directions = useDirections();
  const [editing, setEditing] = useState<DirectionData | 'new' | null>(null);
  const columns: TableProps<DirectionData>['columns'] = [
    { title: t('mentor.direction'), dataIndex: 'direction', width: 180 },
    {
      title: t('mentor.directionUnits'),
      key: 'units',
      render: (_, d) =>
        d.units.length ? (
          d.units.map((u) => <Tag key={u.id}>{u.name}</Tag>)
        ) : (
          <Typography.Text type="warning">—</Typography.Text>
        ),
    },
    { title: t('mentor.directionReserves'), dataIndex: 'reserves', width: 110 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, d) =>
        can('mentors.manage') && (
          <Button size="small" type="link" onClick={() => setEditing(d)}>
            {t('common.edit')}
          </Button>
        ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('mentor.directionHint')} />
      {can('mentors.manage') && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ width: 'fit-content' }}>
          {t('mentor.directionAdd')}
        </Button>
      )}
      <Table<DirectionData>
        data-testid="directions-table"
        rowKey="direction"
        size="middle"
        loading={directions.isFetching}
        columns={columns}
        dataSource={directions.data ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty description={directions.error ? errorText(directions.error) : t('common.noData')} />
          ),
        }}
      />
      <DirectionModal item={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}

/** 考核与奖励设置: a programme's grade and rating scales and the reward per pair. */
export function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState<string>();
  useEffect(() => {
    if (!programmeId && programmes.data?.length) setProgrammeId(programmes.data[0].id);
  }, [programmeId, programmes.data]);
  const settings = useSettings(programmeId);
  const [form] = Form.useForm<{ gradeScale: string[]; ratingScale: string[]; rewardYuan: string }>();
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        gradeScale: settings.data.gradeScale,
        ratingScale: settings.data.ratingScale,
        rewardYuan: settings.data.rewardYuan,
      });
  }, [settings.data, form]);
  const save = async () => {
    const values = await form.validateFields();
    try {
      await saveSettings({ programmeId: programmeId!, ...values, version: settings.data!.version });
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: MENTORS_KEY });
    } catch (error) {
      reportError(error, { message, form, client, reload: [MENTORS_KEY] });
    }
  };
  const manage = settings.data?.actions.manage;
  return (
    <Card size="small" style={{ maxWidth: 720 }}>
      <Form form={form} layout="vertical" disabled={!manage}>
        <Form.Item label={t('mentor.programme')}>
          <Select
            value={programmeId}
            onChange={setProgrammeId}
            options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            disabled={false}
          />
        </Form.Item>
        {settings.data && !settings.data.saved && (
          <Alert type="info" showIcon message={t('mentor.settingsDefault')} style={{ marginBottom: 12 }} />
        )}
        <Form.Item
          name="gradeScale"
          label={t('mentor.gradeScale')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select mode="tags" open={false} data-testid="settings-grades" />
        </Form.Item>
        <Form.Item
          name="ratingScale"
          label={t('mentor.ratingScale')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item
          name="rewardYuan"
          label={t('mentor.reward')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input style={{ width: 200 }} data-testid="settings-reward" />
        </Form.Item>
        {manage && (
          <Button type="primary" onClick={() => void save()} data-testid="settings-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
