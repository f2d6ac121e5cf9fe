// /promises in the conversation: the count per body, one body's commitments verbatim with asker and /q, did-you-mean, both renderers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import { renderTelegramHtml } from '../../src/chat/render-telegram.js';
import type { Reply } from '../../src/chat/reply.js';
import type { MissesLog } from '../../src/chat/staff-logs.js';
import { runCli } from '../../src/cli.js';
import { loadCommitments } from '../../src/commitments/load.js';
import type { Commitment } from '../../src/commitments/model.js';
import { paragraphsOf } from '../../src/hearing/model.js';
import { loadEngine } from '../../src/search/engine.js';

const engine = loadEngine();
const all = loadCommitments();
// Due dates and statuses stand beside each clause: the day is set and the ledger empty, for the chat and `ask` alike.
const ledgerDir = mkdtempSync(join(tmpdir(), 'promises-chat-'));
beforeAll(() => {
  process.env.HEARING_TODAY = '2026-10-01';
  process.env.HEARING_LEDGER_FILE = join(ledgerDir, 'ledger.json');
});
afterAll(() => {
  delete process.env.HEARING_TODAY;
  delete process.env.HEARING_LEDGER_FILE;
  rmSync(ledgerDir, { recursive: true, force: true });
});
/** What stands under each of 经开区管委会's clauses on 2026-10-01 with nothing recorded. */
const KAIFAQU_DUE = [
  '到期 2026年12月31日（每年） · 台账尚未登记进展',
  '到期 2026年9月13日 · 已逾期 · 台账尚未登记进展',
  '未写明期限 · 台账尚未登记进展',
  '未写明期限 · 台账尚未登记进展',
  '未写明期限 · 台账尚未登记进展',
];
// Passes no commitments, as a bot that never heard of them would: the first /promises loads them.
const conversation = createConversation({
  engine,
  onError: (error) => {
    throw error;
  },
});
const say = async (text: string): Promise<Reply | null> =>
  (await conversation.respond({ text, chat: 'private', userId: 'u', chatId: 'c' })).reply;

type Commitments = Extract<Reply, { kind: 'commitments' }>;
async function commitments(text: string): Promise<Commitments> {
  const reply = await say(text);
  if (reply?.kind !== 'commitments')
    throw new Error(`expected commitments for ${JSON.stringify(text)}, got ${JSON.stringify(reply)}`);
  return reply;
}

/** Bodies with at least one commitment, in order of first answer, with their counts and question ids. */
const PER_BODY: Array<[string, string, string]> = [
  ['市经信局', '7条', 'q1 q3 q4 q15'],
  ['市城建局', '2条', 'q2'],
  ['经开区管委会', '5条', 'q5'],
  ['市农业农村局', '2条', 'q6'],
  ['市地方金融局', '2条', 'q7'],
  ['市发改委', '1条', 'q8'],
  ['市科技局', '1条', 'q9'],
  ['东湖高新区管委会', '2条', 'q12'],
  ['临空港开发区管委会', '1条', 'q14'],
  ['市政府国资委', '1条', 'q16'],
];

const KAIFAQU = [
  '从今年开始每年设计并推出一款大算力7纳米智能座舱芯片',
  '争取用三年时间在总量上实现较大增长',
  '计划建设1平方公里的武汉智能汽车软件园',
  '争创国家5G+工业互联网融合应用先导区',
  '助力打造全国氢能产业示范核心区',
];

describe('/promises alone', () => {
  it.each(['/promises', '承诺', '目标', '承诺与目标', '/promises@hearing_bot'])(
    '%j counts the commitments per body, with how to open one',
    async (text) => {
      const reply = await say(text);
      if (reply?.kind !== 'list') throw new Error(`expected a list, got ${JSON.stringify(reply)}`);
      expect(reply.title).toBe('承诺与目标：10个答复单位共24条（带数字、时限或承诺用语的原文）：');
      expect(reply.lines.map((l) => [l.key, ...l.cells])).toEqual(PER_BODY);
      expect(reply.lines.map((l) => l.command)).toEqual(PER_BODY.map(([body]) => `/promises ${body}`));
      expect(reply.note).toBe(
        '发送「/promises 单位名」看该单位的承诺原文。答复中没有摘出承诺的：市商务局、市财政局、市政务服务大数据局、市市场监管局、市统计局、市政府。',
      );
      expect(reply.suggestions).toEqual([{ command: '/promises 经开区管委会', label: '' }]);
    },
  );
});

describe('/promises <body>', () => {
  it.each([
    '/promises 经开区',
    '承诺 经开区',
    '承诺：经开区管委会',
    '目标 车谷',
    '/promises 武汉经济技术开发区管理委员会',
    '/promises 經開區',
  ])("%j quotes 经开区管委会's commitments verbatim, each with body, asker and /q 5", async (text) => {
    const reply = await commitments(text);
    expect(reply.title).toBe('经开区管委会（武汉经济技术开发区管理委员会）的承诺与目标，共5条（原文摘录）：');
    expect(reply.items.map((c) => c.text)).toEqual(KAIFAQU);
    for (const c of reply.items)
      expect(c).toMatchObject({
        id: 'q5',
        body: '经开区管委会',
        asker: { name: '樊志宏', title: '委员' },
        command: '/q 5',
      });
    expect(reply.suggestions).toEqual([{ command: '/promises', label: '各单位的承诺' }]);
  });

  it.each([
    ['目标 市经信局', '市经信局', 'q3', '李江颖', '争创1-2个中国软件名园'],
    [
      '目标 市经信局',
      '市经信局',
      'q4',
      '陈光菊',
      '培育50名行业数字化转型专家,100名企业一把手,500家企业数字化转型专员,10000名数字技术人才',
    ],
    ['/promises 金融局', '市地方金融局', 'q7', '程宏刚', '每年至少要引进2家数字金融头部企业'],
    ['承诺 发改委', '市发改委', 'q8', '李蕾', '努力打造10个生产型服务业创新发展示范区和10个生活型服务业创新先行区'],
    ['/promises 光谷', '东湖高新区管委会', 'q12', '杨安', '加快制定数字经济“高精尖缺”人才目录'],
  ])("%j has %s's 「…」 from %s asked by %s", async (text, body, id, asker, quote) => {
    const reply = await commitments(text);
    expect(reply.items).toContainEqual(
      expect.objectContaining({
        id,
        body,
        text: quote,
        command: `/q ${id.slice(1)}`,
        asker: expect.objectContaining({ name: asker }),
      }),
    );
  });

  it("every body's every commitment is a verbatim piece of the answer its /q opens", async () => {
    for (const [body] of PER_BODY) {
      const reply = await commitments(`/promises ${body}`);
      expect(reply.items).toHaveLength(all.filter((c) => c.body === body).length);
      for (const c of reply.items) {
        const entry = engine.entries.find((e) => e.id === c.id)!;
        expect(
          paragraphsOf(entry).some((p) => p.includes(c.text)),
          `${c.id} 「${c.text}」`,
        ).toBe(true);
        expect(await say(c.command)).toMatchObject({ kind: 'answer', items: [{ id: c.id, body }] });
      }
    }
  });

  it('a body that promised nothing concrete says so and offers its answer', async () => {
    expect(await commitments('/promises 统计局')).toEqual({
      kind: 'commitments',
      title: '市统计局（武汉市统计局）的承诺与目标：',
      items: [],
      note: '答复中没有摘出带数字、时限或承诺用语的句子，可以看完整回答。',
      suggestions: [
        { command: '/q 18', label: '' },
        { command: '/promises', label: '各单位的承诺' },
      ],
    });
  });

  it.each([
    ['/promises 经心局', '经心局', [['/promises 市经信局', '武汉市经济和信息化局']]],
    ['承诺 经心局', '经心局', [['/promises 市经信局', '武汉市经济和信息化局']]],
    ['目标 商物局', '商物局', [['/promises 市商务局', '武汉市商务局']]],
    ['/promises 统计厅', '统计厅', [['/promises 市统计局', '武汉市统计局']]],
    [
      '/promises 管委会',
      '管委会',
      [
        ['/promises 经开区管委会', '武汉经济技术开发区管理委员会'],
        ['/promises 东湖高新区管委会', '武汉东湖新技术开发区管理委员会'],
        ['/promises 临空港开发区管委会', '武汉临空港经济技术开发区管理委员会'],
      ],
    ],
  ])('%j → did you mean %j', async (text, query, candidates) => {
    const reply = await say(text);
    expect(reply).toMatchObject({ kind: 'did-you-mean', what: 'promises', query });
    expect(reply?.kind === 'did-you-mean' && reply.candidates.map((c) => [c.command, c.label])).toEqual(candidates);
  });

  it.each(['教育局', '天气'])('unknown body %j → not-found pointing at /promises', async (name) => {
    expect(await say(`/promises ${name}`)).toEqual({
      kind: 'not-found',
      what: 'promises',
      query: name,
      suggestions: [{ command: '/promises', label: '各单位的承诺' }],
    });
  });

  it('logs an unknown body as a miss, like /dept', async () => {
    const recorded: unknown[] = [];
    const misses: MissesLog = { record: (m) => void recorded.push(m), flush: async () => {} };
    const at = new Date('2024-05-01T08:00:00Z');
    await createConversation({ engine, commitments: all, misses, now: () => at }).respond({
      text: '承诺 教育局',
      chat: 'private',
      userId: 'u',
      chatId: 'c',
    });
    expect(recorded).toEqual([{ chat: 'private', text: '/promises 教育局', time: at, tier: 'none' }]);
  });
});

describe('injected commitments', async () => {
  const marked: Commitment = { ...all.find((c) => c.body === '经开区管委会')!, text: '建设<b>1&2</b>个园区' };
  const injected = createConversation({
    engine,
    commitments: [marked],
    onError: (error) => {
      throw error;
    },
  });
  const reply = (await injected.respond({ text: '/promises 经开区', chat: 'private', userId: 'u', chatId: 'c' }))
    .reply!;

  it('are used instead of index/', async () => {
    expect(reply).toMatchObject({ kind: 'commitments', items: [{ text: '建设<b>1&2</b>个园区' }] });
    const counts = (await injected.respond({ text: '/promises', chat: 'private', userId: 'u', chatId: 'c' })).reply;
    expect(counts?.kind === 'list' && counts.lines.map((l) => [l.key, l.cells[0]])).toEqual([['经开区管委会', '1条']]);
  });

  it('are escaped for Telegram and shown as written in plain text', () => {
    const [html] = renderTelegramHtml(reply);
    expect(html).toContain(
      '「建设&lt;b&gt;1&amp;2&lt;/b&gt;个园区」\n<code>/q 5</code> 经开区管委会应询 · 樊志宏委员提问',
    );
    expect(html).not.toContain('<b>1');
    expect(renderPlain(reply)[0]).toContain('「建设<b>1&2</b>个园区」\n/q 5 经开区管委会应询 · 樊志宏委员提问');
  });
});

describe('rendering', () => {
  it('plain text: title, each commitment quoted, then where it was said', async () => {
    expect(renderPlain((await say('/promises 经开区'))!)).toEqual([
      [
        '经开区管委会（武汉经济技术开发区管理委员会）的承诺与目标，共5条（原文摘录）：',
        ...KAIFAQU.flatMap((text, i) => ['', `「${text}」`, '/q 5 经开区管委会应询 · 樊志宏委员提问', KAIFAQU_DUE[i]]),
        '',
        '更多：/promises 各单位的承诺',
      ].join('\n'),
    ]);
  });

  it('plain text: the count list', async () => {
    const [text] = renderPlain((await say('/promises'))!);
    expect(text!.split('\n').slice(0, 4)).toEqual([
      '承诺与目标：10个答复单位共24条（带数字、时限或承诺用语的原文）：',
      '市经信局 7条 · q1 q3 q4 q15',
      '市城建局 2条 · q2',
      '经开区管委会 5条 · q5',
    ]);
    expect(text).toMatch(/\n\n更多：\/promises 经开区管委会$/);
  });

  it('Telegram: the title bold, the /q command as code', async () => {
    const [html] = renderTelegramHtml((await say('/promises 金融局'))!);
    expect(html).toBe(
      '<b>市地方金融局（武汉市地方金融工作局）的承诺与目标，共2条（原文摘录）：</b>\n\n' +
        '「每年至少要引进2家数字金融头部企业」\n<code>/q 7</code> 市地方金融局应询 · 程宏刚委员提问\n' +
        '到期 2026年12月31日（每年） · 台账尚未登记进展\n\n' +
        '「把“汉融通”线上融资服务平台升级为全市综合金融服务智慧大脑」\n<code>/q 7</code> 市地方金融局应询 · 程宏刚委员提问\n' +
        '未写明期限 · 台账尚未登记进展\n\n' +
        '更多：<code>/promises</code> 各单位的承诺',
    );
  });

  it.each([1500, 300, 120, 60])(
    'splits under a limit of %i without losing, repeating or cutting a tag',
    async (limit) => {
      const visible = (parts: string[]) =>
        parts
          .join('')
          .replace(/<\/?(?:b|code)>/g, '')
          .replace(/\s+/g, '');
      for (const text of ['/promises', '/promises 市经信局', '/promises 经开区']) {
        const r = (await say(text))!;
        const plain = renderPlain(r, limit);
        const html = renderTelegramHtml(r, limit);
        for (const part of [...plain, ...html]) expect(part.length).toBeLessThanOrEqual(limit);
        for (const part of html)
          expect(part.match(/<(b|code)>/g)?.length ?? 0).toBe(part.match(/<\/(b|code)>/g)?.length ?? 0);
        expect(visible(plain)).toBe(visible(renderPlain(r, Number.MAX_SAFE_INTEGER)));
        expect(visible(html)).toBe(visible(renderTelegramHtml(r, Number.MAX_SAFE_INTEGER)));
      }
      // The longest commitment (53 characters quoted) fits any of these limits, so none is cut.
      for (const part of renderPlain((await say('/promises 市经信局'))!, limit)) {
        for (const quoted of part.match(/「[^」]*」?/g) ?? []) expect(quoted).toMatch(/」$/);
      }
    },
  );
});

describe('ask "/promises 经开区"', () => {
  it('prints the same reply from the command line', async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const code = await runCli(['ask', '/promises 经开区'], {
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      engine: () => engine,
    });
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      `${renderPlain((await say('/promises 经开区'))!, Number.MAX_SAFE_INTEGER).join('\n')}\n`,
    );
  });
});
