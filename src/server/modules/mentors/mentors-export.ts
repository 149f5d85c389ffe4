import type { z } from 'zod';
import type { MentorsQuery } from '../../../contracts/mentors.js';
import { streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { listReserveMentors } from './mentors.service.js';

/** The mentor line-up of the pool (filtered), with breaches, as a workbook. */
export async function exportMentors(
  ctx: ServiceContext,
  query: Omit<z.infer<typeof MentorsQuery>, 'page' | 'pageSize'>,
) {
  const { items } = await listReserveMentors(ctx, { ...query, page: 1, pageSize: 100_000 });
  const mentor = (a: (typeof items)[number]['unitHead']) =>
    a ? `${a.mentor.name}（${a.mentor.unitName}${a.mentor.post ? ` ${a.mentor.post}` : ''}）` : '';
  async function* rows() {
    yield items.map((i) => ({
      employeeNo: i.employeeNo,
      name: i.personName,
      unit: i.unitName,
      direction: i.direction,
      unitHead: mentor(i.unitHead),
      unitHeadSince: i.unitHead?.startOn,
      related: mentor(i.relatedLeader),
      relatedSince: i.relatedLeader?.startOn,
      exceptions: [i.unitHead?.exceptionReason, i.relatedLeader?.exceptionReason].filter(Boolean).join('；'),
      breaches: i.breaches.map((b) => b.message.zh).join('；'),
    }));
  }
  return streamWorkbook({
    sheetName: '导师配备',
    columns: [
      { header: '工号', key: 'employeeNo', width: 10 },
      { header: '后备人员', key: 'name', width: 10 },
      { header: '所在单位', key: 'unit', width: 18 },
      { header: '培养方向', key: 'direction', width: 12 },
      { header: '本单位正职导师', key: 'unitHead', width: 26 },
      { header: '指导起始', key: 'unitHeadSince', width: 12 },
      { header: '相关部门领导导师', key: 'related', width: 26 },
      { header: '指导起始', key: 'relatedSince', width: 12 },
      { header: '例外理由', key: 'exceptions', width: 30 },
      { header: '不符合规定之处', key: 'breaches', width: 36 },
    ],
    rows: rows(),
  });
}
