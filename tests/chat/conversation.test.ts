// The conversation layer against the real hearing: every command and alias, questions, not-found, bad input, group etiquette.
import { describe, expect, it } from 'vitest';
import { createConversation, type IncomingMessage } from '../../src/chat/conversation.js';
import { createRateLimiter } from '../../src/chat/rate-limit.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import type { Reply } from '../../src/chat/reply.js';
import type { MissesLog } from '../../src/chat/staff-logs.js';
import { loadEngine } from '../../src/search/engine.js';

const engine = loadEngine();
const conversation = createConversation({
  engine,
  onError: (error) => {
    throw error;
  },
});

const say = async (text: string, extra: Partial<IncomingMessage> = {}): Promise<Reply | null> =>
  (await conversation.respond({ text, chat: 'private', userId: 'u1', chatId: 'c1', ...extra })).reply;

type Answer = Extract<Reply, { kind: 'answer' }>;
async function answer(text: string): Promise<Answer> {
  const reply = await say(text);
  if (reply?.kind !== 'answer')
    throw new Error(`expected an answer to ${JSON.stringify(text)}, got ${JSON.stringify(reply)}`);
  return reply;
}
/** id, asker, body of every item shown in full. */
const shown = (reply: Answer) => reply.items.map((i) => [i.id, i.asker.name, i.body]);

/** Every answering body with the askers it answered, from the transcript. */
const BODY_ANSWERS: Record<string, Array<[string, string]>> = {
  市经信局: [
    ['q1', '龙良文'],
    ['q3', '李江颖'],
    ['q4', '陈光菊'],
    ['q15', '陈新垓'],
  ],
  市城建局: [['q2', '谭刚毅']],
  经开区管委会: [['q5', '樊志宏']],
  市农业农村局: [['q6', '黄兆义']],
  市地方金融局: [['q7', '程宏刚']],
  市发改委: [['q8', '李蕾']],
  市科技局: [['q9', '胡树华']],
  市商务局: [['q10', '魏静']],
  市财政局: [['q11', '刘成奎']],
  东湖高新区管委会: [['q12', '杨安']],
  市政务服务大数据局: [['q13', '朱库成']],
  临空港开发区管委会: [['q14', '王康']],
  市政府国资委: [['q16', '邹薇']],
  市市场监管局: [['q17', '李鸣']],
  市统计局: [['q18', '项明武']],
  市政府: [['closing', '汪元程']],
};

describe('questions', () => {
  it.each([
    ['经开区汽车怎么说', 'q5', '樊志宏', '经开区管委会'],
    ['經開區汽車怎麼說', 'q5', '樊志宏', '经开区管委会'],
    ['@hearing_bot 经开区汽车怎么说', 'q5', '樊志宏', '经开区管委会'],
    ['汉融通', 'q7', '程宏刚', '市地方金融局'],
    ['软件名城怎么样', 'q3', '李江颖', '市经信局'],
    ['数据壁垒如何打破', 'q13', '朱库成', '市政务服务大数据局'],
    ['养老', 'q8', '李蕾', '市发改委'],
    ['中小企业数字化转型', 'q4', '陈光菊', '市经信局'],
    ['网络安全人才', 'q14', '王康', '临空港开发区管委会'],
    ['政府引导基金', 'q11', '刘成奎', '市财政局'],
    ['监管模式', 'q17', '李鸣', '市市场监管局'],
    ['数字农业', 'q6', '黄兆义', '市农业农村局'],
    ['光谷人才', 'q12', '杨安', '东湖高新区管委会'],
  ])('%j → %s asked by %s, answered by %s, in full and verbatim', async (text, id, asker, body) => {
    const reply = await answer(text);
    expect(reply.source).toBe('search');
    expect(shown(reply)).toEqual([[id, asker, body]]);
    const entry = engine.entries.find((e) => e.id === id)!;
    expect(reply.items[0]!.paragraphs).toEqual(entry.kind === 'qa' ? entry.answer : entry.paragraphs);
    expect(reply.items[0]!.question).toBe(entry.kind === 'qa' ? entry.question : null);
    expect(reply.related.map((r) => r.id)).not.toContain(id);
  });

  it('offers other good matches as /q commands with body and a short question', async () => {
    const reply = await answer('软件名城怎么样');
    expect(reply.related).toEqual([expect.objectContaining({ id: 'q10', body: '市商务局', command: '/q 10' })]);
    expect([...reply.related[0]!.short].length).toBeLessThanOrEqual(20);
  });

  it('follows up with the body, theme and list', async () => {
    expect((await answer('软件名城怎么样')).suggestions.map((s) => s.command)).toEqual([
      '/dept 市经信局',
      '/topic 1',
      '/list',
    ]);
    expect((await answer('汉融通')).suggestions.map((s) => s.command)).toEqual(['/topic 2', '/list']);
  });

  it.each([
    ['经信局', 'dept', ['q1', 'q3', 'q4', 'q15']],
    ['光谷', 'dept', ['q12']],
    ['朱库成', 'who', ['q13']],
    ['汪元程', 'who', ['closing']],
  ])('a bare name %j shows everything of that %s', async (text, source, ids) => {
    const reply = await answer(text);
    expect(reply.source).toBe(source);
    expect(reply.items.map((i) => i.id)).toEqual(ids);
  });

  it.each(['今天天气怎么样', '房价', '疫情防控', '教育怎么说'])(
    '%j gets a kind not-found, never an unrelated answer',
    async (text) => {
      const reply = await say(text);
      expect(reply).toMatchObject({ kind: 'not-found', what: 'question', query: text });
      expect(reply?.kind === 'not-found' && reply.suggestions.map((s) => s.command)).toEqual([
        '/topic',
        '/dept',
        '经开区汽车怎么说',
      ]);
    },
  );
});

describe('a question with a name one character wrong', () => {
  it.each([
    // Homophones (经信句, 王元程, 智汇农业) are answered by the engine; these are one character wrong in sound too.
    ['经信厅有啥措施', ['/dept 市经信局']],
    ['汪天程说了啥', ['/who 汪元程']],
    ['园资委', ['/dept 市政府国资委']],
    ['软件名册', ['软件名城', '软件名园']],
    ['智力农业', ['智慧农业']],
  ])('%j gets not-found with %j to try, never a guessed answer', async (text, commands) => {
    const reply = await say(text);
    expect(reply).toMatchObject({ kind: 'not-found', what: 'question' });
    expect(reply?.kind === 'not-found' && reply.suggestions.map((s) => s.command)).toEqual(commands);
  });
});

describe('one message asking for several things (the README promises each)', () => {
  it.each([
    ['汉融通是啥？光谷人才计划呢', ['q7', 'q12']],
    ['陈副主任问了什么', ['q4', 'q15']],
    ['经开区汽车怎么说', ['q5']],
  ])('%j shows %j in full', async (text, ids) => {
    expect((await answer(text)).items.map((i) => i.id)).toEqual(ids);
  });

  it('a second sentence that several answers fit equally adds none of them', async () => {
    // 「打算几年把规模做大」 alone fits q3 and q18 as well: it settles nothing, so one item is shown, others linked.
    expect((await answer('智能座舱芯片做到几纳米？打算几年把规模做大')).items).toHaveLength(1);
  });
});

describe('greetings and thanks', () => {
  it.each(['你好', '大家好', '在吗'])('%j gets what the bot can do, not "nothing matches"', async (text) => {
    expect((await say(text))?.kind).toBe('help');
  });

  it.each(['谢谢', '收到', '好的', '谢谢！'])(
    '%j gets one short line in a private chat and nothing in a group',
    async (text) => {
      const reply = await say(text);
      expect(reply?.kind).toBe('acknowledgement');
      expect(renderPlain(reply!).join('\n').split('\n')).toHaveLength(1);
      const inGroup = await conversation.respond({ text, chat: 'group', userId: 'g', chatId: 'g', addressed: true });
      expect(inGroup.reply).toBeNull();
    },
  );

  it('你是谁 gets a three-line introduction naming the hearing', async () => {
    const lines = renderPlain((await say('你是谁'))!)
      .join('\n')
      .split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('加快发展数字经济');
  });

  it.each(['谁问的', '还有呢', '不对'])(
    '%j as a first message: one line saying there is nothing to follow, with an example',
    async (text) => {
      const reply = await conversation.respond({ text, chat: 'private', userId: text, chatId: `first-${text}` });
      const lines = renderPlain(reply.reply!).join('\n').split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('经开区汽车怎么说');
    },
  );
});

describe('/dept', () => {
  it.each(Object.entries(BODY_ANSWERS))('/dept %s → its answers, in order, with askers', async (body, expected) => {
    const reply = await answer(`/dept ${body}`);
    expect(reply.source).toBe('dept');
    expect(shown(reply)).toEqual(expected.map(([id, asker]) => [id, asker, body]));
  });

  it.each([
    ['经信局', '市经信局'],
    ['武汉市经济和信息化局', '市经信局'],
    ['經信局', '市经信局'],
    ['武汉市经信局', '市经信局'],
    ['市场监督管理局', '市市场监管局'],
    ['市场监管局', '市市场监管局'],
    ['光谷', '东湖高新区管委会'],
    ['东湖高新', '东湖高新区管委会'],
    ['大数据局', '市政务服务大数据局'],
    ['市大数据局', '市政务服务大数据局'],
    ['经开区', '经开区管委会'],
    ['市经开区', '经开区管委会'],
    ['车谷', '经开区管委会'],
    ['城建局', '市城建局'],
    ['金融局', '市地方金融局'],
    ['发改委', '市发改委'],
    ['国资委', '市政府国资委'],
    ['临空港', '临空港开发区管委会'],
    ['統計局', '市统计局'],
    ['经信局的回答', '市经信局'],
    // contains the alias 发改
    ['发改局', '市发改委'],
  ])('%j means %s', async (name, body) => {
    expect(new Set((await answer(`/dept ${name}`)).items.map((i) => i.body))).toEqual(new Set([body]));
  });

  it.each([
    ['经心局', ['/dept 市经信局']],
    ['商物局', ['/dept 市商务局']],
    ['城建居', ['/dept 市城建局']],
    ['统计厅', ['/dept 市统计局']],
    ['管委会', ['/dept 经开区管委会', '/dept 东湖高新区管委会', '/dept 临空港开发区管委会']],
  ])('near miss %j → did you mean %j', async (name, commands) => {
    const reply = await say(`/dept ${name}`);
    expect(reply).toMatchObject({ kind: 'did-you-mean', what: 'dept', query: name });
    expect(reply?.kind === 'did-you-mean' && reply.candidates.map((c) => c.command)).toEqual(commands);
  });

  it.each(['教育局', '天气', 'x'])('unknown body %j → not-found pointing at /dept', async (name) => {
    expect(await say(`/dept ${name}`)).toMatchObject({
      kind: 'not-found',
      what: 'dept',
      query: name,
      suggestions: [{ command: '/dept' }],
    });
  });

  it('alone lists every body with how many answers it gave', async () => {
    const reply = await say('/dept');
    expect(reply?.kind).toBe('list');
    if (reply?.kind !== 'list') return;
    expect(reply.lines.map((l) => [l.key, l.cells[0]])).toEqual(
      Object.entries(BODY_ANSWERS).map(([body, answers]) => [
        body,
        body === '市政府' ? '总体回应' : `${answers.length}问`,
      ]),
    );
    expect(reply.lines[0]!.command).toBe('/dept 市经信局');
  });

  it.each(['部门 市经信局', '部门：经信局', '/dept@hearing_bot 经信局'])('%j works like /dept', async (text) => {
    expect(shown(await answer(text))).toEqual(BODY_ANSWERS.市经信局!.map(([id, asker]) => [id, asker, '市经信局']));
  });
});

describe('/who', () => {
  it.each([
    ['朱库成', 'q13', '市政务服务大数据局'],
    ['樊志宏委员', 'q5', '经开区管委会'],
    ['龍良文', 'q1', '市经信局'],
    ['市人大常委会副主任陈新垓', 'q15', '市经信局'],
    ['李蕾', 'q8', '市发改委'],
    ['汪元程', 'closing', '市政府'],
  ])('/who %s → %s answered by %s', async (name, id, body) => {
    const reply = await answer(`/who ${name}`);
    expect(reply.items.map((i) => [i.id, i.body])).toEqual([[id, body]]);
  });

  it.each([
    ['谁问了朱库成', 'q13'],
    ['谁问了 樊志宏', 'q5'],
    ['提问人 王康', 'q14'],
  ])('%j works like /who', async (text, id) => {
    expect((await answer(text)).items.map((i) => i.id)).toEqual([id]);
  });

  it.each([
    ['龙良问', ['/who 龙良文']],
    ['李雷', ['/who 李蕾', '/who 李鸣']],
    ['陈', ['/who 陈光菊', '/who 陈新垓']],
    ['李', ['/who 李江颖', '/who 李蕾', '/who 李鸣']],
  ])('near miss or surname %j → did you mean %j', async (name, commands) => {
    const reply = await say(`/who ${name}`);
    expect(reply?.kind === 'did-you-mean' && reply.candidates.map((c) => c.command)).toEqual(commands);
  });

  it('a surname only one asker has → that asker', async () => {
    const reply = await say('/who 胡');
    expect(reply?.kind === 'answer' && reply.items.map((i) => i.id)).toEqual(['q9']);
  });

  it('unknown person → not-found', async () => {
    expect(await say('/who 张三')).toMatchObject({ kind: 'not-found', what: 'who', query: '张三' });
  });

  it('alone lists the 18 askers with titles, and the closing speaker', async () => {
    const reply = await say('/who');
    if (reply?.kind !== 'list') throw new Error(`expected a list, got ${reply?.kind}`);
    expect(reply.lines).toHaveLength(19);
    expect(reply.lines[0]).toMatchObject({
      key: '龙良文',
      cells: ['市人大常委会副主任', 'q1 答：市经信局'],
      command: '/who 龙良文',
    });
    expect(reply.lines[1]).toMatchObject({ key: '谭刚毅', cells: ['委员', 'q2 答：市城建局'] });
    expect(reply.lines[18]).toMatchObject({ key: '汪元程', cells: ['市政府副市长', '总体回应'] });
  });
});

describe('/topic', () => {
  it.each([
    ['1', ['q1', 'q2', 'q3']],
    ['2', ['q4', 'q5', 'q6', 'q7', 'q8']],
    ['二', ['q4', 'q5', 'q6', 'q7', 'q8']],
    ['3', ['q9', 'q10', 'q11', 'q12']],
    ['治理', ['q13', 'q14']],
    ['发展环境', ['q15', 'q16', 'q17', 'q18']],
  ])('/topic %s → %j', async (arg, ids) => {
    const reply = await answer(`/topic ${arg}`);
    expect(reply.source).toBe('topic');
    expect(reply.items.map((i) => i.id)).toEqual(ids);
  });

  it.each(['主题 4', '主题4'])('%j works like /topic 4', async (text) => {
    expect((await answer(text)).items.map((i) => i.id)).toEqual(['q13', 'q14']);
  });

  it('a fragment in several themes → did you mean', async () => {
    const reply = await say('/topic 数字');
    expect(reply?.kind === 'did-you-mean' && reply.candidates.map((c) => c.command)).toEqual([
      '/topic 1',
      '/topic 2',
      '/topic 3',
      '/topic 4',
      '/topic 5',
    ]);
  });

  it.each(['6', '0', '天气'])('/topic %s → not-found', async (arg) => {
    expect(await say(`/topic ${arg}`)).toMatchObject({ kind: 'not-found', what: 'topic' });
  });

  it('alone lists the five themes', async () => {
    const reply = await say('/topic');
    if (reply?.kind !== 'list') throw new Error(`expected a list, got ${reply?.kind}`);
    expect(reply.lines.map((l) => [l.key, l.cells[0]])).toEqual([
      ['1', '加快推进数字新型基础设施建设'],
      ['2', '加快促进产业数字化转型'],
      ['3', '加快推动数字产业化升级'],
      ['4', '加快提升数字化治理能力'],
      ['5', '加快优化数字经济发展环境'],
    ]);
  });
});

describe('/list and /q', () => {
  it('/list has the 18 questions, one line each: id, asker, body, short question', async () => {
    for (const text of ['/list', '列表', '/q']) {
      const reply = await say(text);
      if (reply?.kind !== 'list') throw new Error(`expected a list for ${text}`);
      expect(reply.lines).toHaveLength(18);
      expect(reply.lines[4]).toEqual({
        key: 'q5',
        cells: ['樊志宏', '经开区管委会', '经开区将如何推动汽车产业与数字经济加快融合发展?'],
        command: '/q 5',
      });
      expect(reply.lines[1]!.cells[2]).toBe('将如何履行好领导小组办公室的职能,统筹推进城市…');
      expect(reply.suggestions).toEqual([{ command: '/q closing', label: '市政府副市长汪元程总体回应' }]);
    }
  });

  it.each([
    ['/q 5', 'q5', '樊志宏'],
    ['/q q18', 'q18', '项明武'],
    ['第5题', 'q5', '樊志宏'],
    ['第十二题', 'q12', '杨安'],
    ['问题 1', 'q1', '龙良文'],
    ['q7', 'q7', '程宏刚'],
    ['/q closing', 'closing', '汪元程'],
    ['/q 总体回应', 'closing', '汪元程'],
  ])('%j → %s in full', async (text, id, asker) => {
    const reply = await answer(text);
    expect(reply.source).toBe('q');
    expect(reply.items.map((i) => [i.id, i.asker.name])).toEqual([[id, asker]]);
  });

  it.each(['/q 19', '/q 0', '/q abc'])('%j → not-found pointing at /list', async (text) => {
    expect(await say(text)).toMatchObject({ kind: 'not-found', what: 'q', suggestions: [{ command: '/list' }] });
  });
});

describe('/help', () => {
  it.each(['/start', '/help', '帮助'])('%j says what the hearing is, its themes and how to ask', async (text) => {
    const reply = await say(text);
    if (reply?.kind !== 'help') throw new Error(`expected help, got ${reply?.kind}`);
    expect(reply.title).toBe('市人大常委会“加快发展数字经济”专题询问摘录');
    expect(reply.meetingLine).toContain('2023年9月13日');
    expect(reply.themes).toHaveLength(5);
    expect(reply.examples.map((e) => e.command)).toEqual(['经开区汽车怎么说', '/dept 市经信局', '/who 朱库成']);
    expect(reply.commands.map((c) => c.command.split(' ')[0])).toEqual([
      '/help',
      '/dept',
      '/who',
      '/topic',
      '/list',
      '/q',
      '/closing',
      '/promises',
      '/due',
    ]);
  });
});

describe('bad input', () => {
  it.each(['', '   ', '\n\n', '\u0000\u0001', '\u200b', '@hearing_bot'])('%j gets silence', async (text) => {
    expect(await say(text)).toBeNull();
  });

  it.each(['😀', '😀😀😀', '？？？', '...', '\u0007😀\u0000'])('%j gets a hint how to ask', async (text) => {
    expect(await say(text)).toMatchObject({ kind: 'hint' });
  });

  it.each([
    ['30 KB of noise', 'x'.repeat(30_000)],
    ['30 KB of Chinese noise', '噪音'.repeat(15_000)],
    ['random code points', Array.from({ length: 5000 }, (_, i) => String.fromCodePoint((i * 7919) % 0x2ffff)).join('')],
    ['markup', '<b>bold</b> & <script>alert(1)</script>'],
    ['lone surrogates', '\ud800\udc00\ud800 经开区'],
  ])('%s: a reply, never an exception, quoting at most 30 characters back', async (_, text) => {
    const reply = await say(text);
    expect(reply).not.toBeNull();
    expect(reply!.kind).not.toBe('error');
    if (reply!.kind === 'not-found') expect([...reply!.query].length).toBeLessThanOrEqual(30);
  });

  it('a long question is cut, still answered', async () => {
    expect((await answer(`经开区汽车怎么说${'。'.repeat(2000)}`)).items[0]!.id).toBe('q5');
  });

  it('unknown commands: a pointer to /help in private, silence in groups (they may be for another bot)', async () => {
    expect(await say('/foo')).toMatchObject({ kind: 'unknown-command', command: 'foo' });
    expect(await say('/foo@other_bot', { chat: 'group' })).toBeNull();
  });

  it('a bug inside the layer becomes an apology and a report, not an exception', async () => {
    const errors: string[] = [];
    const broken = createConversation({
      engine: {
        ...engine,
        consult: () => {
          throw new Error('boom');
        },
        read: engine.read.bind(engine),
        entries: engine.entries,
        hearings: engine.hearings,
        glossary: engine.glossary,
        analyser: engine.analyser,
      } as never,
      onError: (e) => errors.push(e.message),
    });
    expect(await broken.respond({ text: '汉融通', chat: 'private', userId: 'u', chatId: 'c' })).toEqual({
      reply: { kind: 'error' },
    });
    expect(await broken.respond({ text: '汉融通', chat: 'group', userId: 'u', chatId: 'c', addressed: false })).toEqual(
      {
        reply: null,
        silence: 'etiquette',
      },
    );
    expect(errors[0]).toMatch(/^conversation: cannot reply to private message "汉融通": boom$/);
  });
});

describe('group etiquette (addressed: false)', () => {
  const group = (text: string) => say(text, { chat: 'group', addressed: false });

  it.each(['经开区汽车怎么说', '經開區汽車怎麼說', '汉融通是什么', '数据壁垒如何打破？'])(
    'a clear question %j is answered',
    async (text) => {
      expect((await group(text))?.kind).toBe('answer');
    },
  );

  it.each(['汉融通', '大家好', '今天天气怎么样', '好的收到', '经信厅怎么说', '😀', '/foo'])(
    '%j stays silent',
    async (text) => {
      expect(await group(text)).toBeNull();
    },
  );

  it('commands are answered, since they are meant for the bot', async () => {
    expect((await group('/dept 经信局'))?.kind).toBe('answer');
    expect((await group('部门 经信局'))?.kind).toBe('answer');
  });

  it('addressed group messages get not-found like private ones', async () => {
    expect((await say('今天天气怎么样', { chat: 'group' }))?.kind).toBe('not-found');
  });
});

describe('rate limiting and misses inside respond', () => {
  it('a flood gets a few answers, then silence; other users still get answers', async () => {
    let t = 0;
    const limited = createConversation({ engine, limiter: createRateLimiter({ now: () => t }) });
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        limited.respond({ text: '汉融通', chat: 'group', userId: 'flooder', chatId: 'g1' }),
      ),
    );
    expect(replies.filter((r) => r.reply)).toHaveLength(5);
    expect(replies.at(-1)).toEqual({ reply: null, silence: 'rate-limited' });
    expect((await limited.respond({ text: '汉融通', chat: 'group', userId: 'other', chatId: 'g1' })).reply?.kind).toBe(
      'answer',
    );
    t += 10_000;
    expect(
      (await limited.respond({ text: '汉融通', chat: 'group', userId: 'flooder', chatId: 'g1' })).reply?.kind,
    ).toBe('answer');
  });

  it('a private chat or the console that asks too fast is told once when to ask again; a group never', async () => {
    let t = 0;
    const limited = createConversation({ engine, limiter: createRateLimiter({ now: () => t }) });
    for (const chat of ['private', 'console'] as const) {
      const ask = async () =>
        await limited.respond({ text: '汉融通', chat, userId: `${chat}-user`, chatId: `${chat}-chat` });
      const outcomes = await Promise.all(Array.from({ length: 8 }, ask));
      expect(outcomes.filter((o) => o.reply?.kind === 'answer')).toHaveLength(5);
      expect(outcomes[5]).toEqual({ reply: { kind: 'rate-limited', retryAfterSeconds: 10 } });
      expect(outcomes.slice(6)).toEqual([
        { reply: null, silence: 'rate-limited' },
        { reply: null, silence: 'rate-limited' },
      ]);
    }
    const group = await Promise.all(
      Array.from({ length: 8 }, () =>
        limited.respond({ text: '汉融通', chat: 'group', userId: 'group-user', chatId: 'g' }),
      ),
    );
    expect(group.filter((o) => o.reply?.kind === 'rate-limited')).toEqual([]);
    t += 10_000;
    const again = await limited.respond({
      text: '汉融通',
      chat: 'private',
      userId: 'private-user',
      chatId: 'private-chat',
    });
    expect(again.reply?.kind).toBe('answer');
    // A new limited stretch: told again.
    expect(
      (await limited.respond({ text: '汉融通', chat: 'private', userId: 'private-user', chatId: 'private-chat' }))
        .reply,
    ).toEqual({ kind: 'rate-limited', retryAfterSeconds: 10 });
  });

  it('pressing buttons never uses up a person’s questions', async () => {
    let t = 0;
    const limited = createConversation({ engine, limiter: createRateLimiter({ now: () => t }) });
    const who = { chat: 'private', userId: 'reader', chatId: 'reader' } as const;
    for (let n = 1; n <= 18; n++) {
      expect((await limited.respond({ text: `/q ${n}`, button: true, ...who })).reply?.kind).toBe('answer');
      t += 2_000;
    }
    const typed = await Promise.all(Array.from({ length: 5 }, () => limited.respond({ text: '汉融通', ...who })));
    expect(typed.map((o) => o.reply?.kind)).toEqual(['answer', 'answer', 'answer', 'answer', 'answer']);
  });

  it('answers a picture or voice message with the ask-in-words hint in private, and stays silent in groups', async () => {
    const media = { text: '', media: true, userId: 'u', chatId: 'c' } as const;
    expect((await conversation.respond({ ...media, chat: 'private' })).reply?.kind).toBe('hint');
    expect(await conversation.respond({ ...media, chat: 'group' })).toEqual({ reply: null, silence: 'media' });
    expect(await conversation.respond({ text: '   ', chat: 'private', userId: 'u', chatId: 'c' })).toEqual({
      reply: null,
      silence: 'empty',
    });
  });

  it('silent messages cost no tokens', async () => {
    const limited = createConversation({
      engine,
      limiter: createRateLimiter({ now: () => 0, user: { capacity: 1, refillMs: 60_000 } }),
    });
    for (let i = 0; i < 10; i++)
      expect(
        (await limited.respond({ text: '哈哈', chat: 'group', userId: 'u', chatId: 'g', addressed: false })).silence,
      ).toBe('etiquette');
    expect((await limited.respond({ text: '汉融通', chat: 'group', userId: 'u', chatId: 'g' })).reply?.kind).toBe(
      'answer',
    );
  });

  it('records unanswered questions and unknown bodies, with time and chat kind only', async () => {
    const recorded: unknown[] = [];
    const misses: MissesLog = { record: (m) => void recorded.push(m), flush: async () => {} };
    const at = new Date('2024-05-01T08:00:00Z');
    const logged = createConversation({ engine, misses, now: () => at });
    await logged.respond({ text: '今天天气怎么样', chat: 'group', userId: 'secret-user', chatId: 'secret-chat' });
    await logged.respond({ text: '/dept 教育局', chat: 'private', userId: 'u', chatId: 'c' });
    await logged.respond({ text: '汉融通', chat: 'private', userId: 'u', chatId: 'c' });
    await logged.respond({ text: '今天天气怎么样', chat: 'group', userId: 'u', chatId: 'c', addressed: false });
    expect(recorded).toEqual([
      { chat: 'group', text: '今天天气怎么样', time: at, tier: 'none' },
      { chat: 'private', text: '/dept 教育局', time: at, tier: 'none' },
    ]);
  });

  it('a misses log that throws does not break the reply', async () => {
    const misses: MissesLog = {
      record: () => {
        throw new Error('disk full');
      },
      flush: async () => {},
    };
    const errors: string[] = [];
    const logged = createConversation({ engine, misses, onError: (e) => errors.push(e.message) });
    expect(
      (await logged.respond({ text: '今天天气怎么样', chat: 'private', userId: 'u', chatId: 'c' })).reply?.kind,
    ).toBe('not-found');
    expect(errors).toEqual([expect.stringMatching(/^conversation: .*disk full$/)]);
  });
});

describe('matches (for inline results)', () => {
  it('gives full items, best first', () => {
    expect(conversation.matches('软件名城').map((i) => [i.id, i.body])).toEqual([
      ['q3', '市经信局'],
      ['q10', '市商务局'],
    ]);
    expect(conversation.matches('@bot 汉融通', 10).map((i) => i.id)).toEqual(['q7']);
    expect(conversation.matches('今天天气怎么样')).toEqual([]);
  });
});

describe('with one hearing, a hearing key is no key and the menus read as they always did', () => {
  it('arguments that name the hearing mean what they always meant', async () => {
    expect((await answer('/topic 数字经济')).items.map((i) => i.id)).toEqual(['q15', 'q16', 'q17', 'q18']);
    const list = await say('/list 数字经济');
    expect(list?.kind === 'list' && list.lines).toHaveLength(18);
    expect((await answer('/q 5')).items.map((i) => [i.id, i.from])).toEqual([['q5', undefined]]);
  });

  it('/hearings names the one hearing with its city and date', async () => {
    const reply = await say('/hearings');
    expect(reply?.kind === 'list' && reply.lines).toEqual([
      {
        key: '数字经济',
        cells: ['市人大常委会“加快发展数字经济”专题询问摘录', '武汉市', '2023年9月13日', '18问'],
        command: '/list 数字经济',
      },
    ]);
  });

  it('the command menu counts this hearing’s themes and questions and uses its examples', () => {
    expect(conversation.menu()).toEqual([
      { command: 'start', description: '开始：这次专题询问讲了什么、怎么问' },
      { command: 'help', description: '帮助：用法和提问示例' },
      { command: 'dept', description: '按部门看回答，如 /dept 市经信局' },
      { command: 'who', description: '按提问人看问题，如 /who 朱库成' },
      { command: 'topic', description: '五个主题，或某主题下的问答，如 /topic 2' },
      { command: 'list', description: '全部18个问题，一行一个' },
      { command: 'q', description: '看某一问的完整回答，如 /q 5' },
      { command: 'closing', description: '总体回应：会议最后的讲话' },
      { command: 'promises', description: '各单位的承诺与目标（数字、时限），如 /promises 经开区' },
      { command: 'due', description: '督办：已逾期和90天内到期的承诺' },
    ]);
    expect(conversation.about).toEqual({
      title: '市人大常委会“加快发展数字经济”专题询问摘录',
      example: '经开区汽车怎么说',
    });
  });
});
