import { Empty, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isReflectionKind } from '../../../contracts/reflections';
import type { ObligationStatus } from '../../../core/programme/status';
import { errorText } from '../../shared/errors';
import { STATUS_COLORS, useCadreLabels } from '../programmes/rule-labels';
import { ObligationActions } from './obligation-actions';
import { ObligationDetailDrawer } from './obligation-detail-drawer';
import type { ObligationData, ObligationListData } from './obligations-api';

/** The coloured tag of an obligation status. */
export function StatusTag({ status, daysOverdue }: { status: ObligationStatus; daysOverdue?: number }) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  return (
    <Tag color={STATUS_COLORS[status]}>
      {labels.status(status)}
      {status === 'overdue' && daysOverdue ? ` ${t('obl.daysOverdue', { days: daysOverdue })}` : ''}
    </Tag>
  );
}

type ObligationTableProps = {
  data: ObligationListData | undefined;
  loading: boolean;
  error?: unknown;
  /** Show who and which unit (HR views); a reserve's own list leaves them out. */
  showPerson?: boolean;
  /** Show the HR actions column. */
  showActions?: boolean;
  onPage?: (page: number, pageSize: number) => void;
  testId?: string;
};

/** One page of obligations with status tags and, for HR, the actions each item allows. */
export function ObligationTable(props: ObligationTableProps) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  const [detailId, setDetailId] = useState<string | null>(null);
  const columns: TableProps<ObligationData>['columns'] = [
    ...(props.showPerson
      ? [
          {
            title: t('obl.person'),
            key: 'person',
            width: 150,
            render: (_: unknown, r: ObligationData) => `${r.personName}（${r.employeeNo}）`,
          },
          { title: t('obl.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
        ]
      : []),
    {
      title: t('obl.rule'),
      dataIndex: 'ruleTitle',
      width: 220,
      ellipsis: true,
      // The title opens the obligation with its evidence.
      render: (title: string, r) => (
        <Tooltip title={r.minChars ? t('obl.minChars', { n: r.minChars }) : undefined}>
          <span>
            {/* A reflection obligation also links to its reflection (written, reviewed, or to start). */}
            {isReflectionKind(r.evidenceKind) ? (
              <Link
                to={`/reflections/obligation/${r.id}`}
                data-testid={`reflection-link-${r.ruleKey}`}
                style={{ marginRight: 6 }}
              >
                [{t('refl.linkLabel')}]
              </Link>
            ) : null}
            <Typography.Link onClick={() => setDetailId(r.id)} data-testid={`obligation-open-${r.ruleKey}`}>
              {title}
            </Typography.Link>
          </span>
        </Tooltip>
      ),
    },
    { title: t('obl.period'), dataIndex: 'periodKey', width: 90 },
    {
      title: t('obl.quantity'),
      key: 'quantity',
      width: 70,
      // Several units (two courses a quarter): how many are done so far.
      render: (_, r) => (r.quantity > 1 ? `${r.progress}/${r.quantity}` : r.quantity),
    },
    {
      title: t('obl.actor'),
      key: 'actor',
      width: 130,
      render: (_, r) => r.actorName ?? labels.actor(r.actor),
    },
    { title: t('obl.dueDate'), dataIndex: 'dueDate', width: 110 },
    {
      title: t('obl.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: ObligationStatus, r) => <StatusTag status={s} daysOverdue={r.daysOverdue} />,
    },
    { title: t('obl.fulfilledOn'), dataIndex: 'fulfilledOn', width: 110 },
    ...(props.showActions
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, r: ObligationData) => <ObligationActions item={r} />,
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<ObligationData>
        data-testid={props.testId}
        rowKey="id"
        size="small"
        loading={props.loading}
        columns={columns}
        dataSource={props.data?.items ?? []}
        scroll={{ x: props.showPerson ? 1200 : 900 }}
        onRow={(r) => ({ 'data-testid': `obligation-row-${r.ruleKey}` }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: <Empty description={props.error ? errorText(props.error) : t('common.noData')} />,
        }}
        pagination={
          props.onPage
            ? {
                current: props.data?.page ?? 1,
                pageSize: props.data?.pageSize ?? 20,
                total: props.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal: (total) => t('common.total', { total }),
                onChange: props.onPage,
              }
            : false
        }
      />
      <ObligationDetailDrawer id={detailId} onClose={() => setDetailId(null)} />
    </>
  );
}
