import { Table, type TableProps, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixCell } from '../../../contracts/obligations';
import { useCadreLabels } from '../programmes/rule-labels';
import type { MatrixData } from './obligations-api';

type Row = MatrixData['rows'][number] & { key: string; isTotal?: boolean };

/** Where a cell of the matrix leads: a unit (or all), a rule (or all). */
export type CellTarget = {
  unitId?: string;
  unitOnly?: boolean;
  unitName: string;
  ruleKey?: string;
  ruleTitle?: string;
};

/** Heat colour of a percentage: green when (nearly) all done, through amber, to red. */
export function heat(percent: number | null): string {
  if (percent === null) return '#fafafa';
  if (percent >= 95) return '#d9f7be';
  if (percent >= 80) return '#f4ffb8';
  if (percent >= 60) return '#fff1b8';
  if (percent >= 40) return '#ffd8bf';
  return '#ffccc7';
}

function CellView({ cell }: { cell: MatrixCell }) {
  const { t } = useTranslation();
  return (
    <Tooltip
      title={t('obl.cellTip', {
        total: cell.total,
        due: cell.due,
        done: cell.doneDue,
        overdue: cell.overdue,
        submitted: cell.submitted,
        open: cell.open,
      })}
    >
      <div style={{ lineHeight: 1.3 }}>
        <div>
          <strong>{cell.percent === null ? '—' : `${cell.percent}%`}</strong>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {cell.doneDue}/{cell.due}
          {cell.overdue > 0 && (
            <span style={{ color: '#cf1322' }}> · {t('obl.overdueShort', { n: cell.overdue })}</span>
          )}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}

/** The compliance matrix: units × rules, each cell coloured by its percentage; click to drill down. */
export function MatrixTable({
  data,
  loading,
  onCell,
  onUnit,
}: {
  data: MatrixData | undefined;
  loading: boolean;
  onCell: (target: CellTarget) => void;
  onUnit: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  const rows: Row[] = (data?.rows ?? []).map((r) => ({ ...r, key: `${r.unitId}-${r.unitOnly}` }));
  if (data) {
    rows.push({
      key: 'totals',
      isTotal: true,
      unitId: 'total',
      unitName: t('obl.totalRow'),
      unitOnly: false,
      cells: data.totals.cells,
      total: data.totals.total,
    });
  }
  const target = (row: Row, ruleKey?: string, ruleTitle?: string): CellTarget => ({
    unitId: row.isTotal ? data?.unit?.id : row.unitId,
    unitOnly: row.unitOnly || undefined,
    unitName: row.unitName,
    ruleKey,
    ruleTitle,
  });
  const cellProps = (row: Row, cell: MatrixCell, testId: string, ruleKey?: string, ruleTitle?: string) =>
    ({
      'data-testid': testId,
      style: { background: heat(cell.percent), cursor: 'pointer', textAlign: 'center' },
      onClick: () => onCell(target(row, ruleKey, ruleTitle)),
    }) as HTMLAttributes<HTMLElement>;

  const columns: TableProps<Row>['columns'] = [
    {
      title: t('obl.unit'),
      key: 'unit',
      fixed: 'left',
      width: 160,
      render: (_, row) =>
        row.isTotal ? (
          <strong>{row.unitName}</strong>
        ) : row.unitOnly ? (
          `${row.unitName}${t('obl.unitOnly')}`
        ) : (
          <Typography.Link onClick={() => onUnit(row.unitId)}>{row.unitName}</Typography.Link>
        ),
    },
    ...(data?.columns ?? []).map((col, index) => ({
      title: (
        <Tooltip title={labels.actor(col.actor)}>
          <span style={{ fontSize: 12 }}>{col.title}</span>
        </Tooltip>
      ),
      key: col.ruleKey,
      width: 104,
      onCell: (row: Row) =>
        cellProps(row, row.cells[index], `matrix-cell-${row.unitId}-${col.ruleKey}`, col.ruleKey, col.title),
      render: (_: unknown, row: Row) => <CellView cell={row.cells[index]} />,
    })),
    {
      title: <strong>{t('obl.totalCol')}</strong>,
      key: 'total',
      fixed: 'right',
      width: 110,
      onCell: (row: Row) => cellProps(row, row.total, `matrix-cell-${row.unitId}-total`),
      render: (_: unknown, row: Row) => <CellView cell={row.total} />,
    },
  ];
  return (
    <Table<Row>
      data-testid="matrix-table"
      rowKey="key"
      size="small"
      bordered
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 270 + (data?.columns.length ?? 0) * 104 }}
    />
  );
}
