import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../core/access/roles';
import { useCan } from '../../app/session';
import { useDictionaries, useLabels } from '../../shared/dictionaries';
import { errorText, reportError } from '../../shared/errors';
import { CreateUserModal } from './create-user-modal';
import { GrantModal } from './grant-modal';
import { OneTimePasswordModal } from './one-time-password-modal';
import {
  removeGrant,
  resetPassword,
  setUserActive,
  USERS_KEY,
  type UserData,
  type UsersFilters,
  useUsers,
} from './users-api';

/** 用户与权限: accounts, their roles on units, and their status. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const { role: roleLabel } = useLabels();
  const dictionaries = useDictionaries();
  const [filters, setFilters] = useState<UsersFilters>({ status: 'active', page: 1, pageSize: 20 });
  const users = useUsers(filters);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserData | null>(null);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);
  const reload = () => client.invalidateQueries({ queryKey: USERS_KEY });

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
    } catch (error) {
      reportError(error, { message, client, reload: [USERS_KEY] });
    }
    await reload();
  };

  const toggleActive = (user: UserData) => {
    if (!user.active) return void run(() => setUserActive(user, true), t('users.activated'));
    // Deactivation signs the user out everywhere at once, so it is confirmed first.
    modal.confirm({
      title: t('users.deactivateTitle', { name: user.displayName }),
      content: t('users.deactivateNote'),
      okButtonProps: { danger: true },
      okText: t('common.deactivate'),
      onOk: () => run(() => setUserActive(user, false), t('users.deactivated')),
    });
  };

  const reset = async (user: UserData) => {
    try {
      const result = await resetPassword(user.id);
      setOtp({ username: user.username, password: result.oneTimePassword });
      await reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const columns: TableProps<UserData>['columns'] = [
    { title: t('auth.username'), dataIndex: 'username', width: 130 },
    { title: t('me.name'), dataIndex: 'displayName', width: 100 },
    { title: t('people.employeeNo'), dataIndex: 'employeeNo', width: 100 },
    { title: t('people.unit'), dataIndex: 'unitName', ellipsis: true },
    {
      title: t('users.grants'),
      key: 'grants',
      width: 300,
      render: (_, user) => (
        <Space size={[0, 4]} wrap>
          {user.grants.map((grant) => (
            <Tag
              key={grant.id}
              color="blue"
              closable={user.actions.manage}
              onClose={(e) => {
                e.preventDefault();
                modal.confirm({
                  title: t('users.revokeConfirm', { role: roleLabel(grant.role), unit: grant.unitName }),
                  onOk: () => run(() => removeGrant(user.id, grant.id), t('users.revoked')),
                });
              }}
            >
              {roleLabel(grant.role)} · {grant.unitName}
            </Tag>
          ))}
          {user.grants.length === 0 && (
            <Typography.Text type="secondary">{t('users.noGrants')}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 120,
      render: (_, user) => (
        <Space size={[0, 4]} wrap>
          {user.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
          {user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs()) && (
            <Tag color="red">{t('users.locked')}</Tag>
          )}
          {user.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, user) =>
        user.actions.manage && (
          <Space size={0} wrap>
            <Button
              type="link"
              size="small"
              onClick={() => setGranting(user)}
              disabled={!user.active}
              data-testid={`user-grant-${user.username}`}
            >
              {t('users.grant')}
            </Button>
            <Popconfirm
              title={t('users.resetConfirm', { name: user.displayName })}
              onConfirm={() => void reset(user)}
            >
              <Button
                type="link"
                size="small"
                disabled={!user.active}
                data-testid={`user-reset-${user.username}`}
              >
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
            <Button
              type="link"
              size="small"
              danger={user.active}
              onClick={() => toggleActive(user)}
              data-testid={`user-toggle-${user.username}`}
            >
              {user.active ? t('common.deactivate') : t('common.activate')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('menu.users')}
      extra={
        can('users.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t('users.searchPlaceholder')}
          allowClear
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined, page: 1 })}
          style={{ width: 240 }}
          data-testid="users-search"
        />
        <Select
          placeholder={t('users.role')}
          allowClear
          value={filters.role}
          onChange={(role?: Role) => setFilters({ ...filters, role, page: 1 })}
          options={(dictionaries.data?.roles ?? []).map((r) => ({ value: r, label: roleLabel(r) }))}
          style={{ width: 180 }}
        />
        <Select
          value={filters.status}
          onChange={(status: UsersFilters['status']) => setFilters({ ...filters, status, page: 1 })}
          options={[
            { value: 'active', label: t('users.active') },
            { value: 'inactive', label: t('users.inactive') },
            { value: 'all', label: t('people.statusAll') },
          ]}
          style={{ width: 110 }}
        />
      </Space>
      <Table<UserData>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        columns={columns}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 1300 }}
        locale={users.isError ? { emptyText: errorText(users.error) } : undefined}
        onChange={(p) => setFilters({ ...filters, page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(username, password) => {
          setCreating(false);
          setOtp({ username, password });
          void reload();
        }}
      />
      <GrantModal
        user={granting}
        onClose={(changed) => {
          setGranting(null);
          if (changed) void reload();
        }}
      />
      <OneTimePasswordModal
        username={otp?.username ?? ''}
        password={otp?.password ?? null}
        onClose={() => setOtp(null)}
      />
    </Card>
  );
}
