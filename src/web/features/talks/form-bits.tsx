import { DeleteOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { download } from '../../shared/download';

/** The delete button at the end of a repeated form row (actions, follow-ups, panel members). */
export function RemoveRowButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return <Button icon={<DeleteOutlined />} onClick={onClick} aria-label={t('common.delete')} />;
}

/** Downloads a record's Word form (附件一, 附件二). */
export function WordButton({ path, label, testId }: { path: string; label: string; testId: string }) {
  return (
    <Button icon={<FileWordOutlined />} onClick={() => download(path)} data-testid={testId}>
      {label}
    </Button>
  );
}

/** Long text as written, line breaks kept. */
export function Multiline({ text }: { text: string }) {
  return <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>;
}
