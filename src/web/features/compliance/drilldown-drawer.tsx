import { DownloadOutlined } from '@ant-design/icons';
import { Button, Drawer, Segmented, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { download } from '../../shared/download';
import type { CellTarget } from './matrix-table';
import { ObligationTable } from './obligation-table';
import { type StatusFilter, useObligationList } from './obligations-api';

const FILTERS: (StatusFilter | 'all')[] = ['all', 'due', 'done', 'overdue', 'submitted', 'open'];

/** The obligations behind one cell of the matrix, with HR's actions. */
export function DrilldownDrawer({
  programmeId,
  year,
  target,
  onClose,
}: {
  programmeId: string;
  year: number;
  target: CellTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<StatusFilter | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  useEffect(() => {
    if (target) {
      setStatus('all');
      setPage({ page: 1, pageSize: 20 });
    }
  }, [target]);
  const query = {
    programmeId,
    year,
    unitId: target?.unitId,
    unitOnly: target?.unitOnly ? 'true' : undefined,
    ruleKey: target?.ruleKey,
    status: status === 'all' ? undefined : status,
    ...page,
  };
  const list = useObligationList('/compliance/obligations', query, !!target);
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size="large"
      width={1100}
      title={`${target?.unitName ?? ''} · ${target?.ruleTitle ?? t('obl.allRules')}`}
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download('/compliance/obligations/export', { ...query, page: undefined, pageSize: undefined })
          }
          data-testid="drilldown-export"
        >
          {t('common.export')}
        </Button>
      }
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented
          data-testid="drilldown-status"
          value={status}
          onChange={(value) => {
            setStatus(value as StatusFilter | 'all');
            setPage({ page: 1, pageSize: page.pageSize });
          }}
          options={FILTERS.map((f) => ({ value: f, label: t(`obl.filter.${f}`) }))}
        />
        <ObligationTable
          testId="drilldown-table"
          data={list.data}
          loading={list.isFetching}
          error={list.error}
          showPerson
          showActions={can('obligations.record')}
          onPage={(p, pageSize) => setPage({ page: p, pageSize })}
        />
      </Space>
    </Drawer>
  );
}
