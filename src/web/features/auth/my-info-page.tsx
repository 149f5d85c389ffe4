import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';

/** 我的信息: who I am signed in as, and which roles I hold on which units. */
export function MyInfoPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Card title={t('me.title')} data-testid="my-info">
      <Descriptions
        column={1}
        bordered
        size="small"
        style={{ maxWidth: 640, marginBottom: 24 }}
        items={[
          { key: 'name', label: t('me.name'), children: session.user.displayName },
          { key: 'username', label: t('auth.username'), children: session.user.username },
        ]}
      />
      <Card type="inner" title={t('me.grants')} style={{ maxWidth: 640, marginBottom: 24 }}>
        {session.grants.length ? (
          <List
            size="small"
            dataSource={session.grants}
            renderItem={(grant) => (
              <List.Item key={`${grant.role}-${grant.unitId}`}>
                <Tag color="blue">{t(`role.${grant.role}`)}</Tag>
                {grant.unitName}
              </List.Item>
            )}
          />
        ) : (
          <Empty description={t('me.noGrants')} />
        )}
      </Card>
      <Link to="/change-password">
        <Button icon={<LockOutlined />}>{t('auth.changePassword')}</Button>
      </Link>
    </Card>
  );
}
