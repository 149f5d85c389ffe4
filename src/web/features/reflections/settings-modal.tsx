import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { useProgrammes } from '../programmes/programmes-api';
import { REFLECTIONS_KEY, saveSettings, useReflectionSettings } from './reflections-api';

/** 查重设置: a programme's copy-check threshold and whether own reuse is flagged. */
export function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState<string>();
  const settings = useReflectionSettings(open ? programmeId : undefined);
  const [form] = Form.useForm<{ thresholdPercent: number; flagOwnReuse: boolean }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!programmeId && programmes.data?.[0]) setProgrammeId(programmes.data[0].id);
  }, [programmeId, programmes.data]);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await saveSettings(programmeId!, { ...values, version: settings.data?.version ?? 0 });
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: REFLECTIONS_KEY });
      onClose();
    } catch (error) {
      reportError(error, { message, form, client, reload: [REFLECTIONS_KEY] });
    } finally {
      setBusy(false);
    }
  };
  const canEdit = settings.data?.canEdit ?? false;
  return (
    <Modal
      open={open}
      title={t('refl.settings')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ ...okButtonTestId('settings-submit'), disabled: !canEdit }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" disabled={!canEdit}>
        <Form.Item label={t('refl.programme')}>
          <Select
            value={programmeId}
            onChange={setProgrammeId}
            options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            disabled={false}
            data-testid="settings-programme"
          />
        </Form.Item>
        {!canEdit && settings.data ? (
          <Alert type="info" message={t('refl.settingsReadOnly')} style={{ marginBottom: 12 }} />
        ) : null}
        <Form.Item
          name="thresholdPercent"
          label={t('refl.threshold')}
          extra={t('refl.thresholdHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={5} max={100} data-testid="settings-threshold" />
        </Form.Item>
        <Form.Item name="flagOwnReuse" label={t('refl.flagOwn')} valuePropName="checked">
          <Switch data-testid="settings-own" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
