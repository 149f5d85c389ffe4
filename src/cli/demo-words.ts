/**
 * Word lists for the demo-data generator (demo-data.ts): names, places, schools, posts. Kept apart
 * so the generator stays readable; nothing here is random, the generator draws from these lists.
 * Lists are written as space-separated strings so that each stays one line.
 */

const chars = (s: string): readonly string[] => [...s];
const words = (s: string): readonly string[] => s.split(' ');
/** 'abc12 de3' → [['abc', 12], ['de', 3]]. */
function weighted<T extends string = string>(s: string): readonly (readonly [T, number])[] {
  return words(s).map((w) => {
    const at = w.search(/\d/);
    return [w.slice(0, at) as T, Number(w.slice(at))] as const;
  });
}

/** The fictional city whose branch the demo organisation is. */
export const CITY_BRANCH_NAME = '江州市分公司';

/** Surnames with rough relative frequencies (per mille); 唐 谭 彭 曾 邓 are boosted as in Hunan. */
export const SURNAMES = weighted(
  '王71 李70 张67 刘54 陈46 杨31 黄21 赵20 吴20 周19 徐15 孙15 马12 朱12 胡11 郭11 何11 高10 林10 罗10 郑9 ' +
    '梁8 谢8 宋7 唐9 许7 韩7 冯7 邓8 曹6 彭8 曾8 肖7 田5 董5 袁5 潘5 于5 蒋6 蔡5 余5 杜4 叶4 程4 苏4 魏4 ' +
    '吕4 丁4 任4 沈4 姚4 卢4 姜3 崔3 钟3 谭5 陆3 汪3 范3 廖4 龙3 贺3 易3 文2 戴2 欧阳1',
);

/** Given-name characters by position and gender, chosen so any pair reads as a real name. */
export const GIVEN_FIRST = {
  男: chars('志建国海文晓俊明家振永立宏伟嘉浩天宇春子思新正德'),
  女: chars('晓丽文思嘉雅美佳海秀春玉静欣雨诗梦婉淑慧新子'),
};
export const GIVEN_SECOND = {
  男: chars('强华东明伟军平勇杰涛斌超刚辉鹏飞波宇浩凯健峰亮林龙阳成彬辰轩磊鑫博武锋'),
  女: chars('燕娟敏静芳娜丽婷雪慧颖倩洁琴云莉萍红梅兰玲霞琳怡悦蕾薇璐晶丹欣琪'),
};

export const ETHNICITIES = weighted('汉族920 土家族25 苗族20 回族10 壮族10 侗族6 满族5 瑶族4');

export type NativePlace = { place: string; codes: readonly string[]; weight: number; minority?: string };

/** 'place weight code code … [minority]' → a native place (籍贯) with real 6-digit region codes. */
function nativePlace(s: string): NativePlace {
  const [place, weight, ...rest] = words(s);
  const codes = rest.filter((w) => /^\d{6}$/.test(w));
  const minority = rest.find((w) => !/^\d{6}$/.test(w));
  return { place, weight: Number(weight), codes, ...(minority ? { minority } : {}) };
}

export const NATIVE_PLACES: readonly NativePlace[] = [
  '湖南长沙 90 430102 430103 430104 430105 430111 430121 430181',
  '湖南株洲 40 430202 430203 430204 430211 430281',
  '湖南湘潭 40 430302 430304 430321 430381',
  '湖南衡阳 45 430405 430406 430407 430421 430481',
  '湖南邵阳 35 430502 430503 430521 430522',
  '湖南岳阳 40 430602 430603 430621 430681',
  '湖南常德 35 430702 430703 430721 430723',
  '湖南张家界 10 430802 430821 土家族',
  '湖南益阳 30 430902 430903 430921',
  '湖南郴州 25 431002 431003 431021',
  '湖南永州 25 431102 431103 431121',
  '湖南怀化 20 431202 431221 侗族',
  '湖南娄底 25 431302 431321 431381',
  '湖南湘西 10 433101 433122 苗族',
  '江西南昌 12 360102 360103 360121',
  '江西九江 10 360402 360403 360421',
  '江西赣州 8 360702 360721',
  '湖北武汉 10 420102 420106 420111',
  '湖北荆州 6 421002 421003',
  '河南信阳 5 411502 411503',
  '广东广州 4 440103 440104',
  '四川成都 4 510104 510105',
  '广西桂林 4 450302 450303 壮族',
].map(nativePlace);

/** Field of study; it ties majors, schools, titles and the kind of work together. */
export type Field = 'tech' | 'biz' | 'fin' | 'arts';

export const MAJORS: Record<'higher' | 'master' | 'vocational', Record<Field, readonly string[]>> = {
  higher: {
    tech: words('通信工程 电子信息工程 计算机科学与技术 网络工程 软件工程 光电信息科学与工程'),
    biz: words('工商管理 市场营销 信息管理与信息系统 电子商务 人力资源管理 经济学'),
    fin: words('会计学 财务管理 审计学'),
    arts: words('汉语言文学 法学 新闻学 思想政治教育 行政管理'),
  },
  master: {
    tech: words('信息与通信工程 电子与通信工程 计算机技术 通信与信息系统'),
    biz: words('工商管理 企业管理 管理科学与工程'),
    fin: words('会计学 会计'),
    arts: words('法学 马克思主义理论 行政管理'),
  },
  vocational: {
    tech: words('通信技术 计算机应用技术 移动通信技术 通信网络与设备'),
    biz: words('市场营销 电子商务 工商企业管理'),
    fin: words('会计 财务管理'),
    arts: words('文秘 法律事务'),
  },
};

/** Universities (本科 and up) and the fields they are known for. */
export const UNIVERSITIES: Record<Field, readonly string[]> = {
  tech: words(
    '北京邮电大学 南京邮电大学 重庆邮电大学 西安邮电大学 电子科技大学 华中科技大学 武汉理工大学 ' +
      '桂林电子科技大学 湖南大学 中南大学 湘潭大学 长沙理工大学 湖南科技大学 南华大学 南昌大学 武汉大学',
  ),
  biz: words(
    '北京邮电大学 南京邮电大学 重庆邮电大学 华中科技大学 武汉理工大学 湖南大学 中南大学 湘潭大学 ' +
      '长沙理工大学 湖南师范大学 湖南工商大学 湖南农业大学 吉首大学 武汉大学 中南财经政法大学 江西财经大学',
  ),
  fin: words('湖南大学 湖南工商大学 中南财经政法大学 江西财经大学 西南财经大学'),
  arts: words(
    '湖南大学 中南大学 湘潭大学 湖南科技大学 湖南师范大学 吉首大学 南昌大学 武汉大学 中南财经政法大学',
  ),
};

/** Vocational colleges (大学专科, 中专). */
export const COLLEGES: Record<Field, readonly string[]> = {
  tech: words('湖南邮电职业技术学院 长沙通信职业技术学院 湖南信息职业技术学院 石家庄邮电职业技术学院'),
  biz: words('湖南邮电职业技术学院 石家庄邮电职业技术学院 湖南商务职业技术学院 长沙民政职业技术学院'),
  fin: words('湖南商务职业技术学院 湖南财经工业职业技术学院'),
  arts: words('长沙民政职业技术学院'),
};

/** Part-time master's programmes that employees of a telecom branch typically take. */
export const IN_SERVICE_MASTER_SCHOOLS = words(
  '湖南大学 中南大学 北京邮电大学 华中科技大学 武汉大学 南京邮电大学',
);
export const IN_SERVICE_MASTER_MAJORS = words('工商管理 电子与通信工程 软件工程 公共管理');

/** Professional-title ladders (助理 → 中级 → 高级 → 正高) by field. */
export const TITLE_LADDERS: Record<Field, readonly string[]> = {
  tech: words('助理工程师 工程师 高级工程师 正高级工程师'),
  biz: words('助理经济师 经济师 高级经济师'),
  fin: words('助理会计师 会计师 高级会计师'),
  arts: words('助理政工师 政工师 高级政工师'),
};

export const GRADE_NAMES = words('一级 二级 三级 四级 五级 六级 七级 八级 九级 十级 十一级 十二级');

/** China Telecom's own prefixes dominate (repeated to weigh more), as staff get a company line. */
export const PHONE_PREFIXES = words('133 153 173 177 180 181 189 199 133 153 189 189 138 139 135 186 156');

/** What a unit's people do: gender mix, fields of study, post names. */
export type Profile = {
  maleRate: number;
  fields: readonly (readonly [Field, number])[];
  head: string;
  deputy: string;
  posts: readonly string[];
};

export type ProfileKey =
  | 'leadership'
  | 'office'
  | 'hr'
  | 'finance'
  | 'market'
  | 'enterprise'
  | 'network'
  | 'service'
  | 'party'
  | 'discipline'
  | 'county'
  | 'countyOffice'
  | 'countyMarket'
  | 'township'
  | 'team';

function profile(maleRate: number, fields: string, headAndDeputy: string, posts: string): Profile {
  const [head, deputy] = words(headAndDeputy);
  return { maleRate, fields: weighted<Field>(fields), head, deputy, posts: words(posts) };
}

export const PROFILES: Record<ProfileKey, Profile> = {
  leadership: profile(0.8, 'tech5 biz4 fin1', '总经理 副总经理', '纪委书记 总会计师'),
  office: profile(
    0.45,
    'arts5 biz3 tech2',
    '主任 副主任',
    '文秘 行政事务管理岗 档案管理员 综合管理岗 法律事务岗',
  ),
  hr: profile(
    0.4,
    'biz6 arts3 fin1',
    '部门经理 部门副经理',
    '薪酬福利管理岗 培训开发管理岗 招聘配置管理岗 绩效管理岗',
  ),
  finance: profile(
    0.3,
    'fin17 biz3',
    '部门经理 部门副经理',
    '会计 预算管理岗 资金管理岗 税务管理岗 成本管理岗',
  ),
  market: profile(
    0.55,
    'biz11 tech8 arts1',
    '部门经理 部门副经理',
    '产品经理 市场策划经理 渠道管理经理 数据分析岗',
  ),
  enterprise: profile(
    0.6,
    'tech10 biz9 fin1',
    '部门经理 部门副经理',
    '政企客户经理 行业解决方案经理 项目经理 商务经理',
  ),
  network: profile(
    0.8,
    'tech9 biz1',
    '部门经理 部门副经理',
    '网络维护工程师 传输专业工程师 无线网络优化工程师 数据网工程师',
  ),
  service: profile(0.35, 'biz6 tech2 arts2', '部门经理 部门副经理', '服务质量管理岗 投诉处理岗 客户服务代表'),
  party: profile(0.45, 'arts6 biz3 tech1', '主任 副主任', '党建管理岗 宣传管理岗 工会工作岗 团委工作岗'),
  discipline: profile(0.55, 'arts6 fin3 biz1', '主任 副主任', '纪检监察岗 审计监督岗'),
  county: profile(0.75, 'tech5 biz5', '总经理 副总经理', '总经理助理 综合管理岗 营销支撑岗 安全生产管理岗'),
  countyOffice: profile(0.4, 'arts4 biz3 fin3', '主任 副主任', '综合事务岗 人力资源管理岗 财务管理岗'),
  countyMarket: profile(0.55, 'biz6 tech4', '经理 副经理', '市场营销岗 政企客户经理 渠道经理 营业厅经理'),
  township: profile(
    0.6,
    'tech10 biz8 fin1 arts1',
    '支局长 副支局长',
    '装维工程师 营业员 社区经理 综合网格经理',
  ),
  team: profile(0.7, 'tech7 biz3', '班组长 副班组长', '装维工程师 线路维护员 网格经理 营业员 班组技术员'),
};

/** Departments of the city branch: code suffix, name, profile, demo head count. */
export const CITY_DEPARTMENTS: readonly (readonly [string, string, ProfileKey, number])[] = [
  ['BGS', '综合部(办公室)', 'office', 10],
  ['RLZY', '人力资源部', 'hr', 8],
  ['CW', '财务部', 'finance', 9],
  ['SC', '市场部', 'market', 17],
  ['ZQ', '政企客户部', 'enterprise', 15],
  ['WY', '网络运营部', 'network', 21],
  ['KF', '客户服务部', 'service', 7],
  ['DQ', '党群工作部', 'party', 6],
  ['JJ', '纪检监察室', 'discipline', 4],
];

/** Departments inside a county branch (the tiers add 网络维护部 as a third). */
export const COUNTY_DEPARTMENTS: readonly (readonly [string, string, ProfileKey])[] = [
  ['ZH', '综合办公室', 'countyOffice'],
  ['YX', '市场营销部', 'countyMarket'],
  ['WW', '网络维护部', 'network'],
];

/** The demo's county branches and their two township branches each. */
export const DEMO_COUNTIES = [
  { code: 'QS', name: '青山县分公司', townships: ['青山城关支局', '白石镇支局'] },
  { code: 'LJ', name: '临江县分公司', townships: ['临江城区支局', '龙门镇支局'] },
  { code: 'NH', name: '南湖区分公司', townships: ['南湖街道支局', '莲塘支局'] },
] as const;

/** Syllables that combine into plausible place names for the tiers' many branches. */
export const PLACE_FIRST = chars(
  '青临南白龙石安永新长平宁东西金桃梅松云岳湘资沅澧华双泉清丰富兴广武汉黄柳枫樟竹莲荷花',
);
export const PLACE_SECOND = chars('山江湖阳川水溪源城安平陵田林口坪塘桥港洲');

export const TEAM_KINDS = words('装维 线路维护 营业 网格 政企支撑 动力维护');

/** Reward lines; {y} is a year and {org} the city branch. The `party` ones go only to Party members. */
export const REWARDS: readonly { text: string; party?: true }[] = [
  { text: '{y}年获{org}优秀员工' },
  { text: '{y}年获{org}先进工作者' },
  { text: '{y}年获省公司劳动竞赛先进个人' },
  { text: '{y}年获{org}“服务之星”称号' },
  { text: '{y}年获省公司职业技能竞赛三等奖' },
  { text: '{y}年被评为{org}优秀共产党员', party: true },
  { text: '{y}年被评为{org}优秀党务工作者', party: true },
];

export const PUNISHMENTS = words(
  '{y}年因安全生产责任事故受到{org}通报批评 {y}年因违反服务规范受到{org}通报批评',
);

const NUMERALS = '零一二三四五六七八九';

/** A Chinese numeral for 1–99 (一, 十二, 二十三), as unit names use them. */
export function numeral(n: number): string {
  if (n < 10) return NUMERALS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? NUMERALS[tens] : ''}十${ones ? NUMERALS[ones] : ''}`;
}
