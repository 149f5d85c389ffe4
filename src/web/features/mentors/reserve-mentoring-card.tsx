import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { useMentoringLabels } from '../talks/mentoring-labels';
import { TalkDrawer } from '../talks/talk-drawer';
import { useTalks } from '../talks/talks-api';
import { AssessmentDrawer } from './assessment-drawer';
import { useAssessments, useReserveMentors } from './mentors-api';
import { ReserveMentorsDrawer } from './reserve-mentors-drawer';

/** The reserve's record (一人一档) as far as mentoring goes: the two mentors, the talks, the filed assessments. */
export function ReserveMentoringCard({ reserveId }: { reserveId: string }) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const can = useCan();
  const mentors = useReserveMentors(reserveId);
  const talks = useTalks({ reserveId, pageSize: 5 });
  const assessments = useAssessments({ reserveId, state: 'filed', pageSize: 10 }, can('assessments.read'));
  const [open, setOpen] = useState(false);
  const [talkId, setTalkId] = useState<string>();
  const [assessmentId, setAssessmentId] = useState<string>();
  const m = mentors.data;
  return (
    <Card
      size="small"
      title={t('mentor.menu')}
      data-testid="reserve-mentoring"
      extra={
        <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="reserve-mentoring-open">
          {m?.actions.assign ? t('mentor.assign') : t('mentor.history')}
        </Button>
      }
    >
      {m && (
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('mentor.unitHead')}>
            {m.unitHead ? `${m.unitHead.mentor.name}（${m.unitHead.mentor.unitName}）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('mentor.relatedLeader')}>
            {m.relatedLeader ? `${m.relatedLeader.mentor.name}（${m.relatedLeader.mentor.unitName}）` : '—'}
          </Descriptions.Item>
          {m.breaches.length > 0 && (
            <Descriptions.Item label={t('mentor.breaches')} span={2}>
              {m.breaches.map((b) => (
                <Tag color="red" key={`${b.slot}-${b.issue}`}>
                  {labels.slot(b.slot)}：{labels.message(b.message)}
                </Tag>
              ))}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('talk.records')} span={2}>
            <Space wrap>
              {(talks.data?.items ?? []).map((x) => (
                <Typography.Link key={x.id} onClick={() => setTalkId(x.id)}>
                  {x.heldOn} {labels.kind(x.kind)}
                </Typography.Link>
              ))}
              {!talks.data?.items.length && '—'}
              {(talks.data?.total ?? 0) > 5 && (
                <Typography.Text type="secondary">
                  {t('common.total', { total: talks.data?.total })}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          {can('assessments.read') && (
            <Descriptions.Item label={t('mentor.assessments')} span={2}>
              <Space wrap>
                {(assessments.data?.items ?? []).map((a) => (
                  <Typography.Link key={a.id} onClick={() => setAssessmentId(a.id)}>
                    {a.year} · {a.mentorName} · {a.overallGrade}
                  </Typography.Link>
                ))}
                {!assessments.data?.items.length && '—'}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <ReserveMentorsDrawer id={open ? reserveId : undefined} onClose={() => setOpen(false)} />
      <TalkDrawer id={talkId} onClose={() => setTalkId(undefined)} />
      <AssessmentDrawer id={assessmentId} onClose={() => setAssessmentId(undefined)} />
    </Card>
  );
}
