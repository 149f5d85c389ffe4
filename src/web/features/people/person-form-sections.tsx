import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonFields, ResumeLine } from '../../../contracts/people';
import { useDictionaries, useDictOptions } from '../../shared/dictionaries';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { zodRule } from '../../shared/zod-rule';

const f = PersonFields.shape;

/** A labelled cell of the registration form grid. */
export function Cell({ span = 8, children }: { span?: number; children: ReactNode }) {
  return (
    <Col xs={24} md={12} xl={span}>
      {children}
    </Col>
  );
}

function useRequired() {
  const { t } = useTranslation();
  return { required: true, message: t('common.required') };
}

/** 基本信息 (the photo sits beside it and is handled by the page). */
export function BasicSection({ creating }: { creating: boolean }) {
  const { t } = useTranslation();
  const required = useRequired();
  const dictionaries = useDictionaries();
  return (
    <Row gutter={16}>
      <Cell>
        <Form.Item name="employeeNo" label={t('people.employeeNo')} rules={[required, zodRule(f.employeeNo)]}>
          <Input data-testid="person-employeeNo" />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="name" label={t('people.name')} rules={[required, zodRule(f.name)]}>
          <Input data-testid="person-name" />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="gender" label={t('people.gender')} rules={[required]}>
          <Select options={useDictOptions(dictionaries.data?.genders)} data-testid="person-gender" />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="ethnicity" label={t('people.ethnicity')} rules={[zodRule(f.ethnicity)]}>
          <Input placeholder={t('people.ethnicityHint')} />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="birthDate" label={t('people.birthDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="nativePlace" label={t('people.nativePlace')} rules={[zodRule(f.nativePlace)]}>
          <Input />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="politicalStatus" label={t('people.politicalStatus')}>
          <Select allowClear options={useDictOptions(dictionaries.data?.politicalStatuses)} />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="partyJoinDate" label={t('people.partyJoinDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="workStartDate" label={t('people.workStartDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Cell>
      <Cell span={12}>
        <Form.Item
          name="idNumber"
          label={t('people.idNumber')}
          rules={[zodRule(f.idNumber)]}
          extra={creating ? undefined : t('people.idNumberKeep')}
        >
          <Input maxLength={18} autoComplete="off" data-testid="person-idNumber" />
        </Form.Item>
      </Cell>
      <Cell span={12}>
        <Form.Item name="phone" label={t('people.phone')} rules={[zodRule(f.phone)]}>
          <Input />
        </Form.Item>
      </Cell>
    </Row>
  );
}

/** 学历学位: full-time and in-service education side by side, as on the paper form. */
export function EducationSection() {
  const { t } = useTranslation();
  const dictionaries = useDictionaries();
  const levels = useDictOptions(dictionaries.data?.educationLevels);
  const degrees = useDictOptions(dictionaries.data?.degrees);
  const block = (prefix: 'fullTime' | 'inService') => (
    <Row gutter={16}>
      <Cell span={6}>
        <Form.Item name={`${prefix}Education`} label={t(`people.${prefix}`) + t('people.educationLevel')}>
          <Select allowClear options={levels} />
        </Form.Item>
      </Cell>
      <Cell span={6}>
        <Form.Item name={`${prefix}Degree`} label={t('people.degree')}>
          <Select allowClear options={degrees} />
        </Form.Item>
      </Cell>
      <Cell span={6}>
        <Form.Item name={`${prefix}School`} label={t('people.school')} rules={[zodRule(f.fullTimeSchool)]}>
          <Input />
        </Form.Item>
      </Cell>
      <Cell span={6}>
        <Form.Item name={`${prefix}Major`} label={t('people.major')} rules={[zodRule(f.fullTimeMajor)]}>
          <Input />
        </Form.Item>
      </Cell>
    </Row>
  );
  return (
    <>
      {block('fullTime')}
      {block('inService')}
    </>
  );
}

/** 工作信息: unit, post and grade. */
export function WorkSection() {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <Row gutter={16}>
      <Cell>
        <Form.Item name="unitId" label={t('people.unit')} rules={[required]}>
          <UnitTreeSelect data-testid="person-unit" />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="currentPost" label={t('people.currentPost')} rules={[zodRule(f.currentPost)]}>
          <Input />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="postSince" label={t('people.postSince')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="grade" label={t('people.grade')} rules={[zodRule(f.grade)]}>
          <Input />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item
          name="professionalTitle"
          label={t('people.professionalTitle')}
          rules={[zodRule(f.professionalTitle)]}
        >
          <Input />
        </Form.Item>
      </Cell>
      <Cell>
        <Form.Item name="isMiddleManager" label={t('people.isMiddleManager')} valuePropName="checked">
          <Switch checkedChildren={t('people.middleYes')} unCheckedChildren={t('people.middleNo')} />
        </Form.Item>
      </Cell>
    </Row>
  );
}

/** 简历: one line per period, newest last as HR offices write it. */
export function ResumeSection() {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <Form.List name="resume">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[field.name, 'from']} rules={[required]}>
                <DatePicker picker="month" placeholder={t('people.resumeFrom')} />
              </Form.Item>
              <span>—</span>
              <Form.Item name={[field.name, 'to']}>
                <DatePicker picker="month" placeholder={t('people.resumeTo')} />
              </Form.Item>
              <Form.Item name={[field.name, 'text']} rules={[required, zodRule(ResumeLine.shape.text)]}>
                <Input placeholder={t('people.resumeText')} style={{ width: 460 }} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.delete')} />
            </Space>
          ))}
          <Button
            type="dashed"
            onClick={() => add({})}
            icon={<PlusOutlined />}
            disabled={fields.length >= 50}
          >
            {t('people.addResume')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 奖惩情况. */
export function RewardsSection() {
  return (
    <Form.Item name="rewardsPunishments" rules={[zodRule(f.rewardsPunishments)]}>
      <Input.TextArea rows={4} maxLength={2000} showCount />
    </Form.Item>
  );
}

/** 近年年度考核结果: one year, one grade. */
export function AssessmentsSection() {
  const { t } = useTranslation();
  const required = useRequired();
  const dictionaries = useDictionaries();
  const grades = useDictOptions(dictionaries.data?.assessmentGrades);
  return (
    <Form.List name="assessments">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[field.name, 'year']} rules={[required]}>
                <InputNumber min={1980} max={2100} placeholder={t('people.year')} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'grade']} rules={[required]}>
                <Select options={grades} placeholder={t('people.assessmentGrade')} style={{ width: 160 }} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.delete')} />
            </Space>
          ))}
          <Button
            type="dashed"
            onClick={() => add({ year: new Date().getFullYear() - 1 })}
            icon={<PlusOutlined />}
            disabled={fields.length >= 20}
          >
            {t('people.addAssessment')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
