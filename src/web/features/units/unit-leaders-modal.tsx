import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { PersonPicker } from '../../shared/person-picker';
import { okButtonTestId } from '../../shared/test-id';
import { UNITS_KEY } from '../../shared/units';
import { setUnitLeaders, type UnitDetailData } from './units-api';

/** 设置正职/副职: one head, any number of deputies, each found by name or employee number. */
export function UnitLeadersModal({
  unit,
  open,
  onClose,
}: {
  unit: UnitDetailData;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [head, setHead] = useState<string | undefined>(unit.head?.personId);
  const [deputies, setDeputies] = useState<(string | undefined)[]>(unit.deputies.map((d) => d.personId));
  const [busy, setBusy] = useState(false);
  const known = [...(unit.head ? [unit.head] : []), ...unit.deputies];

  const submit = async () => {
    setBusy(true);
    try {
      const deputyPersonIds = [...new Set(deputies.filter((d): d is string => !!d))];
      await setUnitLeaders(unit.id, { version: unit.version, headPersonId: head ?? null, deputyPersonIds });
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: UNITS_KEY });
      onClose();
    } catch (error) {
      reportError(error, { message, client, reload: [UNITS_KEY] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('units.leadersTitle', { name: unit.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
      okButtonProps={okButtonTestId('unit-leaders-submit')}
    >
      <Form layout="vertical">
        <Form.Item label={t('units.head')}>
          <PersonPicker
            value={head}
            onChange={(v) => setHead(v)}
            known={known}
            data-testid="unit-head-picker"
          />
        </Form.Item>
        <Form.Item label={t('units.deputies')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {deputies.map((deputy, index) => (
              // Rows have no identity of their own until a person is picked.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <Space.Compact key={index} style={{ width: '100%' }}>
                <PersonPicker
                  value={deputy}
                  known={known}
                  onChange={(v) => setDeputies(deputies.map((d, i) => (i === index ? v : d)))}
                  data-testid={`unit-deputy-picker-${index}`}
                />
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => setDeputies(deputies.filter((_, i) => i !== index))}
                  aria-label={t('common.delete')}
                />
              </Space.Compact>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => setDeputies([...deputies, undefined])}
              disabled={deputies.length >= 20}
              data-testid="unit-deputy-add"
            >
              {t('units.addDeputy')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
