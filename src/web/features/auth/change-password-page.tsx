import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '../../../core/auth/password-policy';
import { ApiError, api } from '../../app/api-client';
import { currentLang } from '../../app/i18n';
import { useRefreshSession, useSession } from '../../app/session';
import { AuthCard } from '../../shared/auth-card';
import { applyFieldErrors } from '../../shared/form-errors';

type PasswordValues = { currentPassword: string; newPassword: string; confirm: string };

/** 修改密码; forced at first sign-in and after an administrator resets the password. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const session = useSession();
  const refresh = useRefreshSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = session.user.mustChangePassword;

  const submit = async (values: PasswordValues) => {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/password', {
        method: 'POST',
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      await refresh();
      navigate('/', { replace: true, state: { passwordChanged: true } });
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        applyFieldErrors(form, e);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.changePassword')}>
      {forced && <Alert type="warning" showIcon title={t('auth.mustChange')} style={{ marginBottom: 16 }} />}
      <Alert
        type="info"
        title={t('auth.rulesTitle')}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            <li>{t('auth.ruleLength')}</li>
            <li>{t('auth.ruleCommon')}</li>
            <li>{t('auth.ruleUsername')}</li>
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="password-error"
        />
      )}
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        requiredMark={false}
      >
        <Form.Item
          name="currentPassword"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_, value: string | undefined) => {
                const problems = checkPassword(value ?? '', { username: session.user.username });
                if (problems.length)
                  throw new Error(
                    problems.map((p) => PASSWORD_PROBLEM_MESSAGES[p][currentLang()]).join('；'),
                  );
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error(t('auth.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
            {t('common.save')}
          </Button>
          {!forced && (
            <Typography.Text style={{ display: 'block', textAlign: 'center' }}>
              <Link to="/">{t('common.back')}</Link>
            </Typography.Text>
          )}
        </Space>
      </Form>
    </AuthCard>
  );
}
