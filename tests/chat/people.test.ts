// Dialogues about people, order, kinds of member, the closing, other places, pronoun follow-ups and dialect words
// (issue 19's tables, in wordings of our own), through the real conversation and engine.
import { describe, expect, it } from 'vitest';
import { shownIds } from '../../bench/labelled.js';
import { createConversation } from '../../src/chat/conversation.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import type { Reply } from '../../src/chat/reply.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { sharedEngine } from '../search/helpers.js';

const engine = sharedEngine();
const commitments = loadCommitments();

/** One private chat: each message's reply, its text and the items it shows. */
function chat() {
  let time = Date.parse('2024-05-01T08:00:00Z');
  const conversation = createConversation({ engine, commitments, now: () => new Date(time) });
  return async (text: string) => {
    time += 5_000;
    const { reply } = await conversation.respond({ text, chat: 'private', userId: 'u', chatId: 'c' });
    return { reply, text: reply ? renderPlain(reply, Number.MAX_SAFE_INTEGER).join('\n') : '', ids: shownIds(reply) };
  };
}
const once = async (text: string) => chat()(text);
const firstShown = (reply: Reply | null) => (reply?.kind === 'answer' ? reply.items[0]?.id : undefined);

describe('who asked, which body answered a topic', () => {
  it.each([
    ['智慧农业是谁提出来的', '黄兆义', '市农业农村局', 'q6'],
    ['数据治理归哪个单位答', '朱库成', '市政务服务大数据局', 'q13'],
    ['Which department answered about the software industry?', '李江颖', '市经信局', 'q3'],
    ['谁问了政府引导基金', '刘成奎', '市财政局', 'q11'],
    ['光谷人才计划是哪家说的', '杨安', '东湖高新区管委会', 'q12'],
  ])('%s: one line naming %s and %s, with the item to open', async (message, asker, body, id) => {
    const { reply, text, ids } = await once(message);
    expect(reply?.kind).toBe('list');
    expect(text).toContain(asker);
    expect(text).toContain(body);
    expect(ids).toEqual([id]);
  });

  it('who said something of the closing: the vice mayor, not an asker (数字 is part of the topic, no cue)', async () => {
    const { reply, text } = await once('数字经济一线城市是谁说的');
    expect(reply?.kind).toBe('list');
    expect(text).toContain('汪元程');
    expect(text).toContain('总体回应');
  });
});

describe('a person with a topic', () => {
  it.each(['文委员问的什么', '张委员问了什么'])(
    '%s: a member the hearing does not have is not found, not every 委员 listed',
    async (message) => {
      expect((await once(message)).reply?.kind).toBe('not-found');
    },
  );

  it.each([
    ['陈主任问中小企业数字化那一问', 'q4'],
    ['陈主任关心政策效果的那个', 'q15'],
    ['胡主任问嘞么事', 'q9'],
    ['有位代表问过网络安全人才，怎么答的', 'q14'],
  ])('%s → %s', async (message, id) => {
    expect(firstShown((await once(message)).reply)).toBe(id);
  });

  it.each([
    ['陈主任说企业转型的那一问', ['q4']],
    ['陈副主任问小企业的那条怎么答的', ['q4']],
    ['陈主任问了什么', ['q4', 'q15']],
  ])('%s shows %j: the topic picks between the two 陈, and without one both are shown', async (message, ids) => {
    expect((await once(message)).ids).toEqual(ids);
  });
});

describe('sets and order', () => {
  it.each([
    ['三位代表都问了啥', ['q3', 'q14', 'q17']],
    ['Which questions did the deputies ask?', ['q3', 'q14', 'q17']],
    ['当副主任的那几位各提了什么', ['q1', 'q4', 'q9', 'q13', 'q15']],
    ['委员一共问了几个', ['q2', 'q5', 'q6', 'q7', 'q8', 'q10', 'q11', 'q12', 'q16', 'q18']],
    ['市经信局都回答了哪些', ['q1', 'q3', 'q4', 'q15']],
    ['数字化治理能力那部分的问答', ['q13', 'q14']],
    ['各个开发区是怎么答的', ['q5', 'q12', 'q14']],
    ['前三个问题都是谁问的', ['q1', 'q2', 'q3']],
    ['最后两个提问', ['q17', 'q18']],
    ['头两位代表问了什么', ['q3', 'q14']],
    ['副主任和代表各问了什么', ['q1', 'q3', 'q4', 'q9', 'q13', 'q14', 'q15', 'q17']],
  ])('%s lists %j in order, with the count', async (message, expected) => {
    const { ids, text } = await once(message);
    expect(ids).toEqual(expected);
    expect(text).toMatch(/共[一二两三四五六七八九十]+个问题/);
  });

  it('一共分几个主题 lists the five themes, not the eighteen questions', async () => {
    const { text } = await once('一共分几个主题');
    expect(text).toContain('5个主题');
    expect(text).toContain('加快提升数字化治理能力');
    expect(text).not.toContain('共十八个问题');
  });

  it.each(['答复单位有哪些', '一共有多少个部门回答', '被问得最多的是哪个部门'])(
    '%s lists the answering bodies with how many questions each answered',
    async (message) => {
      const { text } = await once(message);
      expect(text).toContain('16个答复单位');
      expect(text).toMatch(/市经信局 4问/);
    },
  );

  it('哪个部门答的数据壁垒 still asks which body answered a topic, not for every body', async () => {
    const { text, ids } = await once('数据壁垒是哪个部门答的');
    expect(ids).toEqual(['q13']);
    expect(text).not.toContain('答复单位：');
  });

  it.each(['第十九个问题', '第一百个'])('%s: there are only eighteen, said in one line', async (message) => {
    const { reply, text } = await once(message);
    expect(reply?.kind).toBe('list');
    expect(text).toContain('一共只有十八个');
  });

  it.each([
    ['第三个主题第二个问题', 'q10'],
    ['第二部分的最后一个问题', 'q8'],
  ])('%s opens that item of the theme', async (message, id) => {
    expect(firstShown((await once(message)).reply)).toBe(id);
  });

  it.each(['我们公司是第一批做数字化转型的中小企业，有什么支持', '第一次听说汉融通，是干啥的'])(
    '%s: 第一批 and 第一次 are no place in the order',
    async (message) => {
      expect((await once(message)).ids).not.toContain('q1');
    },
  );

  it('前两个月 is a time, not a run of the order', async () => {
    const { reply } = await once('前两个月出台的政策落实得怎么样');
    expect(firstShown(reply)).toBe('q15');
  });

  it('总共问了多少个 lists all eighteen and says so', async () => {
    const { ids, text } = await once('总共问了多少个问题');
    expect(ids).toHaveLength(18);
    expect(text).toContain('共十八个问题');
  });

  it.each([
    ['第三个问题谁提的', '李江颖'],
    ['第十个发言的委员是谁', '魏静'],
    ['第一个提问的代表是谁', '李江颖'],
  ])('%s names %s', async (message, name) => {
    expect((await once(message)).text).toContain(name);
  });

  it.each([
    ['倒数第三个问题', 'q16'],
    ['最后一个问题讲的啥', 'q18'],
  ])('%s shows %s', async (message, id) => {
    expect(firstShown((await once(message)).reply)).toBe(id);
  });
});

describe('the closing, asked any way', () => {
  it.each(['王市长收尾咋讲的', '市领导会议结束前说了啥', '最后表态', '政府最后怎么拍板的', '收官的时候政府说了啥'])(
    '%s',
    async (message) => {
      expect(firstShown((await once(message)).reply)).toBe('closing');
    },
  );
});

describe('titles that name someone else', () => {
  it.each([
    ['我是企业代表，想问汉融通是啥', 'q7'],
    ['我们几个企业代表想知道软件名城怎么建', 'q3'],
  ])('%s: a company’s 代表 is no deputy, the topic is answered (%s)', async (message, id) => {
    const { reply } = await once(message);
    expect(firstShown(reply)).toBe(id);
  });
});

describe('another place or year', () => {
  it.each(['深圳的智算中心进展如何', '上海的软件名城怎么建', '2019年专题询问问了什么'])(
    '%s is out of scope: no answer from this hearing',
    async (message) => {
      const { reply } = await once(message);
      expect(reply?.kind).toBe('not-found');
    },
  );

  it('武汉和苏州比还缺什么 is answered', async () => {
    expect((await once('武汉和苏州比还缺什么')).reply?.kind).toBe('answer');
  });
});

describe('pronoun follow-ups', () => {
  it('他提的啥 · 她是什么职务 · 叫什么名字 · 这个单位别的还答了什么', async () => {
    const say = chat();
    expect((await say('谁问的数字金融')).text).toContain('程宏刚');
    expect(firstShown((await say('他提的啥')).reply)).toBe('q7');
    const say2 = chat();
    await say2('服务业数字化是哪个部门答的');
    const role = await say2('她是什么职务');
    expect(firstShown(role.reply)).toBe('q8');
    expect(role.text).toContain('李蕾委员');
    expect((await say2('叫什么名字')).text).toContain('李蕾');
    expect((await say2('这个单位别的还答了什么')).ids).toEqual(['q8']);
  });

  it('谁问的 with a topic the hearing lacks is not about the answer just shown', async () => {
    const say = chat();
    await say('汉融通是啥');
    const { reply } = await say('谁问的房价');
    expect(reply?.kind).toBe('not-found');
    expect((await say('他全名叫啥')).text).toContain('程宏刚');
  });

  it('这个部门还答了啥 lists everything the body answered', async () => {
    const say = chat();
    await say('中小企业数字化转型是哪个部门答的');
    expect((await say('这个部门还答了啥')).ids).toEqual(['q1', 'q3', 'q4', 'q15']);
  });

  it('她还问了别的吗 lists what that person asked, not what the body answered', async () => {
    const say = chat();
    await say('中小企业数字化转型有没有补贴');
    const hers = await say('她还问了别的吗');
    expect(hers.ids).toEqual(['q4']);
    expect(hers.text).toContain('陈光菊提了1个问题');
  });

  it("人大代表都问了啥 after a 代表's item is the set of the three 代表, not that one person again", async () => {
    const say = chat();
    await say('第三个问题');
    expect((await say('人大代表都问了啥')).ids).toEqual(['q3', 'q14', 'q17']);
  });

  it('总共问了多少个 after an answer counts the questions, not the figures of the answer shown', async () => {
    const say = chat();
    await say('最后一个问题');
    const counted = await say('总共问了多少个');
    expect(counted.text).toMatch(/^共十八个问题/);
    await say('智慧农业怎么搞');
    expect((await say('有什么具体数字')).reply?.kind).toBe('commitments');
  });

  it('a figure asked with a word the glossary reads as the answer’s own (培养 for 培育) stays on that answer', async () => {
    const say = chat();
    expect((await say('5151人才工程')).ids).toEqual(['q4']);
    const { reply, text } = await say('具体培养多少人');
    expect(reply?.kind).toBe('commitments');
    expect(text).toContain('q4');
  });

  it('第二个有什么目标 after a list: the commitments of that line’s item', async () => {
    const say = chat();
    await say('市经信局答了哪些');
    const { reply, text } = await say('第二个有什么目标');
    expect(reply?.kind).toBe('commitments');
    expect(text).toContain('q3');
  });

  it('naming someone else of the same body (那陈新垓副主任问的那个) is not about the answer shown', async () => {
    const say = chat();
    await say('陈光菊问的中小企业那个');
    expect((await say('那陈新垓副主任问政策的那个怎么答的')).ids).toEqual(['q15']);
  });

  it('具体怎么做, 在哪建 after an answer ask about that answer; 你是谁 is still said to the bot', async () => {
    for (const follow of ['具体怎么做', '在哪建']) {
      const say = chat();
      await say('网安学院');
      expect((await say(follow)).ids).toEqual(['q14']);
    }
    const say = chat();
    await say('网安学院');
    expect((await say('你是谁')).reply?.kind).toBe('introduction');
  });

  it('另外那位陈主任呢: the other of the two 陈', async () => {
    const say = chat();
    const both = await say('陈主任问了什么');
    const [first, second] = both.ids;
    expect([first, second].sort()).toEqual(['q15', 'q4']);
    expect(firstShown((await say('另外那位陈主任呢')).reply)).toBe(second);
  });

  it('倒数第二个 and bare numbers count in the last list', async () => {
    const say = chat();
    await say('副主任们问了什么');
    expect(firstShown((await say('倒数第二个')).reply)).toBe('q13');
    expect((await say('中间那个是谁问的')).text).toContain('胡树华');
    expect(firstShown((await say('2')).reply)).toBe('q4');
  });

  it('有什么目标 after an answer: that answer’s commitments', async () => {
    const say = chat();
    await say('樊委员问的汽车产业');
    const { reply } = await say('有啥目标和时间表');
    expect(reply?.kind).toBe('commitments');
    expect(reply?.kind === 'commitments' && new Set(reply.items.map((c) => c.id))).toEqual(new Set(['q5']));
  });
});

describe('dialect and spoken question words', () => {
  it.each([
    ['数字农业那块搞么斯', 'q6'],
    ['汉融通么样用撒', 'q7'],
    ['中小企业冇得技术转型么样办', 'q4'],
    ['统计局对现状有咩评价', 'q18'],
    ['引导基金系点样投嘅', 'q11'],
    ['东湖高新区有冇讲人才计划', 'q12'],
    ['成果转化咋整', 'q9'],
    ['经开区的智能座舱搞么事', 'q5'],
    ['不晓得智慧农业搞得么样了', 'q6'],
    ['唔该问下汉融通系咩', 'q7'],
    ['点解要搞数字金融', 'q7'],
    ['软件名城几时建成', 'q3'],
    ['未来科技城建来干嘛用', 'q12'],
    ['汉融通有啥用', 'q7'],
  ])('%s → %s', async (message, id) => {
    expect(firstShown((await once(message)).reply)).toBe(id);
  });
});
