import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../app/api-client';
import { PageLoading } from '../../app/guards';
import { useRefreshSession, useSessionQuery } from '../../app/session';
import { AuthCard } from '../../shared/auth-card';

type LoginValues = { username: string; password: string };

/** 登录: user name and password; wrong credentials and locked accounts answer inline. */
export function LoginPage() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const refresh = useRefreshSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.isPending) return <PageLoading />;
  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ ok: true; mustChangePassword: boolean }>('/auth/login', {
        method: 'POST',
        body: values,
        quietAuth: true,
      });
      await refresh();
      navigate(result.mustChangePassword ? '/change-password' : safeNext(params.get('next')), {
        replace: true,
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.loginTitle')}>
      <Form<LoginValues> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, message: t('auth.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('auth.login')}
        </Button>
      </Form>
    </AuthCard>
  );
}

// Only paths inside this app: an address from the query string must not send users elsewhere.
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
