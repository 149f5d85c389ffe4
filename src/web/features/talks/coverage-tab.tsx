import {
  Alert,
  Card,
  Empty,
  Input,
  InputNumber,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixCell } from '../../../contracts/obligations';
import { TALK_EVIDENCE_KINDS } from '../../../core/talks/talk-kinds';
import { errorText } from '../../shared/errors';
import { DrilldownDrawer } from '../compliance/drilldown-drawer';
import { type CellTarget, MatrixTable } from '../compliance/matrix-table';
import { type MatrixData, useMatrix } from '../compliance/obligations-api';
import { rulesOf, useProgrammes } from '../programmes/programmes-api';
import { type CoverageData, useCoverage } from './talks-api';

type Talker = CoverageData['items'][number];
const ROLES = ['leader_in_charge', 'hr_leader', 'mentor'] as const;

/** The matrix with only some rules' columns, its totals recounted from them. */
function onlyRules(data: MatrixData | undefined, keys: Set<string>): MatrixData | undefined {
  if (!data) return data;
  const keep = data.columns.map((c, i) => (keys.has(c.ruleKey) ? i : -1)).filter((i) => i >= 0);
  const sum = (cells: MatrixCell[]): MatrixCell => {
    const total = {
      total: 0,
      due: 0,
      done: 0,
      doneDue: 0,
      overdue: 0,
      submitted: 0,
      open: 0,
      percent: null as number | null,
    };
    for (const c of cells)
      for (const k of ['total', 'due', 'done', 'doneDue', 'overdue', 'submitted', 'open'] as const)
        total[k] += c[k];
    total.percent = total.due === 0 ? null : Math.round((total.doneDue / total.due) * 1000) / 10;
    return total;
  };
  const pick = (cells: MatrixCell[]) => keep.map((i) => cells[i]);
  return {
    ...data,
    columns: keep.map((i) => data.columns[i]),
    rows: data.rows.map((r) => ({ ...r, cells: pick(r.cells), total: sum(pick(r.cells)) })),
    totals: { cells: pick(data.totals.cells), total: sum(pick(data.totals.cells)) },
  };
}

function ByTalker({ year }: { year: number }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<(typeof ROLES)[number] | 'all'>('all');
  const [behind, setBehind] = useState(false);
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const coverage = useCoverage({
    year,
    role: role === 'all' ? undefined : role,
    behind: behind || undefined,
    q,
    ...page,
  });
  const columns: TableProps<Talker>['columns'] = [
    { title: t('talk.talker'), key: 'name', width: 130, render: (_, r) => <strong>{r.name}</strong> },
    { title: t('people.currentPost'), dataIndex: 'post', width: 140, ellipsis: true },
    {
      title: t('talk.talkerRole'),
      dataIndex: 'role',
      width: 130,
      render: (r: Talker['role']) => t(`talk.coverageRole.${r}`),
    },
    {
      title: t('talk.scope'),
      key: 'scope',
      ellipsis: true,
      render: (_, r) => r.scope || t('talk.menteesN', { n: r.reserves }),
    },
    { title: t('talk.reservesCount'), dataIndex: 'reserves', width: 90 },
    { title: t('talk.due'), dataIndex: 'due', width: 80 },
    { title: t('talk.done'), key: 'done', width: 90, render: (_, r) => `${r.done}/${r.total}` },
    {
      title: t('talk.overdue'),
      dataIndex: 'overdue',
      width: 90,
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : <Tag color="green">0</Tag>),
    },
    {
      title: t('talk.lastTalk'),
      dataIndex: 'lastTalkOn',
      width: 110,
      render: (d: string | null) => d ?? t('talk.never'),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={role}
          onChange={(v) => {
            setRole(v as typeof role);
            setPage({ ...page, page: 1 });
          }}
          options={[
            { value: 'all', label: t('obl.filter.all') },
            ...ROLES.map((r) => ({ value: r, label: t(`talk.coverageRole.${r}`) })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('talk.talker')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 180 }}
        />
        <Space>
          <Switch checked={behind} onChange={setBehind} data-testid="coverage-behind" />
          {t('talk.behindOnly')}
        </Space>
      </Space>
      <Table<Talker>
        data-testid="coverage-table"
        rowKey={(r) => `${r.role}:${r.personId}`}
        size="middle"
        loading={coverage.isFetching}
        columns={columns}
        dataSource={coverage.data?.items ?? []}
        onRow={(r) => ({ style: r.overdue > 0 ? { background: '#fff1f0' } : undefined })}
        locale={{
          emptyText: <Empty description={coverage.error ? errorText(coverage.error) : t('common.noData')} />,
        }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: coverage.data?.page ?? 1,
          pageSize: coverage.data?.pageSize ?? 20,
          total: coverage.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </>
  );
}

function ByUnit({ year }: { year: number }) {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const [target, setTarget] = useState<CellTarget | null>(null);
  useEffect(() => {
    if (!programmeId && programmes.data?.length) setProgrammeId(programmes.data[0].id);
  }, [programmeId, programmes.data]);
  const programme = programmes.data?.find((p) => p.id === programmeId);
  const talkKeys = new Set(
    rulesOf(programme?.current?.rules)
      .filter((r) => TALK_EVIDENCE_KINDS.includes(r.evidenceKind))
      .map((r) => r.key),
  );
  const matrix = useMatrix({ programmeId, year, unitId });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={programmeId}
          onChange={(id: string) => {
            setProgrammeId(id);
            setUnitId(undefined);
          }}
          options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          style={{ width: 280 }}
        />
        {unitId && (
          <Typography.Link onClick={() => setUnitId(undefined)}>{t('obl.allUnits')}</Typography.Link>
        )}
        <Typography.Text type="secondary">{t('talk.byUnitHint')}</Typography.Text>
      </Space>
      <MatrixTable
        data={onlyRules(matrix.data, talkKeys)}
        loading={matrix.isFetching}
        onCell={setTarget}
        onUnit={setUnitId}
      />
      {programmeId && (
        <DrilldownDrawer
          programmeId={programmeId}
          year={year}
          target={target}
          onClose={() => setTarget(null)}
        />
      )}
    </>
  );
}

/** 谈话覆盖情况: by talker (who is behind) and by unit (the talk columns of the compliance matrix). */
export function CoverageTab() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const [view, setView] = useState<'talker' | 'unit'>('talker');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('talk.coverageHint')} />
      <Space>
        <Segmented
          data-testid="coverage-view"
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={[
            { value: 'talker', label: t('talk.coverageByTalker') },
            { value: 'unit', label: t('talk.coverageByUnit') },
          ]}
        />
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
      </Space>
      <Card size="small">{view === 'talker' ? <ByTalker year={year} /> : <ByUnit year={year} />}</Card>
    </Space>
  );
}
