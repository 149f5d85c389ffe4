import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  EditOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  IdcardOutlined,
  LaptopOutlined,
  LockOutlined,
  LogoutOutlined,
  MessageOutlined,
  ReadOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../core/access/roles';
import { LanguageSwitch } from '../shared/language-switch';
import { api, setCsrfToken } from './api-client';
import { PageLoading } from './guards';
import { SESSION_KEY, useSession } from './session';

type MenuEntry = {
  path: string;
  labelKey: string;
  icon: ReactNode;
  permission?: Permission;
  /** Shown only to users linked to a person (talkers, mentors, reserves act as themselves). */
  needsPerson?: boolean;
};

/** The menu, in order; each entry appears only with its permission. */
export const MENU: MenuEntry[] = [
  // First: HR and the leadership land on the dashboard (HomePage).
  {
    path: '/dashboard',
    labelKey: 'menu.dashboard',
    icon: <DashboardOutlined />,
    permission: 'obligations.read',
  },
  { path: '/units', labelKey: 'menu.units', icon: <ApartmentOutlined />, permission: 'units.read' },
  { path: '/people', labelKey: 'menu.people', icon: <IdcardOutlined />, permission: 'people.read' },
  {
    path: '/programmes',
    labelKey: 'menu.programmes',
    icon: <FileTextOutlined />,
    permission: 'programmes.read',
  },
  { path: '/pool', labelKey: 'menu.pool', icon: <ClusterOutlined />, permission: 'pool.read' },
  {
    path: '/compliance',
    labelKey: 'menu.compliance',
    icon: <BarChartOutlined />,
    permission: 'obligations.read',
  },
  {
    path: '/reflections',
    labelKey: 'menu.reflections',
    icon: <FileSearchOutlined />,
    permission: 'reflections.read',
  },
  { path: '/talks', labelKey: 'talk.menu', icon: <MessageOutlined />, permission: 'talks.read' },
  { path: '/mentors', labelKey: 'mentor.menu', icon: <SolutionOutlined />, permission: 'pool.read' },
  { path: '/training', labelKey: 'learn.menu', icon: <ReadOutlined />, permission: 'learning.read' },
  { path: '/courses', labelKey: 'course.menu', icon: <LaptopOutlined />, permission: 'learning.read' },
  { path: '/my/tasks', labelKey: 'menu.myTasks', icon: <CarryOutOutlined /> },
  { path: '/my/reflections', labelKey: 'menu.myReflections', icon: <EditOutlined /> },
  { path: '/my/mentoring', labelKey: 'talk.myMenu', icon: <CommentOutlined />, needsPerson: true },
  { path: '/my/learning', labelKey: 'learn.myMenu', icon: <ReadOutlined />, needsPerson: true },
  { path: '/my/courses', labelKey: 'course.myMenu', icon: <LaptopOutlined />, needsPerson: true },
  { path: '/users', labelKey: 'menu.users', icon: <TeamOutlined />, permission: 'users.read' },
  { path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/me', labelKey: 'menu.me', icon: <UserOutlined /> },
];

/** The frame of every signed-in page: menu on the left, user and language in the header. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = MENU.filter(
    (entry) =>
      (!entry.permission || session.permissions.includes(entry.permission)) &&
      (!entry.needsPerson || !!session.user.personId),
  ).map((entry) => ({
    key: entry.path,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={`menu-${entry.path.slice(1).replace('/', '-')}`}>
        {t(entry.labelKey)}
      </Link>
    ),
  }));
  const selected = MENU.find((entry) => location.pathname.startsWith(entry.path))?.path;

  const logout = async () => {
    // Signing out must leave the browser signed out even when the server cannot be reached.
    await api('/auth/logout', { method: 'POST', quietAuth: true }).catch(() => undefined);
    setCsrfToken(null);
    client.clear();
    client.setQueryData(SESSION_KEY, null);
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        theme="light"
        // The menu stays in view while long forms scroll.
        style={{
          position: 'sticky',
          top: 0,
          height: '100vh',
          overflow: 'auto',
          borderRight: '1px solid #f0f0f0',
        }}
      >
        <div
          style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 8 }}
        >
          <Typography.Text strong style={{ color: '#1f5fa6', fontSize: collapsed ? 14 : 15 }} ellipsis>
            {collapsed ? t('app.shortName') : t('app.name')}
          </Typography.Text>
        </div>
        <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="middle">
            <LanguageSwitch />
            <Typography.Text data-testid="header-user">
              <UserOutlined /> {session.user.displayName}
            </Typography.Text>
            <Link to="/change-password">
              <Button type="text" icon={<LockOutlined />} data-testid="change-password-link">
                {t('auth.changePassword')}
              </Button>
            </Link>
            <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
              {t('auth.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
