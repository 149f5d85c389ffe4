import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Modal, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { fetchPreview, PROGRAMMES_KEY, type PreviewData } from './programmes-api';

type UnitRow = PreviewData['byUnit'][number];
type ReserveRow = UnitRow['reserves'][number];
type Detail = ReserveRow['details'][number];

const CHANGE_COLOURS = { add: 'green', remove: 'red', change: 'blue' } as const;

function Details({ reserve, titles }: { reserve: ReserveRow; titles: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Table<Detail>
      size="small"
      rowKey={(d) => `${d.change}-${d.ruleKey}-${d.periodKey}`}
      pagination={false}
      dataSource={reserve.details}
      columns={[
        {
          title: t('prog.change'),
          dataIndex: 'change',
          width: 80,
          render: (c: Detail['change']) => <Tag color={CHANGE_COLOURS[c]}>{t(`prog.changeKind.${c}`)}</Tag>,
        },
        { title: t('prog.ruleTitle'), dataIndex: 'ruleKey', render: (k: string) => titles.get(k) ?? k },
        { title: t('obl.period'), dataIndex: 'periodKey', width: 100 },
        { title: t('prog.dueBefore'), dataIndex: 'dueBefore', width: 110 },
        { title: t('prog.dueAfter'), dataIndex: 'dueAfter', width: 110 },
      ]}
    />
  );
}

/** What publishing the draft would do to the pool as it stands; nothing changes until publish. */
export function PreviewModal({
  programmeId,
  open,
  titles,
  onClose,
}: {
  programmeId: string;
  open: boolean;
  titles: Map<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const preview = useQuery({
    queryKey: [...PROGRAMMES_KEY, 'preview', programmeId],
    queryFn: () => fetchPreview(programmeId),
    enabled: open,
    staleTime: 0,
    gcTime: 0,
  });
  const data = preview.data;
  const stat = (key: keyof PreviewData['totals'], colour?: string) => (
    <Col span={4}>
      <Statistic
        title={t(`prog.totals.${key}`)}
        value={data?.totals[key] ?? 0}
        valueStyle={colour ? { color: colour } : undefined}
      />
    </Col>
  );
  const count = (n: number, colour: string) =>
    n ? <Typography.Text style={{ color: colour }}>{n}</Typography.Text> : 0;
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      width={1000}
      title={t('prog.previewTitle')}
      destroyOnHidden
    >
      {preview.isPending ? (
        <Spin />
      ) : preview.isError || !data ? (
        <Alert type="error" message={errorText(preview.error)} />
      ) : (
        <div data-testid="preview-result">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('prog.previewNote', { today: data.today })}
          />
          <Row gutter={12} style={{ marginBottom: 16 }}>
            {stat('reserves')}
            {stat('added', '#389e0d')}
            {stat('removed', '#cf1322')}
            {stat('changed', '#1677ff')}
            {stat('becomeOverdue', '#cf1322')}
            {stat('becomeCompliant', '#389e0d')}
          </Row>
          <Table<UnitRow>
            data-testid="preview-units"
            size="small"
            rowKey="unitId"
            pagination={false}
            dataSource={data.byUnit}
            columns={[
              { title: t('obl.unit'), dataIndex: 'unitName' },
              {
                title: t('prog.totals.added'),
                dataIndex: 'added',
                width: 80,
                render: (n: number) => count(n, '#389e0d'),
              },
              {
                title: t('prog.totals.removed'),
                dataIndex: 'removed',
                width: 80,
                render: (n: number) => count(n, '#cf1322'),
              },
              {
                title: t('prog.totals.changed'),
                dataIndex: 'changed',
                width: 80,
                render: (n: number) => count(n, '#1677ff'),
              },
              {
                title: t('prog.totals.becomeOverdue'),
                dataIndex: 'becomeOverdue',
                width: 100,
                render: (n: number) => count(n, '#cf1322'),
              },
              {
                title: t('prog.totals.becomeCompliant'),
                dataIndex: 'becomeCompliant',
                width: 100,
                render: (n: number) => count(n, '#389e0d'),
              },
            ]}
            expandable={{
              rowExpandable: (u) => u.reserves.length > 0,
              expandedRowRender: (u) => (
                <Table<ReserveRow>
                  size="small"
                  rowKey="reserveId"
                  pagination={false}
                  dataSource={u.reserves}
                  expandable={{
                    expandedRowRender: (r) => <Details reserve={r} titles={titles} />,
                    rowExpandable: (r) => r.details.length > 0,
                  }}
                  columns={[
                    {
                      title: t('people.name'),
                      key: 'name',
                      render: (_, r) => `${r.personName}（${r.employeeNo}）`,
                    },
                    { title: t('prog.totals.added'), dataIndex: 'added', width: 80 },
                    { title: t('prog.totals.removed'), dataIndex: 'removed', width: 80 },
                    { title: t('prog.totals.changed'), dataIndex: 'changed', width: 80 },
                    {
                      title: t('prog.overdue'),
                      key: 'overdue',
                      width: 160,
                      render: (_, r) =>
                        r.overdueBefore === r.overdueAfter ? (
                          r.overdueAfter ? (
                            t('prog.yes')
                          ) : (
                            ''
                          )
                        ) : (
                          <Tag color={r.overdueAfter ? 'red' : 'green'}>
                            {r.overdueAfter
                              ? t('prog.totals.becomeOverdue')
                              : t('prog.totals.becomeCompliant')}
                          </Tag>
                        ),
                    },
                  ]}
                />
              ),
            }}
          />
        </div>
      )}
    </Modal>
  );
}
