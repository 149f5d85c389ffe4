import { ATTENDANCE_LABELS } from '../../../core/learning/learning.js';
import { OBLIGATION_STATUS_LABELS } from '../../../core/programme/status.js';
import { streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import * as repo from './training.repository.js';
import { loadEvent, participantsSeen } from './training.service.js';
import { presentParticipants } from './training-participants.service.js';

/** A training's participants with attendance and reflection status, as a workbook (streamed). */
export async function exportParticipants(ctx: ServiceContext, eventId: string) {
  const found = await loadEvent(ctx.db, ctx, eventId, 'learning.read');
  const { event } = found;
  async function* rows() {
    for await (const batch of repo.iterateParticipants(ctx.db, eventId, participantsSeen(ctx, found))) {
      const shaped = await presentParticipants(ctx.db, event.year, batch);
      yield shaped.map((p) => ({
        name: p.personName,
        employeeNo: p.employeeNo,
        unit: p.unitName,
        programme: p.programmeName,
        attendance: p.attendance ? ATTENDANCE_LABELS[p.attendance].zh : '未登记',
        note: p.note,
        dueDate: p.reflection?.dueDate ?? '',
        status: p.reflection ? OBLIGATION_STATUS_LABELS[p.reflection.status].zh : '无此任务',
      }));
    }
  }
  return {
    fileName: `${event.title}-参训人员`,
    stream: streamWorkbook({
      sheetName: '参训人员',
      columns: [
        { header: '姓名', key: 'name', width: 10 },
        { header: '工号', key: 'employeeNo', width: 10 },
        { header: '所在单位', key: 'unit', width: 20 },
        { header: '培养方案', key: 'programme', width: 24 },
        { header: '出勤', key: 'attendance', width: 8 },
        { header: '出勤备注', key: 'note', width: 20 },
        { header: '心得截止日期', key: 'dueDate', width: 14 },
        { header: '心得状态', key: 'status', width: 14 },
      ],
      rows: rows(),
    }),
  };
}
