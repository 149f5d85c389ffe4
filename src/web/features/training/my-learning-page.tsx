import { BookOutlined, EditOutlined, ReadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, InputNumber, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../shared/errors';
import { today } from '../../shared/today';
import { StatusTag } from '../compliance/obligation-table';
import { type MyLearningData, useMyLearning } from './training-api';

type Due = MyLearningData['trainings'][number]['reflection'];

/** The reflection an event asks for: due date, status, and the way to write it (the reflection page). */
function ReflectionLine({ due, testId }: { due: Due; testId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!due) return <Typography.Text type="secondary">{t('learn.noObligation')}</Typography.Text>;
  const settled = due.state === 'fulfilled' || due.state === 'waived' || due.state === 'submitted';
  return (
    <Space wrap data-testid={testId}>
      <Typography.Text strong>{t('learn.dueOn', { date: due.dueDate })}</Typography.Text>
      <StatusTag status={due.status} />
      <Button
        type={settled ? 'default' : 'primary'}
        size="small"
        icon={<EditOutlined />}
        onClick={() => navigate(`/reflections/obligation/${due.obligationId}`)}
        data-testid={`${testId}-write`}
      >
        {settled ? t('learn.viewReflection') : t('learn.write')}
      </Button>
    </Space>
  );
}

/** 我的学习: my trainings of the year and the reading plan over my unit, each with its reflection. */
export function MyLearningPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(today().year());
  const mine = useMyLearning(year);
  const data = mine.data;
  return (
    <Card
      title={t('learn.myTitle')}
      extra={
        <InputNumber
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          data-testid="my-learning-year"
        />
      }
    >
      {mine.isPending ? (
        <Spin />
      ) : !data ? (
        <Empty description={errorText(mine.error)} />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card
            type="inner"
            title={
              <>
                <ReadOutlined /> {t('learn.myTrainings')}
              </>
            }
            data-testid="my-trainings"
          >
            {data.trainings.length === 0 ? (
              <Empty description={t('learn.noTrainings')} />
            ) : (
              data.trainings.map((e) => (
                <Descriptions
                  key={e.eventId}
                  title={e.title}
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  style={{ marginBottom: 16 }}
                  items={[
                    {
                      key: 'dates',
                      label: t('learn.dates'),
                      children: `${e.startOn} ~ ${e.endOn ?? t('learn.endPending')}`,
                    },
                    { key: 'place', label: t('learn.place'), children: e.place || '—' },
                    { key: 'trainer', label: t('learn.trainer'), children: e.trainer || '—' },
                    {
                      key: 'attendance',
                      label: t('learn.attendance'),
                      children: e.attendance ? (
                        <Tag color={e.attendance === 'present' ? 'green' : 'orange'}>
                          {t(`learn.att.${e.attendance}`)}
                        </Tag>
                      ) : (
                        t('learn.notRecorded')
                      ),
                    },
                    {
                      key: 'reflection',
                      label: t('learn.reflectionStatus'),
                      span: 2,
                      children: <ReflectionLine due={e.reflection} testId="training-reflection" />,
                    },
                  ]}
                />
              ))
            )}
          </Card>
          <Card
            type="inner"
            title={
              <>
                <BookOutlined /> {t('learn.myReading')}
              </>
            }
            data-testid="my-reading"
          >
            {data.readingPlans.length === 0 ? (
              <Empty description={t('learn.noPlan')} />
            ) : (
              data.readingPlans.map((p) => (
                <Space key={p.id} direction="vertical" style={{ width: '100%' }}>
                  <Descriptions
                    size="small"
                    column={{ xs: 1, md: 3 }}
                    items={[
                      {
                        key: 'period',
                        label: t('learn.studyPeriod'),
                        children: `${p.studyStart} ~ ${p.studyEnd}`,
                      },
                      { key: 'mode', label: t('learn.mode'), children: t(`learn.modes.${p.mode}`) },
                      { key: 'unit', label: t('learn.ownerUnit'), children: p.unitName },
                    ]}
                  />
                  <List
                    size="small"
                    bordered
                    dataSource={p.materials}
                    renderItem={(m) => (
                      <List.Item>
                        <Space wrap>
                          <Tag color={m.kind === 'book' ? 'blue' : 'purple'}>
                            {t(`learn.kinds.${m.kind}`)}
                          </Tag>
                          <Typography.Text strong>{m.title}</Typography.Text>
                          {m.author && <Typography.Text type="secondary">{m.author}</Typography.Text>}
                          {m.source && <Typography.Text type="secondary">{m.source}</Typography.Text>}
                        </Space>
                      </List.Item>
                    )}
                  />
                  {p.note && <Typography.Paragraph type="secondary">{p.note}</Typography.Paragraph>}
                  <ReflectionLine due={p.reflection} testId="reading-reflection" />
                </Space>
              ))
            )}
          </Card>
        </Space>
      )}
    </Card>
  );
}
