import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { fetchIdNumber, type PersonDetailData } from './people-api';

/**
 * The masked ID number, and the full one only on an explicit, confirmed click, because the
 * server records every full view in the audit log.
 */
export function IdNumberReveal({ person }: { person: PersonDetailData }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!person.idNumberMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  const reveal = async () => {
    setBusy(true);
    try {
      setFull((await fetchIdNumber(person.id)).idNumber);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <Typography.Text code data-testid="id-number">
        {full ?? person.idNumberMasked}
      </Typography.Text>
      {full ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('people.idViewRecorded')}
        </Typography.Text>
      ) : (
        person.actions.viewIdNumber && (
          <Popconfirm
            title={t('people.idViewConfirm')}
            onConfirm={() => void reveal()}
            okText={t('common.ok')}
          >
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined />}
              loading={busy}
              data-testid="id-number-reveal"
            >
              {t('people.idViewFull')}
            </Button>
          </Popconfirm>
        )
      )}
    </Space>
  );
}
