import { DownloadOutlined, FileWordOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Card, Input, InputNumber, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TALK_KINDS, type TalkKind } from '../../../core/talks/talk-kinds';
import { useCan } from '../../app/session';
import { download } from '../../shared/download';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { ChargesTab } from './charges-tab';
import { CoverageTab } from './coverage-tab';
import { useMentoringLabels } from './mentoring-labels';
import { TalkDrawer } from './talk-drawer';
import { type EditorTarget, TalkEditor } from './talk-editor';
import { TalkTable } from './talk-table';
import { useTalks } from './talks-api';

type Filters = {
  q?: string;
  kind?: TalkKind;
  year?: number;
  unitId?: string;
  page: number;
  pageSize: number;
};

function RecordsTab() {
  const { t } = useTranslation();
  const labels = useMentoringLabels();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string>();
  const [editing, setEditing] = useState<EditorTarget>(null);
  const talks = useTalks(filters);
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, page: 1, ...patch });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('talk.searchPlaceholder')}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="talks-search"
        />
        <Select
          allowClear
          placeholder={t('talk.kind')}
          value={filters.kind}
          onChange={(kind?: TalkKind) => set({ kind })}
          options={TALK_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
          style={{ width: 200 }}
        />
        <InputNumber
          placeholder={t('talk.year')}
          min={2000}
          max={2100}
          value={filters.year}
          onChange={(v) => set({ year: v ?? undefined })}
        />
        <UnitTreeSelect
          allowClear
          value={filters.unitId}
          onChange={(unitId) => set({ unitId })}
          placeholder={t('pool.unitFilter')}
          style={{ width: 220 }}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download('/talks/export', { ...filters, page: undefined, pageSize: undefined })}
          data-testid="talks-export"
        >
          {t('common.export')}
        </Button>
        <Button icon={<FileWordOutlined />} onClick={() => download('/talks/form-blank.docx')}>
          {t('talk.blankForm')}
        </Button>
        {can('talks.manage') && (
          <Button
            type="primary"
            icon={<FormOutlined />}
            onClick={() => setEditing({})}
            data-testid="talks-record"
          >
            {t('talk.record')}
          </Button>
        )}
      </Space>
      <TalkTable
        data={talks.data}
        loading={talks.isFetching}
        error={talks.error}
        onOpen={setOpenId}
        onPage={(page, pageSize) => setFilters({ ...filters, page, pageSize })}
      />
      <TalkDrawer id={openId} onClose={() => setOpenId(undefined)} />
      <TalkEditor target={editing} onClose={() => setEditing(null)} onSaved={(talk) => setOpenId(talk.id)} />
    </>
  );
}

/** 谈话管理 (HR): every talk record in scope, the coverage by talker and unit, and the 分管 relations. */
export function TalksPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('talk.menu')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'records', label: t('talk.records'), children: <RecordsTab /> },
          { key: 'coverage', label: t('talk.coverage'), children: <CoverageTab /> },
          { key: 'charges', label: t('talk.charges'), children: <ChargesTab /> },
        ]}
      />
    </Card>
  );
}
