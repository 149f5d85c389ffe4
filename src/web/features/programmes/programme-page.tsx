import { ArrowLeftOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Rule } from '../../../core/programme/rule';
import { errorText, reportError } from '../../shared/errors';
import { okButtonTestId } from '../../shared/test-id';
import { PreviewModal } from './preview-modal';
import { ProgrammeSettings } from './programme-settings';
import {
  discardDraft,
  PROGRAMMES_KEY,
  type ProgrammeData,
  publishDraft,
  rulesOf,
  saveDraft,
  useProgramme,
} from './programmes-api';
import { RuleDrawer } from './rule-drawer';
import { RulesTable } from './rules-table';

/** The rules card: the current version, or the draft with its edit, preview, publish and discard. */
function RulesCard({ programme }: { programme: ProgrammeData }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const current = rulesOf(programme.current?.rules);
  const draft = programme.draft ? rulesOf(programme.draft.rules) : null;
  const manage = programme.actions.manage;

  const run = async (action: () => Promise<ProgrammeData>, done: string) => {
    setBusy(true);
    try {
      client.setQueryData([...PROGRAMMES_KEY, 'detail', programme.id], await action());
      message.success(done);
      await client.invalidateQueries({ queryKey: PROGRAMMES_KEY });
    } catch (error) {
      reportError(error, { message, client, reload: [PROGRAMMES_KEY] });
    } finally {
      setBusy(false);
    }
  };
  const store = (rules: Rule[]) => run(() => saveDraft(programme.id, rules), t('prog.draftSaved'));
  const publish = () =>
    modal.confirm({
      title: t('prog.publishConfirmTitle'),
      content: t('prog.publishConfirm', { n: (programme.current?.number ?? 0) + 1 }),
      okButtonProps: okButtonTestId('programme-publish-confirm'),
      onOk: () => run(() => publishDraft(programme.id), t('prog.published')),
    });

  const titles = new Map([...current, ...(draft ?? [])].map((r) => [r.key, r.title]));
  const shown = draft ?? current;
  const extra = manage && (
    <Space wrap>
      {!draft ? (
        <Button
          icon={<EditOutlined />}
          loading={busy}
          onClick={() => void store(current)}
          data-testid="programme-edit-rules"
        >
          {t('prog.editRules')}
        </Button>
      ) : (
        <>
          <Button icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="rule-add">
            {t('prog.addRule')}
          </Button>
          <Button icon={<EyeOutlined />} onClick={() => setPreviewing(true)} data-testid="programme-preview">
            {t('prog.preview')}
          </Button>
          <Button type="primary" loading={busy} onClick={publish} data-testid="programme-publish">
            {t('prog.publish')}
          </Button>
          <Popconfirm
            title={t('prog.discardConfirm')}
            onConfirm={() => void run(() => discardDraft(programme.id), t('prog.discarded'))}
          >
            <Button danger data-testid="programme-discard">
              {t('prog.discard')}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );
  return (
    <Card
      title={
        <Space>
          {t('prog.rules')}
          {draft ? (
            <Tag color="orange">{t('prog.draftTag', { n: programme.draft?.number })}</Tag>
          ) : programme.current ? (
            <Tag color="green">
              {t('prog.versionTag', {
                n: programme.current.number,
                at: programme.current.publishedAt?.slice(0, 10) ?? '',
              })}
            </Tag>
          ) : null}
        </Space>
      }
      extra={extra}
    >
      {draft && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('prog.draftNote')} />}
      <RulesTable
        testId={draft ? 'draft-rules' : 'current-rules'}
        rules={shown}
        onEdit={draft ? (i) => setEditing(i) : undefined}
        onRemove={draft ? (i) => void store(draft.filter((_, j) => j !== i)) : undefined}
      />
      {draft && (
        <RuleDrawer
          rule={editing === undefined ? undefined : editing === null ? null : draft[editing]}
          takenKeys={draft.filter((_, i) => i !== editing).map((r) => r.key)}
          onClose={() => setEditing(undefined)}
          onSave={(rule) => {
            const next =
              editing === null || editing === undefined
                ? [...draft, rule]
                : draft.map((r, i) => (i === editing ? rule : r));
            setEditing(undefined);
            void store(next);
          }}
        />
      )}
      <PreviewModal
        programmeId={programme.id}
        open={previewing}
        titles={titles}
        onClose={() => setPreviewing(false)}
      />
    </Card>
  );
}

/** 培养方案 detail: settings, eligibility, and the rules with their draft. */
export function ProgrammePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const programme = useProgramme(id);
  if (programme.isPending) return <Spin />;
  if (programme.isError || !programme.data) return <Empty description={errorText(programme.error)} />;
  const p = programme.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Link to="/programmes">
              <Button type="text" icon={<ArrowLeftOutlined />} />
            </Link>
            {p.name}
            {!p.active && <Tag>{t('prog.inactive')}</Tag>}
          </Space>
        }
      >
        <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('prog.unit')}>{p.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('prog.timeZone')}>{p.timeZone}</Descriptions.Item>
          <Descriptions.Item label={t('prog.activeReserves')}>
            <Link to={`/pool?programmeId=${p.id}&state=active`}>{p.activeReserves}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('prog.currentVersion')}>
            {p.current ? `v${p.current.number}` : '—'}
          </Descriptions.Item>
        </Descriptions>
        <ProgrammeSettings programme={p} readOnly={!p.actions.manage} />
      </Card>
      <RulesCard programme={p} />
    </Space>
  );
}
