import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Modal, Result, Row, Space, Statistic, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../contracts/people';
import { api } from '../app/api-client';
import { download } from './download';
import { errorText } from './errors';
import { oneLanguage } from './one-language';

type ImportModalProps = {
  open: boolean;
  title: string;
  /** e.g. `/people/import` — `/template`, `/preview` and `/commit` are appended. */
  basePath: string;
  onClose: () => void;
  /** Called after a successful commit so the lists reload. */
  onCommitted: () => void;
};

/**
 * Excel import in two steps: the preview reports every bad cell; only a clean file can be
 * committed, and the commit sends the same file again (the server checks it again and
 * writes all rows or none).
 */
export function ImportModal({ open, title, basePath, onClose, onCommitted }: ImportModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);

  const reset = () => {
    setFile(null);
    setReport(null);
    if (input.current) input.current.value = '';
  };

  const send = async (step: 'preview' | 'commit') => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setBusy(step);
    try {
      const result = await api<ImportReport>(`${basePath}/${step}`, { method: 'POST', form });
      setReport(result);
      if (result.committed) onCommitted();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const canCommit = !!report && !report.committed && report.errors.length === 0 && report.totalRows > 0;

  return (
    <Modal
      open={open}
      title={title}
      width={860}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
      footer={
        report?.committed ? (
          <Button
            type="primary"
            onClick={() => {
              reset();
              onClose();
            }}
          >
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button
              onClick={() => void send('preview')}
              disabled={!file}
              loading={busy === 'preview'}
              data-testid="import-preview"
            >
              {t('import.preview')}
            </Button>
            <Button
              type="primary"
              onClick={() => void send('commit')}
              disabled={!canCommit}
              loading={busy === 'commit'}
              data-testid="import-commit"
            >
              {t('import.commit')}
            </Button>
          </Space>
        )
      }
    >
      {report?.committed ? (
        <Result
          status="success"
          title={t('import.done')}
          subTitle={t('import.doneDetail', { created: report.created, updated: report.updated })}
          data-testid="import-result"
        />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('import.help')} />
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(`${basePath}/template`)}
              data-testid="import-template"
            >
              {t('import.template')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
              {t('import.chooseFile')}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              style={{ display: 'none' }}
              data-testid="import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setReport(null);
              }}
            />
            <Typography.Text type={file ? undefined : 'secondary'}>
              {file?.name ?? t('import.noFile')}
            </Typography.Text>
          </Space>
          {report && <ImportReportView report={report} />}
        </Space>
      )}
    </Modal>
  );
}

/** The figures above an import's report, side by side; a `danger` figure turns red when not zero. */
export function ReportFigures({ items }: { items: { title: string; value: number; danger?: boolean }[] }) {
  return (
    <Row gutter={16} style={{ marginBottom: 12 }}>
      {items.map((item) => (
        <Col key={item.title} flex={1}>
          <Statistic
            title={item.title}
            value={item.value}
            styles={{ content: { color: item.danger && item.value ? '#cf1322' : undefined } }}
          />
        </Col>
      ))}
    </Row>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-report">
      <ReportFigures
        items={[
          { title: t('import.totalRows'), value: report.totalRows },
          { title: t('import.willCreate'), value: report.created },
          { title: t('import.willUpdate'), value: report.updated },
          { title: t('import.errorCount'), value: report.errors.length, danger: true },
        ]}
      />
      {report.errors.length === 0 ? (
        <Alert
          type={report.totalRows ? 'success' : 'warning'}
          showIcon
          title={report.totalRows ? t('import.clean') : t('import.empty')}
        />
      ) : (
        <>
          <Alert type="error" showIcon title={t('import.hasErrors')} style={{ marginBottom: 12 }} />
          <Table
            data-testid="import-errors"
            size="small"
            rowKey={(_, index) => String(index)}
            dataSource={report.errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 70 },
              { title: t('import.column'), dataIndex: 'column', width: 140 },
              { title: t('import.value'), dataIndex: 'value', width: 180, ellipsis: true },
              { title: t('import.message'), dataIndex: 'message', render: (m: string) => oneLanguage(m) },
            ]}
          />
        </>
      )}
    </div>
  );
}
