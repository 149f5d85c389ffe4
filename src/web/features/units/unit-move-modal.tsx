import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { UNITS_KEY, type UnitNode } from '../../shared/units';
import { moveUnit, type UnitDetailData } from './units-api';

/** 移动: choose the new parent; the unit itself and everything below it cannot be chosen. */
export function UnitMoveModal({
  unit,
  open,
  onClose,
}: {
  unit: UnitDetailData;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [parentId, setParentId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Disabling a unit also disables its subtree (see toTreeOptions), which rules out cycles here.
  const disable = useCallback(
    (node: UnitNode) => node.id === unit.id || node.id === unit.parentId,
    [unit.id, unit.parentId],
  );

  const submit = async () => {
    if (!parentId) return;
    setBusy(true);
    try {
      await moveUnit(unit.id, unit.version, parentId);
      message.success(t('units.moved'));
      await client.invalidateQueries({ queryKey: UNITS_KEY });
      onClose();
    } catch (error) {
      reportError(error, { message, client, reload: [UNITS_KEY] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('units.moveTitle', { name: unit.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={okButtonTestId('unit-move-submit', { disabled: !parentId })}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('units.newParent')} required>
          <UnitTreeSelect
            data-testid="unit-move-target"
            value={parentId}
            onChange={setParentId}
            disable={disable}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
