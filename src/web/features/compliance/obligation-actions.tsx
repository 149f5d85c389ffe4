import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { POOL_KEY } from '../pool/pool-api';
import {
  OBLIGATIONS_KEY,
  type ObligationData,
  recordEvidence,
  reviewObligation,
  waiveObligation,
} from './obligations-api';

type Mode = 'record' | 'review' | 'waive' | null;
type Values = {
  occurredOn?: Dayjs;
  note?: string;
  decision?: 'accept' | 'return';
  comment?: string;
  reason?: string;
};

/** HR's actions on one obligation: 登记完成情况, 审核, 免除 — each only when the item allows it. */
export function ObligationActions({ item }: { item: ObligationData }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<Mode>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const { record, review, waive } = item.actions;
  if (!record && !review && !waive) return null;

  const open = (next: Mode) => {
    form.resetFields();
    form.setFieldsValue({ occurredOn: today(), decision: 'accept' });
    setFile(null);
    setMode(next);
  };

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      if (mode === 'record') {
        await recordEvidence(
          item.id,
          {
            occurredOn: (values.occurredOn ?? today()).format('YYYY-MM-DD'),
            note: values.note?.trim() || null,
          },
          file,
        );
      } else if (mode === 'review') {
        await reviewObligation(item.id, {
          decision: values.decision ?? 'accept',
          comment: values.comment?.trim() || null,
        });
      } else if (mode === 'waive') {
        await waiveObligation(item.id, values.reason?.trim() ?? '');
      }
      message.success(t('common.saved'));
      setMode(null);
      await client.invalidateQueries({ queryKey: OBLIGATIONS_KEY });
      await client.invalidateQueries({ queryKey: POOL_KEY });
    } catch (error) {
      reportError(error, { message, form });
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Space size={0} wrap>
        {record && (
          <Button type="link" size="small" onClick={() => open('record')} data-testid="record-evidence">
            {t('obl.record')}
          </Button>
        )}
        {review && (
          <Button type="link" size="small" onClick={() => open('review')} data-testid="review-obligation">
            {t('obl.review')}
          </Button>
        )}
        {waive && (
          <Button
            type="link"
            size="small"
            danger
            onClick={() => open('waive')}
            data-testid="waive-obligation"
          >
            {t('obl.waive')}
          </Button>
        )}
      </Space>
      <Modal
        open={mode !== null}
        title={
          mode ? `${t(`obl.${mode}`)} · ${item.personName} · ${item.ruleTitle}（${item.periodKey}）` : ''
        }
        onCancel={() => setMode(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okButtonProps={okButtonTestId(`${mode === 'record' ? 'evidence' : mode}-submit`)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {mode === 'record' && (
            <>
              <Form.Item name="occurredOn" label={t('obl.occurredOn')} rules={required}>
                <DatePicker data-testid="evidence-date" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label={t('obl.note')}>
                <Input.TextArea data-testid="evidence-note" rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item label={t('obl.attachment')} extra={t('obl.attachmentHint')}>
                <input
                  type="file"
                  accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
                  data-testid="evidence-file"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              </Form.Item>
            </>
          )}
          {mode === 'review' && (
            <>
              <Form.Item name="decision" label={t('obl.decision')} rules={required}>
                <Radio.Group
                  options={[
                    { value: 'accept', label: t('obl.accept') },
                    { value: 'return', label: t('obl.return') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="comment" label={t('obl.comment')}>
                <Input.TextArea data-testid="review-comment" rows={3} maxLength={500} />
              </Form.Item>
            </>
          )}
          {mode === 'waive' && (
            <Form.Item name="reason" label={t('obl.waiveReason')} rules={required}>
              <Input.TextArea data-testid="waive-reason" rows={3} maxLength={200} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
