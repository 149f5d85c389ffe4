import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { download } from '../../shared/download';
import { errorText, reportError } from '../../shared/errors';
import { EventFormModal } from './event-form-modal';
import { ParticipantsTable } from './participants-table';
import { deleteEvent, LEARNING_KEY, useEvent } from './training-api';

/** One training: its details, participants with attendance, and each one's reflection. */
export function EventPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const event = useEvent(id);
  const [editing, setEditing] = useState(false);
  if (event.isPending) return <Spin />;
  if (!event.data) return <Empty description={errorText(event.error)} />;
  const e = event.data;
  const remove = async () => {
    try {
      await deleteEvent(e.id);
      await client.invalidateQueries({ queryKey: LEARNING_KEY });
      navigate('/training');
    } catch (error) {
      reportError(error, { message });
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {e.attendingOnly && (
        <Alert
          type="info"
          showIcon
          title={t('learn.attendingHint', { unit: e.unitName })}
          data-testid="event-attending-only"
        />
      )}
      <Card
        title={<span data-testid="event-heading">{e.title}</span>}
        extra={
          <Space>
            <Link to="/training">
              <Button icon={<ArrowLeftOutlined />}>{t('learn.back')}</Button>
            </Link>
            {e.actions.edit && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="event-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('learn.deleteConfirm')} onConfirm={() => void remove()}>
                  <Button danger icon={<DeleteOutlined />} data-testid="event-delete">
                    {t('learn.deleteTraining')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="event-details"
          items={[
            { key: 'trainer', label: t('learn.trainer'), children: e.trainer || '—' },
            { key: 'organiser', label: t('learn.organiser'), children: e.organiser || '—' },
            { key: 'unit', label: t('learn.ownerUnit'), children: e.unitName },
            {
              key: 'dates',
              label: t('learn.dates'),
              children: `${e.startOn} ~ ${e.endOn ?? t('learn.endPending')}`,
            },
            { key: 'place', label: t('learn.place'), children: e.place || '—' },
            {
              key: 'count',
              label: t('learn.participants'),
              children: `${e.participants}（${t('learn.present')} ${e.present}）`,
            },
            ...(e.description
              ? [{ key: 'description', label: t('learn.description'), children: e.description, span: 3 }]
              : []),
          ]}
        />
      </Card>
      <Card
        title={t('learn.participants')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(`/training/events/${e.id}/participants/export`)}
            data-testid="participants-export"
          >
            {t('common.export')}
          </Button>
        }
      >
        <ParticipantsTable event={e} />
      </Card>
      <EventFormModal
        target={editing ? e : null}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Space>
  );
}
