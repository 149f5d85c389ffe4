import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkReadingPlan,
  MATERIAL_KINDS,
  READING_MATERIALS,
  STUDY_MODES,
} from '../../../core/learning/learning';
import { useSession } from '../../app/session';
import { reportError } from '../../shared/errors';
import { oneLanguage } from '../../shared/one-language';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { createPlan, LEARNING_KEY, type PlanData, updatePlan } from './training-api';

type Material = PlanData['materials'][number];
type Values = {
  unitId: string;
  year: number;
  studyStart: Dayjs;
  studyEnd: Dayjs;
  mode: PlanData['mode'];
  materials: Material[];
  note: string;
};

/** Creates (target `{}`) or edits a year's reading plan; the 1–3 rule shows while typing. */
export function ReadingPlanModal(props: {
  target: PlanData | Record<string, never> | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = props.target && 'id' in props.target ? props.target : null;
  const materials = Form.useWatch('materials', form) ?? [];
  const year = Form.useWatch('year', form) ?? today().year();
  const check = checkReadingPlan({ year, studyStart: `${year}-01-01`, studyEnd: `${year}-01-01`, materials });

  useEffect(() => {
    if (!props.target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        studyStart: dayjs(editing.studyStart),
        studyEnd: dayjs(editing.studyEnd),
      });
    else {
      const y = today().year();
      form.setFieldsValue({
        unitId: session.grants.find((g) => g.role === 'hr_admin')?.unitId ?? session.grants[0]?.unitId,
        year: y,
        mode: 'self',
        studyStart: dayjs(`${y}-07-01`),
        studyEnd: dayjs(`${y}-09-30`),
        materials: [{ kind: 'book', title: '', author: '', source: '', note: '' }],
      });
    }
  }, [props.target, editing, form, session.grants]);

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      studyStart: v.studyStart.format('YYYY-MM-DD'),
      studyEnd: v.studyEnd.format('YYYY-MM-DD'),
      mode: v.mode,
      materials: v.materials,
      note: v.note ?? '',
    };
    try {
      const saved = editing
        ? await updatePlan(editing.id, { ...body, version: editing.version })
        : await createPlan({ ...body, unitId: v.unitId, year: v.year });
      await client.invalidateQueries({ queryKey: LEARNING_KEY });
      message.success(saved.moved ? t('learn.moved', { count: saved.moved }) : t('common.saved'));
      props.onClose();
    } catch (error) {
      reportError(error, { message, form, client, reload: [LEARNING_KEY] });
    }
  };

  return (
    <Modal
      open={!!props.target}
      title={editing ? t('learn.editPlan') : t('learn.newPlan')}
      onCancel={props.onClose}
      onOk={() => void save()}
      okButtonProps={okButtonTestId('plan-save')}
      width={760}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="plan-form">
        <Space wrap>
          <Form.Item name="unitId" label={t('learn.ownerUnit')} rules={[{ required: true }]}>
            <UnitTreeSelect style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="year" label={t('learn.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} disabled={!!editing} />
          </Form.Item>
          <Form.Item name="studyStart" label={t('learn.studyStart')} rules={[{ required: true }]}>
            <DatePicker data-testid="plan-start" />
          </Form.Item>
          <Form.Item name="studyEnd" label={t('learn.studyEnd')} rules={[{ required: true }]}>
            <DatePicker data-testid="plan-end" />
          </Form.Item>
          <Form.Item name="mode" label={t('learn.mode')} rules={[{ required: true }]}>
            <Radio.Group options={STUDY_MODES.map((m) => ({ value: m, label: t(`learn.modes.${m}`) }))} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('learn.studyEndHint')}</Typography.Paragraph>
        <Form.Item label={t('learn.materials')} extra={t('learn.materialsHint')} required>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap data-testid={`material-${field.name}`}>
                    <Form.Item name={[field.name, 'kind']} initialValue="book">
                      <Select
                        style={{ width: 110 }}
                        options={MATERIAL_KINDS.map((k) => ({ value: k, label: t(`learn.kinds.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'title']}
                      rules={[{ required: true, max: 100, message: t('learn.materialTitle') }]}
                    >
                      <Input
                        placeholder={t('learn.materialTitle')}
                        style={{ width: 200 }}
                        data-testid={`material-title-${field.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'author']} initialValue="">
                      <Input placeholder={t('learn.author')} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'source']} initialValue="">
                      <Input placeholder={t('learn.source')} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']} initialValue="" hidden>
                      <Input />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= READING_MATERIALS.max}
                  onClick={() => add({ kind: 'book', title: '', author: '', source: '', note: '' })}
                  data-testid="material-add"
                >
                  {t('learn.addMaterial')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        {check.warnings.map((w) => (
          <Alert key={w} type="warning" showIcon title={oneLanguage(w)} style={{ marginBottom: 12 }} />
        ))}
        <Form.Item name="note" label={t('learn.planNote')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
