import { EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentorSlot } from '../../../core/mentors/mentor-rule';
import { useCan } from '../../app/session';
import { errorText, reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';
import { POOL_KEY } from '../pool/pool-api';
import { useMentoringLabels } from '../talks/mentoring-labels';
import { AssignModal } from './assign-modal';
import {
  type AssignmentData,
  endMentor,
  MENTORS_KEY,
  type ReserveMentorsDetailData,
  setReserveDirection,
  useReserveMentors,
} from './mentors-api';

function SlotCard({
  slot,
  assignment,
  canAssign,
  onAssign,
  onEnd,
}: {
  slot: MentorSlot;
  assignment: AssignmentData | null;
  canAssign: boolean;
  onAssign: () => void;
  onEnd: (a: AssignmentData) => void;
}) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  return (
    <Card
      size="small"
      title={labels.slot(slot)}
      data-testid={`slot-${slot}`}
      extra={
        canAssign && (
          <Button
            size="small"
            type="link"
            icon={<UserSwitchOutlined />}
            onClick={onAssign}
            data-testid={`assign-${slot}`}
          >
            {assignment ? t('mentor.reassign') : t('mentor.assign')}
          </Button>
        )
      }
    >
      {assignment ? (
        <Space direction="vertical" size={2}>
          <Typography.Text strong>
            {assignment.mentor.name}（{assignment.mentor.employeeNo}）
          </Typography.Text>
          <Typography.Text type="secondary">
            {assignment.mentor.unitName} {assignment.mentor.post}
          </Typography.Text>
          <span>
            {t('mentor.startOn')}：{assignment.startOn}
          </span>
          {assignment.exceptionReason && (
            <span>
              <Tag color="orange">{t('mentor.exception')}</Tag>
              {assignment.exceptionReason}
            </span>
          )}
          {assignment.actions.end && (
            <Button size="small" danger onClick={() => onEnd(assignment)} style={{ marginTop: 4 }}>
              {t('mentor.end')}
            </Button>
          )}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('mentor.none')}</Typography.Text>
      )}
    </Card>
  );
}

function EndModal({ assignment, onClose }: { assignment: AssignmentData | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ endOn: Dayjs; reason: string }>();
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await endMentor(assignment!.id, { endOn: values.endOn.format('YYYY-MM-DD'), reason: values.reason });
      for (const key of [MENTORS_KEY, OBLIGATIONS_KEY]) await client.invalidateQueries({ queryKey: key });
      onClose();
    } catch (error) {
      reportError(error, { message, form });
    }
  };
  return (
    <Modal
      open={!!assignment}
      title={t('mentor.endTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={okButtonTestId('end-submit', { danger: true })}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ endOn: today() }}>
        <Form.Item
          name="endOn"
          label={t('mentor.endOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('mentor.endReason')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DirectionModal({
  reserve,
  open,
  onClose,
}: {
  reserve: ReserveMentorsDetailData;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [value, setValue] = useState(reserve.direction ?? '');
  const save = async () => {
    try {
      await setReserveDirection(reserve.reserveId, reserve.reserveVersion, value.trim() || null);
      for (const key of [MENTORS_KEY, POOL_KEY]) await client.invalidateQueries({ queryKey: key });
      onClose();
    } catch (error) {
      reportError(error, { message, client, reload: [MENTORS_KEY] });
    }
  };
  return (
    <Modal
      open={open}
      title={t('mentor.directionEdit')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={okButtonTestId('direction-submit')}
      destroyOnHidden
    >
      <Input
        value={value}
        onChange={(e) => setValue(e.target.value)}
        maxLength={100}
        data-testid="direction-input"
        placeholder="市场营销 / 网络运营 / 综合管理 / 财务管理"
      />
    </Modal>
  );
}

/** One reserve's mentors: both slots, the breaches, the proposals, the history; HR assigns and ends. */
export function ReserveMentorsDrawer({ id, onClose }: { id?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const can = useCan();
  const detail = useReserveMentors(id);
  const [slot, setSlot] = useState<MentorSlot | null>(null);
  const [ending, setEnding] = useState<AssignmentData | null>(null);
  const [editingDirection, setEditingDirection] = useState(false);
  const r = detail.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={r ? `${r.personName}（${r.employeeNo}）· ${t('mentor.menu')}` : ''}
    >
      {detail.isPending ? (
        <Spin />
      ) : detail.isError || !r ? (
        <Empty description={errorText(detail.error)} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="reserve-mentors">
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('people.unit')}>{r.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('pool.programme')}>{r.programmeName}</Descriptions.Item>
            <Descriptions.Item label={t('mentor.direction')} span={2}>
              <Space>
                <span data-testid="reserve-direction">{r.direction ?? '—'}</span>
                {can('pool.nominate') && (
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    onClick={() => setEditingDirection(true)}
                    data-testid="direction-edit"
                  >
                    {t('common.edit')}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('mentor.directionUnits')} span={2}>
              {r.relatedUnits.map((u) => u.name).join('、') || '—'}
            </Descriptions.Item>
          </Descriptions>
          {r.breaches.length > 0 ? (
            <Alert
              type="error"
              showIcon
              data-testid="reserve-breaches"
              message={t('mentor.breaches')}
              description={r.breaches
                .map((b) => `${labels.slot(b.slot)}：${labels.message(b.message)}`)
                .join('；')}
            />
          ) : (
            <Alert type="success" showIcon message={t('mentor.compliant')} />
          )}
          <Row gutter={12}>
            {(['unit_head', 'related_leader'] as const).map((s) => (
              <Col span={12} key={s}>
                <SlotCard
                  slot={s}
                  assignment={s === 'unit_head' ? r.unitHead : r.relatedLeader}
                  canAssign={r.actions.assign}
                  onAssign={() => setSlot(s)}
                  onEnd={setEnding}
                />
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('mentor.history')}>
            <Timeline
              data-testid="mentor-history"
              items={r.history.map((h) => ({
                color: h.endOn ? 'gray' : 'green',
                children: (
                  <div>
                    <Typography.Text strong>
                      {h.startOn} ~ {h.endOn ?? t('mentor.current')} · {labels.slot(h.slot)}：{h.mentor.name}
                    </Typography.Text>
                    <div style={{ color: '#595959', fontSize: 13 }}>
                      {h.mentor.unitName} {h.mentor.post}
                      {h.createdByName ? ` · ${h.createdByName}` : ''}
                      {h.exceptionReason ? ` · ${t('mentor.exception')}：${h.exceptionReason}` : ''}
                      {h.endReason ? ` · ${t('mentor.endReason')}：${h.endReason}` : ''}
                    </div>
                  </div>
                ),
              }))}
            />
          </Card>
          <AssignModal reserve={r} slot={slot} onClose={() => setSlot(null)} />
          <EndModal assignment={ending} onClose={() => setEnding(null)} />
          <DirectionModal reserve={r} open={editingDirection} onClose={() => setEditingDirection(false)} />
        </Space>
      )}
    </Drawer>
  );
}
