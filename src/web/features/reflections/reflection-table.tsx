import { Empty, Table, type TableProps, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../shared/errors';
import type { ReflectionListData } from './reflections-api';
import { STATE_COLORS } from './state-colors';

type Item = ReflectionListData['items'][number];

/** A page of reflections (HR's queue, a mentor's mentees) with their copy-check scores. */
export function ReflectionTable(props: {
  data: ReflectionListData | undefined;
  loading: boolean;
  error?: unknown;
  onPage?: (page: number, pageSize: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const columns: TableProps<Item>['columns'] = [
    {
      title: t('refl.person'),
      key: 'person',
      width: 140,
      render: (_, r) => (
        <Link to={`/reflections/${r.id}`} data-testid={`reflection-${r.employeeNo}-${r.evidenceKind}`}>
          {r.personName}（{r.employeeNo}）
        </Link>
      ),
    },
    { title: t('refl.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    { title: t('refl.task'), key: 'kind', width: 130, render: (_, r) => t(`refl.kind.${r.evidenceKind}`) },
    { title: t('refl.period'), dataIndex: 'periodKey', width: 90 },
    { title: t('refl.title'), dataIndex: 'title', ellipsis: true },
    {
      title: t('refl.chars'),
      key: 'chars',
      width: 90,
      render: (_, r) => (
        <span style={{ color: r.minChars && r.chars < r.minChars ? '#cf1322' : undefined }}>
          {r.chars}
          {r.minChars ? ` / ${r.minChars}` : ''}
        </span>
      ),
    },
    { title: t('refl.versions'), dataIndex: 'versions', width: 60 },
    {
      title: t('refl.status'),
      dataIndex: 'state',
      width: 100,
      render: (s: Item['state']) => <Tag color={STATE_COLORS[s]}>{t(`refl.state.${s}`)}</Tag>,
    },
    {
      title: t('refl.copy'),
      key: 'copy',
      width: 150,
      render: (_, r) => (
        <>
          {r.copyScore !== null ? (
            <Tooltip title={t('refl.copyOthers')}>
              <Tag color={r.copyFlag === 'others' ? 'red' : 'default'}>
                {t('refl.copyScore', { n: r.copyScore })}
              </Tag>
            </Tooltip>
          ) : null}
          {r.ownReuseScore !== null ? (
            <Tooltip title={t('refl.copyOwn')}>
              <Tag color={r.copyFlag === 'own' ? 'orange' : 'default'}>本人 {r.ownReuseScore}%</Tag>
            </Tooltip>
          ) : null}
        </>
      ),
    },
    {
      title: t('refl.submittedAt'),
      dataIndex: 'submittedAt',
      width: 140,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : ''),
    },
  ];
  return (
    <Table<Item>
      data-testid={props.testId}
      rowKey="id"
      size="middle"
      loading={props.loading}
      columns={columns}
      dataSource={props.data?.items ?? []}
      scroll={{ x: 1200 }}
      locale={{
        emptyText: <Empty description={props.error ? errorText(props.error) : t('refl.queueEmpty')} />,
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
  );
}
