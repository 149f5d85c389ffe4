import { UploadOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { PEOPLE_KEY, type PersonDetailData, uploadPhoto } from './people-api';

const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The 1-inch photo of the registration form, with upload for those who may edit. */
export function PersonPhoto({ person }: { person: PersonDetailData }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    // Checked here for a quick answer; the server checks the same limits.
    if (!['image/jpeg', 'image/png'].includes(file.type)) return void message.error(t('people.photoType'));
    if (file.size > MAX_PHOTO_BYTES) return void message.error(t('people.photoSize'));
    setBusy(true);
    try {
      await uploadPhoto(person.id, file);
      message.success(t('people.photoDone'));
      await client.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'detail', person.id] });
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Space orientation="vertical" align="center" style={{ width: '100%' }}>
      {person.hasPhoto ? (
        <img
          src={`/api/people/${person.id}/photo?v=${encodeURIComponent(person.updatedAt)}`}
          alt={person.name}
          data-testid="person-photo"
          style={{ width: 120, height: 160, objectFit: 'cover', border: '1px solid #d9d9d9' }}
        />
      ) : (
        <Avatar shape="square" size={120} icon={<UserOutlined />} style={{ height: 160 }} />
      )}
      {person.actions.edit && (
        <>
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={busy}
            onClick={() => input.current?.click()}
          >
            {t('people.uploadPhoto')}
          </Button>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png"
            style={{ display: 'none' }}
            data-testid="photo-file"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('people.photoHint')}
          </Typography.Text>
        </>
      )}
    </Space>
  );
}
