import type { z } from 'zod';
import type { AssessmentDetail } from '../../../contracts/assessments.js';
import {
  ASSESSMENT_DIMENSIONS,
  DEFAULT_GRADE_SCALE,
  DEFAULT_RATING_SCALE,
  DIMENSION_LABELS,
} from '../../../core/mentors/assessment.js';
import {
  buildPaperForm,
  chineseDate,
  type FormRow,
  label,
  signature,
  value,
} from '../../platform/paper-form.js';

type Detail = z.infer<typeof AssessmentDetail>;

const ticks = (scale: string[], chosen: string | undefined) =>
  scale.map((s) => `${s === chosen ? '☑' : '☐'}${s}`).join('　　');

/**
 * 附件二 年度考核评估表: the mentor's annual assessment, organised with the unit's performance-
 * assessment panel, filled from a record or blank (`null`, on the default scales) to print.
 */
export function buildAssessmentForm(a: Detail | null) {
  const ratingScale = a?.scales.ratingScale ?? DEFAULT_RATING_SCALE;
  const gradeScale = a?.scales.gradeScale ?? DEFAULT_GRADE_SCALE;
  const row = (cells: FormRow['cells'], minHeightCm = 0.85): FormRow => ({ cells, minHeightCm });
  const block = (caption: string, text: string, cm = 2.0): FormRow =>
    row([label(caption), value(text, 3, true)], cm);
  const panel = a ? a.panel.map((m) => (m.post ? `${m.name}（${m.post}）` : m.name)).join('、') : '';
  const filed = a?.state === 'filed';
  const rows: FormRow[] = [
    row([label('姓名'), value(a?.personName), label('所在单位'), value(a?.unitName)]),
    row([label('现任职务'), value(a?.reservePost), label('培养方向'), value(a?.direction)]),
    row([
      label('导师'),
      value(a ? `${a.mentorName}${a.mentorPost ? `（${a.mentorPost}）` : ''}` : ''),
      label('考核日期'),
      value(a ? chineseDate(a.assessedOn) : ''),
    ]),
    row([label('绩效考核\n小组成员'), value(panel, 3)], 1.2),
    ...ASSESSMENT_DIMENSIONS.map((d) =>
      row([label(DIMENSION_LABELS[d].zh), value(ticks(ratingScale, a?.ratings[d]), 3)]),
    ),
    block('主要优点', a?.strengths ?? ''),
    block('存在不足', a?.shortcomings ?? ''),
    block('培养发展\n建议', a?.suggestions ?? ''),
    row([label('综合评定\n等次'), value(ticks(gradeScale, a?.overallGrade || undefined), 3)], 1.0),
    block('导师意见', a?.mentorComment ?? '', 1.5),
    row(
      [
        signature(
          [a?.submittedAt ? chineseDate(a.submittedAt) : chineseDate(null)],
          `导师（签字）：${a ? a.mentorName : ''}`,
          2,
        ),
        signature([chineseDate(null)], '考核小组组长（签字）：', 2),
      ],
      1.5,
    ),
    row(
      [
        label('人力资源部\n备案意见'),
        {
          kind: 'signature',
          caption: filed ? `已备案。${a?.hrComment ?? ''}` : '',
          lines: [
            filed
              ? `经办人：${a?.filedByName ?? ''}　　${chineseDate(a?.filedAt)}`
              : `经办人：　　　　${chineseDate(null)}`,
          ],
          span: 3,
        },
      ],
      1.5,
    ),
  ];
  return buildPaperForm({
    heading: '附件二',
    title: '后备干部年度考核评估表',
    subtitle: {
      left: `考核年度：${a ? `${a.year}年` : '　　　年'}`,
      right: a ? `编号：${a.id.slice(0, 8).toUpperCase()}` : '编号：',
    },
    columns: [1.25, 2.6, 1.25, 2.6],
    rows,
    note: `注：${ASSESSMENT_DIMENSIONS.map((d) => `${DIMENSION_LABELS[d].zh}——${DIMENSION_LABELS[d].hint}`).join('；')}。导师每年组织本单位绩效考核小组对后备人员进行年度考核及评估，考核结果报人力资源部备案，作为后备人员任用的重要依据之一。`,
    meta: { subject: a ? `${a.personName} ${a.year}年度` : '空白表' },
  });
}
