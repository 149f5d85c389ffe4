import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Empty, Input, Modal, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_DIMENSIONS } from '../../../core/mentors/assessment';
import { errorText, reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';
import { useCadreLabels } from '../programmes/rule-labels';
import { Multiline, WordButton } from '../talks/form-bits';
import { ASSESSMENT_COLORS, useMentoringLabels } from '../talks/mentoring-labels';
import { fileAssessment, MENTORS_KEY, returnAssessment, useAssessment } from './mentors-api';

/** One assessment: its content, 附件二 to download, and HR's filing (备案) or return. */
export function AssessmentDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const cadre = useCadreLabels();
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useAssessment(id);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const a = detail.data;
  const refresh = async () => {
    for (const key of [MENTORS_KEY, OBLIGATIONS_KEY]) await client.invalidateQueries({ queryKey: key });
  };
  const file = async () => {
    try {
      await fileAssessment(a!.id, null);
      message.success(t('assess.fileDone'));
      await refresh();
    } catch (error) {
      reportError(error, { message, client, reload: [MENTORS_KEY] });
    }
  };
  const send = async () => {
    try {
      await returnAssessment(a!.id, comment.trim());
      message.success(t('assess.returnDone'));
      setReturning(false);
      await refresh();
    } catch (error) {
      reportError(error, { message });
    }
  };
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={a ? `${t('assess.title')} · ${a.personName} · ${a.year}` : ''}
      extra={
        a && (
          <Space>
            <WordButton
              path={`/assessments/${a.id}/form.docx`}
              label={t('assess.download')}
              testId="assess-download"
            />
            {a.actions.return && (
              <Button danger onClick={() => setReturning(true)} data-testid="assess-return">
                {t('assess.return')}
              </Button>
            )}
            {a.actions.file && (
              <Button type="primary" onClick={() => void file()} data-testid="assess-file">
                {t('assess.file')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {detail.isPending ? (
        <Spin />
      ) : detail.isError || !a ? (
        <Empty description={errorText(detail.error)} />
      ) : (
        <Descriptions bordered size="small" column={2} data-testid="assessment-detail">
          <Descriptions.Item label={t('pool.state')} span={2}>
            <Tag color={ASSESSMENT_COLORS[a.state]}>{labels.assessmentState(a.state)}</Tag>
            {a.obligation && (
              <span>
                {t('assess.obligation')}：{a.obligation.periodKey} ·{' '}
                {cadre.obligationState(a.obligation.state)}
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('talk.reserve')}>
            {a.personName}（{a.employeeNo}）· {a.unitName}
          </Descriptions.Item>
          <Descriptions.Item label={t('mentor.mentor')}>{a.mentorName}</Descriptions.Item>
          <Descriptions.Item label={t('assess.assessedOn')}>{a.assessedOn}</Descriptions.Item>
          <Descriptions.Item label={t('assess.overallGrade')}>
            <strong>{a.overallGrade || '—'}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('assess.panel')} span={2}>
            {a.panel.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('assess.ratings')} span={2}>
            {ASSESSMENT_DIMENSIONS.map((d) => `${labels.dimension(d)}：${a.ratings[d] ?? '—'}`).join('　')}
          </Descriptions.Item>
          {(['strengths', 'shortcomings', 'suggestions', 'mentorComment'] as const).map((key) => (
            <Descriptions.Item key={key} label={t(`assess.${key}`)} span={2}>
              <Multiline text={a[key]} />
            </Descriptions.Item>
          ))}
          {a.hrComment && (
            <Descriptions.Item label={t('assess.hrComment')} span={2}>
              {a.hrComment}
              {a.filedByName ? `（${t('assess.filedBy')}：${a.filedByName}）` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Modal
        open={returning}
        title={t('assess.return')}
        onCancel={() => setReturning(false)}
        onOk={() => void send()}
        okButtonProps={okButtonTestId('assess-return-submit', { disabled: !comment.trim() })}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('assess.returnComment')}
        />
      </Modal>
    </Drawer>
  );
}
