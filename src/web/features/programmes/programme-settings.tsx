import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_GRADES, EDUCATION_LEVELS } from '../../../core/people/dictionaries';
import type { Eligibility } from '../../../core/programme/eligibility';
import { useLabels } from '../../shared/dictionaries';
import { reportError } from '../../shared/errors';
import { eligibilityOf, PROGRAMMES_KEY, type ProgrammeData, updateProgramme } from './programmes-api';

type Values = {
  name: string;
  tier: string;
  cycleYears: number;
  dueSoonDays: number;
  active: boolean;
  eligibility: Eligibility;
};

/** The programme's settings and eligibility checks (年龄上限 + 参照日期, 工作年限, 最低学历, 最近年度考核). */
export function ProgrammeSettings({ programme, readOnly }: { programme: ProgrammeData; readOnly: boolean }) {
  const { t } = useTranslation();
  const { dict } = useLabels();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.setFieldsValue({
      name: programme.name,
      tier: programme.tier,
      cycleYears: programme.cycleYears,
      dueSoonDays: programme.dueSoonDays,
      active: programme.active,
      eligibility: eligibilityOf(programme),
    });
  }, [programme, form]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await updateProgramme(programme.id, { version: programme.version, ...values });
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: PROGRAMMES_KEY });
    } catch (error) {
      reportError(error, { message, form, client, reload: [PROGRAMMES_KEY] });
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('common.required') }];
  const nullable = (values: readonly string[]) => values.map((v) => ({ value: v, label: dict(v) }));
  return (
    <Form form={form} layout="vertical" disabled={readOnly} data-testid="programme-settings">
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="name" label={t('prog.name')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="tier" label={t('prog.tier')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={8} md={3}>
          <Form.Item name="cycleYears" label={t('prog.cycleYears')} rules={required}>
            <InputNumber min={1} max={3} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name="dueSoonDays" label={t('prog.dueSoonDays')} rules={required}>
            <InputNumber min={0} max={90} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={8} md={3}>
          <Form.Item name="active" label={t('prog.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={4}>
          <Form.Item
            name={['eligibility', 'maxAge']}
            label={t('prog.maxAge')}
            extra={t('prog.emptyMeansNoCheck')}
          >
            <InputNumber min={18} max={70} style={{ width: '100%' }} data-testid="eligibility-max-age" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name={['eligibility', 'ageReferenceMonthDay']}
            label={t('prog.ageReference')}
            rules={[...required, { pattern: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: 'MM-DD' }]}
          >
            <Input placeholder="12-31" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={['eligibility', 'minServiceYears']} label={t('prog.minServiceYears')}>
            <InputNumber min={0} max={50} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name={['eligibility', 'minEducation']}
            label={t('prog.minEducation')}
            normalize={(v) => v ?? null}
          >
            <Select allowClear options={nullable(EDUCATION_LEVELS)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name={['eligibility', 'minLatestAssessment']}
            label={t('prog.minAssessment')}
            normalize={(v) => v ?? null}
          >
            <Select allowClear options={nullable(ASSESSMENT_GRADES)} />
          </Form.Item>
        </Col>
      </Row>
      {!readOnly && (
        <Button
          type="primary"
          loading={busy}
          onClick={() => void save()}
          data-testid="programme-save-settings"
        >
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
