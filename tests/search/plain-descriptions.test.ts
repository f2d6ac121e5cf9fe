// Plain descriptions of the hearing's topics, in none of its words (电脑里再造一座城 for the city model, 把发明变成钱 for
// turning research into products), answered with the item a reader of the transcript would pick; plain questions about
// things the hearing does not cover get nothing. The messages are the team's own, written from the transcript.
import { describe, expect, it } from 'vitest';
import { sharedEngine } from './helpers.js';

const consult = (message: string) => sharedEngine().consult(message);
const firstAnswer = (message: string) => consult(message).answers[0]?.entry.id;

/** Item → how people describe its topic in a chat, without the hearing's terms. */
const DESCRIPTIONS: Record<string, string[]> = {
  q1: [
    '手机上网老是卡，信号塔建够了没',
    '我们小区手机老是没信号，啥时候多装几个基站',
    '家里网速太慢了，基站能不能多建点',
    '搞大模型要的那种超大电脑武汉够不够',
  ],
  q2: [
    '电脑里再造一座城',
    '每家每户的门牌和住的人都录进系统',
    '每栋楼住了谁开了什么店都登记清楚',
    '全市的楼房都做成立体模型放电脑上',
    '门牌和住户信息统一登记那个事',
  ],
  q3: ['怎么让武汉写代码的行业出名', '武汉做软件的公司怎么做大', '在武汉当程序员有没有出路', '软件园区建在哪几个地方'],
  q4: [
    '小老板用不起那些电脑管理系统怎么办',
    '小厂子想用电脑管生产但是没钱',
    '小老板们不敢花钱搞数字化',
    '小公司转线上政府给不给补贴',
  ],
  q5: [
    '武汉造的车以后能不能像手机一样升级',
    '车里的芯片能不能自己造',
    '沌口那边造车的怎么跟互联网搭上',
    '车上的大屏和芯片能不能自己做',
    '汽车电池和氢燃料有什么新动作',
  ],
  q6: [
    '种田怎么变得更聪明',
    '长江不让打鱼了谁盯着',
    '扫码就知道这个米是哪里产的',
    '乡下的土特产怎么卖到城里',
    '村里种地的能不能用上无人机',
  ],
  q7: [
    '银行怎么知道小公司靠不靠得住',
    '给小公司打分放贷的平台',
    '在网上借钱的公司武汉要不要多引几家',
    '给企业打分好让银行放贷',
    '做生意的想在手机上贷款方不方便',
  ],
  q8: [
    '出门十分钟就能买菜看病',
    '机器人照顾老人有没有试点',
    '吃喝玩乐的店怎么搬到网上',
    '开饭店的怎么用网上平台',
    '家里老人没人照顾有没有机器人帮忙',
  ],
  q9: [
    '把发明变成钱',
    '实验室里的东西怎么走出实验室',
    '搞出新东西没人敢用怎么办',
    '大学教授的发明怎么变成产品',
    '无人驾驶汽车能不能在路上试',
    '研究院搞出来的技术怎么走向市场',
  ],
  q10: ['缺哪块补哪块，把上下游的厂子拉过来', '去沿海拉企业来武汉投资', '上下游配套企业不够怎么引进来'],
  q11: ['政府拿钱入股科技公司', '政府出钱投资高科技公司', '财政的钱投到机器人工厂'],
  q12: ['光谷怎么把企业聚到一块', '关山那一片怎么培养大公司', '在光谷怎么留住高学历人才'],
  q13: [
    '一个事情在几个系统里重复填',
    '开个证明要跑好几个部门',
    '办个事要跑好几个窗口交一堆材料',
    '各部门的电脑系统互不相通',
  ],
  q14: ['黑客越来越多，防黑客的人从哪来', '吴家山那边搞网络安全学校', '学校和企业一起培养防病毒的人'],
  q15: ['政府发的扶持政策有没有落到企业手里', '出台的扶持文件到底有没有用', '政策是不是该改改了跟不上形势'],
  q16: ['政府自己的公司怎么搞数字化', '政府办的企业怎么用数字化改造', '国营厂子的生产怎么用上电脑管理'],
  q17: ['新出来的行业先别管死', '网上卖东西吹得天花乱坠谁管', '新冒出来的网上行业先别管太严', '大平台欺负小商家怎么办'],
  q18: ['跟人家比武汉差在哪', '武汉数字这块在全国排第几', '武汉数字行业的家底到底怎么样', '武汉做硬件和做软件的哪个强'],
};

/**
 * Everyday questions next to the hearing's topics that it does not cover: housing, transport, papers, crime, health,
 * weather, wages, and the shops, food and deliveries of daily life (a service trade named is no question about the
 * service industry's move online).
 */
const OUT_OF_SCOPE = [
  '房价会不会降',
  '地铁什么时候修到我家',
  '数字人民币怎么用',
  '小区停车位不够怎么办',
  '户口怎么迁',
  '身份证丢了怎么补办',
  '被电信诈骗了怎么办',
  '小区有小偷谁管',
  '黄鹤楼门票多少钱',
  '医院挂号难怎么办',
  '房租太贵了怎么办',
  '公交车太挤了',
  '医保报销比例是多少',
  '明天会不会下雨',
  '小区楼下有人偷电动车',
  '老人坐公交免费吗',
  '红绿灯时间太短',
  '快递丢了找谁',
  '房子漏水找谁维修',
  '小龙虾多少钱一斤',
  '银行卡丢了怎么挂失',
  '保险公司不赔怎么办',
  '工资被拖欠怎么维权',
  '地铁什么时候通到光谷东',
  '养老金什么时候涨',
  '小区停车收费太贵',
  '晚上地铁几点停运',
  '周末去哪里玩',
  '商场打折是真的吗',
  '招聘会在哪开',
  '早上公交太挤',
];

describe('a plain description of a topic', () => {
  const cases = Object.entries(DESCRIPTIONS).flatMap(([id, messages]) => messages.map((m) => [m, id] as const));

  it.each(cases)('「%s」 is answered with %s first', (message, id) => {
    expect(firstAnswer(message)).toBe(id);
  });
});

describe('a plain question the hearing does not cover', () => {
  it.each(OUT_OF_SCOPE)('「%s」 is answered by nothing', (message) => {
    expect(consult(message).answers).toEqual([]);
  });
});
