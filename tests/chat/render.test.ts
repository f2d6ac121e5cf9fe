// Renderers and splitting: what the plain and Telegram texts say, HTML escaping, and splits that lose and repeat nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import { escapeHtml, renderTelegramHtml } from '../../src/chat/render-telegram.js';
import type { AnswerItem, Reply } from '../../src/chat/reply.js';
import { type Line, PLAIN_MEASURE, splitIntoMessages } from '../../src/chat/split.js';
import { loadEngine } from '../../src/search/engine.js';

const engine = loadEngine();
const conversation = createConversation({ engine });
const reply = async (text: string): Promise<Reply> =>
  (await conversation.respond({ text, chat: 'private', userId: 'u', chatId: 'c' })).reply!;

/** The text a reader sees, with tags, entities and line breaks gone: must be the same however a reply is split. */
const visible = (parts: string[]) =>
  parts
    .join('')
    .replace(/<\/?(?:b|i|code)>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, '');

/** Tags Telegram accepts in HTML mode; we use a subset. */
const TELEGRAM_TAGS = /^(?:b|strong|i|em|u|ins|s|strike|del|code|pre|a|blockquote|tg-spoiler|span)$/;

function assertBalancedTelegramHtml(html: string) {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    expect(m[2]).toMatch(TELEGRAM_TAGS);
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  // Every & starts an entity, and no raw < or > outside tags.
  expect(html.replace(/<\/?(?:b|i|code)>/g, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
}

describe('renderPlain', () => {
  it('quotes the answer verbatim, naming the asker and the answering body', async () => {
    const [text, ...rest] = renderPlain(await reply('经开区汽车怎么说'));
    expect(rest).toEqual([]);
    const lines = text!.split('\n');
    expect(lines[0]).toBe('q5 樊志宏委员提问：经开区将如何推动汽车产业与数字经济加快融合发展?');
    expect(lines[1]).toBe('经开区管委会应询回答：');
    const q5 = engine.entries.find((e) => e.id === 'q5')!;
    expect(lines.slice(2, 6)).toEqual(q5.kind === 'qa' ? q5.answer : []);
    expect(text).toContain('更多：/topic 2 · /list');
  });

  it('puts titles before names the way the transcript prints them', async () => {
    expect(renderPlain(await reply('/q 1'))[0]).toMatch(
      /^q1 市人大常委会副主任龙良文提问：如何在数字经济基础设施建设中提质增效\?\n市经信局应询回答：\n/,
    );
    expect(renderPlain(await reply('/q closing'))[0]).toMatch(/^市政府副市长汪元程总体回应：\n就此次专题询问中/);
  });

  it('lists related matches as /q commands', async () => {
    expect(renderPlain(await reply('软件名城怎么样'))[0]).toContain(
      '相关：\n/q 10 市商务局 · 魏静 · 在强化产业链招商、推动数字产业集群化发…',
    );
  });

  it('/dept 经信局 shows all four answers with their askers', async () => {
    const text = renderPlain(await reply('/dept 经信局')).join('\n');
    expect(text.split('\n')[0]).toBe('市经信局（武汉市经济和信息化局）回答了4个问题：');
    expect([...text.matchAll(/^(q\d+) (\S+?)提问：/gm)].map((m) => [m[1], m[2]])).toEqual([
      ['q1', '市人大常委会副主任龙良文'],
      ['q3', '李江颖代表'],
      ['q4', '市人大常委会副主任陈光菊'],
      ['q15', '市人大常委会副主任陈新垓'],
    ]);
    expect(text.match(/市经信局应询回答：/g)).toHaveLength(4);
  });

  it.each([
    ['not-found', '今天天气怎么样', '这次专题询问里没有与「今天天气怎么样」相关的问答。'],
    ['did-you-mean', '/dept 经心局', '没有找到「经心局」，您是不是要找：\n/dept 市经信局 武汉市经济和信息化局'],
    ['hint', '😀', '请用文字提问，例如「经开区汽车怎么说」。'],
    ['unknown command', '/foo', '没有 /foo 这个命令。'],
  ])('%s', async (_, text, expected) => {
    expect(renderPlain(await reply(text))[0]).toContain(expected);
  });

  it('a rate-limit notice says when to ask again, in one short line', () => {
    expect(renderPlain({ kind: 'rate-limited', retryAfterSeconds: 8 })).toEqual(['您问得有点快，请8秒后再问。']);
    expect(renderTelegramHtml({ kind: 'rate-limited', retryAfterSeconds: 8 })).toEqual(['您问得有点快，请8秒后再问。']);
  });

  it('help names the hearing, examples, the commands and the follow-ups, in at most 12 lines', async () => {
    const text = renderPlain(await reply('/help'))[0]!;
    expect(text).toMatch(/^市人大常委会“加快发展数字经济”专题询问摘录\n2023年9月13日,市十五届/);
    for (const s of [
      '经开区汽车怎么说',
      '/dept 市经信局',
      '/who 朱库成',
      '/topic 主题',
      '/q 5',
      '「谁问的」',
      '「不对」',
    ])
      expect(text).toContain(s);
    expect(text.split('\n').length).toBeLessThanOrEqual(12);
  });

  it('splits /topic 2 under the WeChat limit without losing or repeating anything', async () => {
    const whole = renderPlain(await reply('/topic 2'), Number.MAX_SAFE_INTEGER);
    const parts = renderPlain(await reply('/topic 2'), 500);
    expect(whole).toHaveLength(1);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
    expect(visible(parts)).toBe(visible(whole));
    // Paragraphs fit, so no paragraph is cut: every answer paragraph is whole in one part.
    const topic = await reply('/topic 2');
    if (topic.kind !== 'answer') throw new Error('expected an answer');
    for (const p of topic.items.flatMap((i) => i.paragraphs))
      expect(parts.some((part) => part.split('\n').includes(p))).toBe(true);
  });

  it('the default limit is 1500', async () => {
    const parts = renderPlain(await reply('/dept'));
    expect(parts).toHaveLength(1);
    for (const part of renderPlain(await reply('/topic 2'))) expect(part.length).toBeLessThanOrEqual(1500);
  });
});

describe('renderTelegramHtml', () => {
  it('escapes user text and uses only Telegram tags', async () => {
    for (const text of [
      '<b>',
      '&',
      '<script>alert("x")</script> & co',
      'a &amp; b',
      '/dept <i>经心局</i>',
      '/who <b>李雷</b>',
    ]) {
      const parts = renderTelegramHtml(await reply(text));
      for (const part of parts) assertBalancedTelegramHtml(part);
    }
    expect(renderTelegramHtml(await reply('<b>'))[0]).toContain('这次专题询问里没有与「&lt;b&gt;」相关的问答。');
    expect(renderTelegramHtml(await reply('a & b 天气'))[0]).toContain('「a &amp; b 天气」');
  });

  it('marks headings bold and commands as code', async () => {
    const html = renderTelegramHtml(await reply('软件名城怎么样'))[0]!;
    expect(html).toMatch(
      /^<b>q3 李江颖代表提问：<\/b>将采取哪些措施推动我市软件产业做大做强,擦亮武汉“中国软件名城”这张国家级名片\?\n<b>市经信局应询回答：<\/b>\n/,
    );
    expect(html).toContain('<code>/q 10</code> 市商务局 · 魏静');
  });

  it('splits under a limit with every tag closed in its own message', async () => {
    for (const limit of [4096, 1000, 300, 120, 40]) {
      const whole = renderTelegramHtml(await reply('/topic 2'), Number.MAX_SAFE_INTEGER);
      const parts = renderTelegramHtml(await reply('/topic 2'), limit);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(limit);
        assertBalancedTelegramHtml(part);
      }
      expect(visible(parts)).toBe(visible(whole));
    }
  });

  it('every reply of every command fits Telegram in one or more valid messages', async () => {
    for (const text of [
      '/help',
      '/list',
      '/dept',
      '/who',
      '/topic',
      '/dept 经信局',
      '/topic 5',
      '/q closing',
      '经开区汽车怎么说',
    ]) {
      for (const part of renderTelegramHtml(await reply(text))) {
        expect(part.length).toBeLessThanOrEqual(4096);
        assertBalancedTelegramHtml(part);
      }
    }
  });

  it('escapeHtml escapes exactly & < >', () => {
    expect(escapeHtml('<a href="x">&</a> \'')).toBe('&lt;a href="x"&gt;&amp;&lt;/a&gt; \'');
  });
});

describe('splitIntoMessages', () => {
  const render = (line: Line) => line.map((s) => s.text).join('');

  it('never cuts inside a Latin word or number when a better place exists', () => {
    const line: Line = [{ text: 'alpha beta gamma 12345 delta', style: 'plain' }];
    const parts = splitIntoMessages([line], 12, PLAIN_MEASURE, render);
    expect(parts).toEqual(['alpha beta ', 'gamma 12345 ', 'delta']);
  });

  it('prefers sentence ends inside a long Chinese paragraph', () => {
    const line: Line = [{ text: '第一句话说完了。第二句话也说完了。第三句', style: 'plain' }];
    expect(splitIntoMessages([line], 12, PLAIN_MEASURE, render)).toEqual([
      '第一句话说完了。',
      '第二句话也说完了。第三句',
    ]);
    expect(splitIntoMessages([line], 10, PLAIN_MEASURE, render)).toEqual([
      '第一句话说完了。',
      '第二句话也说完了。',
      '第三句',
    ]);
  });

  it('keeps surrogate pairs whole', () => {
    const parts = splitIntoMessages([[{ text: '😀'.repeat(10), style: 'plain' }]], 5, PLAIN_MEASURE, render);
    expect(parts.join('')).toBe('😀'.repeat(10));
    for (const part of parts) expect(part).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('drops blank lines at the edges of a message, never text', () => {
    const lines: Line[] = [[{ text: 'aaaa', style: 'plain' }], [], [{ text: 'bbbb', style: 'plain' }]];
    expect(splitIntoMessages(lines, 5, PLAIN_MEASURE, render)).toEqual(['aaaa', 'bbbb']);
    expect(splitIntoMessages(lines, 100, PLAIN_MEASURE, render)).toEqual(['aaaa\n\nbbbb']);
  });

  it('rejects a limit that cannot hold anything', () => {
    expect(() => splitIntoMessages([[{ text: 'x', style: 'plain' }]], 0, PLAIN_MEASURE, render)).toThrow(
      /split: limit must be a positive number, got 0/,
    );
  });

  it('property: parts stay under the limit and together hold exactly the input, in order', () => {
    const span = fc.record({
      text: fc.string({
        unit: fc.constantFrom('经', '济', '。', '，', 'a', 'b', '1', ' ', '&', '<', '😀', '-'),
        maxLength: 60,
      }),
      style: fc.constantFrom('plain' as const, 'bold' as const, 'code' as const),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(span, { maxLength: 4 }), { maxLength: 12 }),
        fc.integer({ min: 30, max: 200 }),
        (lines, limit) => {
          const item: AnswerItem = {
            id: 'q1',
            hearing: 'h',
            theme: null,
            asker: { name: '龙良文', title: '委员' },
            question: 'Q',
            body: '市经信局',
            paragraphs: lines.map((l) => l.map((s) => s.text).join('')).filter((p) => p !== ''),
          };
          const r: Reply = {
            kind: 'answer',
            source: 'q',
            title: null,
            items: [item],
            related: [],
            suggestions: [],
            coverage: 1,
          };
          const html = renderTelegramHtml(r, limit);
          const plain = renderPlain(r, limit);
          for (const part of html) {
            expect(part.length).toBeLessThanOrEqual(limit);
            assertBalancedTelegramHtml(part);
          }
          for (const part of plain) expect(part.length).toBeLessThanOrEqual(limit);
          expect(visible(html)).toBe(visible(renderTelegramHtml(r, Number.MAX_SAFE_INTEGER)));
          expect(visible(plain)).toBe(visible(renderPlain(r, Number.MAX_SAFE_INTEGER)));
        },
      ),
      { numRuns: 200, seed: 20230913 },
    );
  });
});
