import { FileWordOutlined, FormOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Radio,
  Space,
  Spin,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../shared/download';
import { reportError } from '../../shared/errors';
import { ASSESSMENT_COLORS, useMentoringLabels } from '../talks/mentoring-labels';
import { OwedTable } from '../talks/owed-table';
import { TalkDrawer } from '../talks/talk-drawer';
import { type EditorTarget, TalkEditor } from '../talks/talk-editor';
import { TalkTable } from '../talks/talk-table';
import { useOwed, useTalks } from '../talks/talks-api';
import { AssessmentDrawer } from './assessment-drawer';
import { AssessmentEditor, type AssessmentTarget } from './assessment-editor';
import {
  endorseMentor,
  MENTORS_KEY,
  type MenteeData,
  type MyMentorsData,
  useMentees,
  useMyMentors,
} from './mentors-api';
import { AssessmentsTab } from './mentors-page';

function Mentees({
  onTalk,
  onAssess,
  onOpenAssessment,
}: {
  onTalk: (t: EditorTarget) => void;
  onAssess: (t: AssessmentTarget) => void;
  onOpenAssessment: (id: string) => void;
}) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const mentees = useMentees();
  const columns: TableProps<MenteeData>['columns'] = [
    {
      title: t('people.name'),
      key: 'name',
      width: 140,
      render: (_, m) => `${m.personName}（${m.employeeNo}）`,
    },
    { title: t('people.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    { title: t('mentor.direction'), dataIndex: 'direction', width: 100 },
    {
      title: t('mentor.mentor'),
      dataIndex: 'slot',
      width: 150,
      render: (s: MenteeData['slot']) => labels.slot(s),
    },
    {
      title: t('mentor.talksDone'),
      key: 'talks',
      width: 120,
      render: (_, m) => (
        <Space size={4}>
          {m.talks.done}/{m.talks.total}
          {m.talks.overdue > 0 && (
            <Tag color="red">
              {t('talk.overdue')} {m.talks.overdue}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('mentor.nextTalk'),
      key: 'next',
      width: 150,
      render: (_, m) => (m.talks.next ? `${m.talks.next.dueDate}（${m.talks.next.periodKey}）` : '—'),
    },
    {
      title: t('talk.lastTalk'),
      dataIndex: 'lastTalkOn',
      width: 110,
      render: (d: string | null) => d ?? t('talk.never'),
    },
    {
      title: t('mentor.assessment'),
      key: 'assessment',
      width: 170,
      render: (_, m) =>
        m.assessment.state ? (
          <Tag color={ASSESSMENT_COLORS[m.assessment.state]}>
            {labels.assessmentState(m.assessment.state)}
          </Tag>
        ) : m.assessment.dueDate ? (
          <Typography.Text type="secondary">{m.assessment.dueDate}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      fixed: 'right',
      render: (_, m) => (
        <Space>
          <Button
            size="small"
            type="primary"
            ghost
            icon={<FormOutlined />}
            onClick={() =>
              onTalk({ reserveId: m.reserveId, kind: 'mentor_quarterly', personName: m.personName })
            }
            data-testid={`mentee-talk-${m.employeeNo}`}
          >
            {t('talk.record')}
          </Button>
          {m.assessment.assessmentId &&
          m.assessment.state !== 'draft' &&
          m.assessment.state !== 'returned' ? (
            <Button size="small" onClick={() => onOpenAssessment(m.assessment.assessmentId!)}>
              {t('mentor.viewAssessment')}
            </Button>
          ) : (
            <Button
              size="small"
              onClick={() =>
                onAssess({
                  reserveId: m.reserveId,
                  personName: m.personName,
                  year: m.assessment.year,
                  assessmentId: m.assessment.assessmentId,
                })
              }
              data-testid={`mentee-assess-${m.employeeNo}`}
            >
              {t('mentor.writeAssessment')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<MenteeData>
      data-testid="mentees-table"
      rowKey="reserveId"
      size="middle"
      loading={mentees.isFetching}
      columns={columns}
      dataSource={mentees.data?.items ?? []}
      scroll={{ x: 1200 }}
      pagination={false}
      locale={{ emptyText: <Empty description={t('mentor.menteesEmpty')} /> }}
    />
  );
}

function Endorse({
  reserveId,
  mentor,
}: {
  reserveId: string;
  mentor: MyMentorsData['memberships'][number]['mentors'][number];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [endorsed, setEndorsed] = useState<boolean | undefined>(mentor.endorsement?.endorsed);
  const [comment, setComment] = useState(mentor.endorsement?.comment ?? '');
  const save = async () => {
    if (endorsed === undefined) return;
    try {
      await endorseMentor({
        reserveId,
        mentorPersonId: mentor.mentor.personId,
        endorsed,
        comment: comment.trim() || null,
      });
      message.success(t('mentor.endorseDone'));
      await client.invalidateQueries({ queryKey: MENTORS_KEY });
    } catch (error) {
      reportError(error, { message });
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`endorse-${mentor.mentor.employeeNo}`}>
      <Radio.Group value={endorsed} onChange={(e) => setEndorsed(e.target.value)}>
        <Radio value={true} data-testid={`endorse-yes-${mentor.mentor.employeeNo}`}>
          {t('mentor.endorseYes')}
        </Radio>
        <Radio value={false}>{t('mentor.endorseNo')}</Radio>
      </Radio.Group>
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('mentor.endorseComment')}
      />
      <Button
        type="primary"
        disabled={endorsed === undefined}
        onClick={() => void save()}
        data-testid={`endorse-save-${mentor.mentor.employeeNo}`}
      >
        {t('common.save')}
      </Button>
    </Space>
  );
}

function MyMentors() {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const mine = useMyMentors();
  if (mine.isPending) return <Spin />;
  const memberships = mine.data?.memberships ?? [];
  if (!memberships.length) return <Empty description={t('mentor.myMentorsEmpty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {memberships.map((m) => (
        <Card
          key={m.reserveId}
          size="small"
          title={m.programmeName}
          extra={
            m.promotion && (
              <Tag color="gold">
                {t('reward.promotedOn', { date: m.promotion.on, post: m.promotion.newPost ?? '' })}
              </Tag>
            )
          }
        >
          {m.mentors.some((x) => x.mayEndorse) && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('mentor.endorseTitle')}
              description={t('mentor.endorseHint')}
            />
          )}
          <Space wrap align="start">
            {m.mentors.map((x) => (
              <Card
                key={`${x.mentor.personId}-${x.startOn}`}
                size="small"
                style={{ width: 320 }}
                title={labels.slot(x.slot)}
                data-testid={`my-mentor-${x.mentor.employeeNo}`}
              >
                <div>
                  <strong>{x.mentor.name}</strong> · {x.mentor.unitName} {x.mentor.post}
                </div>
                <div style={{ color: '#8c8c8c' }}>
                  {x.startOn} ~ {x.endOn ?? t('mentor.current')}
                </div>
                {x.endorsement && !x.mayEndorse && (
                  <Tag color={x.endorsement.endorsed ? 'green' : 'red'}>
                    {x.endorsement.endorsed ? t('mentor.endorsed') : t('mentor.notEndorsed')}
                  </Tag>
                )}
                {x.endorsement && x.mayEndorse && (
                  <Tag color={x.endorsement.endorsed ? 'green' : 'red'} style={{ margin: '4px 0' }}>
                    {x.endorsement.endorsed ? t('mentor.endorsed') : t('mentor.notEndorsed')} ·{' '}
                    {x.endorsement.answeredAt.slice(0, 10)}
                  </Tag>
                )}
                {x.mayEndorse && <Endorse reserveId={m.reserveId} mentor={x} />}
              </Card>
            ))}
          </Space>
        </Card>
      ))}
    </Space>
  );
}

/** 我的谈话与导师: the talks I owe, my mentees, the talk records I may see, my mentors and my assessments. */
export function MyMentoringPage() {
  const { t } = useTranslation();
  const owed = useOwed({ pageSize: 1 });
  const mentees = useMentees();
  const mine = useMyMentors();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const talks = useTalks(page);
  const [editing, setEditing] = useState<EditorTarget>(null);
  const [assessing, setAssessing] = useState<AssessmentTarget>(null);
  const [openTalk, setOpenTalk] = useState<string>();
  const [openAssessment, setOpenAssessment] = useState<string>();
  if (owed.isPending || mentees.isPending || mine.isPending) return <Spin />;
  const owesTalks = (owed.data?.total ?? 0) > 0;
  const mentors = (mentees.data?.items.length ?? 0) > 0;
  const isReserve = (mine.data?.memberships.length ?? 0) > 0;
  const items = [
    ...(owesTalks
      ? [{ key: 'owed', label: t('talk.owed'), children: <OwedTable onRecord={setEditing} /> }]
      : []),
    ...(mentors
      ? [
          {
            key: 'mentees',
            label: t('mentor.mentees'),
            children: (
              <Mentees onTalk={setEditing} onAssess={setAssessing} onOpenAssessment={setOpenAssessment} />
            ),
          },
        ]
      : []),
    ...(isReserve ? [{ key: 'mentors', label: t('mentor.myMentors'), children: <MyMentors /> }] : []),
    {
      key: 'talks',
      label: t('talk.records'),
      children: (
        <TalkTable
          testId="my-talks"
          data={talks.data}
          loading={talks.isFetching}
          error={talks.error}
          onOpen={setOpenTalk}
          onPage={(p, pageSize) => setPage({ page: p, pageSize })}
        />
      ),
    },
    {
      key: 'assessments',
      label: t('mentor.assessments'),
      children: <AssessmentsTab mine={mentors} initial="all" />,
    },
  ];
  return (
    <Card
      title={t('talk.myMenu')}
      extra={
        <Space>
          <Button icon={<FileWordOutlined />} onClick={() => download('/talks/form-blank.docx')}>
            {t('talk.blankForm')}
          </Button>
          {(owesTalks || mentors) && (
            <Button
              type="primary"
              icon={<FormOutlined />}
              onClick={() => setEditing({})}
              data-testid="my-record-talk"
            >
              {t('talk.record')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs items={items} />
      <TalkEditor
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={(talk) => setOpenTalk(talk.id)}
      />
      <AssessmentEditor target={assessing} onClose={() => setAssessing(null)} />
      <TalkDrawer id={openTalk} onClose={() => setOpenTalk(undefined)} />
      <AssessmentDrawer id={openAssessment} onClose={() => setOpenAssessment(undefined)} />
    </Card>
  );
}
