import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { createFeed, revokeFeed, useFeedState } from '../compliance/obligations-api';

/** The personal iCalendar feed: create (the URL is shown once, with copy) and revoke. */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const state = useFeedState();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: 'create' | 'revoke') => {
    setBusy(true);
    try {
      if (action === 'create') setUrl((await createFeed()).url);
      else {
        await revokeFeed();
        setUrl(null);
        message.success(t('my.feedRevoked'));
      }
      await client.invalidateQueries({ queryKey: ['calendar-feed'] });
    } catch (error) {
      reportError(error, { message });
    } finally {
      setBusy(false);
    }
  };

  const active = state.data?.active ?? false;
  return (
    <Card size="small" title={t('my.feedTitle')} data-testid="calendar-feed">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('my.feedHelp')}</Typography.Text>
        {active && !url && (
          <Typography.Text>
            {t('my.feedActive', { at: state.data?.createdAt?.slice(0, 10) ?? '' })}
          </Typography.Text>
        )}
        {url && (
          <Alert
            type="success"
            showIcon
            message={t('my.feedCreated')}
            description={
              <Typography.Paragraph
                copyable={{ text: url }}
                data-testid="calendar-feed-url"
                style={{ marginBottom: 0 }}
              >
                <code>{url}</code>
              </Typography.Paragraph>
            }
          />
        )}
        <Space>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void run('create')}
            data-testid="calendar-feed-create"
          >
            {active ? t('my.feedRenew') : t('my.feedCreate')}
          </Button>
          {active && (
            <Popconfirm title={t('my.feedRevokeConfirm')} onConfirm={() => void run('revoke')}>
              <Button danger loading={busy} data-testid="calendar-feed-revoke">
                {t('my.feedRevoke')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}
