import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recurrence } from '../../../core/programme/rule';
import {
  FOLLOW_UP_STATUSES,
  TALK_KINDS,
  TALKER_ROLES,
  type TalkerRole,
  type TalkKind,
} from '../../../core/talks/talk-kinds';
import { periodContaining } from '../../../core/talks/talk-plan';
import { useCan, useSession } from '../../app/session';
import { reportError } from '../../shared/errors';
import { PersonPicker } from '../../shared/person-picker';
import { today } from '../../shared/today';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';
import { MENTORS_KEY } from '../mentors/mentors-api';
import { RemoveRowButton } from './form-bits';
import { useMentoringLabels } from './mentoring-labels';
import {
  createTalk,
  TALKS_KEY,
  type TalkableData,
  type TalkDetailData,
  updateTalk,
  usePreviousTalk,
  useTalk,
  useTalkable,
} from './talks-api';

/** The recurrence each kind's default rule has: the period a talk's date falls in (a hint while writing). */
const KIND_RECURRENCE: Partial<Record<TalkKind, Recurrence>> = {
  leader_annual: 'yearly',
  hr_leader: 'half_yearly',
  mentor_quarterly: 'quarterly',
};
/** The talker role each kind asks for. */
const KIND_ROLE: Partial<Record<TalkKind, TalkerRole>> = {
  leader_annual: 'leader_in_charge',
  hr_leader: 'hr_leader',
  mentor_quarterly: 'mentor',
};

type Values = {
  reserveId: string;
  kind: TalkKind;
  heldOn: Dayjs;
  place: string;
  talkers: { personId: string; role: TalkerRole }[];
  thinking: string;
  work: string;
  achievements: string;
  shortcomings: string;
  advice: string;
  actions: { text: string; owner: string; dueOn: Dayjs | null }[];
  followUps: { action: string; status: (typeof FOLLOW_UP_STATUSES)[number]; note: string }[];
};

/** What opens the editor: a new talk (optionally for a reserve and kind), or an existing record. */
export type EditorTarget = {
  talkId?: string;
  reserveId?: string;
  kind?: TalkKind;
  personName?: string;
} | null;

/**
 * 记录谈话 (附件一): the reserve, date, place, talkers and their parts, what was learnt and said, the
 * agreed actions, and the follow-up of the previous talk's actions; saved as a draft or recorded.
 */
export function TalkEditor({
  target,
  onClose,
  onSaved,
}: {
  target: EditorTarget;
  onClose: () => void;
  onSaved?: (t: TalkDetailData) => void;
}) {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const { message } = App.useApp();
  const client = useQueryClient();
  const session = useSession();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState(false);
  const existing = useTalk(target?.talkId);
  const talkable = useTalkable(search);
  const reserveId = Form.useWatch('reserveId', form);
  const kind = Form.useWatch('kind', form);
  const heldOn = Form.useWatch('heldOn', form);
  const previous = usePreviousTalk(reserveId, heldOn?.format('YYYY-MM-DD'));
  const me = session.user.personId;
  const chosen: TalkableData | undefined = talkable.data?.find((r) => r.reserveId === reserveId);
  const pickPeople = can('people.read');

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const talk = existing.data;
    if (target.talkId && talk) {
      form.setFieldsValue({
        reserveId: talk.reserveId,
        kind: talk.kind,
        heldOn: dayjs(talk.heldOn),
        place: talk.place,
        talkers: talk.talkers.map((x) => ({ personId: x.personId, role: x.role })),
        thinking: talk.thinking,
        work: talk.work,
        achievements: talk.achievements,
        shortcomings: talk.shortcomings,
        advice: talk.advice,
        actions: talk.agreedActions.map((a) => ({ ...a, dueOn: a.dueOn ? dayjs(a.dueOn) : null })),
        followUps: talk.followUps,
      });
    } else if (!target.talkId) {
      const kindNow = target.kind ?? 'mentor_quarterly';
      form.setFieldsValue({
        reserveId: target.reserveId,
        kind: kindNow,
        heldOn: today(),
        talkers: me ? [{ personId: me, role: KIND_ROLE[kindNow] ?? 'other' }] : [],
        actions: [],
        followUps: [],
      });
    }
  }, [target, existing.data, form, me]);

  // The previous talk's actions are what this talk follows up; offered once, for a new record.
  useEffect(() => {
    const actions = previous.data?.talk?.agreedActions ?? [];
    if (target?.talkId || !actions.length || (form.getFieldValue('followUps') ?? []).length) return;
    form.setFieldValue(
      'followUps',
      actions.map((a) => ({ action: a.text, status: 'in_progress', note: '' })),
    );
  }, [previous.data, target, form]);

  const period =
    kind && heldOn && KIND_RECURRENCE[kind]
      ? periodContaining(KIND_RECURRENCE[kind]!, heldOn.format('YYYY-MM-DD'))
      : null;

  const save = async (state: 'draft' | 'recorded') => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    const body = {
      kind: values.kind,
      heldOn: values.heldOn.format('YYYY-MM-DD'),
      place: values.place,
      talkers: values.talkers,
      thinking: values.thinking ?? '',
      work: values.work ?? '',
      achievements: values.achievements ?? '',
      shortcomings: values.shortcomings ?? '',
      advice: values.advice ?? '',
      actions: (values.actions ?? []).map((a) => ({
        text: a.text,
        owner: a.owner ?? '',
        dueOn: a.dueOn ? a.dueOn.format('YYYY-MM-DD') : null,
      })),
      previousTalkId: previous.data?.talk?.id ?? null,
      followUps: (values.followUps ?? []).map((f) => ({ ...f, note: f.note ?? '' })),
      state,
    };
    try {
      const saved =
        target?.talkId && existing.data
          ? await updateTalk(target.talkId, { ...body, version: existing.data.version })
          : await createTalk({ ...body, reserveId: values.reserveId });
      message.success(state === 'draft' ? t('talk.draftSaved') : t('talk.recorded'));
      for (const key of [TALKS_KEY, OBLIGATIONS_KEY, MENTORS_KEY])
        await client.invalidateQueries({ queryKey: key });
      onSaved?.(saved);
      onClose();
    } catch (error) {
      reportError(error, { message, form, client, reload: [TALKS_KEY] });
    } finally {
      setBusy(false);
    }
  };

  const reserveOptions = [
    ...(talkable.data ?? []).map((r) => ({
      value: r.reserveId,
      label: `${r.personName}（${r.employeeNo}）· ${r.unitName}`,
    })),
    ...(existing.data && !talkable.data?.some((r) => r.reserveId === existing.data!.reserveId)
      ? [
          {
            value: existing.data.reserveId,
            label: `${existing.data.personName}（${existing.data.employeeNo}）`,
          },
        ]
      : []),
    ...(target?.reserveId &&
    target.personName &&
    !talkable.data?.some((r) => r.reserveId === target.reserveId)
      ? [{ value: target.reserveId, label: target.personName }]
      : []),
  ];
  // The parts the signed-in talker can play with this reserve (mentor, leader in charge …).
  const myRoles = chosen?.roles ?? [];
  const roleOptions = TALKER_ROLES.map((r) => ({ value: r, label: labels.role(r) }));
  const required = [{ required: true, message: t('common.required') }];
  const area = (name: keyof Values, label: string) => (
    <Form.Item name={name} label={label}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} data-testid={`talk-${name}`} />
    </Form.Item>
  );

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={860}
      destroyOnHidden
      title={
        target?.talkId
          ? t('talk.edit')
          : target?.personName
            ? t('talk.recordFor', { name: target.personName })
            : t('talk.record')
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={busy} onClick={() => void save('draft')} data-testid="talk-save-draft">
            {t('talk.saveDraft')}
          </Button>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void save('recorded')}
            data-testid="talk-submit"
          >
            {t('talk.submit')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" data-testid="talk-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="reserveId" label={t('talk.reserve')} rules={required}>
              <Select
                data-testid="talk-reserve"
                showSearch={{ filterOption: false, onSearch: setSearch }}
                disabled={!!target?.talkId || !!target?.reserveId}
                options={reserveOptions}
                loading={talkable.isFetching}
                placeholder={t('talk.searchPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label={t('talk.kind')} rules={required}>
              <Select
                data-testid="talk-kind"
                options={TALK_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
                onChange={(k: TalkKind) => {
                  const talkers: Values['talkers'] = form.getFieldValue('talkers') ?? [];
                  const role = KIND_ROLE[k];
                  if (role && me)
                    form.setFieldValue(
                      'talkers',
                      talkers.map((x) => (x.personId === me ? { ...x, role } : x)),
                    );
                }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="heldOn"
              label={t('talk.heldOn')}
              rules={required}
              extra={period ? t('talk.willCount', { period: period.key }) : undefined}
            >
              <DatePicker
                data-testid="talk-held-on"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(today(), 'day')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="place" label={t('talk.place')} rules={required}>
              <Input data-testid="talk-place" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('talk.talkers')}</Typography.Text>
        <Form.List name="talkers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const personId: string | undefined = form.getFieldValue(['talkers', field.name, 'personId']);
                const mine = personId === me;
                return (
                  <Row gutter={8} key={field.key} style={{ marginTop: 8 }}>
                    <Col span={13}>
                      <Form.Item name={[field.name, 'personId']} rules={required} style={{ marginBottom: 8 }}>
                        {pickPeople && !mine ? (
                          <PersonPicker data-testid={`talk-talker-${i}`} />
                        ) : (
                          <Select
                            disabled
                            options={[{ value: personId, label: mine ? session.user.displayName : personId }]}
                          />
                        )}
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'role']} rules={required} style={{ marginBottom: 8 }}>
                        <Select
                          data-testid={`talk-talker-role-${i}`}
                          options={
                            mine && myRoles.length
                              ? roleOptions.filter((o) => myRoles.includes(o.value) || o.value === 'other')
                              : roleOptions
                          }
                        />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      {fields.length > 1 && <RemoveRowButton onClick={() => remove(field.name)} />}
                    </Col>
                  </Row>
                );
              })}
              {pickPeople && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'other' })}
                  data-testid="talk-add-talker"
                >
                  {t('talk.addTalker')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Divider />
        {area('thinking', t('talk.thinking'))}
        {area('work', t('talk.work'))}
        {area('achievements', t('talk.achievements'))}
        {area('shortcomings', t('talk.shortcomings'))}
        {area('advice', t('talk.advice'))}
        <Typography.Text strong>{t('talk.actions')}</Typography.Text>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key} style={{ marginTop: 8 }}>
                  <Col span={12}>
                    <Form.Item name={[field.name, 'text']} rules={required} style={{ marginBottom: 8 }}>
                      <Input
                        placeholder={t('talk.actionText')}
                        maxLength={500}
                        data-testid={`talk-action-${i}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, 'owner']} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('talk.owner')} maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, 'dueOn']} style={{ marginBottom: 8 }}>
                      <DatePicker placeholder={t('talk.dueOn')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <RemoveRowButton onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ owner: '', dueOn: null })}
                data-testid="talk-add-action"
                style={{ marginTop: 8 }}
              >
                {t('talk.addAction')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider />
        <Typography.Text strong>{t('talk.followUps')}</Typography.Text>
        <div style={{ color: '#8c8c8c', fontSize: 13, margin: '4px 0 8px' }}>
          {previous.data?.talk
            ? t('talk.previous', { date: previous.data.talk.heldOn })
            : t('talk.noPrevious')}
        </div>
        <Form.List name="followUps">
          {(fields, { remove }) =>
            fields.map((field) => (
              <Row gutter={8} key={field.key}>
                <Col span={10}>
                  <Form.Item name={[field.name, 'action']} style={{ marginBottom: 8 }}>
                    <Input readOnly variant="borderless" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[field.name, 'status']} style={{ marginBottom: 8 }}>
                    <Select
                      options={FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: labels.followUp(s) }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[field.name, 'note']} style={{ marginBottom: 8 }}>
                    <Input placeholder={t('talk.note')} maxLength={500} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <RemoveRowButton onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))
          }
        </Form.List>
        {existing.data?.state === 'recorded' && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            message={t('talk.countsFor')}
            description={
              existing.data.obligations.map((o) => o.periodKey).join('、') || t('talk.countsNothing')
            }
          />
        )}
      </Form>
    </Drawer>
  );
}
