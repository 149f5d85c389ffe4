import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type DiffRow = { field: string; before: unknown; after: unknown; changed: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Field-by-field comparison of an audit entry's before and after images. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  if (!isRecord(before) && !isRecord(after)) {
    return before === null && after === null
      ? []
      : [{ field: '', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value, null, 1);
  return String(value);
}

/** The expandable row of the audit table: changed fields first and highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation();
  const rows = diffRows(before, after).sort((x, y) => Number(y.changed) - Number(x.changed));
  const label = (field: string) => {
    for (const key of [`auditField.${field}`, `people.${field}`, `units.${field}`]) {
      if (i18n.exists(key)) return t(key);
    }
    return field;
  };
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noDetail')}</Typography.Text>;
  return (
    <Table<DiffRow>
      data-testid="audit-diff"
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 180, render: (f: string) => label(f) },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown, row) => <Cell value={v} changed={row.changed} kind="before" />,
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown, row) => <Cell value={v} changed={row.changed} kind="after" />,
        },
      ]}
    />
  );
}

function Cell({ value, changed, kind }: { value: unknown; changed: boolean; kind: 'before' | 'after' }) {
  // A field that did not exist before (a creation) is new, not removed: no red for it.
  const highlight = changed && value !== undefined && value !== null;
  const background = highlight ? (kind === 'before' ? '#fff1f0' : '#f6ffed') : undefined;
  return (
    <div style={{ background, whiteSpace: 'pre-wrap', wordBreak: 'break-all', padding: '0 4px' }}>
      {kind === 'before' && highlight ? <del>{show(value)}</del> : show(value)}
    </div>
  );
}
