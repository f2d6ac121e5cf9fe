// Messages as people type them in a group chat, table-driven by kind: each gets its answer first, and near neighbours
// that the hearing does not cover get nothing at all. The examples are the team's own, not the evaluation set's.
import { describe, expect, it } from 'vitest';
import { sharedEngine } from './helpers.js';

const consult = (message: string) => sharedEngine().consult(message);
const firstAnswer = (message: string) => consult(message).answers[0]?.entry.id;

const KINDS: Record<string, [message: string, accepted: string[]][]> = {
  'a question tail (是怎么回事, 是啥意思, 说了啥)': [
    ['一标三实是怎么回事', ['q2']],
    ['汉融通是啥意思', ['q7']],
    ['包容审慎监管咋回事', ['q17']],
    ['光芯屏端网怎么讲的', ['q18']],
    ['天网工程说了啥', ['q6']],
    ['首席数字官是什么意思', ['q12']],
    ['5151人才工程是怎么回事', ['q4']],
  ],
  'greetings, a self-introduction and thanks around the question': [
    ['大家好，我是做跨境物流的，想问问汉融通平台能帮企业融资吗？多谢', ['q7']],
    ['各位老师晚上好！我在光谷一家软件公司上班。请教一下，武汉中国软件名城打算怎么建？辛苦了', ['q3']],
    ['您好，本人是区里的网格员，想了解下一标三实的工作怎么推进，谢谢', ['q2']],
    ['早上好，打扰一下，临空港网络安全人才怎么培养？感谢感谢', ['q14']],
    ['麻烦问下，长江禁渔的天网工程是谁负责的', ['q6']],
    ['各位领导好我是江岸区的想问一下中小企业数字化转型有什么支持谢谢', ['q4']],
    ['我想问下光谷的领军企业怎么培育谢谢大家', ['q12']],
  ],
  'a correction (不是问A，是问B)': [
    ['不是问农业，是问政府引导基金', ['q11']],
    ['刚才打错了，我想问的是智慧农业', ['q6']],
    ['我不问光谷了，想问临空港网安基地', ['q14']],
    ['说错了，不是统计局，是市场监管局怎么监管新业态', ['q17']],
    ['不是问软件名城而是问首席数字官', ['q12']],
  ],
  'two questions in one message': [
    ['车规级芯片是哪个部门讲的，几年做上去', ['q5']],
    ['市人大代表怎么选？经开区汽车产业怎么说', ['q5']],
    ['智慧农业谁回答的，有几个领域', ['q6']],
  ],
  'a misheard word (one character that sounds the same)': [
    ['一标三食是什么', ['q2']],
    ['智惠农业怎么搞', ['q6']],
    ['包荣审慎监管', ['q17']],
    ['首席数字关', ['q12']],
    ['城市运型管理平台', ['q13']],
    ['胡书华问了什么', ['q9']],
    ['光芯平端网', ['q18']],
    ['车规级新片', ['q5']],
    ['低成本算例服务', ['q9']],
  ],
  'people by surname and title, by title, by order': [
    ['龙副主任问了什么', ['q1']],
    ['黄委员关心的农业问题', ['q6']],
    ['李委员问的是什么', ['q8']],
    ['汪副市长怎么总结的', ['closing']],
    ['汪元程副市长讲的三个狠抓', ['closing']],
    ['市长讲了什么', ['closing']],
    ['那位姓樊的委员问了啥', ['q5']],
    ['第二个提问的问了啥', ['q2']],
    ['第三位代表问的什么', ['q17']],
    ['最后一个发问的是谁', ['q18']],
  ],
  'English words for the hearing’s terms': [
    ['smart agriculture怎么推进', ['q6']],
    ['cyber security人才怎么培养', ['q14']],
    ['open source软件', ['q3']],
    ['government guidance fund怎么投', ['q11']],
    ['SME数字化转型', ['q4']],
    ['digital finance头部企业', ['q7']],
  ],
  'a figure asked about': [
    ['每年引进多少家头部金融企业', ['q7']],
    ['软件园规划多少平方公里', ['q5']],
    ['名园争创多少个', ['q3']],
    ['培育多少名数字化转型专家', ['q4']],
    ['智能座舱芯片多少纳米', ['q5']],
  ],
  'a long message with a clear topic': [
    ['我是做餐饮的小老板，平时也关注政策。想问一下：中小企业数字化转型，市里有没有降低成本的办法？谢谢各位了', ['q4']],
    ['打扰了，我们单位在做智慧社区项目，想问问会上关于城市运行管理平台和数据壁垒是怎么说的？', ['q13']],
    ['打扰一下，我们村想在网上卖农产品，不知道市里有没有相关的支持，麻烦告知', ['q6']],
    ['麻烦问下汪副市长最后讲的三个狠抓分别是什么', ['closing']],
    ['大数据局说要打破数据壁垒，可我去办事还是要跑好几个窗口，啥时候能解决', ['q13']],
    // The topic is another item's (智能网联汽车 is in q9–q11), but the part that asks names the body asked about.
    [
      '我是开出租的，每天在路上跑，听说武汉要搞智能网联汽车和自动驾驶，经开区那边是怎么说的，以后会不会影响我们的饭碗啊',
      ['q5'],
    ],
  ],
};

describe.each(Object.entries(KINDS))('%s', (_, table) => {
  it.each(table)('%s → its answer first', (message, accepted) => {
    expect(accepted).toContain(firstAnswer(message));
  });
});

describe('out-of-scope near neighbours get nothing, not even a guess', () => {
  it.each([
    '明天会下雨吗',
    '武汉房价会涨吗',
    '数字人民币钱包怎么开',
    // A modifier of the hearing's (数字, 智慧) before a word it lacks is a new thing, not the hearing's topic.
    '数字人民币的试点推到哪了',
    '智慧停车试点',
    '数字藏品平台有没有规划',
    '地铁几号线到光谷',
    '地铁末班车几点',
    '市委书记说了什么',
    '李副主任讲了什么',
    '张副主任问了啥',
    '赵委员的问题',
    '第二十个提问的问了啥',
    'metaverse平台怎么样',
    'what is the weather like',
    '放假安排',
    '农村电网改造',
    '汉融桥',
    '谢谢大家辛苦了',
    '各位早上好',
  ])('%s', (message) => {
    expect(consult(message)).toMatchObject({ answers: [], guesses: [] });
  });
});

describe('two questions the hearing both covers', () => {
  it('answers each', () => {
    const ids = consult('汉融通是啥？光谷人才计划呢').answers.map((h) => h.entry.id);
    expect(ids.slice(0, 2).sort()).toEqual(['q12', 'q7']);
  });
});

describe('tiers', () => {
  it('offers up to three guesses, and only when there is no answer', () => {
    // Robots in a factory and a subsidy: the fund that invests in industrial robots (q11) first, support for small
    // firms' transformation (q4) among the others; none sure enough to answer.
    const { answers, guesses } = consult('工厂装机器人换人有没有补贴');
    expect(answers).toEqual([]);
    expect(guesses[0]?.entry.id).toBe('q11');
    expect(guesses.map((g) => g.entry.id)).toContain('q4');
    expect(guesses.length).toBeLessThanOrEqual(3);
    expect(guesses.every((g) => g.match === 'guess')).toBe(true);
  });

  it.each(['经开区汽车怎么说', '汉融通', '数字经济', '工厂装机器人换人有没有补贴', '陈副主任问了什么', '天气'])(
    '%s: answers or guesses, never both; each hit marked with its tier',
    (message) => {
      const { answers, guesses } = consult(message);
      expect(answers.length === 0 || guesses.length === 0).toBe(true);
      expect(answers.every((h) => h.match === 'answer')).toBe(true);
      expect(guesses.every((h) => h.match === 'guess')).toBe(true);
    },
  );

  it('search() keeps its meaning: the answers only', () => {
    expect(sharedEngine().search('工厂装机器人换人有没有补贴')).toEqual([]);
    expect(
      sharedEngine()
        .search('汉融通')
        .map((h) => h.entry.id),
    ).toEqual(consult('汉融通').answers.map((h) => h.entry.id));
  });
});
