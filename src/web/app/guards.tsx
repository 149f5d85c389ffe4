import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../../core/access/roles';
import { useSessionQuery } from './session';

/** A full-page spinner while code or the session loads. */
export function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 96 }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Lets signed-in users through. Users who still have to change their initial password go to
 * that page first, because the server refuses everything else until they do.
 */
export function RequireSession({
  children,
  passwordChange,
}: {
  children: ReactNode;
  passwordChange?: boolean;
}) {
  const { data, isPending, isError, error } = useSessionQuery();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (isError) return <Result status="error" title={error.message} />;
  if (!data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  if (data.user.mustChangePassword && !passwordChange) return <Navigate to="/change-password" replace />;
  return children;
}

/** Shows a page only to users holding its permission (the server checks again on every call). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data } = useSessionQuery();
  const { t } = useTranslation();
  if (!data?.permissions.includes(permission)) {
    return <Result status="403" title={t('common.noAccessTitle')} subTitle={t('common.noAccess')} />;
  }
  return children;
}
