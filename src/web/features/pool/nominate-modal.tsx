import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { PersonPicker } from '../../shared/person-picker';
import { okButtonTestId } from '../../shared/test-id';
import { today } from '../../shared/today';
import { useProgrammes } from '../programmes/programmes-api';
import { useCadreLabels } from '../programmes/rule-labels';
import { checkEligibility, type EligibilityResult, nominate, POOL_KEY } from './pool-api';

type Picked = { personId: string; name: string; employeeNo: string; unitName?: string };
type Extra = { overrideReason: string; direction: string };

/** 提名: programme, people, the eligibility check with its reasons, and an override reason where needed. */
export function NominateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  const { message } = App.useApp();
  const client = useQueryClient();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState<string>();
  const [nominatedOn, setNominatedOn] = useState<Dayjs>(today());
  const [people, setPeople] = useState<Picked[]>([]);
  const [results, setResults] = useState<EligibilityResult | null>(null);
  const [extras, setExtras] = useState<Record<string, Extra>>({});
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setPeople([]);
    setResults(null);
    setExtras({});
  };
  const close = () => {
    reset();
    onClose();
  };
  const add = (person?: Picked) => {
    if (!person || people.some((p) => p.personId === person.personId)) return;
    setPeople([...people, person]);
    setResults(null);
  };

  const check = async () => {
    if (!programmeId || !people.length) return;
    setBusy(true);
    try {
      setResults(
        await checkEligibility(
          programmeId,
          people.map((p) => p.personId),
        ),
      );
    } catch (error) {
      reportError(error, { message });
    } finally {
      setBusy(false);
    }
  };

  const candidates = (results ?? []).filter((r) => !r.alreadyInPool);
  const missingReason = candidates.some(
    (r) => r.issues.length && !extras[r.personId]?.overrideReason?.trim(),
  );
  const submit = async () => {
    if (!programmeId || !candidates.length || missingReason) return;
    setBusy(true);
    try {
      const created = await nominate({
        programmeId,
        nominatedOn: nominatedOn.format('YYYY-MM-DD'),
        nominations: candidates.map((r) => ({
          personId: r.personId,
          direction: extras[r.personId]?.direction?.trim() || null,
          overrideReason: r.issues.length ? extras[r.personId]?.overrideReason?.trim() : null,
        })),
      });
      message.success(t('pool.nominated', { n: created.length }));
      await client.invalidateQueries({ queryKey: POOL_KEY });
      close();
    } catch (error) {
      reportError(error, { message });
    } finally {
      setBusy(false);
    }
  };
  const setExtra = (personId: string, patch: Partial<Extra>) =>
    setExtras({
      ...extras,
      [personId]: { ...(extras[personId] ?? { overrideReason: '', direction: '' }), ...patch },
    });

  const step = results ? 2 : people.length ? 1 : 0;
  return (
    <Modal
      open={open}
      width={920}
      title={t('pool.nominateTitle')}
      onCancel={close}
      onOk={() => void submit()}
      okText={t('pool.nominateSubmit', { n: candidates.length })}
      confirmLoading={busy}
      okButtonProps={okButtonTestId('nominate-submit', {
        disabled: !results || !candidates.length || missingReason,
      })}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('pool.stepPeople') },
          { title: t('pool.stepCheck') },
          { title: t('pool.stepSubmit') },
        ]}
      />
      <Form layout="vertical">
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item label={t('pool.programme')} required style={{ width: 420 }}>
            <Select
              data-testid="nominate-programme"
              value={programmeId}
              onChange={(id: string) => {
                setProgrammeId(id);
                setResults(null);
              }}
              options={(programmes.data ?? [])
                .filter((p) => p.active)
                .map((p) => ({ value: p.id, label: `${p.name}（${p.tier} · ${p.unitName}）` }))}
            />
          </Form.Item>
          <Form.Item label={t('pool.nominatedOn')} required>
            <DatePicker
              data-testid="nominate-date"
              value={nominatedOn}
              onChange={(d) => d && setNominatedOn(d)}
              allowClear={false}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('pool.people')} required extra={t('pool.peopleHelp')}>
          <PersonPicker
            key={people.length}
            data-testid="nominate-people"
            value={null}
            onChange={(_, person) => add(person)}
          />
        </Form.Item>
      </Form>
      {!results && people.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          {people.map((p) => (
            <Tag
              key={p.personId}
              closable
              onClose={() => setPeople(people.filter((x) => x.personId !== p.personId))}
            >
              {p.name}（{p.employeeNo}）
            </Tag>
          ))}
        </Space>
      )}
      <div style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          ghost
          disabled={!programmeId || !people.length}
          loading={busy}
          onClick={() => void check()}
          data-testid="nominate-check"
        >
          {t('pool.check')}
        </Button>
      </div>
      {results && (
        <>
          {missingReason && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('pool.needOverride')} />
          )}
          <Table
            data-testid="nominate-results"
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={results}
            columns={[
              {
                title: t('people.name'),
                key: 'name',
                width: 140,
                render: (_, r) => `${r.personName}（${r.employeeNo}）`,
              },
              {
                title: t('pool.checkResult'),
                key: 'issues',
                render: (_, r) =>
                  r.alreadyInPool ? (
                    <Tag>{t('pool.alreadyInPool')}</Tag>
                  ) : r.issues.length ? (
                    <Space direction="vertical" size={0}>
                      {r.issues.map((issue) => (
                        <Typography.Text type="danger" key={issue.check}>
                          ✗ {labels.message(issue.message)}
                        </Typography.Text>
                      ))}
                    </Space>
                  ) : (
                    <Tag color="green">{t('pool.eligible')}</Tag>
                  ),
              },
              {
                title: t('pool.directionAndOverride'),
                key: 'extra',
                width: 300,
                render: (_, r, index) =>
                  r.alreadyInPool ? null : (
                    <Space direction="vertical" style={{ width: '100%' }} size={4}>
                      <Input
                        size="small"
                        placeholder={t('pool.direction')}
                        maxLength={100}
                        value={extras[r.personId]?.direction}
                        onChange={(e) => setExtra(r.personId, { direction: e.target.value })}
                      />
                      {r.issues.length > 0 && (
                        <Input.TextArea
                          data-testid={`nominate-override-${index}`}
                          rows={2}
                          maxLength={500}
                          status={extras[r.personId]?.overrideReason?.trim() ? undefined : 'error'}
                          placeholder={t('pool.overridePlaceholder')}
                          value={extras[r.personId]?.overrideReason}
                          onChange={(e) => setExtra(r.personId, { overrideReason: e.target.value })}
                        />
                      )}
                    </Space>
                  ),
              },
              {
                key: 'remove',
                width: 40,
                render: (_, r) => (
                  <Button
                    type="text"
                    size="small"
                    icon={<DeleteOutlined />}
                    onClick={() => {
                      setPeople(people.filter((p) => p.personId !== r.personId));
                      setResults(results.filter((x) => x.personId !== r.personId));
                    }}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
