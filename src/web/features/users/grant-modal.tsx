import { App, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../core/access/roles';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { RoleSelect } from './role-select';
import { addGrant, type UserData } from './users-api';

type GrantValues = { role: Role; unitId: string };

/** 授权: one role over one unit and everything below it. */
export function GrantModal({
  user,
  onClose,
}: {
  user: UserData | null;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const [busy, setBusy] = useState(false);
  const required = { required: true, message: t('common.required') };

  const submit = async (values: GrantValues) => {
    if (!user) return;
    setBusy(true);
    try {
      await addGrant(user.id, values.role, values.unitId);
      message.success(t('users.granted'));
      onClose(true);
    } catch (error) {
      reportError(error, { message, form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={t('users.grantTitle', { name: user?.displayName ?? '' })}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={okButtonTestId('grant-submit')}
    >
      <Form<GrantValues> form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="role" label={t('users.role')} rules={[required]}>
          <RoleSelect data-testid="grant-role" />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.grantUnit')}
          rules={[required]}
          extra={t('users.grantUnitHint')}
        >
          <UnitTreeSelect data-testid="grant-unit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
