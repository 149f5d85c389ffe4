import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorText } from '../../shared/errors';
import { StatusTag } from '../compliance/obligation-table';
import { CopyPanel } from './copy-panel';
import { HighlightedText } from './highlighted-text';
import { ReflectionEditor } from './reflection-editor';
import { type ReflectionData, useReflection } from './reflections-api';
import { ReviewActions } from './review-actions';
import { STATE_COLORS } from './state-colors';
import { VersionDiff } from './version-diff';

function Versions({ reflection }: { reflection: ReflectionData }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="version-list"
      items={[...reflection.versions].reverse().map((v) => ({
        color: v.decision === 'accepted' ? 'green' : v.decision === 'returned' ? 'orange' : 'blue',
        children: (
          <Space direction="vertical" size={0}>
            <Typography.Text strong>
              {t('refl.versionTitle', { n: v.number })} ·{' '}
              {t('refl.versionMeta', { date: v.submittedOn, chars: v.chars })}
            </Typography.Text>
            {v.decision ? (
              <Typography.Text>
                {t(`refl.decision.${v.decision}`)}（
                {t('refl.decidedBy', {
                  name: v.decidedByName ?? '',
                  date: dayjs(v.decidedAt).format('YYYY-MM-DD'),
                })}
                ）{v.comment ? `：${v.comment}` : ''}
              </Typography.Text>
            ) : null}
            {v.fileName ? (
              <a href={`/api/reflections/${reflection.id}/files/${v.number}`}>{v.fileName}</a>
            ) : null}
          </Space>
        ),
      }))}
    />
  );
}

/** One reflection: the author's editor, or the submitted text with versions, copy check and review. */
export function ReflectionPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useReflection(id);
  if (query.isPending) return <Spin />;
  if (query.isError) return <Empty description={errorText(query.error)} />;
  const r = query.data;
  const latest = r.versions.at(-1);
  const tabs = [
    ...(latest
      ? [
          {
            key: 'text',
            label: t('refl.latest'),
            children: <HighlightedText text={latest.text} ranges={[]} testId="latest-text" />,
          },
        ]
      : []),
    ...(r.copyCheck && latest
      ? [
          {
            key: 'copy',
            label: t('refl.copyPanel'),
            children: <CopyPanel check={r.copyCheck} text={latest.text} />,
          },
        ]
      : []),
    ...(r.versions.length > 1
      ? [{ key: 'diff', label: t('refl.compare'), children: <VersionDiff versions={r.versions} /> }]
      : []),
  ];
  const flagged = r.copyCheck?.matches.some((m) => m.flagged);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} />
            {r.ruleTitle}（{r.periodKey}）
            <Tag color={STATE_COLORS[r.state]} data-testid="reflection-state">
              {t(`refl.state.${r.state}`)}
            </Tag>
          </Space>
        }
        extra={<ReviewActions reflection={r} />}
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('refl.person')}>
            {r.person.name}（{r.person.employeeNo}）
          </Descriptions.Item>
          <Descriptions.Item label={t('refl.unit')}>{r.person.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('refl.programme')}>{r.programmeName}</Descriptions.Item>
          <Descriptions.Item label={t('refl.dueDate')}>{r.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('refl.taskStatus')}>
            <span data-testid="obligation-status">
              <StatusTag status={r.obligationStatus} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('refl.minChars')}>{r.minChars ?? '—'}</Descriptions.Item>
          {r.title ? <Descriptions.Item label={t('refl.title')}>{r.title}</Descriptions.Item> : null}
        </Descriptions>
        {flagged ? (
          <Alert type="error" showIcon message={t('refl.flag.any')} style={{ marginTop: 8 }} />
        ) : null}
      </Card>
      {r.actions.edit ? <ReflectionEditor key={r.id} reflection={r} /> : null}
      {!r.actions.edit && r.draft && r.state === 'submitted' ? (
        <Alert type="info" showIcon message={t('refl.submitted')} />
      ) : null}
      {tabs.length > 0 ? (
        <Card>
          <Tabs items={tabs} defaultActiveKey={flagged ? 'copy' : 'text'} />
        </Card>
      ) : null}
      {r.versions.length > 0 ? (
        <Card title={t('refl.versions')}>
          <Versions reflection={r} />
        </Card>
      ) : null}
    </Space>
  );
}
