import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ELIMINATION_REASONS, type EliminationReason } from '../../../core/programme/pool';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { useCadreLabels } from '../programmes/rule-labels';
import { POOL_KEY, type ReserveDetailData, transition } from './pool-api';

export type TransitionTo = 'promoted' | 'eliminated' | 'withdrawn' | 'completed';
type Values = {
  effectiveOn: Dayjs;
  reasonCode?: EliminationReason;
  reason: string;
  newPost?: string;
  middleManagement?: boolean;
};

/** 提拔任用 / 淘汰 / 退出 / 培养期满: a dated, reasoned move of one reserve. */
export function TransitionModal({
  reserve,
  to,
  onClose,
}: {
  reserve: ReserveDetailData;
  to: TransitionTo | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!to) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      await transition(reserve.id, {
        version: reserve.version,
        to,
        effectiveOn: values.effectiveOn.format('YYYY-MM-DD'),
        reasonCode: to === 'eliminated' ? values.reasonCode : null,
        reason: values.reason.trim(),
        // The promotion record: the new post, and whether it is a middle-management one (mentor reward).
        newPost: to === 'promoted' ? (values.newPost?.trim() ?? null) : null,
        middleManagement: to === 'promoted' ? (values.middleManagement ?? true) : undefined,
      });
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: POOL_KEY });
      onClose();
    } catch (error) {
      reportError(error, { message, form, client, reload: [POOL_KEY] });
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={!!to}
      title={to ? `${t(`pool.to.${to}`)} · ${reserve.personName}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={okButtonTestId('transition-submit', { danger: to === 'eliminated' })}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ effectiveOn: today(), middleManagement: true }}>
        <Form.Item name="effectiveOn" label={t('pool.effectiveOn')} rules={required}>
          <DatePicker data-testid="transition-date" style={{ width: '100%' }} />
        </Form.Item>
        {to === 'eliminated' && (
          <Form.Item name="reasonCode" label={t('pool.reasonCode')} rules={required}>
            <Select
              data-testid="transition-reason-code"
              options={ELIMINATION_REASONS.map((r) => ({ value: r, label: labels.reason(r) }))}
            />
          </Form.Item>
        )}
        {to === 'promoted' && (
          <>
            <Form.Item name="newPost" label={t('promote.newPost')} rules={required}>
              <Input data-testid="transition-new-post" maxLength={100} />
            </Form.Item>
            <Form.Item
              name="middleManagement"
              valuePropName="checked"
              extra={t('promote.middleManagementHint')}
            >
              <Checkbox data-testid="transition-middle">{t('promote.middleManagement')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={t('pool.reason')} rules={required}>
          <Input.TextArea data-testid="transition-reason" rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
