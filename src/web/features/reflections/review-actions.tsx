import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';
import {
  acceptReflection,
  REFLECTIONS_KEY,
  type ReflectionData,
  recheckReflection,
  returnReflection,
} from './reflections-api';

/** HR's buttons on a submitted reflection: accept, return with a comment, check again. */
export function ReviewActions({ reflection }: { reflection: ReflectionData }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const [mode, setMode] = useState<'accept' | 'return' | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: REFLECTIONS_KEY });
    await client.invalidateQueries({ queryKey: OBLIGATIONS_KEY });
  };
  const decide = async () => {
    const { comment } = await form.validateFields();
    setBusy(true);
    try {
      if (mode === 'accept')
        await acceptReflection(reflection.id, reflection.version, comment?.trim() || null);
      else await returnReflection(reflection.id, reflection.version, comment?.trim() ?? '');
      message.success(t('common.saved'));
      setMode(null);
      await refresh();
    } catch (error) {
      reportError(error, { message, form, client, reload: [REFLECTIONS_KEY] });
    } finally {
      setBusy(false);
    }
  };
  const recheck = async () => {
    setBusy(true);
    try {
      await recheckReflection(reflection.id);
      await refresh();
    } catch (error) {
      reportError(error, { message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Space>
        {reflection.actions.recheck && (
          <Button onClick={() => void recheck()} loading={busy && !mode} data-testid="recheck">
            {t('refl.recheck')}
          </Button>
        )}
        {reflection.actions.review && (
          <>
            <Button
              danger
              onClick={() => {
                form.resetFields();
                setMode('return');
              }}
              data-testid="return-reflection"
            >
              {t('refl.return')}
            </Button>
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setMode('accept');
              }}
              data-testid="accept-reflection"
            >
              {t('refl.accept')}
            </Button>
          </>
        )}
      </Space>
      <Modal
        open={mode !== null}
        title={mode === 'accept' ? t('refl.accept') : t('refl.return')}
        onCancel={() => setMode(null)}
        onOk={() => void decide()}
        confirmLoading={busy}
        okButtonProps={okButtonTestId('review-submit')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="comment"
            label={t('refl.comment')}
            rules={
              mode === 'return'
                ? [{ required: true, whitespace: true, message: t('refl.commentRequired') }]
                : []
            }
          >
            <Input.TextArea rows={4} maxLength={500} data-testid="review-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
