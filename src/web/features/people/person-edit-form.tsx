import { Alert, App, Button, Card, Col, Form, Row, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { errorText } from '../../shared/errors';
import { applyFieldErrors } from '../../shared/form-errors';
import type { PersonBody, PersonDetailData } from './people-api';
import {
  AssessmentsSection,
  BasicSection,
  EducationSection,
  ResumeSection,
  RewardsSection,
  WorkSection,
} from './person-form-sections';
import { type PersonFormValues, toBody, toFormValues } from './person-form-values';
import { PersonPhoto } from './person-photo';

type PersonEditFormProps = {
  person?: PersonDetailData;
  defaultUnitId?: string;
  onSubmit: (body: PersonBody) => Promise<void>;
  onCancel: () => void;
  /** Reads the record again after a version conflict. */
  onReload?: () => Promise<void>;
};

/** The registration form in edit mode; checks fields with the contract's rules before sending. */
export function PersonEditForm({ person, defaultUnitId, onSubmit, onCancel, onReload }: PersonEditFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonFormValues>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);

  const submit = async (values: PersonFormValues) => {
    setBusy(true);
    try {
      await onSubmit(toBody(values));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') setConflict(true);
      else {
        applyFieldErrors(form, error);
        message.error(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await onReload?.();
    setConflict(false);
  };

  const section = (title: string, body: React.ReactNode) => (
    <Card type="inner" title={title} style={{ marginBottom: 16 }}>
      {body}
    </Card>
  );

  return (
    <Form<PersonFormValues>
      form={form}
      layout="vertical"
      initialValues={toFormValues(person, defaultUnitId)}
      onFinish={(values) => void submit(values)}
      onFinishFailed={() => message.warning(t('common.fixFields'))}
      scrollToFirstError
      data-testid="person-form"
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('common.conflict')}
          data-testid="person-conflict"
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      )}
      {section(
        t('people.sectionBasic'),
        <Row gutter={24} wrap={false}>
          <Col flex="auto">
            <BasicSection creating={!person} />
          </Col>
          <Col flex="160px">
            {person ? (
              <PersonPhoto person={person} />
            ) : (
              <Alert type="info" title={t('people.photoAfterSave')} />
            )}
          </Col>
        </Row>,
      )}
      {section(t('people.sectionEducation'), <EducationSection />)}
      {section(t('people.sectionWork'), <WorkSection />)}
      {section(t('people.sectionResume'), <ResumeSection />)}
      {section(t('people.sectionRewards'), <RewardsSection />)}
      {section(t('people.sectionAssessments'), <AssessmentsSection />)}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="person-save">
          {t('common.save')}
        </Button>
        <Button onClick={onCancel} data-testid="person-cancel">
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}
