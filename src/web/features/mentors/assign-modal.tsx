import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentorSlot } from '../../../core/mentors/mentor-rule';
import { useCan } from '../../app/session';
import { reportError } from '../../shared/errors';
import { PersonPicker } from '../../shared/person-picker';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';
import { useMentoringLabels } from '../talks/mentoring-labels';
import { assignMentor, checkPairing, MENTORS_KEY, type ReserveMentorsDetailData } from './mentors-api';

type Values = { mentorPersonId: string; startOn: Dayjs; exceptionReason?: string };
type Check = Awaited<ReturnType<typeof checkPairing>>;

/**
 * 指定导师: pick the proposed mentor (or anyone, by search), see at once whether the pairing keeps
 * the rule, and give an exception reason when it does not.
 */
export function AssignModal({
  reserve,
  slot,
  onClose,
}: {
  reserve: ReserveMentorsDetailData;
  slot: MentorSlot | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const can = useCan();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);
  const mentorPersonId = Form.useWatch('mentorPersonId', form);
  const proposals = slot ? reserve.proposals[slot] : [];

  // Each opening starts afresh with the first proposal that keeps the rule (the form outlives the modal).
  useEffect(() => {
    if (!slot) return;
    form.resetFields();
    form.setFieldsValue({
      startOn: today(),
      mentorPersonId: reserve.proposals[slot].find((p) => p.issues.length === 0)?.personId,
    });
  }, [slot, form, reserve.proposals]);

  useEffect(() => {
    if (!slot || !mentorPersonId) {
      setCheck(null);
      return;
    }
    let live = true;
    checkPairing(reserve.reserveId, slot, mentorPersonId)
      .then((c) => live && setCheck(c))
      .catch(() => live && setCheck(null));
    return () => {
      live = false;
    };
  }, [slot, mentorPersonId, reserve.reserveId]);

  const submit = async () => {
    if (!slot) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      await assignMentor(reserve.reserveId, {
        slot,
        mentorPersonId: values.mentorPersonId,
        startOn: values.startOn.format('YYYY-MM-DD'),
        exceptionReason: values.exceptionReason?.trim() || null,
      });
      message.success(t('common.saved'));
      for (const key of [MENTORS_KEY, OBLIGATIONS_KEY]) await client.invalidateQueries({ queryKey: key });
      onClose();
    } catch (error) {
      reportError(error, { message, form, client, reload: [MENTORS_KEY] });
    } finally {
      setBusy(false);
    }
  };

  const broken = !!check && check.issues.length > 0;
  return (
    <Modal
      open={!!slot}
      width={640}
      title={slot ? t('mentor.assignTitle', { slot: labels.slot(slot), name: reserve.personName }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={okButtonTestId('assign-submit', { disabled: !!check && !check.exceptionAllowed })}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          startOn: today(),
          mentorPersonId: proposals.find((p) => p.issues.length === 0)?.personId,
        }}
      >
        <Form.Item label={t('mentor.proposals')}>
          {proposals.length ? (
            <Radio.Group
              data-testid="assign-proposals"
              value={mentorPersonId}
              onChange={(e) => form.setFieldValue('mentorPersonId', e.target.value)}
            >
              <Space direction="vertical">
                {proposals.map((p) => (
                  <Radio key={p.personId} value={p.personId} data-testid={`assign-proposal-${p.employeeNo}`}>
                    {p.name}（{p.employeeNo}）· {p.unitName} {p.post}
                    {p.issues.length > 0 && (
                      <Tag color="orange" style={{ marginLeft: 8 }}>
                        {p.issues.map((i) => labels.message(i.message)).join('；')}
                      </Tag>
                    )}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          ) : (
            <Typography.Text type="secondary">
              {slot === 'related_leader' && !reserve.direction
                ? t('mentor.proposalNoDirection')
                : t('mentor.noProposal')}
            </Typography.Text>
          )}
          {slot === 'related_leader' && reserve.direction && (
            <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }}>
              {t('mentor.proposalHintRelated', { direction: reserve.direction })}
            </div>
          )}
        </Form.Item>
        <Form.Item
          name="mentorPersonId"
          label={t('mentor.mentor')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          {can('people.read') ? (
            <PersonPicker
              data-testid="assign-person"
              known={proposals.map((p) => ({
                personId: p.personId,
                name: p.name,
                employeeNo: p.employeeNo,
                unitName: p.unitName,
              }))}
            />
          ) : (
            <Input disabled />
          )}
        </Form.Item>
        {check && (
          <Alert
            data-testid="assign-check"
            style={{ marginBottom: 16 }}
            type={broken ? (check.exceptionAllowed ? 'warning' : 'error') : 'success'}
            showIcon
            message={
              broken ? check.issues.map((i) => labels.message(i.message)).join('；') : t('mentor.checkOk')
            }
            description={broken && check.exceptionAllowed ? t('mentor.exceptionHint') : undefined}
          />
        )}
        {broken && check.exceptionAllowed && (
          <Form.Item
            name="exceptionReason"
            label={t('mentor.exceptionReason')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="assign-exception" />
          </Form.Item>
        )}
        <Form.Item
          name="startOn"
          label={t('mentor.startOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(today(), 'day')}
            data-testid="assign-start"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
