import { CheckCircleTwoTone, CloseCircleTwoTone, DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Input,
  Modal,
  Popover,
  Segmented,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REWARD_FILTERS } from '../../../contracts/rewards';
import { formatFen } from '../../../core/mentors/money';
import { useCan } from '../../app/session';
import { download } from '../../shared/download';
import { errorText, reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { TalkDrawer } from '../talks/talk-drawer';
import { AssessmentDrawer } from './assessment-drawer';
import {
  approveRewards,
  type CandidateData,
  MENTORS_KEY,
  markPaid,
  revokeReward,
  useCandidates,
} from './mentors-api';

type Filter = (typeof REWARD_FILTERS)[number];
type Pair = CandidateData['talks'][number];

function Mark({ ok }: { ok: boolean }) {
  return ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
}

/** The obligations behind a condition, each linked to the record that settled it. */
function Evidence({
  list,
  onOpen,
  kind,
}: {
  list: Pair[];
  onOpen: (id: string) => void;
  kind: 'talk' | 'assessment';
}) {
  const { t } = useTranslation();
  if (!list.length) return <Typography.Text type="secondary">{t('reward.noneDue')}</Typography.Text>;
  return (
    <Space direction="vertical" size={2}>
      {list.map((o) => (
        <Space key={o.obligationId} size={6}>
          <Mark ok={o.ok} />
          <span>{o.periodKey}</span>
          {o.state === 'waived' ? (
            <Tag>{t('reward.waived')}</Tag>
          ) : o.recordIds.length ? (
            o.recordIds.map((id) => (
              <Typography.Link key={id} onClick={() => onOpen(id)}>
                {kind === 'talk' ? t('reward.openTalk') : t('reward.openAssessment')}
                {o.fulfilledOn ? `（${o.fulfilledOn}）` : ''}
              </Typography.Link>
            ))
          ) : (
            <Typography.Text type="danger">{t('reward.notRecorded')}</Typography.Text>
          )}
          {o.fulfilledOn && o.fulfilledOn > o.dueDate && kind === 'talk' && (
            <Tag color="gold">{t('reward.late')}</Tag>
          )}
        </Space>
      ))}
    </Space>
  );
}

/**
 * 导师奖励: every mentor–mentee pair whose mentee was promoted, each condition met or not with its
 * evidence; HR approves the eligible, exports the payment list, and marks it paid.
 */
export function RewardsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState<Filter | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<CandidateData[]>([]);
  const [talkId, setTalkId] = useState<string>();
  const [assessmentId, setAssessmentId] = useState<string>();
  const [paying, setPaying] = useState(false);
  const [paidOn, setPaidOn] = useState<Dayjs>(today());
  const [revoking, setRevoking] = useState<CandidateData | null>(null);
  const [reason, setReason] = useState('');
  const list = useCandidates({ status: status === 'all' ? undefined : status, ...page });
  const refresh = () => client.invalidateQueries({ queryKey: MENTORS_KEY });
  const approvable = selected.filter((c) => c.actions.approve);
  const payable = selected.filter((c) => c.actions.pay);

  const approve = async (pairs: CandidateData[]) => {
    try {
      const res = await approveRewards(
        pairs.map((c) => ({ reserveId: c.reserveId, mentorPersonId: c.mentor.personId })),
      );
      message.success(t('reward.approved', { n: res.approved }));
      setSelected([]);
      await refresh();
    } catch (error) {
      reportError(error, { message, client, reload: [MENTORS_KEY] });
    }
  };
  const pay = async () => {
    try {
      await markPaid(
        payable.map((c) => c.reward!.id),
        paidOn.format('YYYY-MM-DD'),
      );
      message.success(t('reward.paid'));
      setPaying(false);
      setSelected([]);
      await refresh();
    } catch (error) {
      reportError(error, { message });
    }
  };
  const revoke = async () => {
    try {
      await revokeReward(revoking!.reward!.id, revoking!.reward!.version, reason.trim());
      setRevoking(null);
      await refresh();
    } catch (error) {
      reportError(error, { message, client, reload: [MENTORS_KEY] });
    }
  };

  const condition = (c: CandidateData, key: CandidateData['conditions'][number]['key']) =>
    c.conditions.find((x) => x.key === key)!;
  const columns: TableProps<CandidateData>['columns'] = [
    {
      title: t('mentor.mentor'),
      key: 'mentor',
      width: 170,
      fixed: 'left',
      render: (_, c) => (
        <div>
          <strong>{c.mentor.name}</strong>
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>
            {c.mentor.unitName} {c.mentor.post}
          </div>
        </div>
      ),
    },
    {
      title: t('reward.mentee'),
      key: 'mentee',
      width: 200,
      render: (_, c) => (
        <div>
          {c.personName}（{c.employeeNo}）
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>
            {c.promotion
              ? t('reward.promotedOn', { date: c.promotion.on, post: c.promotion.newPost ?? '' })
              : '—'}
          </div>
        </div>
      ),
    },
    ...(['promoted', 'talks', 'assessments', 'endorsed'] as const).map((key) => ({
      title: t(`reward.condition.${key}`),
      key,
      width: key === 'talks' || key === 'assessments' ? 150 : 120,
      render: (_: unknown, c: CandidateData) => {
        const cond = condition(c, key);
        const evidence =
          key === 'talks' ? (
            <Evidence list={c.talks} onOpen={setTalkId} kind="talk" />
          ) : key === 'assessments' ? (
            <Evidence list={c.assessments} onOpen={setAssessmentId} kind="assessment" />
          ) : key === 'endorsed' ? (
            c.endorsement ? (
              `${c.endorsement.endorsed ? t('mentor.endorsed') : t('mentor.notEndorsed')}${c.endorsement.comment ? `：${c.endorsement.comment}` : ''}`
            ) : (
              '—'
            )
          ) : null;
        const text =
          key === 'talks'
            ? t('reward.talksOf', { ok: cond.satisfied, n: cond.required })
            : key === 'assessments'
              ? t('reward.assessmentsOf', { ok: cond.satisfied, n: cond.required })
              : '';
        return (
          <Space data-testid={`condition-${key}-${c.employeeNo}-${c.mentor.employeeNo}`}>
            <Mark ok={cond.met} />
            {evidence ? (
              <Popover title={t('reward.evidence')} content={evidence}>
                <Typography.Link>{text || t('reward.evidence')}</Typography.Link>
              </Popover>
            ) : (
              text
            )}
          </Space>
        );
      },
    })),
    { title: t('reward.amount'), dataIndex: 'amountYuan', width: 110, align: 'right' as const },
    {
      title: t('pool.state'),
      key: 'state',
      width: 120,
      render: (_, c) =>
        c.reward ? (
          <Tag color={c.reward.state === 'paid' ? 'green' : 'blue'}>
            {t(`reward.status.${c.reward.state === 'paid' ? 'paid' : 'approved'}`)}
            {c.reward.paidOn ? ` ${c.reward.paidOn}` : ''}
          </Tag>
        ) : (
          <Tag color={c.eligible ? 'green' : 'default'}>
            {t(`reward.status.${c.eligible ? 'eligible' : 'not_eligible'}`)}
          </Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, c) => (
        <Space>
          {c.actions.approve && (
            <Button
              size="small"
              type="primary"
              onClick={() => void approve([c])}
              data-testid={`reward-approve-${c.employeeNo}-${c.mentor.employeeNo}`}
            >
              {t('reward.approve')}
            </Button>
          )}
          {c.actions.revoke && (
            <Button size="small" danger onClick={() => setRevoking(c)}>
              {t('reward.revoke')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const counts = list.data?.counts;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('reward.rule')} />
      <Space wrap>
        <Segmented
          data-testid="reward-status"
          value={status}
          onChange={(v) => {
            setStatus(v as Filter | 'all');
            setPage({ ...page, page: 1 });
            setSelected([]);
          }}
          options={[
            { value: 'all', label: t('obl.filter.all') },
            ...REWARD_FILTERS.map((f) => ({
              value: f,
              label: `${t(`reward.status.${f}`)}${counts ? ` ${counts[f]}` : ''}`,
            })),
          ]}
        />
        {can('rewards.manage') && (
          <>
            <Button
              type="primary"
              disabled={!approvable.length}
              onClick={() => void approve(approvable)}
              data-testid="reward-approve-selected"
            >
              {t('reward.approveSelected', { n: approvable.length })}
            </Button>
            <Button
              disabled={!payable.length}
              onClick={() => setPaying(true)}
              data-testid="reward-pay-selected"
            >
              {t('reward.paySelected', { n: payable.length })}
            </Button>
          </>
        )}
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download('/rewards/export', { status: 'approved' })}
          data-testid="reward-export"
        >
          {t('reward.export')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => download('/rewards/export', { status: 'paid' })}>
          {t('reward.exportPaid')}
        </Button>
        {list.data && list.data.approvedFen > 0 && (
          <Typography.Text type="secondary">
            {t('reward.approvedFen', { amount: formatFen(list.data.approvedFen) })}
          </Typography.Text>
        )}
      </Space>
      <Table<CandidateData>
        data-testid="reward-table"
        rowKey="key"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1300 }}
        rowSelection={
          can('rewards.manage')
            ? {
                selectedRowKeys: selected.map((c) => c.key),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (c) => ({ disabled: !c.actions.approve && !c.actions.pay }),
              }
            : undefined
        }
        locale={{ emptyText: <Empty description={list.error ? errorText(list.error) : t('reward.empty')} /> }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <Modal
        open={paying}
        title={t('reward.pay')}
        onCancel={() => setPaying(false)}
        onOk={() => void pay()}
        okButtonProps={okButtonTestId('reward-pay-submit')}
        destroyOnHidden
      >
        <Space>
          {t('reward.paidOn')}
          <DatePicker
            value={paidOn}
            onChange={(d) => d && setPaidOn(d)}
            disabledDate={(d) => d.isAfter(today(), 'day')}
          />
        </Space>
      </Modal>
      <Modal
        open={!!revoking}
        title={t('reward.revoke')}
        onCancel={() => setRevoking(null)}
        onOk={() => void revoke()}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        destroyOnHidden
      >
        <Input
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('reward.revokeReason')}
        />
      </Modal>
      <TalkDrawer id={talkId} onClose={() => setTalkId(undefined)} />
      <AssessmentDrawer id={assessmentId} onClose={() => setAssessmentId(undefined)} />
    </Space>
  );
}
