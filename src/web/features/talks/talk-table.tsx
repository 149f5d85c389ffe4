import { Button, Empty, Table, type TableProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { useMentoringLabels } from './mentoring-labels';
import type { TalkItemData, TalkListData } from './talks-api';

/** One page of talk records; a click opens the record. */
export function TalkTable(props: {
  data: TalkListData | undefined;
  loading: boolean;
  error?: unknown;
  onOpen: (id: string) => void;
  onPage: (page: number, pageSize: number) => void;
  testId?: string;
  showReserve?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const columns: TableProps<TalkItemData>['columns'] = [
    { title: t('talk.heldOn'), dataIndex: 'heldOn', width: 110 },
    ...(props.showReserve === false
      ? []
      : [
          {
            title: t('talk.reserve'),
            key: 'reserve',
            width: 160,
            render: (_: unknown, r: TalkItemData) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => props.onOpen(r.id)}
                data-testid={`talk-open-${r.employeeNo}`}
              >
                {r.personName}（{r.employeeNo}）
              </Button>
            ),
          },
          { title: t('obl.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
        ]),
    {
      title: t('talk.kind'),
      dataIndex: 'kind',
      width: 170,
      render: (k: TalkItemData['kind']) => labels.kind(k),
    },
    {
      title: t('talk.talkers'),
      key: 'talkers',
      ellipsis: true,
      render: (_, r) => r.talkers.map((x) => `${x.name}（${labels.role(x.role)}）`).join('、'),
    },
    { title: t('talk.place'), dataIndex: 'place', width: 160, ellipsis: true },
    {
      title: t('pool.state'),
      key: 'state',
      width: 170,
      render: (_, r) => (
        <>
          <Tag color={r.state === 'recorded' ? 'green' : 'default'}>{t(`talk.state.${r.state}`)}</Tag>
          {r.state === 'recorded' && (
            <Tag color={r.reserveConfirmedAt ? 'cyan' : 'orange'}>
              {r.reserveConfirmedAt ? t('talk.confirmed') : t('talk.notConfirmed')}
            </Tag>
          )}
        </>
      ),
    },
  ];
  return (
    <Table<TalkItemData>
      data-testid={props.testId ?? 'talk-table'}
      rowKey="id"
      size="middle"
      loading={props.loading}
      columns={columns}
      dataSource={props.data?.items ?? []}
      scroll={{ x: 1000 }}
      onRow={(r) => ({ onDoubleClick: () => props.onOpen(r.id) })}
      locale={{ emptyText: <Empty description={props.error ? errorText(props.error) : t('talk.empty')} /> }}
      onChange={(p) => props.onPage(p.current ?? 1, p.pageSize ?? 20)}
      pagination={{
        current: props.data?.page ?? 1,
        pageSize: props.data?.pageSize ?? 20,
        total: props.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
      }}
    />
  );
}
