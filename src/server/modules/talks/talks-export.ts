import type { z } from 'zod';
import type { TalkQuery } from '../../../contracts/talks.js';
import { FOLLOW_UP_LABELS, TALK_KIND_LABELS, TALKER_ROLE_LABELS } from '../../../core/talks/talk-kinds.js';
import { assertPermission, scopePaths } from '../../platform/access.js';
import { streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import * as repo from './talks.repository.js';
import { filterOf } from './talks.service.js';

/** The talk records HR may read, filtered, as a workbook (every row, streamed). */
export async function exportTalks(
  ctx: ServiceContext,
  query: Omit<z.infer<typeof TalkQuery>, 'page' | 'pageSize'>,
) {
  assertPermission(ctx.actor, 'talks.read');
  const filter = await filterOf(ctx, query);
  // HR's export covers the records of its scope (recorded ones), not the drafts a viewer may also see.
  filter.visible = repo.recordedInSubtrees(scopePaths(ctx.actor, 'talks.read'));
  async function* rows() {
    for await (const batch of repo.iterateTalks(ctx.db, filter)) {
      const talkers = await repo.talkersOf(
        ctx.db,
        batch.map((b) => b.talk.id),
      );
      yield batch.map((row) => {
        const t = row.talk;
        return {
          heldOn: t.heldOn,
          place: t.place,
          kind: TALK_KIND_LABELS[t.kind].zh,
          name: row.personName,
          employeeNo: row.employeeNo,
          unit: row.unitName,
          talkers: talkers
            .filter((k) => k.talkId === t.id)
            .map((k) => `${k.name}（${TALKER_ROLE_LABELS[k.role].zh}）`)
            .join('、'),
          thinking: t.thinking,
          work: t.work,
          achievements: t.achievements,
          shortcomings: t.shortcomings,
          advice: t.advice,
          actions: t.actions
            .map(
              (a) =>
                `${a.text}${a.owner ? `（${a.owner}` : ''}${a.dueOn ? `，${a.dueOn}` : ''}${a.owner ? '）' : ''}`,
            )
            .join('；'),
          followUps: t.followUps.map((f) => `${f.action}：${FOLLOW_UP_LABELS[f.status].zh}`).join('；'),
          confirmed: t.reserveConfirmedAt ? '已确认' : '未确认',
        };
      });
    }
  }
  return streamWorkbook({
    sheetName: '谈话记录',
    columns: [
      { header: '谈话日期', key: 'heldOn', width: 12 },
      { header: '谈话地点', key: 'place', width: 18 },
      { header: '谈话类型', key: 'kind', width: 18 },
      { header: '后备人员', key: 'name', width: 10 },
      { header: '工号', key: 'employeeNo', width: 10 },
      { header: '所在单位', key: 'unit', width: 18 },
      { header: '谈话人', key: 'talkers', width: 24 },
      { header: '思想情况', key: 'thinking', width: 30 },
      { header: '工作情况', key: 'work', width: 30 },
      { header: '肯定成绩', key: 'achievements', width: 30 },
      { header: '指出不足', key: 'shortcomings', width: 30 },
      { header: '意见建议', key: 'advice', width: 30 },
      { header: '商定措施', key: 'actions', width: 30 },
      { header: '上次措施落实情况', key: 'followUps', width: 30 },
      { header: '后备人员确认', key: 'confirmed', width: 12 },
    ],
    rows: rows(),
  });
}
