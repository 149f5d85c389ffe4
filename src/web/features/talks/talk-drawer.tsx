import { CheckOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Input,
  List,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';
import { useCadreLabels } from '../programmes/rule-labels';
import { Multiline, WordButton } from './form-bits';
import { useMentoringLabels } from './mentoring-labels';
import { type EditorTarget, TalkEditor } from './talk-editor';
import { confirmTalk, deleteTalk, TALKS_KEY, useTalk } from './talks-api';

/** One talk record: its content, what it counts for, 附件一 to download, and the actions the caller has. */
export function TalkDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const cadre = useCadreLabels();
  const { message } = App.useApp();
  const client = useQueryClient();
  const talk = useTalk(id);
  const [editing, setEditing] = useState<EditorTarget>(null);
  const [confirming, setConfirming] = useState(false);
  const [comment, setComment] = useState('');
  const d = talk.data;

  const refresh = async () => {
    for (const key of [TALKS_KEY, OBLIGATIONS_KEY]) await client.invalidateQueries({ queryKey: key });
  };
  const confirm = async () => {
    try {
      await confirmTalk(id!, comment.trim() || null);
      message.success(t('talk.confirmDone'));
      setConfirming(false);
      await refresh();
    } catch (error) {
      reportError(error, { message, client, reload: [TALKS_KEY] });
    }
  };
  const remove = async () => {
    try {
      await deleteTalk(id!);
      await refresh();
      onClose();
    } catch (error) {
      reportError(error, { message });
    }
  };

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={780}
      destroyOnHidden
      title={d ? `${labels.kind(d.kind)} · ${d.personName}（${d.heldOn}）` : ''}
      extra={
        d && (
          <Space>
            <WordButton path={`/talks/${d.id}/form.docx`} label={t('talk.download')} testId="talk-download" />
            {d.actions.edit && (
              <Button
                icon={<EditOutlined />}
                onClick={() => setEditing({ talkId: d.id })}
                data-testid="talk-edit"
              >
                {t('common.edit')}
              </Button>
            )}
            {d.actions.delete && (
              <Popconfirm title={t('talk.deleteConfirm')} onConfirm={() => void remove()}>
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
            {d.actions.confirm && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setConfirming(true)}
                data-testid="talk-confirm"
              >
                {t('talk.confirm')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {talk.isPending ? (
        <Spin />
      ) : talk.isError || !d ? (
        <Empty description={errorText(talk.error)} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="talk-detail">
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('talk.heldOn')}>{d.heldOn}</Descriptions.Item>
            <Descriptions.Item label={t('talk.place')}>{d.place}</Descriptions.Item>
            <Descriptions.Item label={t('talk.reserve')}>
              {d.personName}（{d.employeeNo}）· {d.unitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('talk.kind')}>{labels.kind(d.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('talk.talkers')} span={2}>
              {d.talkers.map((x) => `${x.name}（${labels.role(x.role)}）`).join('、')}
            </Descriptions.Item>
            {(['thinking', 'work', 'achievements', 'shortcomings', 'advice'] as const).map((key) => (
              <Descriptions.Item key={key} label={t(`talk.${key}`)} span={2}>
                <Multiline text={d[key]} />
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('talk.actions')} span={2}>
              {d.agreedActions.map((a, i) => (
                <div key={`${a.text}|${a.owner}|${a.dueOn}`}>
                  {i + 1}. {a.text}
                  <Typography.Text type="secondary">
                    {a.owner ? ` · ${t('talk.owner')}：${a.owner}` : ''}
                    {a.dueOn ? ` · ${t('talk.dueOn')}：${a.dueOn}` : ''}
                  </Typography.Text>
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('talk.followUps')} span={2}>
              {d.followUps.map((f, i) => (
                <div key={`${f.action}|${f.status}|${f.note}`}>
                  {i + 1}. {f.action} —— <Tag>{labels.followUp(f.status)}</Tag>
                  {f.note}
                </div>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Tag color={d.state === 'recorded' ? 'green' : 'default'}>{t(`talk.state.${d.state}`)}</Tag>
            <Tag color={d.reserveConfirmedAt ? 'green' : 'orange'}>
              {d.reserveConfirmedAt
                ? `${t('talk.confirmed')} ${d.reserveConfirmedAt.slice(0, 10)}`
                : t('talk.notConfirmed')}
            </Tag>
            {d.reserveComment && <Typography.Text type="secondary">{d.reserveComment}</Typography.Text>}
          </Space>
          {d.state === 'recorded' && (
            <List
              size="small"
              header={<Typography.Text strong>{t('talk.countsFor')}</Typography.Text>}
              dataSource={d.obligations}
              locale={{ emptyText: t('talk.countsNothing') }}
              data-testid="talk-obligations"
              renderItem={(o) => (
                <List.Item>
                  {o.periodKey} · {o.actorName ?? ''} · {cadre.obligationState(o.state)}
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
      <Modal
        open={confirming}
        title={t('talk.confirm')}
        onCancel={() => setConfirming(false)}
        onOk={() => void confirm()}
        okButtonProps={okButtonTestId('talk-confirm-submit')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('talk.confirmHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('talk.confirmComment')}
        />
      </Modal>
      <TalkEditor target={editing} onClose={() => setEditing(null)} />
    </Drawer>
  );
}
