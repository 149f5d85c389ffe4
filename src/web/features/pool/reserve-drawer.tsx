import { Button, Card, Descriptions, Drawer, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canTransition, type ReserveState } from '../../../core/programme/pool';
import { OBLIGATION_STATES, type ObligationState } from '../../../core/programme/status';
import { useCan } from '../../app/session';
import { errorText } from '../../shared/errors';
import { ObligationTable } from '../compliance/obligation-table';
import { useObligationList } from '../compliance/obligations-api';
import { ReserveMentoringCard } from '../mentors/reserve-mentoring-card';
import { STATE_COLORS, useCadreLabels } from '../programmes/rule-labels';
import { type ReserveDetailData, useReserve } from './pool-api';
import { TransitionModal, type TransitionTo } from './transition-modal';

const STATE_TAG_COLOURS: Record<ObligationState, string> = {
  open: 'default',
  submitted: 'blue',
  returned: 'magenta',
  fulfilled: 'green',
  waived: 'purple',
};

const MOVES: TransitionTo[] = ['promoted', 'eliminated', 'withdrawn', 'completed'];

function History({ reserve }: { reserve: ReserveDetailData }) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  return (
    <Timeline
      data-testid="reserve-history"
      items={reserve.history.map((e) => ({
        color: STATE_COLORS[e.toState as ReserveState] === 'red' ? 'red' : 'blue',
        children: (
          <div>
            <Typography.Text strong>
              {e.effectiveOn} · {labels.state(e.toState as ReserveState)}
            </Typography.Text>
            <div style={{ color: '#595959', fontSize: 13 }}>
              {e.byName && (
                <div>{t('pool.by', { name: e.byName, at: e.at.slice(0, 16).replace('T', ' ') })}</div>
              )}
              {e.newPost && (
                <div>
                  {t('promote.newPost')}：{e.newPost}
                  {e.middleManagement ? `（${t('promote.middleManagement')}）` : ''}
                </div>
              )}
              {e.meetingName && (
                <div>{t('pool.meeting', { name: e.meetingName, date: e.meetingDate ?? '' })}</div>
              )}
              {e.reasonCode && (
                <div>
                  {t('pool.reasonCode')}：{labels.reason(e.reasonCode)}
                </div>
              )}
              {e.reason && (
                <div>
                  {t('pool.reason')}：{e.reason}
                </div>
              )}
            </div>
          </div>
        ),
      }))}
    />
  );
}

/** One reserve: data, obligation counts, this year's schedule with HR's actions, history, transitions. */
export function ReserveDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const labels = useCadreLabels();
  const reserve = useReserve(id);
  const [to, setTo] = useState<TransitionTo | null>(null);
  const r = reserve.data;
  const schedule = useObligationList(
    '/compliance/obligations',
    { reserveId: r?.id, programmeId: r?.programmeId, pageSize: 100 },
    !!r && can('obligations.read'),
  );
  const overdueItems = schedule.data ? schedule.data.items.filter((o) => o.status === 'overdue') : [];
  const moves = r?.actions.transition ? MOVES.filter((m) => canTransition(r.state, m)) : [];

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={860}
      title={r ? `${r.personName}（${r.employeeNo}）` : ''}
      destroyOnHidden
    >
      {reserve.isPending ? (
        <Spin />
      ) : reserve.isError || !r ? (
        <Empty description={errorText(reserve.error)} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="reserve-detail">
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('pool.state')}>
              <Tag color={STATE_COLORS[r.state]}>{labels.state(r.state)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('people.unit')}>{r.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('people.currentPost')}>{r.currentPost}</Descriptions.Item>
            <Descriptions.Item label={t('people.birthDate')}>{r.birthDate}</Descriptions.Item>
            <Descriptions.Item label={t('pool.programme')}>{r.programmeName}</Descriptions.Item>
            <Descriptions.Item label={t('pool.direction')}>{r.direction}</Descriptions.Item>
            <Descriptions.Item label={t('pool.nominatedOn')}>{r.nominatedOn}</Descriptions.Item>
            <Descriptions.Item label={t('pool.enrolledOn')}>{r.enrolledOn}</Descriptions.Item>
            <Descriptions.Item label={t('pool.cycleEnd')}>{r.cycleEnd}</Descriptions.Item>
            <Descriptions.Item label={t('pool.cohortYear')}>{r.cohortYear}</Descriptions.Item>
            {r.overrideReason && (
              <Descriptions.Item label={t('pool.overrideReason')} span={2}>
                {r.overrideReason}
                {r.eligibilityIssues.map((i) => (
                  <div key={i.check}>
                    <Typography.Text type="danger">✗ {labels.message(i.message)}</Typography.Text>
                  </div>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
          {moves.length > 0 && (
            <Space wrap>
              {moves.map((m) => (
                <Button
                  key={m}
                  danger={m === 'eliminated'}
                  onClick={() => setTo(m)}
                  data-testid={`transition-${m}`}
                >
                  {t(`pool.to.${m}`)}
                </Button>
              ))}
            </Space>
          )}
          <Card size="small" title={t('pool.obligationCounts')}>
            <Space wrap data-testid="reserve-obligation-counts">
              {OBLIGATION_STATES.filter((s) => r.obligationCounts[s]).map((s) => (
                <span key={s}>
                  <Tag color={STATE_TAG_COLOURS[s]}>{labels.obligationState(s)}</Tag>
                  {r.obligationCounts[s]}
                </span>
              ))}
              {overdueItems.length > 0 && (
                <span>
                  <Tag color="red">{labels.status('overdue')}</Tag>
                  {overdueItems.length}
                </span>
              )}
              {!Object.values(r.obligationCounts).some(Boolean) && (
                <Typography.Text type="secondary">{t('common.noData')}</Typography.Text>
              )}
            </Space>
          </Card>
          {schedule.data && schedule.data.items.length > 0 && (
            <Card
              size="small"
              title={t('pool.scheduleItems', { n: schedule.data.total })}
              data-testid="reserve-schedule"
            >
              <ObligationTable
                data={schedule.data}
                loading={schedule.isFetching}
                showActions={can('obligations.record')}
              />
            </Card>
          )}
          {(r.state === 'active' || r.state === 'promoted') && <ReserveMentoringCard reserveId={r.id} />}
          <Card size="small" title={t('pool.history')}>
            <History reserve={r} />
          </Card>
          <TransitionModal reserve={r} to={to} onClose={() => setTo(null)} />
        </Space>
      )}
    </Drawer>
  );
}
