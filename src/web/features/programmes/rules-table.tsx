import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, type TableProps, Tag, Tooltip } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rule } from '../../../core/programme/rule';
import { useCadreLabels } from './rule-labels';

/** A version's rule table; with `onEdit`/`onRemove` it is the draft being edited. */
export function RulesTable({
  rules,
  onEdit,
  onRemove,
  testId,
}: {
  rules: Rule[];
  onEdit?: (index: number) => void;
  onRemove?: (index: number) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const labels = useCadreLabels();
  const columns: TableProps<Rule>['columns'] = [
    { title: '#', key: 'n', width: 44, render: (_, __, i) => i + 1 },
    {
      title: t('prog.ruleTitle'),
      dataIndex: 'title',
      render: (title: string, rule) => (
        <Tooltip title={rule.note || undefined}>
          <span>{title}</span>
        </Tooltip>
      ),
    },
    {
      title: t('prog.evidenceKind'),
      dataIndex: 'evidenceKind',
      width: 130,
      render: (k: Rule['evidenceKind']) => labels.evidence(k),
    },
    {
      title: t('prog.recurrence'),
      dataIndex: 'recurrence',
      width: 110,
      render: (k: Rule['recurrence']) => labels.recurrence(k),
    },
    { title: t('prog.quantity'), dataIndex: 'quantity', width: 60 },
    { title: t('prog.minChars'), dataIndex: 'minChars', width: 70, render: (v: number | null) => v ?? '' },
    { title: t('prog.due'), key: 'due', width: 220, render: (_, rule) => labels.due(rule) },
    { title: t('prog.actor'), dataIndex: 'actor', width: 120, render: (k: Rule['actor']) => labels.actor(k) },
    {
      title: t('prog.hrReview'),
      dataIndex: 'hrReview',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="blue">{t('prog.yes')}</Tag> : ''),
    },
    {
      title: t('prog.activeMonths'),
      dataIndex: 'activeMonths',
      width: 100,
      render: (months: number[]) => (months.length ? t('prog.months', { list: months.join('、') }) : ''),
    },
    ...(onEdit && onRemove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, rule: Rule, index: number) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => onEdit(index)}
                  data-testid={`rule-edit-${rule.key}`}
                />
                <Popconfirm
                  title={t('prog.removeRuleConfirm', { title: rule.title })}
                  onConfirm={() => onRemove(index)}
                >
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    data-testid={`rule-remove-${rule.key}`}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<Rule>
      data-testid={testId}
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rules}
      pagination={false}
      scroll={{ x: 1200 }}
      onRow={(rule) => ({ 'data-testid': `rule-row-${rule.key}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
