import type { z } from 'zod';
import type { ObligationItem } from '../../../contracts/obligations.js';
import { OBLIGATION_STATUS_LABELS } from '../../../core/programme/status.js';
import { type ExportColumn, streamWorkbook } from '../../platform/excel.js';

type Item = z.infer<typeof ObligationItem>;

const ITEM_COLUMNS: ExportColumn[] = [
  { header: '工号', key: 'employeeNo', width: 12 },
  { header: '姓名', key: 'personName', width: 10 },
  { header: '所在机构', key: 'unitName', width: 20 },
  { header: '培养方案', key: 'programmeName', width: 24 },
  { header: '任务', key: 'ruleTitle', width: 28 },
  { header: '周期', key: 'periodKey', width: 10 },
  { header: '截止日期', key: 'dueDate', width: 12 },
  { header: '责任人', key: 'actorName', width: 10 },
  { header: '状态', key: 'statusLabel', width: 12 },
  { header: '逾期天数', key: 'daysOverdue', width: 10 },
  { header: '完成日期', key: 'fulfilledOn', width: 12 },
  { header: '免除原因', key: 'waivedReason', width: 20 },
];

function exportRow(item: Item): Record<string, unknown> {
  return {
    ...item,
    actorName: item.actorName ?? (item.actor === 'reserve' ? item.personName : ''),
    statusLabel: OBLIGATION_STATUS_LABELS[item.status].zh,
  };
}

/** Obligation list items as a streamed workbook, one row each. */
export function itemsWorkbook(sheetName: string, batches: AsyncIterable<Item[]>) {
  async function* rows() {
    for await (const items of batches) yield items.map(exportRow);
  }
  return streamWorkbook({ sheetName, columns: ITEM_COLUMNS, rows: rows() });
}
