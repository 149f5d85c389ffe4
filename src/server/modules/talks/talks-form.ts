import type { z } from 'zod';
import type { TalkDetail } from '../../../contracts/talks.js';
import { FOLLOW_UP_LABELS, TALK_KINDS, TALKER_ROLE_LABELS } from '../../../core/talks/talk-kinds.js';
import {
  buildPaperForm,
  chineseDate,
  type FormRow,
  label,
  signature,
  value,
} from '../../platform/paper-form.js';

type Detail = z.infer<typeof TalkDetail>;

const BLOCK_CM = 2.1;

/** The kinds as the form's tick boxes name them (short enough for one line). */
const FORM_KIND_LABELS = {
  leader_annual: '分管领导谈话',
  hr_leader: '人力资源部领导谈话',
  mentor_quarterly: '导师季度谈话',
  ad_hoc: '专题谈话',
} as const;

/** The reserve's unit and post, as the form prints it. */
export type TalkFormExtras = { reservePost: string | null };

/**
 * 附件一 谈话记录: the talk-record form, filled from a record, or blank (`null`) to print and fill
 * by hand. One A4 page for a record of ordinary length; longer text makes its cell grow.
 */
export function buildTalkForm(talk: Detail | null, extras: TalkFormExtras = { reservePost: null }) {
  const kinds = TALK_KINDS.map((k) => `${talk?.kind === k ? '☑' : '☐'}${FORM_KIND_LABELS[k]}`).join('　');
  const talkers = talk
    ? talk.talkers
        .map((t) => `${t.name}（${TALKER_ROLE_LABELS[t.role].zh}${t.post ? `，${t.post}` : ''}）`)
        .join('；')
    : '';
  const actions = talk
    ? talk.agreedActions
        .map(
          (a, i) =>
            `${i + 1}. ${a.text}${a.owner || a.dueOn ? `（${[a.owner && `责任人：${a.owner}`, a.dueOn && `完成时限：${chineseDate(a.dueOn)}`].filter(Boolean).join('，')}）` : ''}`,
        )
        .join('\n')
    : '';
  const followUps = talk
    ? talk.followUps
        .map(
          (f, i) => `${i + 1}. ${f.action} —— ${FOLLOW_UP_LABELS[f.status].zh}${f.note ? `：${f.note}` : ''}`,
        )
        .join('\n')
    : '';
  const block = (caption: string, text: string): FormRow => ({
    cells: [label(caption), value(text, 3, true)],
    minHeightCm: BLOCK_CM,
  });
  const confirmed = talk?.reserveConfirmedAt
    ? [
        `已于${chineseDate(talk.reserveConfirmedAt)}在系统中确认`,
        ...(talk.reserveComment ? [`意见：${talk.reserveComment}`] : []),
      ]
    : [chineseDate(null)];
  const rows: FormRow[] = [
    {
      cells: [
        label('谈话时间'),
        value(talk ? chineseDate(talk.heldOn) : ''),
        label('谈话地点'),
        value(talk?.place),
      ],
      minHeightCm: 0.9,
    },
    { cells: [label('谈话人'), value(talkers, 3)], minHeightCm: 0.9 },
    {
      cells: [
        label('谈话对象'),
        value(talk?.personName),
        label('单位及职务'),
        value(talk ? [talk.unitName, extras.reservePost].filter(Boolean).join(' ') : ''),
      ],
      minHeightCm: 0.9,
    },
    { cells: [label('谈话类型'), value(kinds, 3)], minHeightCm: 0.9 },
    block('思想情况', talk?.thinking ?? ''),
    block('工作情况', talk?.work ?? ''),
    block('肯定成绩', talk?.achievements ?? ''),
    block('指出不足', talk?.shortcomings ?? ''),
    block('意见建议', talk?.advice ?? ''),
    block('商定措施\n（责任人、\n完成时限）', actions),
    block('上次谈话\n措施落实\n情况', followUps),
    {
      cells: [
        signature(
          [talk?.recordedAt ? chineseDate(talk.recordedAt) : chineseDate(null)],
          `谈话人（签字）：${talk ? talk.talkers.map((t) => t.name).join('、') : ''}`,
          2,
        ),
        signature(confirmed, `被谈话人（签字）：${talk?.reserveConfirmedAt ? talk.personName : ''}`, 2),
      ],
      minHeightCm: 2.0,
    },
  ];
  return buildPaperForm({
    heading: '附件一',
    title: '后备干部谈话记录',
    subtitle: {
      left: talk ? `单位：${talk.unitName}` : '单位：',
      right: talk ? `记录编号：${talk.id.slice(0, 8).toUpperCase()}` : '记录编号：',
    },
    columns: [1.25, 2.6, 1.25, 2.6],
    rows,
    note: '注：公司领导每年至少与所分管的后备干部谈话一次，人力资源部领导每年至少两次，导师每季度至少一次。本表由谈话人填写，谈话双方确认后报人力资源部。',
    meta: { subject: talk ? `${talk.personName} ${talk.heldOn}` : '空白表' },
  });
}
