import { Alert, Checkbox, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReportFigures } from '../../shared/import-modal';
import { oneLanguage } from '../../shared/one-language';
import type { CompletionReport } from './courses-api';

/** What a completion import would do: counts, the people and courses not found, the row errors. */
export function CompletionReportView(props: {
  report: CompletionReport;
  skipUnknown: boolean;
  onSkip: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  const { report } = props;
  const unknownTable = (
    title: string,
    rows: { value: string; rows: number[] }[],
    testId: string,
    header: string,
  ) =>
    rows.length > 0 && (
      <Table
        data-testid={testId}
        size="small"
        title={() => <Typography.Text type="danger">{title}</Typography.Text>}
        rowKey="value"
        dataSource={rows}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        columns={[
          { title: header, dataIndex: 'value', width: 200 },
          { title: t('course.rows'), dataIndex: 'rows', render: (r: number[]) => r.join('、') },
        ]}
      />
    );
  return (
    <div data-testid="completion-report">
      <ReportFigures
        items={[
          { title: t('import.totalRows'), value: report.totalRows },
          { title: t('course.willCreate'), value: report.created },
          { title: t('course.already'), value: report.alreadyRecorded },
          { title: t('course.counted'), value: report.counted },
          { title: t('import.errorCount'), value: report.errors.length, danger: true },
        ]}
      />
      {unknownTable(
        t('course.unknownEmployees', { count: report.unknownEmployees.length }),
        report.unknownEmployees,
        'unknown-employees',
        t('course.employeeNo'),
      )}
      {unknownTable(
        t('course.unknownCourses', { count: report.unknownCourses.length }),
        report.unknownCourses,
        'unknown-courses',
        t('course.name'),
      )}
      {report.unknownEmployees.length + report.unknownCourses.length > 0 && (
        <Checkbox
          checked={props.skipUnknown}
          onChange={(e) => props.onSkip(e.target.checked)}
          data-testid="skip-unknown"
        >
          {t('course.skipUnknown')}
        </Checkbox>
      )}
      {report.errors.length > 0 ? (
        <Table
          data-testid="completion-errors"
          size="small"
          rowKey={(_, i) => String(i)}
          dataSource={report.errors}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 70 },
            { title: t('import.column'), dataIndex: 'column', width: 120 },
            { title: t('import.value'), dataIndex: 'value', width: 160 },
            { title: t('import.message'), dataIndex: 'message', render: (m: string) => oneLanguage(m) },
          ]}
        />
      ) : report.unknownEmployees.length + report.unknownCourses.length > 0 && !props.skipUnknown ? (
        <Alert type="warning" showIcon title={t('course.unknownBlock')} style={{ marginTop: 12 }} />
      ) : (
        <Alert type="success" showIcon title={t('import.clean')} style={{ marginTop: 12 }} />
      )}
    </div>
  );
}
