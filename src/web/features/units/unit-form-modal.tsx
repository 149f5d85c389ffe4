import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateUnitBody } from '../../../contracts/units';
import type { UnitType } from '../../../core/org/unit-types';
import { useDictionaries, useLabels } from '../../shared/dictionaries';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { UNITS_KEY } from '../../shared/units';
import { zodRule } from '../../shared/zod-rule';
import { createUnit, type UnitDetailData, updateUnit } from './units-api';

type UnitFormValues = { code: string; name: string; type: UnitType; sortOrder: number };

type UnitFormModalProps = {
  /** Edit this unit; without it, create a child of `parent` (or a root). */
  unit?: UnitDetailData;
  parent?: { id: string; name: string } | null;
  open: boolean;
  onClose: (createdId?: string) => void;
};

const shape = CreateUnitBody.shape;

/** 新增下级机构 / 修改: code, name, type and order among siblings. */
export function UnitFormModal({ unit, parent, open, onClose }: UnitFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const dictionaries = useDictionaries();
  const { unitType } = useLabels();
  const [form] = Form.useForm<UnitFormValues>();
  const [busy, setBusy] = useState(false);
  const required = { required: true, message: t('common.required') };

  const submit = async (values: UnitFormValues) => {
    setBusy(true);
    try {
      if (unit) {
        await updateUnit(unit.id, { ...values, version: unit.version });
        message.success(t('common.saved'));
        onClose();
      } else {
        const created = await createUnit({ ...values, parentId: parent?.id ?? null });
        message.success(t('units.created'));
        onClose(created.id);
      }
      await client.invalidateQueries({ queryKey: UNITS_KEY });
    } catch (error) {
      reportError(error, { message, form, client, reload: [UNITS_KEY] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        unit
          ? t('units.editTitle')
          : parent
            ? t('units.createChildTitle', { parent: parent.name })
            : t('units.createRootTitle')
      }
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={okButtonTestId('unit-form-submit')}
    >
      <Form<UnitFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          unit
            ? { code: unit.code, name: unit.name, type: unit.type, sortOrder: unit.sortOrder }
            : { sortOrder: 0 }
        }
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="name" label={t('units.name')} rules={[required, zodRule(shape.name)]}>
          <Input data-testid="unit-form-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('units.code')}
          rules={[required, zodRule(shape.code)]}
          extra={t('units.codeHint')}
        >
          <Input data-testid="unit-form-code" />
        </Form.Item>
        <Form.Item name="type" label={t('units.type')} rules={[required]}>
          <Select
            data-testid="unit-form-type"
            options={(dictionaries.data?.unitTypes ?? []).map((type) => ({
              value: type,
              label: unitType(type),
            }))}
          />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('units.sortOrder')} extra={t('units.sortOrderHint')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
