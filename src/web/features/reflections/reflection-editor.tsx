import { CloudUploadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countChars } from '../../../core/text/char-count';
import { ApiError } from '../../app/api-client';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { CharCounter } from './char-counter';
import {
  REFLECTIONS_KEY,
  type ReflectionData,
  saveDraft,
  submitReflection,
  uploadReflection,
} from './reflections-api';

/** Autosave this long after the last keystroke. */
const AUTOSAVE_MS = 2500;

/** The author's editor: title, text with the live 字数, autosave, upload, submit. */
export function ReflectionEditor({ reflection }: { reflection: ReflectionData }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [text, setText] = useState(reflection.draft?.text ?? '');
  const [title, setTitle] = useState(reflection.title);
  const [savedAt, setSavedAt] = useState(reflection.draft?.savedAt ?? null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | 'upload' | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const version = useRef(reflection.version);
  const fileInput = useRef<HTMLInputElement>(null);
  const count = useMemo(() => countChars(text), [text]);
  const latest = reflection.versions.at(-1);

  const save = async () => {
    setBusy('save');
    try {
      const saved = await saveDraft(reflection.id, { text, title, version: version.current });
      version.current = saved.version;
      setSavedAt(saved.savedAt);
      setDirty(false);
    } catch (error) {
      reportError(error, { message, client, reload: [[...REFLECTIONS_KEY, 'detail', reflection.id]] });
    } finally {
      setBusy(null);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: autosave restarts with every change of text or title
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, text, title]);

  const submit = async () => {
    setBusy('submit');
    setRefused(null);
    try {
      await submitReflection(reflection.id, { text, title, version: version.current });
      message.success(t('refl.submitted'));
      await client.invalidateQueries({ queryKey: REFLECTIONS_KEY });
    } catch (error) {
      // A refused submission kept the draft: the version moved on.
      const details = error instanceof ApiError ? (error.details as { version?: number } | null) : null;
      if (details?.version) {
        version.current = details.version;
        setDirty(false);
        setSavedAt(new Date().toISOString());
        setRefused((error as ApiError).message);
      } else reportError(error, { message, client, reload: [[...REFLECTIONS_KEY, 'detail', reflection.id]] });
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    setBusy('upload');
    try {
      const updated = await uploadReflection(reflection.id, version.current, file);
      version.current = updated.version;
      setText(updated.draft?.text ?? '');
      setSavedAt(updated.draft?.savedAt ?? null);
      setDirty(false);
      client.setQueryData([...REFLECTIONS_KEY, 'detail', reflection.id], updated);
    } catch (error) {
      reportError(error, { message });
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <Card
      title={reflection.state === 'returned' ? t('refl.revise') : t('refl.write')}
      extra={
        <Typography.Text type="secondary" data-testid="draft-status">
          {busy === 'save'
            ? t('refl.saving')
            : dirty
              ? t('refl.unsaved')
              : savedAt
                ? t('refl.autosaved', { time: dayjs(savedAt).format('HH:mm:ss') })
                : ''}
        </Typography.Text>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {reflection.state === 'returned' && latest?.comment ? (
          <Alert
            type="warning"
            showIcon
            message={t('refl.hrComment')}
            description={latest.comment}
            data-testid="hr-comment"
          />
        ) : null}
        {refused ? <Alert type="error" showIcon message={refused} data-testid="submit-refused" /> : null}
        <Input
          data-testid="reflection-title"
          placeholder={t('refl.titlePlaceholder')}
          value={title}
          maxLength={100}
          onChange={(e) => {
            setTitle(e.target.value);
            setDirty(true);
          }}
        />
        <Input.TextArea
          data-testid="reflection-text"
          placeholder={t('refl.editorPlaceholder')}
          value={text}
          autoSize={{ minRows: 16, maxRows: 32 }}
          onChange={(e) => {
            setText(e.target.value);
            setDirty(true);
            setRefused(null);
          }}
        />
        <CharCounter count={count} minChars={reflection.minChars} />
        {reflection.draft?.fileName ? (
          <Typography.Text type="secondary">
            {t('refl.fromFile', { name: reflection.draft.fileName })}
          </Typography.Text>
        ) : null}
        <Space wrap>
          <Button
            icon={<SaveOutlined />}
            loading={busy === 'save'}
            onClick={() => void save()}
            data-testid="save-draft"
          >
            {t('refl.saveDraft')}
          </Button>
          <Popconfirm
            title={t('refl.uploadReplace')}
            disabled={!text.trim()}
            onConfirm={() => fileInput.current?.click()}
          >
            <Button
              icon={<CloudUploadOutlined />}
              loading={busy === 'upload'}
              onClick={() => (!text.trim() ? fileInput.current?.click() : undefined)}
              data-testid="upload-file"
            >
              {t('refl.upload')}
            </Button>
          </Popconfirm>
          <input
            ref={fileInput}
            type="file"
            accept=".docx,.pdf"
            style={{ display: 'none' }}
            data-testid="upload-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <Popconfirm
            title={t('refl.submitConfirm')}
            onConfirm={() => void submit()}
            okButtonProps={okButtonTestId('submit-confirm')}
          >
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              data-testid="submit-reflection"
            >
              {t('refl.submit')}
            </Button>
          </Popconfirm>
          <Typography.Text type="secondary">{t('refl.uploadHint')}</Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}
