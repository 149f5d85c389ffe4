import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Result, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { errorText } from '../../shared/errors';
import { CompletionReportView } from './completion-report-view';
import type { ColumnsData, CompletionReport } from './courses-api';

type Mapping = {
  employeeNo?: string;
  course?: string;
  courseBy: 'code' | 'title';
  completedOn?: string;
  hours?: string;
};

// A first suggestion from the header's wording; HR confirms or changes every column before preview.
const suggest = (headers: string[], words: string[]) => headers.find((h) => words.some((w) => h.includes(w)));

/**
 * Imports the platform's completion export: upload, say which column is which, preview (people and
 * courses not found are listed, never guessed), commit all or nothing.
 */
export function CompletionImportModal(props: {
  open: boolean;
  onClose: () => void;
  onCommitted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<ColumnsData | null>(null);
  const [mapping, setMapping] = useState<Mapping>({ courseBy: 'code' });
  const [report, setReport] = useState<CompletionReport | null>(null);
  const [skipUnknown, setSkipUnknown] = useState(false);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setFile(null);
    setColumns(null);
    setReport(null);
    setSkipUnknown(false);
    if (input.current) input.current.value = '';
  };
  const choose = async (chosen: File | null) => {
    reset();
    setFile(chosen);
    if (!chosen) return;
    const form = new FormData();
    form.append('file', chosen);
    try {
      const cols = await api<ColumnsData>('/course-completions/import/columns', { method: 'POST', form });
      setColumns(cols);
      setMapping({
        courseBy: 'code',
        employeeNo: suggest(cols.headers, ['工号', '员工编号', '人员编号']),
        course: suggest(cols.headers, ['课程编号', '课程代码', '课程号']),
        completedOn: suggest(cols.headers, ['完成时间', '完成日期', '结业']),
        hours: suggest(cols.headers, ['学时']),
      });
    } catch (error) {
      message.error(errorText(error));
    }
  };
  const send = async (step: 'preview' | 'commit') => {
    if (!file) return;
    const form = new FormData();
    for (const [key, value] of Object.entries(mapping)) if (value) form.append(key, value);
    if (skipUnknown) form.append('skipUnknown', 'true');
    form.append('file', file);
    setBusy(true);
    try {
      const result = await api<CompletionReport>(`/course-completions/import/${step}`, {
        method: 'POST',
        form,
      });
      setReport(result);
      if (result.committed) props.onCommitted();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const unknown = (report?.unknownEmployees.length ?? 0) + (report?.unknownCourses.length ?? 0);
  const canCommit =
    !!report && !report.committed && report.errors.length === 0 && (unknown === 0 || skipUnknown);
  const options = (columns?.headers ?? []).map((h) => ({ value: h, label: h }));
  const close = () => {
    reset();
    props.onClose();
  };
  return (
    <Modal
      open={props.open}
      title={t('course.importCompletions')}
      width={900}
      onCancel={close}
      destroyOnHidden
      footer={
        report?.committed ? (
          <Button type="primary" onClick={close}>
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button
              disabled={!columns}
              loading={busy}
              onClick={() => void send('preview')}
              data-testid="completion-preview"
            >
              {t('import.preview')}
            </Button>
            <Button
              type="primary"
              disabled={!canCommit}
              loading={busy}
              onClick={() => void send('commit')}
              data-testid="completion-commit"
            >
              {t('import.commit')}
            </Button>
          </Space>
        )
      }
    >
      {report?.committed ? (
        <Result status="success" title={t('course.importDone', report)} data-testid="completion-result" />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
              {t('course.importStep1')}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".xlsx"
              style={{ display: 'none' }}
              data-testid="completion-file"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
            />
            <Typography.Text type="secondary">{file?.name ?? t('import.noFile')}</Typography.Text>
          </Space>
          {columns && (
            <>
              <Typography.Text strong>{t('course.importStep2')}</Typography.Text>
              <Form layout="inline" data-testid="completion-mapping">
                {(
                  [
                    ['employeeNo', t('course.colEmployee')],
                    ['course', t('course.colCourse')],
                    ['completedOn', t('course.colDate')],
                    ['hours', t('course.colHours')],
                  ] as const
                ).map(([key, label]) => (
                  <Form.Item key={key} label={label} style={{ marginBottom: 8 }}>
                    <Select
                      data-testid={`map-${key}`}
                      value={mapping[key]}
                      allowClear={key === 'hours'}
                      onChange={(value?: string) => {
                        setMapping({ ...mapping, [key]: value });
                        setReport(null);
                      }}
                      options={options}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                ))}
                <Form.Item label={t('course.courseBy')}>
                  <Select
                    value={mapping.courseBy}
                    onChange={(courseBy: Mapping['courseBy']) => setMapping({ ...mapping, courseBy })}
                    options={[
                      { value: 'code', label: t('course.byCode') },
                      { value: 'title', label: t('course.byTitle') },
                    ]}
                    style={{ width: 150 }}
                  />
                </Form.Item>
              </Form>
              <Table
                size="small"
                title={() => t('course.sampleRows')}
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={columns.sample.map((row) =>
                  Object.fromEntries(row.map((v, i) => [String(i), v])),
                )}
                columns={columns.headers.map((h, i) => ({ title: h, dataIndex: String(i), ellipsis: true }))}
                scroll={{ x: true }}
              />
            </>
          )}
          {report && (
            <CompletionReportView report={report} skipUnknown={skipUnknown} onSkip={setSkipUnknown} />
          )}
        </Space>
      )}
    </Modal>
  );
}
