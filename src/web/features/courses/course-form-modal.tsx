import { App, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CourseBody } from '../../../contracts/courses';
import { api } from '../../app/api-client';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { zodRule } from '../../shared/zod-rule';
import type { CourseItem } from './courses-api';

type Values = {
  unitId?: string;
  code: string;
  title: string;
  category: string;
  hours: string;
  link?: string;
  active?: boolean;
};

/** Adds a course or edits one (with its version, so a concurrent edit is refused, not lost). */
export function CourseFormModal(props: {
  course: CourseItem | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const editing = props.course && props.course !== 'new' ? props.course : null;
  useEffect(() => {
    if (!props.course) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing, link: editing.link ?? '' });
  }, [props.course, editing, form]);
  const save = async (values: Values) => {
    setSaving(true);
    try {
      if (editing) {
        const { unitId: _unit, ...rest } = values;
        await api(`/courses/${editing.id}`, { method: 'PATCH', body: { ...rest, version: editing.version } });
      } else {
        await api('/courses', { method: 'POST', body: values });
      }
      message.success(t('common.saved'));
      props.onSaved();
      props.onClose();
    } catch (error) {
      reportError(error, { message, form });
    } finally {
      setSaving(false);
    }
  };
  const required = { required: true, message: t('common.required') };
  return (
    <Modal
      open={!!props.course}
      title={editing ? t('course.edit') : t('course.add')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={okButtonTestId('course-save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="course-form">
        {!editing && (
          <Form.Item name="unitId" label={t('course.owner')} rules={[required]}>
            <UnitTreeSelect data-testid="course-unit" />
          </Form.Item>
        )}
        <Form.Item name="code" label={t('course.code')} rules={[required, zodRule(CourseBody.shape.code)]}>
          <Input data-testid="course-code" maxLength={50} />
        </Form.Item>
        <Form.Item name="title" label={t('course.name')} rules={[required]}>
          <Input data-testid="course-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('course.category')} rules={[required]}>
          <Input data-testid="course-category" maxLength={50} />
        </Form.Item>
        <Form.Item name="hours" label={t('course.hours')} rules={[required, zodRule(CourseBody.shape.hours)]}>
          <Input data-testid="course-hours" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="link" label={t('course.link')} rules={[zodRule(CourseBody.shape.link)]}>
          <Input data-testid="course-link" placeholder="https://" />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('course.state')} valuePropName="checked">
            <Switch checkedChildren={t('course.active')} unCheckedChildren={t('course.inactive')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
