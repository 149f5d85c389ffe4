import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type OneTimePasswordModalProps = { username: string; password: string | null; onClose: () => void };

/**
 * Shows a new one-time password once: the server does not keep it readable, so this is the
 * only chance to copy it.
 */
export function OneTimePasswordModal({ username, password, onClose }: OneTimePasswordModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!password}
      title={t('users.otpTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('users.otpDone')}
      maskClosable={false}
    >
      <Typography.Paragraph>{t('users.otpFor', { username })}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text
          code
          copyable={{ text: password ?? '' }}
          style={{ fontSize: 20 }}
          data-testid="one-time-password"
        >
          {password}
        </Typography.Text>
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('users.otpNote')} />
    </Modal>
  );
}
