// Synthetic hearings for `npm run bench:scale`: transcripts in the canonical shape (data/hearings/*.txt and *.json) of many cities, years and subjects, each subject with its own words, the answering bodies shared as in real cities.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A subject a standing committee inquires into: its title, its five themes and the words its questions and answers use. */
interface Subject {
  key: string;
  title: string;
  themes: readonly string[];
  words: readonly string[];
  /** The bodies that answer on it, as printed (all in data/glossary.json, as a city's bodies are). */
  bodies: readonly string[];
}

const SUBJECTS: readonly Subject[] = [
  {
    key: '营商环境',
    title: '持续优化营商环境',
    themes: ['深化政务服务改革', '降低企业经营成本', '加强市场主体保护', '优化金融服务供给', '完善法治保障体系'],
    words: [
      '一网通办',
      '减税降费',
      '市场主体',
      '审批时限',
      '融资担保',
      '惠企政策',
      '信用修复',
      '涉企收费',
      '中小微企业',
      '首贷续贷',
      '政务服务',
      '证照分离',
      '公平竞争审查',
      '拖欠账款',
      '纾困资金',
      '营商环境评价',
      '帮办代办',
      '免申即享',
    ],
    bodies: ['市政务服务大数据局', '市市场监管局', '市财政局', '市地方金融局', '市发改委'],
  },
  {
    key: '生态环保',
    title: '加强长江生态环境保护',
    themes: ['推进水污染防治', '强化大气污染治理', '加强固体废物管理', '推动绿色低碳转型', '完善生态补偿机制'],
    words: [
      '长江大保护',
      '黑臭水体',
      '入河排污口',
      '空气质量',
      '细颗粒物',
      '垃圾分类',
      '危险废物',
      '碳达峰',
      '碳中和',
      '湿地保护',
      '生态补偿',
      '河湖长制',
      '污水管网',
      '工业园区',
      '清洁能源',
      '臭氧污染',
      '生态修复',
      '禁捕退捕',
    ],
    bodies: ['市城建局', '市农业农村局', '市发改委', '市财政局', '市政府国资委'],
  },
  {
    key: '养老服务',
    title: '推进居家和社区养老服务',
    themes: ['扩大养老服务供给', '提升养老服务质量', '加强养老人才队伍', '推进医养结合', '发展智慧养老'],
    words: [
      '居家养老',
      '社区食堂',
      '助餐服务',
      '养老床位',
      '护理型床位',
      '适老化改造',
      '长期护理保险',
      '医养结合',
      '养老护理员',
      '失能老人',
      '家庭养老床位',
      '智慧养老平台',
      '老年助餐',
      '普惠养老',
      '养老机构',
      '喘息服务',
      '银发经济',
      '嵌入式养老',
    ],
    bodies: ['市财政局', '市政务服务大数据局', '市市场监管局', '市发改委', '市商务局'],
  },
  {
    key: '城市更新',
    title: '实施城市更新行动',
    themes: ['推进老旧小区改造', '完善城市基础设施', '加强历史文化保护', '提升城市治理水平', '保障城市更新资金'],
    words: [
      '老旧小区',
      '加装电梯',
      '背街小巷',
      '地下管网',
      '海绵城市',
      '历史街区',
      '口袋公园',
      '停车泊位',
      '城中村',
      '棚户区',
      '韧性城市',
      '城市体检',
      '完整社区',
      '燃气管道',
      '雨污分流',
      '微改造',
      '专项债券',
      '社会资本',
    ],
    bodies: ['市城建局', '市财政局', '市发改委', '东湖高新区管委会', '临空港开发区管委会'],
  },
  {
    key: '科技创新',
    title: '加快建设科技创新中心',
    themes: ['强化战略科技力量', '促进科技成果转化', '培育科技型企业', '集聚创新人才', '优化创新生态'],
    words: [
      '湖北实验室',
      '重大科技基础设施',
      '成果转化',
      '技术合同',
      '高新技术企业',
      '科技型中小企业',
      '概念验证',
      '中试平台',
      '揭榜挂帅',
      '研发投入',
      '科技金融',
      '知识产权',
      '孵化器',
      '众创空间',
      '青年人才',
      '创新联合体',
      '首台套',
      '科创债',
    ],
    bodies: ['市科技局', '东湖高新区管委会', '市经信局', '市地方金融局', '市财政局'],
  },
  {
    key: '乡村振兴',
    title: '全面推进乡村振兴',
    themes: ['保障粮食安全', '发展乡村产业', '建设宜居乡村', '促进农民增收', '深化农村改革'],
    words: [
      '高标准农田',
      '粮食安全',
      '种业振兴',
      '农产品加工',
      '冷链物流',
      '乡村旅游',
      '农村电商',
      '人居环境',
      '厕所革命',
      '集体经济',
      '宅基地改革',
      '土地流转',
      '新型农业经营主体',
      '家庭农场',
      '农民合作社',
      '驻村工作队',
      '防止返贫',
      '美丽乡村',
    ],
    bodies: ['市农业农村局', '市财政局', '市商务局', '市发改委', '市城建局'],
  },
  {
    key: '食品安全',
    title: '加强食品安全监管',
    themes: ['落实企业主体责任', '强化源头治理', '加强校园食品安全', '规范网络餐饮', '完善风险监测'],
    words: [
      '食品安全',
      '明厨亮灶',
      '校园食堂',
      '网络订餐',
      '农药残留',
      '抽检合格率',
      '进口冷链',
      '食品追溯',
      '小作坊',
      '农贸市场',
      '快速检测',
      '风险监测',
      '餐饮外卖',
      '保健食品',
      '过期食品',
      '食安封签',
      '守信激励',
      '食品生产许可',
    ],
    bodies: ['市市场监管局', '市农业农村局', '市商务局', '市政务服务大数据局', '市财政局'],
  },
  {
    key: '交通治堵',
    title: '推进城市交通拥堵治理',
    themes: ['完善路网结构', '优先发展公共交通', '加强停车管理', '推进智慧交通', '规范交通秩序'],
    words: [
      '轨道交通',
      '公交专用道',
      '断头路',
      '微循环',
      '停车难',
      '共享停车',
      '潮汐车道',
      '智能信号灯',
      '交通拥堵指数',
      '慢行系统',
      '非机动车道',
      '网约车',
      '电动自行车',
      '过江通道',
      '公交线网',
      '换乘枢纽',
      '绿波带',
      '拥堵节点',
    ],
    bodies: ['市城建局', '市发改委', '市政务服务大数据局', '市财政局', '经开区管委会'],
  },
  {
    key: '教育发展',
    title: '推动义务教育优质均衡发展',
    themes: ['扩大优质学位供给', '加强教师队伍建设', '落实双减政策', '推进教育数字化', '促进教育公平'],
    words: [
      '优质学位',
      '集团化办学',
      '教师编制',
      '课后服务',
      '双减',
      '校外培训',
      '智慧校园',
      '随迁子女',
      '特殊教育',
      '大班额',
      '县域均衡',
      '校舍建设',
      '体育场地',
      '心理健康教育',
      '教师轮岗',
      '学区划分',
      '午餐供应',
      '作业管理',
    ],
    bodies: ['市财政局', '市发改委', '市城建局', '市政务服务大数据局', '市市场监管局'],
  },
  {
    key: '数字政府',
    title: '加快数字政府建设',
    themes: ['夯实数字底座', '推进数据共享', '提升一网统管', '保障数据安全', '优化数字服务'],
    words: [
      '政务云',
      '数据共享',
      '一网统管',
      '城市大脑',
      '公共数据',
      '数据开放',
      '电子证照',
      '数据安全',
      '网络安全',
      '视频联网',
      '接诉即办',
      '数字孪生',
      '政务热线',
      '基层减负',
      '数据资源目录',
      '算力调度',
      '跨省通办',
      '数据要素',
    ],
    bodies: ['市政务服务大数据局', '市经信局', '市发改委', '市财政局', '临空港开发区管委会'],
  },
];

const CITIES = ['武汉', '长沙', '郑州', '合肥', '南昌', '成都', '西安', '济南', '南京', '杭州', '福州', '昆明'];
const SESSIONS = ['十三', '十四', '十五', '十六'];
const MEETINGS = ['第五', '第八', '第十', '第十二', '第十五', '第十八', '第二十', '第二十三'];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢',
];
const GIVEN = [...'建国华军敏静丽强磊洋艳勇杰娟涛明超秀霞平刚桂英志斌文辉玉兰海燕红梅新宇晓东雪松振岳良峰光'];
const GENERIC = [
  '工作机制',
  '政策措施',
  '推进力度',
  '资金保障',
  '考核评价',
  '统筹协调',
  '短板弱项',
  '典型经验',
  '群众满意度',
  '长效机制',
  '督查督办',
  '责任清单',
];
const ASKS = [
  '如何进一步推进{a}，解决{b}中存在的问题？',
  '针对{a}和{b}，下一步有哪些具体举措？',
  '{a}工作进展如何，{b}方面还有哪些短板？',
  '请问在{a}方面，如何加强{b}？',
  '群众反映{a}问题比较突出，{b}怎么落实？',
];
const SAYS = [
  '一是加快{a}，完善{g}，推动{b}取得实效。',
  '二是强化{a}，今年以来累计投入资金{n}亿元，{b}覆盖率达到{p}%。',
  '三是聚焦{a}，建立{g}，计划到{y}年底前完成{b}任务。',
  '下一步，我们将以{a}为抓手，进一步加大{g}，切实提升{b}水平。',
  '截至目前，全市{a}已完成{n}个，{b}同比增长{p}%。',
];

/** A small seeded generator, so the same count always gives the same archive. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One synthetic hearing: its file name (without extension), transcript and data file. */
export interface SyntheticHearing {
  name: string;
  transcript: string;
  data: { key: string; subject: string; date: string };
}

/** The `n`-th synthetic hearing (0-based): deterministic, distinct in title or date from every other. */
export function syntheticHearing(n: number): SyntheticHearing {
  const rnd = random(n * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const subject = SUBJECTS[n % SUBJECTS.length]!;
  const city = CITIES[Math.floor(n / SUBJECTS.length) % CITIES.length]!;
  // Cities × subjects first, then a year each round, so title and date never repeat.
  const round = Math.floor(n / (SUBJECTS.length * CITIES.length));
  const year = 2010 + (round % 15);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + ((Math.floor(round / 15) * 7 + Math.floor(rnd() * 7)) % 28);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const person = () => `${pick(SURNAMES)}${pick(GIVEN)}${rnd() < 0.5 ? pick(GIVEN) : ''}`;
  const fill = (template: string) =>
    template
      .replace('{a}', pick(subject.words))
      .replace('{b}', pick(subject.words))
      .replace('{g}', pick(GENERIC))
      .replace('{n}', String(1 + Math.floor(rnd() * 300)))
      .replace('{p}', String(5 + Math.floor(rnd() * 90)))
      .replace('{y}', String(year + 1));
  const lines = [
    `——${city}市人大常委会“${subject.title}”专题询问摘录`,
    `${month}月${day}日,${city}市${pick(SESSIONS)}届人大常委会${pick(MEETINGS)}次会议举行“${subject.title}”专题询问。`,
    `会上,市人大常委会组成人员围绕${subject.themes.join('、')}等五个方面接连发问,${subject.bodies.join('、')}的负责人认真回答。`,
  ];
  const vice = person();
  for (const theme of subject.themes) {
    lines.push(`${theme}——`);
    for (let q = 0; q < 3 + Math.floor(rnd() * 2); q++) {
      const asker = rnd() < 0.2 ? `市人大常委会副主任${vice}` : `${person()}${rnd() < 0.8 ? '委员' : '代表'}`;
      lines.push(`${asker}提问:${fill(pick(ASKS))}`);
      const answerers = rnd() < 0.15 ? 2 : 1;
      for (let a = 0; a < answerers; a++) {
        lines.push(`${pick(subject.bodies)}应询回答:${fill(pick(SAYS))}${fill(pick(SAYS))}`);
        for (let p = 0; p < 1 + Math.floor(rnd() * 3); p++) lines.push(`${fill(pick(SAYS))}${fill(pick(SAYS))}`);
      }
    }
  }
  lines.push(`市政府副市长${person()}总体回应:`, `${fill(pick(SAYS))}${fill(pick(SAYS))}${fill(pick(SAYS))}`);
  const name = `${subject.key}-${city}-${date}-${n}`;
  return {
    name,
    transcript: `${lines.join('\n')}\n`,
    data: { key: `${subject.key.slice(0, 2)}${n}`, subject: subject.title, date },
  };
}

/** Chat-style questions about the synthetic hearings: a subject's words, a body, both, as people type them. */
export function syntheticQuestions(count: number): string[] {
  const rnd = random(4242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const forms = [
    '{a}怎么说',
    '{b}对{a}是怎么回答的',
    '关于{a}和{c}有什么举措',
    '{city}的{a}问了啥',
    '请问{a}进展如何？谢谢',
  ];
  return Array.from({ length: count }, () => {
    const subject = pick(SUBJECTS);
    return pick(forms)
      .replace('{a}', pick(subject.words))
      .replace('{b}', pick(subject.bodies))
      .replace('{c}', pick(subject.words))
      .replace('{city}', pick(CITIES));
  });
}

/**
 * Writes a data folder of `count` hearings: the real one (data/hearings) and `count - 1` synthetic ones, with the
 * project's glossary and pins, in the layout `npm run index` reads.
 */
export function writeArchive(dataDir: string, realDataDir: string, count: number): void {
  const hearings = join(dataDir, 'hearings');
  mkdirSync(hearings, { recursive: true });
  for (const file of ['glossary.json', 'pins.json', 'ledger.json', 'asking.json', 'cities.json']) {
    copyFileSync(join(realDataDir, file), join(dataDir, file));
  }
  for (const file of ['digital-economy-2023-09-13.txt', 'digital-economy-2023-09-13.json']) {
    copyFileSync(join(realDataDir, 'hearings', file), join(hearings, file));
  }
  for (let n = 0; n < count - 1; n++) addSynthetic(dataDir, n);
}

/** Writes the `n`-th synthetic hearing into a data folder (for the incremental build: one more hearing). */
export function addSynthetic(dataDir: string, n: number): void {
  const h = syntheticHearing(n);
  writeFileSync(join(dataDir, 'hearings', `${h.name}.txt`), h.transcript);
  writeFileSync(join(dataDir, 'hearings', `${h.name}.json`), `${JSON.stringify(h.data)}\n`);
}
