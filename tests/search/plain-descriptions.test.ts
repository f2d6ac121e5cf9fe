// Plain descriptions of the hearing's topics, in none of its words (电脑里再造一座城 for the city model, 把发明变成钱 for
// turning research into products), answered with the item a reader of the transcript would pick; plain questions about
// things the hearing does not cover get nothing. The messages are the team's own, written from the transcript.
import { describe, expect, it } from 'vitest';
import { sharedEngine } from './helpers.js';

const consult = (message: string) => sharedEngine().consult(message);
const firstAnswer = (message: string) => consult(message).answers[0]?.entry.id;

/** Item → how people describe its topic in a chat, without the hearing's terms. */
const DESCRIPTIONS: Record<string, string[]> = {
  q1: ['手机上网老是卡，信号塔建够了没'],
  q2: ['电脑里再造一座城', '每家每户的门牌和住的人都录进系统'],
  q3: ['怎么让武汉写代码的行业出名'],
  q4: ['小老板用不起那些电脑管理系统怎么办'],
  q5: ['武汉造的车以后能不能像手机一样升级', '车里的芯片能不能自己造'],
  q6: ['种田怎么变得更聪明', '长江不让打鱼了谁盯着', '扫码就知道这个米是哪里产的'],
  q7: ['银行怎么知道小公司靠不靠得住', '给小公司打分放贷的平台'],
  q8: ['出门十分钟就能买菜看病', '机器人照顾老人有没有试点'],
  q9: ['把发明变成钱', '实验室里的东西怎么走出实验室', '搞出新东西没人敢用怎么办'],
  q10: ['缺哪块补哪块，把上下游的厂子拉过来'],
  q11: ['政府拿钱入股科技公司'],
  q12: ['光谷怎么把企业聚到一块'],
  q13: ['一个事情在几个系统里重复填', '开个证明要跑好几个部门'],
  q14: ['黑客越来越多，防黑客的人从哪来'],
  q15: ['政府发的扶持政策有没有落到企业手里'],
  q16: ['政府自己的公司怎么搞数字化'],
  q17: ['新出来的行业先别管死', '网上卖东西吹得天花乱坠谁管'],
  q18: ['跟人家比武汉差在哪', '武汉数字这块在全国排第几'],
};

/** Everyday questions next to the hearing's topics that it does not cover: housing, transport, papers, crime, health. */
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
