import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Radio,
  Row,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_DIMENSIONS,
  type AssessmentDimension,
  DIMENSION_LABELS,
} from '../../../core/mentors/assessment';
import { reportError } from '../../shared/errors';
import { today } from '../../shared/today';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';
import { RemoveRowButton } from '../talks/form-bits';
import { useMentoringLabels } from '../talks/mentoring-labels';
import { createAssessment, MENTORS_KEY, updateAssessment, useAssessment, useScales } from './mentors-api';

type Values = {
  assessedOn: Dayjs;
  panel: { name: string; post: string }[];
  ratings: Partial<Record<AssessmentDimension, string>>;
  strengths: string;
  shortcomings: string;
  suggestions: string;
  overallGrade: string;
  mentorComment: string;
};

/** What opens the editor: a mentee and a year (new), or an assessment to revise. */
export type AssessmentTarget = {
  reserveId: string;
  personName: string;
  year: number;
  assessmentId?: string | null;
} | null;

/** 年度考核评估表 (附件二), written by the mentor with the unit's assessment panel; a draft or submitted to HR. */
export function AssessmentEditor({ target, onClose }: { target: AssessmentTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const existing = useAssessment(target?.assessmentId ?? undefined);
  const scales = useScales(target?.reserveId);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const a = existing.data;
    if (a)
      form.setFieldsValue({
        assessedOn: dayjs(a.assessedOn),
        panel: a.panel,
        ratings: a.ratings,
        strengths: a.strengths,
        shortcomings: a.shortcomings,
        suggestions: a.suggestions,
        overallGrade: a.overallGrade,
        mentorComment: a.mentorComment,
      });
    else form.setFieldsValue({ assessedOn: today(), panel: [{ name: '', post: '组长' }] });
  }, [target, existing.data, form]);

  const save = async (submit: boolean) => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !target) return;
    setBusy(true);
    const body = {
      assessedOn: values.assessedOn.format('YYYY-MM-DD'),
      panel: (values.panel ?? [])
        .filter((p) => p?.name?.trim())
        .map((p) => ({ name: p.name, post: p.post ?? '' })),
      ratings: values.ratings ?? {},
      strengths: values.strengths ?? '',
      shortcomings: values.shortcomings ?? '',
      suggestions: values.suggestions ?? '',
      overallGrade: values.overallGrade ?? '',
      mentorComment: values.mentorComment ?? '',
      submit,
    };
    try {
      if (existing.data)
        await updateAssessment(existing.data.id, { ...body, version: existing.data.version });
      else await createAssessment({ ...body, reserveId: target.reserveId, year: target.year });
      message.success(submit ? t('assess.submitted') : t('common.saved'));
      for (const key of [MENTORS_KEY, OBLIGATIONS_KEY]) await client.invalidateQueries({ queryKey: key });
      onClose();
    } catch (error) {
      reportError(error, { message, form, client, reload: [MENTORS_KEY] });
    } finally {
      setBusy(false);
    }
  };

  const ratingScale = scales.data?.ratingScale ?? [];
  const gradeScale = scales.data?.gradeScale ?? [];
  const area = (name: 'strengths' | 'shortcomings' | 'suggestions' | 'mentorComment', label: string) => (
    <Form.Item name={name} label={label}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} data-testid={`assess-${name}`} />
    </Form.Item>
  );
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={target ? `${t('assess.title')} · ${target.personName} · ${target.year}` : ''}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={busy} onClick={() => void save(false)} data-testid="assess-save-draft">
            {t('assess.saveDraft')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => void save(true)} data-testid="assess-submit">
            {t('assess.submit')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" data-testid="assess-form">
        {existing.data?.state === 'returned' && existing.data.hrComment && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${t('assess.returnComment')}：${existing.data.hrComment}`}
          />
        )}
        <Form.Item
          name="assessedOn"
          label={t('assess.assessedOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker style={{ width: 220 }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        <Typography.Text strong>{t('assess.panel')}</Typography.Text>
        <Form.List name="panel">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key} style={{ marginTop: 8 }}>
                  <Col span={10}>
                    <Form.Item name={[field.name, 'name']} style={{ marginBottom: 8 }}>
                      <Input
                        placeholder={t('assess.panelName')}
                        maxLength={20}
                        data-testid={`assess-panel-${i}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={11}>
                    <Form.Item name={[field.name, 'post']} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('assess.panelPost')} maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <RemoveRowButton onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', post: '成员' })}
                style={{ marginTop: 8 }}
                data-testid="assess-add-panel"
              >
                {t('assess.addPanel')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider />
        <Typography.Text strong>{t('assess.ratings')}</Typography.Text>
        {ASSESSMENT_DIMENSIONS.map((d) => (
          <Form.Item
            key={d}
            name={['ratings', d]}
            label={`${labels.dimension(d)}（${DIMENSION_LABELS[d].hint}）`}
            style={{ marginTop: 8, marginBottom: 8 }}
          >
            <Radio.Group
              data-testid={`assess-rating-${d}`}
              options={ratingScale.map((s) => ({ value: s, label: s }))}
            />
          </Form.Item>
        ))}
        <Divider />
        {area('strengths', t('assess.strengths'))}
        {area('shortcomings', t('assess.shortcomings'))}
        {area('suggestions', t('assess.suggestions'))}
        <Form.Item name="overallGrade" label={t('assess.overallGrade')}>
          <Radio.Group data-testid="assess-grade" options={gradeScale.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        {area('mentorComment', t('assess.mentorComment'))}
      </Form>
    </Drawer>
  );
}
