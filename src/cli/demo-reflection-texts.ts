/**
 * Synthetic reflections (心得体会) for the demo and the copy-check benchmark: Chinese sentences
 * assembled from short phrase lists by a seeded PRNG, so texts read like reflections and share
 * vocabulary (as real ones do) without sharing long passages. Pure and deterministic.
 */
import { countChars } from '../core/text/char-count.js';
import { Rng } from './demo-people.js';

const OPENINGS = [
  '通过这次学习',
  '本季度',
  '在学习过程中',
  '结合本职工作',
  '回顾近期工作',
  '读完这本书',
  '参加培训以后',
  '对照书中观点',
  '在日常管理中',
  '在实际工作里',
  '这段时间以来',
  '经过反复思考',
];
const SUBJECTS = [
  '我',
  '我们班组',
  '本部门',
  '团队',
  '基层员工',
  '一线人员',
  '管理者',
  '后备干部',
  '我们',
  '同事们',
];
const ADVERBS = [
  '逐步',
  '认真',
  '主动',
  '切实',
  '进一步',
  '更加',
  '反复',
  '及时',
  '不断',
  '真正',
  '深入',
  '初步',
];
const VERBS = [
  '认识到',
  '理解了',
  '梳理了',
  '改进了',
  '思考了',
  '总结了',
  '落实了',
  '加强了',
  '优化了',
  '推动了',
  '明确了',
  '调整了',
];
const OBJECTS = [
  '客户需求',
  '服务流程',
  '工作方法',
  '团队协作',
  '沟通方式',
  '时间管理',
  '目标分解',
  '绩效考核',
  '成本控制',
  '风险防范',
  '网络质量',
  '渠道管理',
  '营销策略',
  '人才培养',
  '制度建设',
  '数据分析',
  '安全生产',
  '廉洁自律',
  '执行能力',
  '学习习惯',
];
const RESULTS = [
  '效果比以前明显',
  '问题得到缓解',
  '大家更有干劲',
  '效率有所提高',
  '客户更加满意',
  '差距依然存在',
  '还需要继续努力',
  '收获很大',
  '思路更加清晰',
  '方向更加明确',
  '积累了经验',
  '形成了共识',
];
const LINKS = ['同时', '另外', '因此', '但是', '此外', '而且', '所以', '特别是', '总的来看', '下一步'];
const DETAILS = [
  '上月',
  '本周',
  '去年',
  '在片区',
  '在支局',
  '在营业厅',
  '在机房',
  '在例会上',
  '在走访中',
  '在项目里',
  '在考核时',
  '在培训班',
];
const NUMBERS = ['两', '三', '四', '五', '六', '七', '八', '十', '十二', '二十'];
const UNITS = ['项措施', '个问题', '次走访', '条建议', '个环节', '家客户', '名员工', '个指标'];

function sentence(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `${rng.pick(OPENINGS)}，${rng.pick(SUBJECTS)}${rng.pick(ADVERBS)}${rng.pick(VERBS)}${rng.pick(OBJECTS)}的重要性，${rng.pick(RESULTS)}。`;
    case 1:
      return `${rng.pick(LINKS)}，${rng.pick(DETAILS)}${rng.pick(SUBJECTS)}围绕${rng.pick(OBJECTS)}提出了${rng.pick(NUMBERS)}${rng.pick(UNITS)}，${rng.pick(RESULTS)}。`;
    case 2:
      return `${rng.pick(SUBJECTS)}${rng.pick(ADVERBS)}把${rng.pick(OBJECTS)}和${rng.pick(OBJECTS)}结合起来，${rng.pick(LINKS)}${rng.pick(RESULTS)}。`;
    default:
      return `${rng.pick(DETAILS)}，${rng.pick(SUBJECTS)}${rng.pick(VERBS)}${rng.pick(NUMBERS)}${rng.pick(UNITS)}，在${rng.pick(OBJECTS)}上${rng.pick(ADVERBS)}${rng.pick(VERBS)}${rng.pick(OBJECTS)}。`;
  }
}

/** A reflection of at least `minChars` 字 (as counted for the minimum), in paragraphs, from a seed. */
export function generateReflectionText(seed: number, minChars = 1000): string {
  const rng = new Rng(seed);
  const paragraphs: string[] = [];
  let chars = 0;
  while (chars < minChars) {
    const count = rng.int(4, 7);
    const paragraph = Array.from({ length: count }, () => sentence(rng)).join('');
    paragraphs.push(paragraph);
    chars += countChars(paragraph).total;
  }
  return paragraphs.join('\n\n');
}

/** A copy of a text with a few words changed, as a copier would do to hide it. */
export function disguisedCopy(text: string): string {
  return text
    .replaceAll('我们', '我部')
    .replaceAll('认真', '用心')
    .replaceAll('，', '、')
    .replaceAll('收获', '体会');
}
