import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { decide, POOL_KEY, type ReserveItemData } from './pool-api';

type Values = { decision: 'approve' | 'reject'; meetingName: string; meetingDate: Dayjs; remarks?: string };

/** 审定: the leadership approves or rejects a batch of nominees, with the meeting and remarks. */
export function DecideModal({
  open,
  reserves,
  onClose,
}: {
  open: boolean;
  reserves: ReserveItemData[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await decide({
        reserveIds: reserves.map((r) => r.id),
        decision: values.decision,
        meetingName: values.meetingName.trim(),
        meetingDate: values.meetingDate.format('YYYY-MM-DD'),
        remarks: values.remarks?.trim() || null,
      });
      message.success(t('pool.decided', { n: reserves.length }));
      await client.invalidateQueries({ queryKey: POOL_KEY });
      onClose(true);
    } catch (error) {
      reportError(error, { message, form, client, reload: [POOL_KEY] });
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={open}
      title={t('pool.decideTitle', { n: reserves.length })}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={okButtonTestId('decide-submit')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {reserves.map((r) => r.personName).join('、')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decision: 'approve', meetingDate: today() }}>
        <Form.Item name="decision" label={t('pool.decision')} rules={required}>
          <Radio.Group>
            <Radio value="approve" data-testid="decide-approve">
              {t('pool.approve')}
            </Radio>
            <Radio value="reject" data-testid="decide-reject">
              {t('pool.reject')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="meetingName" label={t('pool.meetingName')} rules={required}>
          <Input
            data-testid="decide-meeting-name"
            maxLength={100}
            placeholder={t('pool.meetingNamePlaceholder')}
          />
        </Form.Item>
        <Form.Item name="meetingDate" label={t('pool.meetingDate')} rules={required}>
          <DatePicker data-testid="decide-meeting-date" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="remarks" label={t('pool.remarks')}>
          <Input.TextArea data-testid="decide-remarks" rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
