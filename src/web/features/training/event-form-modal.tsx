import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { createEvent, type EventDetailData, LEARNING_KEY, updateEvent } from './training-api';

type Values = {
  unitId: string;
  title: string;
  trainer: string;
  organiser: string;
  dates: [Dayjs, Dayjs | null];
  place: string;
  description: string;
};

/** Creates a training (target `{}`) or edits one. */
export function EventFormModal(props: {
  target: EventDetailData | Record<string, never> | null;
  onClose: () => void;
  onSaved: (event: EventDetailData) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = props.target && 'id' in props.target ? props.target : null;
  useEffect(() => {
    if (!props.target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        dates: [dayjs(editing.startOn), editing.endOn ? dayjs(editing.endOn) : null],
      });
    else
      form.setFieldsValue({
        unitId: session.grants.find((g) => g.role === 'hr_admin')?.unitId ?? session.grants[0]?.unitId,
        title: `${today().year()}年后备干部管理技能提升培训`,
      } as Partial<Values>);
  }, [props.target, editing, form, session.grants]);

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      title: v.title,
      trainer: v.trainer ?? '',
      organiser: v.organiser ?? '',
      startOn: v.dates[0].format('YYYY-MM-DD'),
      endOn: v.dates[1] ? v.dates[1].format('YYYY-MM-DD') : null,
      place: v.place ?? '',
      description: v.description ?? '',
    };
    try {
      const saved = editing
        ? await updateEvent(editing.id, { ...body, version: editing.version })
        : await createEvent({ ...body, unitId: v.unitId });
      await client.invalidateQueries({ queryKey: LEARNING_KEY });
      message.success(t('common.saved'));
      props.onSaved(saved);
    } catch (error) {
      reportError(error, { message, form, client, reload: [LEARNING_KEY] });
    }
  };

  return (
    <Modal
      open={!!props.target}
      title={editing ? t('learn.editTraining') : t('learn.newTraining')}
      onCancel={props.onClose}
      onOk={() => void save()}
      okButtonProps={okButtonTestId('event-save')}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="event-form">
        {!editing && (
          <Form.Item name="unitId" label={t('learn.ownerUnit')} rules={[{ required: true }]}>
            <UnitTreeSelect data-testid="event-unit" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('learn.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="event-title" />
        </Form.Item>
        <Form.Item name="trainer" label={t('learn.trainer')} rules={[{ max: 100 }]}>
          <Input data-testid="event-trainer" />
        </Form.Item>
        <Form.Item name="organiser" label={t('learn.organiser')} rules={[{ max: 100 }]}>
          <Input data-testid="event-organiser" />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t('learn.dates')}
          rules={[{ required: true }]}
          extra={t('learn.endHint')}
        >
          <DatePicker.RangePicker allowEmpty={[false, true]} data-testid="event-dates" />
        </Form.Item>
        <Form.Item name="place" label={t('learn.place')} rules={[{ max: 100 }]}>
          <Input data-testid="event-place" />
        </Form.Item>
        <Form.Item name="description" label={t('learn.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {editing && editing.participants > 0 && <Alert type="info" showIcon title={t('learn.endHint')} />}
      </Form>
    </Modal>
  );
}
