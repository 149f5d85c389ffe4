import { useQueryClient } from '@tanstack/react-query';
import { App, Divider, Form, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { useProgrammes } from '../programmes/programmes-api';
import { addParticipants, type EventDetailData, LEARNING_KEY, useCandidates } from './training-api';

type Values = { unitId?: string; tier?: string; programmeId?: string; reserveIds?: string[] };

/**
 * Adds participants: every active reserve of a unit subtree / tier / programme, and people picked one
 * by one. Those already in another training this year are named, not added (one training a year).
 */
export function AddParticipantsModal(props: { event: EventDetailData; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const programmes = useProgrammes();
  const candidates = useCandidates(props.event.id, q, props.open);
  const tiers = useMemo(() => [...new Set((programmes.data ?? []).map((p) => p.tier))], [programmes.data]);

  const save = async () => {
    const v = await form.validateFields();
    try {
      const result = await addParticipants(props.event.id, {
        ...v,
        reserveIds: v.reserveIds?.length ? v.reserveIds : undefined,
      });
      await client.invalidateQueries({ queryKey: LEARNING_KEY });
      message.success(t('learn.added', { count: result.added }));
      if (result.inOtherTraining.length)
        modal.warning({
          title: t('learn.inOther', {
            count: result.inOtherTraining.length,
            names: result.inOtherTraining.map((x) => `${x.personName}（${x.eventTitle}）`).join('、'),
          }),
        });
      form.resetFields();
      props.onClose();
    } catch (error) {
      reportError(error, { message, form });
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('learn.addParticipants')}
      onCancel={props.onClose}
      onOk={() => void save()}
      okButtonProps={okButtonTestId('participants-add-ok')}
      width={600}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="participants-add-form">
        <Typography.Paragraph type="secondary">{t('learn.byFilterHint')}</Typography.Paragraph>
        <Form.Item name="unitId" label={t('learn.unit')}>
          <UnitTreeSelect allowClear data-testid="participants-unit" />
        </Form.Item>
        {can('programmes.read') && (
          <>
            <Form.Item name="tier" label={t('learn.tier')}>
              <Select allowClear options={tiers.map((x) => ({ value: x, label: x }))} />
            </Form.Item>
            <Form.Item name="programmeId" label={t('learn.programme')}>
              <Select
                allowClear
                options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          </>
        )}
        <Divider plain>{t('learn.individually')}</Divider>
        <Form.Item name="reserveIds">
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('learn.pickPeople')}
            loading={candidates.isFetching}
            data-testid="participants-pick"
            options={(candidates.data ?? []).map((c) => ({
              value: c.reserveId,
              disabled: !!c.otherEvent,
              label: `${c.personName}（${c.employeeNo}）${c.unitName}${c.otherEvent ? ` · ${t('learn.alreadyIn', { title: c.otherEvent })}` : ''}`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
