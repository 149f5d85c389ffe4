import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { REFLECTION_KINDS } from '../../../contracts/reflections';
import { download } from '../../shared/download';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { useProgrammes } from '../programmes/programmes-api';
import { ReflectionTable } from './reflection-table';
import { type QueueFilters, useReflectionList } from './reflections-api';
import { SettingsModal } from './settings-modal';

const STATES = ['submitted', 'returned', 'accepted'] as const;
const FLAGS = ['any', 'others', 'own', 'none'] as const;

function readFilters(params: URLSearchParams): QueueFilters {
  const get = (key: string) => params.get(key) || undefined;
  return {
    q: get('q'),
    unitId: get('unitId'),
    programmeId: get('programmeId'),
    kind: get('kind') as QueueFilters['kind'],
    // 待审核心得 first: the queue opens on what awaits review.
    state: (params.has('state') ? get('state') : 'submitted') as QueueFilters['state'],
    flag: get('flag') as QueueFilters['flag'],
    year: Number(params.get('year')) || undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
}

/** 心得审核: the reflections in HR's scope, filtered, paged, exported; the copy-check settings. */
export function ReflectionQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const list = useReflectionList('/reflections', filters);
  const programmes = useProgrammes();
  const [settings, setSettings] = useState(false);
  const update = (patch: Partial<QueueFilters>) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, page: 1, ...patch })) {
      if (key === 'state') next.set('state', value === undefined ? '' : String(value));
      else if (
        value !== undefined &&
        value !== '' &&
        !(key === 'page' && value === 1) &&
        !(key === 'pageSize' && value === 20)
      )
        next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };
  return (
    <Card
      title={t('refl.queueTitle')}
      extra={
        <Space>
          <Button icon={<SettingOutlined />} onClick={() => setSettings(true)} data-testid="copy-settings">
            {t('refl.settings')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              download('/reflections/export', { ...filters, page: undefined, pageSize: undefined })
            }
            data-testid="reflections-export"
          >
            {t('common.export')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="reflections-search"
          placeholder={t('refl.search')}
          defaultValue={filters.q}
          allowClear
          onSearch={(q) => update({ q: q.trim() || undefined })}
          style={{ width: 200 }}
        />
        <Select
          data-testid="reflections-state"
          placeholder={t('refl.status')}
          allowClear
          value={filters.state}
          onChange={(state?: QueueFilters['state']) => update({ state })}
          options={STATES.map((s) => ({ value: s, label: t(`refl.state.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          data-testid="reflections-kind"
          placeholder={t('refl.task')}
          allowClear
          value={filters.kind}
          onChange={(kind?: QueueFilters['kind']) => update({ kind })}
          options={REFLECTION_KINDS.map((k) => ({ value: k, label: t(`refl.kind.${k}`) }))}
          style={{ width: 150 }}
        />
        <Select
          data-testid="reflections-flag"
          placeholder={t('refl.copy')}
          allowClear
          value={filters.flag}
          onChange={(flag?: QueueFilters['flag']) => update({ flag })}
          options={FLAGS.map((f) => ({ value: f, label: t(`refl.flag.${f}`) }))}
          style={{ width: 170 }}
        />
        <UnitTreeSelect
          value={filters.unitId}
          onChange={(unitId) => update({ unitId })}
          placeholder={t('refl.unit')}
          allowClear
          style={{ width: 200 }}
        />
        <Select
          placeholder={t('refl.programme')}
          allowClear
          value={filters.programmeId}
          onChange={(programmeId?: string) => update({ programmeId })}
          options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          style={{ width: 220 }}
        />
        <InputNumber
          placeholder={t('refl.period')}
          min={2000}
          max={2100}
          value={filters.year}
          onChange={(v) => update({ year: v ?? undefined })}
          style={{ width: 100 }}
        />
      </Space>
      <ReflectionTable
        testId="reflection-queue"
        data={list.data}
        loading={list.isFetching}
        error={list.error}
        onPage={(page, pageSize) => update({ page, pageSize })}
      />
      <SettingsModal open={settings} onClose={() => setSettings(false)} />
    </Card>
  );
}
