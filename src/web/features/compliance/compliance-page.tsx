import { DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Empty, Input, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { download } from '../../shared/download';
import { errorText } from '../../shared/errors';
import { UnitTreeSelect } from '../../shared/unit-tree-select';
import { useProgrammes } from '../programmes/programmes-api';
import { DrilldownDrawer } from './drilldown-drawer';
import { type CellTarget, MatrixTable } from './matrix-table';
import { MonthCalendar } from './month-calendar';
import { ObligationTable } from './obligation-table';
import { useMatrix, useObligationList } from './obligations-api';

function OverdueTab({ programmeId }: { programmeId?: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<{ unitId?: string; q?: string; page: number; pageSize: number }>({
    page: 1,
    pageSize: 20,
  });
  const query = { ...filters, programmeId };
  const list = useObligationList('/compliance/overdue', query);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          data-testid="overdue-search"
          placeholder={t('pool.searchPlaceholder')}
          allowClear
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined, page: 1 })}
          style={{ width: 220 }}
        />
        <UnitTreeSelect
          value={filters.unitId}
          onChange={(unitId) => setFilters({ ...filters, unitId, page: 1 })}
          placeholder={t('pool.unitFilter')}
          allowClear
          style={{ width: 240 }}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download('/compliance/overdue/export', { ...query, page: undefined, pageSize: undefined })
          }
          data-testid="overdue-export"
        >
          {t('common.export')}
        </Button>
      </Space>
      <ObligationTable
        testId="overdue-table"
        data={list.data}
        loading={list.isFetching}
        error={list.error}
        showPerson
        showActions={can('obligations.record')}
        onPage={(page, pageSize) => setFilters({ ...filters, page, pageSize })}
      />
    </>
  );
}

/** 履职情况/合规看板: the matrix with drill-down, the overdue list and a month calendar. */
export function CompliancePage() {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  // The dashboard links here with ?programmeId=… and ?tab=overdue.
  const [params] = useSearchParams();
  const [programmeId, setProgrammeId] = useState<string | undefined>(params.get('programmeId') ?? undefined);
  const [year, setYear] = useState(new Date().getFullYear());
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const [target, setTarget] = useState<CellTarget | null>(null);
  useEffect(() => {
    if (!programmeId && programmes.data?.length) setProgrammeId(programmes.data[0].id);
  }, [programmeId, programmes.data]);
  const unitId = trail.at(-1)?.id;
  const matrix = useMatrix({ programmeId, year, unitId });

  const programmeSelect = (
    <Space wrap>
      <Select
        data-testid="compliance-programme"
        value={programmeId}
        onChange={(id: string) => {
          setProgrammeId(id);
          setTrail([]);
        }}
        options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        style={{ width: 280 }}
        placeholder={t('pool.programme')}
      />
      <InputNumber
        data-testid="compliance-year"
        value={year}
        min={2000}
        max={2100}
        onChange={(v) => v && setYear(v)}
      />
    </Space>
  );

  const matrixTab = (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Breadcrumb
          items={[
            { title: <Typography.Link onClick={() => setTrail([])}>{t('obl.allUnits')}</Typography.Link> },
            ...trail.map((u, i) => ({
              title: (
                <Typography.Link onClick={() => setTrail(trail.slice(0, i + 1))}>{u.name}</Typography.Link>
              ),
            })),
          ]}
        />
        <Button
          icon={<DownloadOutlined />}
          disabled={!programmeId}
          onClick={() => download('/compliance/matrix/export', { programmeId, year, unitId })}
          data-testid="matrix-export"
        >
          {t('common.export')}
        </Button>
      </Space>
      {matrix.isError ? (
        <Empty description={errorText(matrix.error)} />
      ) : (
        <MatrixTable
          data={matrix.data}
          loading={matrix.isFetching}
          onCell={setTarget}
          onUnit={(id) => {
            const row = matrix.data?.rows.find((r) => r.unitId === id && !r.unitOnly);
            if (row) setTrail([...trail, { id, name: row.unitName }]);
          }}
        />
      )}
      <div style={{ marginTop: 8, color: '#8c8c8c', fontSize: 12 }}>
        {t('obl.matrixNote', { today: matrix.data?.today ?? '' })}
      </div>
    </>
  );

  return (
    <Card title={t('menu.compliance')} extra={programmeSelect}>
      <Tabs
        defaultActiveKey={params.get('tab') ?? 'matrix'}
        items={[
          { key: 'matrix', label: t('obl.matrixTab'), children: matrixTab },
          { key: 'overdue', label: t('obl.overdueTab'), children: <OverdueTab programmeId={programmeId} /> },
          {
            key: 'calendar',
            label: t('obl.calendarTab'),
            children: (
              <MonthCalendar
                path="/compliance/calendar"
                query={{ programmeId }}
                testId="compliance-calendar"
              />
            ),
          },
        ]}
      />
      {programmeId && (
        <DrilldownDrawer
          programmeId={programmeId}
          year={year}
          target={target}
          onClose={() => setTarget(null)}
        />
      )}
    </Card>
  );
}
