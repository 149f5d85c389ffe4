import { Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTORS, EVIDENCE_KINDS, RECURRENCES, Rule } from '../../../core/programme/rule';
import { oneLanguage } from '../../shared/one-language';
import { useCadreLabels } from './rule-labels';

const DUE_KINDS = ['period_end', 'after_period_end', 'month_day', 'after_event'] as const;
const BLANK: Rule = {
  key: '',
  title: '',
  evidenceKind: 'learning_reflection',
  recurrence: 'yearly',
  quantity: 1,
  minChars: null,
  due: { kind: 'period_end' },
  actor: 'reserve',
  hrReview: false,
  activeMonths: [],
  note: '',
};

/** Edits one rule of the draft; checked with the same schema as the server before it is kept. */
export function RuleDrawer({
  rule,
  takenKeys,
  onSave,
  onClose,
}: {
  /** The rule to edit, `null` for a new one, `undefined` when closed. */
  rule: Rule | null | undefined;
  takenKeys: string[];
  onSave: (rule: Rule) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  const [form] = Form.useForm<Rule>();
  const dueKind = Form.useWatch(['due', 'kind'], form);
  useEffect(() => {
    if (rule !== undefined) {
      form.resetFields();
      form.setFieldsValue(rule ?? BLANK);
    }
  }, [rule, form]);

  const save = async () => {
    const values = await form.validateFields();
    const parsed = Rule.safeParse({ ...values, note: values.note ?? '', minChars: values.minChars ?? null });
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          name: issue.path as never,
          errors: [oneLanguage(issue.message)],
        })),
      );
      return;
    }
    onSave(parsed.data);
  };

  const required = [{ required: true, message: t('common.required') }];
  const options = <K extends string>(keys: readonly K[], label: (k: K) => string) =>
    keys.map((k) => ({ value: k, label: label(k) }));
  return (
    <Drawer
      open={rule !== undefined}
      onClose={onClose}
      size={620}
      title={rule ? t('prog.editRule', { title: rule.title }) : t('prog.addRule')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void save()} data-testid="rule-save">
            {t('common.ok')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="title" label={t('prog.ruleTitle')} rules={required}>
              <Input data-testid="rule-title" maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="key"
              label={t('prog.ruleKey')}
              rules={[
                ...required,
                { pattern: /^[a-z0-9_]{2,40}$/, message: t('prog.ruleKeyFormat') },
                {
                  validator: async (_, v: string) => {
                    if (takenKeys.includes(v)) throw new Error(t('prog.ruleKeyTaken'));
                  },
                },
              ]}
            >
              <Input data-testid="rule-key" disabled={!!rule} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="evidenceKind" label={t('prog.evidenceKind')} rules={required}>
              <Select options={options(EVIDENCE_KINDS, labels.evidence)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="actor" label={t('prog.actor')} rules={required}>
              <Select options={options(ACTORS, labels.actor)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="recurrence" label={t('prog.recurrence')} rules={required}>
              <Select data-testid="rule-recurrence" options={options(RECURRENCES, labels.recurrence)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="quantity" label={t('prog.quantity')} rules={required}>
              <InputNumber data-testid="rule-quantity" min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="minChars" label={t('prog.minChars')}>
              <InputNumber min={1} max={100000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['due', 'kind']} label={t('prog.due')} rules={required}>
              <Select options={DUE_KINDS.map((k) => ({ value: k, label: t(`prog.dueKind.${k}`) }))} />
            </Form.Item>
          </Col>
          {(dueKind === 'after_period_end' || dueKind === 'after_event') && (
            <>
              <Col span={6}>
                <Form.Item
                  name={['due', 'months']}
                  label={t('prog.dueMonths')}
                  rules={required}
                  initialValue={0}
                >
                  <InputNumber min={0} max={12} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['due', 'days']} label={t('prog.dueDays')} rules={required} initialValue={0}>
                  <InputNumber min={0} max={366} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {dueKind === 'month_day' && (
            <>
              <Col span={6}>
                <Form.Item name={['due', 'month']} label={t('prog.dueMonth')} rules={required}>
                  <InputNumber min={1} max={12} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['due', 'day']} label={t('prog.dueDay')} rules={required}>
                  <InputNumber min={1} max={31} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {dueKind === 'after_event' && (
            <Col span={12}>
              <Form.Item name={['due', 'nominalEventEnd']} label={t('prog.nominalEventEnd')} rules={required}>
                <Input placeholder="06-30" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="activeMonths" label={t('prog.activeMonths')}>
              <Select
                mode="multiple"
                options={Array.from({ length: 12 }, (_, i) => ({
                  value: i + 1,
                  label: t('prog.month', { m: i + 1 }),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hrReview" label={t('prog.hrReview')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('prog.note')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
