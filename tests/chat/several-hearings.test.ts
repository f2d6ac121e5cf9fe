// Two hearings end to end: the real transcript and a second one written for the tests (a body and a person in both),
// indexed together; every command covers both, grouped by hearing, ids qualified, answers naming their hearing.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conversation, createConversation } from '../../src/chat/conversation.js';
import { createRateLimiter } from '../../src/chat/rate-limit.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import type { Reply } from '../../src/chat/reply.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';
import { buildIndex } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'several-hearings-'));
const data = join(temp, 'data');
const index = join(temp, 'index');
const DIGITAL = 'digital-economy-2023-09-13';
const TRANSPORT = 'smart-transport-2024-11-20';
const DIGITAL_HEADING = '「加快发展数字经济」专题询问（2023年9月13日）';
const TRANSPORT_HEADING = '「智慧交通」专题询问（2024年11月20日）';

let engine: SearchEngine;
let conversation: Conversation;

beforeAll(() => {
  mkdirSync(join(data, 'hearings'), { recursive: true });
  copyFileSync(join(DATA_DIR, 'glossary.json'), join(data, 'glossary.json'));
  for (const ext of ['txt', 'json']) {
    copyFileSync(join(DATA_DIR, 'hearings', `${DIGITAL}.${ext}`), join(data, 'hearings', `${DIGITAL}.${ext}`));
    copyFileSync(
      join(PROJECT_ROOT, 'tests', 'fixtures', 'hearings', `${TRANSPORT}.${ext}`),
      join(data, 'hearings', `${TRANSPORT}.${ext}`),
    );
  }
  buildIndex(index, data);
  engine = loadEngine({ indexDir: index, dataDir: data });
  conversation = createConversation({
    engine,
    dataDir: data,
    commitments: loadCommitments({ indexDir: index }),
    onError: (error) => {
      throw error;
    },
  });
}, 60_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const say = async (text: string): Promise<Reply> => {
  const { reply } = await conversation.respond({ text, chat: 'private', userId: 'u', chatId: 'c' });
  if (!reply) throw new Error(`no reply to ${JSON.stringify(text)}`);
  return reply;
};
const text = async (message: string) => renderPlain(await say(message), Number.MAX_SAFE_INTEGER).join('\n');
function expectKind<K extends Reply['kind']>(reply: Reply, kind: K): Extract<Reply, { kind: K }> {
  if (reply.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(reply).slice(0, 300)}`);
  return reply as Extract<Reply, { kind: K }>;
}
/** [hearing, id] of every item shown in full. */
const shown = (reply: Reply) => expectKind(reply, 'answer').items.map((i) => [i.hearing, i.id]);
const commandsOf = (suggestions: readonly { command: string }[]) => suggestions.map((s) => s.command);

describe('/hearings', () => {
  it('lists both hearings with key, title, city, date and number of questions; each opens its list', async () => {
    const reply = expectKind(await say('/hearings'), 'list');
    expect(reply.title).toBe('2场专题询问：');
    expect(reply.lines).toEqual([
      {
        key: '数字经济',
        cells: ['市人大常委会“加快发展数字经济”专题询问摘录', '武汉市', '2023年9月13日', '18问'],
        command: '/list 数字经济',
      },
      {
        key: '智慧交通',
        cells: ['市人大常委会“智慧交通”专题询问摘录', '武汉市', '2024年11月20日', '4问'],
        command: '/list 智慧交通',
      },
    ]);
  });
});

describe('/list', () => {
  it('shows every question once, grouped by hearing under its heading, ids qualified', async () => {
    const reply = expectKind(await say('/list'), 'list');
    expect(reply.title).toBe('全部22个问题：');
    const keys = reply.lines.map((l) => l.key);
    expect(new Set(keys).size).toBe(22);
    expect(keys.slice(0, 2)).toEqual(['数字经济q1', '数字经济q2']);
    expect(keys.slice(18)).toEqual(['智慧交通q1', '智慧交通q2', '智慧交通q3', '智慧交通q4']);
    expect(reply.lines[19]).toMatchObject({ cells: ['朱库成', '市交通运输局', '如何推进车路协同基础设施建设？'] });
    expect(reply.lines[19]!.command).toBe('/q 智慧交通 2');
    expect(commandsOf(reply.suggestions)).toEqual(['/q 数字经济 closing', '/q 智慧交通 closing']);
    const rendered = await text('/list');
    expect(rendered.indexOf(DIGITAL_HEADING)).toBeGreaterThan(0);
    expect(rendered.indexOf(TRANSPORT_HEADING)).toBeGreaterThan(rendered.indexOf('数字经济q18'));
  });

  it('takes a hearing: /list 智慧交通 has its four questions; an unknown hearing gets a pointer to /hearings', async () => {
    expect(expectKind(await say('/list 智慧交通'), 'list').lines.map((l) => l.key)).toEqual([
      '智慧交通q1',
      '智慧交通q2',
      '智慧交通q3',
      '智慧交通q4',
    ]);
    expect(await say('/list 水务')).toMatchObject({
      kind: 'not-found',
      what: 'hearing',
      suggestions: [{ command: '/hearings' }],
    });
  });
});

describe('/q', () => {
  it('reaches every item of both hearings by its qualified id, with or without a space or the slash command', async () => {
    for (const typed of ['/q 智慧交通 2', '/q 智慧交通q2', '/q 智慧交通 q2', '智慧交通q2', '/q 智慧交通 第2题']) {
      expect(shown(await say(typed)), typed).toEqual([[TRANSPORT, 'q2']]);
    }
    expect(shown(await say('/q 数字经济 2'))).toEqual([[DIGITAL, 'q2']]);
    expect(shown(await say('/q 智慧交通 closing'))).toEqual([[TRANSPORT, 'closing']]);
  });

  it('a number only one hearing has opens it; one both have asks which', async () => {
    expect(shown(await say('/q 18'))).toEqual([[DIGITAL, 'q18']]);
    const which = expectKind(await say('/q 2'), 'did-you-mean');
    expect(which).toMatchObject({ what: 'q', reason: 'several-hearings', query: '2' });
    expect(commandsOf(which.candidates)).toEqual(['/q 数字经济 2', '/q 智慧交通 2']);
    expect(commandsOf(expectKind(await say('/q closing'), 'did-you-mean').candidates)).toEqual([
      '/q 数字经济 closing',
      '/q 智慧交通 closing',
    ]);
    expect(await text('/q 2')).toMatch(/^「2」在几场专题询问里都有，您要找的是：\n\/q 数字经济 2 市城建局 · 谭刚毅\n/);
  });

  it('a number the hearing does not have is not found, pointing at that hearing’s list', async () => {
    expect(await say('/q 智慧交通 9')).toMatchObject({
      kind: 'not-found',
      what: 'q',
      suggestions: [{ command: '/list 智慧交通' }],
    });
    expect(await say('/q 30')).toMatchObject({ kind: 'not-found', what: 'q', suggestions: [{ command: '/list' }] });
  });

  it('the answer names its hearing and follows up inside it', async () => {
    const reply = expectKind(await say('/q 智慧交通 2'), 'answer');
    expect(commandsOf(reply.suggestions)).toEqual(['/dept 市交通运输局', '/topic 智慧交通 1', '/list 智慧交通']);
    expect(await text('/q 智慧交通 2')).toMatch(
      new RegExp(
        `^${TRANSPORT_HEADING}\\n智慧交通q2 市人大常委会副主任朱库成提问：如何推进车路协同基础设施建设？\\n市交通运输局应询回答：`,
      ),
    );
  });
});

describe('questions', () => {
  it.each([
    ['早晚高峰拥堵怎么办', TRANSPORT, 'q4', TRANSPORT_HEADING],
    ['智慧停车平台建设', TRANSPORT, 'q3', TRANSPORT_HEADING],
    ['经开区汽车怎么说', DIGITAL, 'q5', DIGITAL_HEADING],
    ['汉融通', DIGITAL, 'q7', DIGITAL_HEADING],
  ])('%j → %s %s, under its hearing’s heading', async (question, hearing, id, heading) => {
    expect(shown(await say(question))[0]).toEqual([hearing, id]);
    expect((await text(question)).startsWith(`${heading}\n`)).toBe(true);
  });

  it('follow-ups point at the theme and list of the answer’s own hearing', async () => {
    const reply = expectKind(await say('早晚高峰拥堵怎么办'), 'answer');
    expect(commandsOf(reply.suggestions)).toEqual(['/topic 智慧交通 2', '/list 智慧交通']);
    expect(commandsOf(expectKind(await say('汉融通'), 'answer').suggestions)).toEqual([
      '/topic 数字经济 2',
      '/list 数字经济',
    ]);
  });

  it('nothing relevant: says both hearings were searched', async () => {
    expect(await text('今天天气怎么样')).toMatch(/^这2场专题询问里没有与「今天天气怎么样」相关的问答。/);
  });
});

describe('a body and a person in both hearings', () => {
  it('/dept 市经信局 shows its answers in both, grouped by hearing, in order', async () => {
    const reply = expectKind(await say('/dept 经信局'), 'answer');
    expect(reply.title).toBe('市经信局（武汉市经济和信息化局）回答了5个问题：');
    expect(shown(reply)).toEqual([
      [DIGITAL, 'q1'],
      [DIGITAL, 'q3'],
      [DIGITAL, 'q4'],
      [DIGITAL, 'q15'],
      [TRANSPORT, 'q1'],
    ]);
    const rendered = await text('/dept 经信局');
    expect(rendered.split(DIGITAL_HEADING)).toHaveLength(2);
    expect(rendered.indexOf(TRANSPORT_HEADING)).toBeGreaterThan(rendered.indexOf('数字经济q15'));
    expect(rendered.indexOf(TRANSPORT_HEADING)).toBeLessThan(rendered.indexOf('智慧交通q1'));
  });

  it('/dept 智慧交通 市经信局 keeps to one hearing; /dept 智慧交通 lists that hearing’s bodies', async () => {
    expect(shown(await say('/dept 智慧交通 市经信局'))).toEqual([[TRANSPORT, 'q1']]);
    const bodies = expectKind(await say('/dept 智慧交通'), 'list');
    expect(bodies.lines.map((l) => [l.key, ...l.cells])).toEqual([
      ['市经信局', '1问', 'q1'],
      ['市交通运输局', '2问', 'q2 q3'],
      ['市公安局交管局', '1问', 'q4'],
      ['市政府', '总体回应', 'closing'],
    ]);
  });

  it('/dept alone lists each hearing’s bodies under its heading; the shared body in both', async () => {
    const reply = expectKind(await say('/dept'), 'list');
    expect(reply.title).toBe('18个答复单位：');
    const economy = reply.lines.filter((l) => l.key === '市经信局');
    expect(economy.map((l) => [l.from?.key, l.cells[0], l.command])).toEqual([
      ['数字经济', '4问', '/dept 数字经济 市经信局'],
      ['智慧交通', '1问', '/dept 智慧交通 市经信局'],
    ]);
  });

  it('/who 朱库成 shows what he asked in both hearings: two questions, one answered by two bodies', async () => {
    const reply = expectKind(await say('/who 朱库成'), 'answer');
    expect(reply.title).toBe('市人大常委会副主任朱库成提了2个问题：');
    expect(reply.items.map((i) => [i.hearing, i.id, i.body])).toEqual([
      [DIGITAL, 'q13', '市政务服务大数据局'],
      [TRANSPORT, 'q1', '市经信局'],
      [TRANSPORT, 'q2', '市交通运输局'],
    ]);
    expect(shown(await say('/who 智慧交通 朱库成'))).toEqual([
      [TRANSPORT, 'q1'],
      [TRANSPORT, 'q2'],
    ]);
  });

  it('/who alone names each person once per hearing they asked in', async () => {
    const reply = expectKind(await say('/who'), 'list');
    expect(reply.title).toBe('20位提问人，另有总体回应：');
    expect(reply.lines.filter((l) => l.key === '朱库成').map((l) => l.cells[1])).toEqual([
      'q13 答：市政务服务大数据局',
      'q1 答：市经信局；q2 答：市交通运输局',
    ]);
  });

  it('/promises 市经信局 quotes its commitments in both hearings, each opening its own hearing’s answer', async () => {
    const reply = expectKind(await say('/promises 市经信局'), 'commitments');
    const transport = reply.items.filter((c) => c.from?.key === '智慧交通');
    expect(transport.map((c) => [c.text, c.command])).toEqual([
      ['今年建成100个车路协同路口', '/q 智慧交通 1'],
      ['明年覆盖主城区主干道', '/q 智慧交通 1'],
    ]);
    expect(reply.items.filter((c) => c.from?.key === '数字经济').map((c) => c.command)).toContain('/q 数字经济 15');
    expect((await text('/promises 市经信局')).indexOf(TRANSPORT_HEADING)).toBeGreaterThan(0);
  });
});

describe('/topic', () => {
  it('lists the themes of both hearings, numbers carrying the hearing’s key', async () => {
    const reply = expectKind(await say('/topic'), 'list');
    expect(reply.title).toBe('7个主题：');
    expect(reply.lines.map((l) => [l.key, l.command])).toEqual([
      ['数字经济1', '/topic 数字经济 1'],
      ['数字经济2', '/topic 数字经济 2'],
      ['数字经济3', '/topic 数字经济 3'],
      ['数字经济4', '/topic 数字经济 4'],
      ['数字经济5', '/topic 数字经济 5'],
      ['智慧交通1', '/topic 智慧交通 1'],
      ['智慧交通2', '/topic 智慧交通 2'],
    ]);
  });

  it('a number asks which hearing; a hearing and number, or a title only one hearing has, opens the theme', async () => {
    expect(commandsOf(expectKind(await say('/topic 1'), 'did-you-mean').candidates)).toEqual([
      '/topic 数字经济 1',
      '/topic 智慧交通 1',
    ]);
    const theme = expectKind(await say('/topic 智慧交通 1'), 'answer');
    expect(theme.title).toBe('主题1 推进交通基础设施数字化（3问）：');
    expect(commandsOf(theme.suggestions)).toEqual(['/topic 智慧交通 2', '/topic 智慧交通']);
    expect(theme.suggestions.at(-1)?.label).toBe('两个主题');
    expect(shown(await say('/topic 智慧交通2'))).toEqual([[TRANSPORT, 'q4']]);
    expect(shown(await say('/topic 治理'))).toEqual([
      [DIGITAL, 'q13'],
      [DIGITAL, 'q14'],
    ]);
    expect(await say('/topic 智慧交通 3')).toMatchObject({
      kind: 'not-found',
      suggestions: [{ command: '/topic 智慧交通' }],
    });
  });
});

describe('help, menus and what the console greets with', () => {
  it('help lists both hearings, every theme with its qualified command, and both hearings’ examples', async () => {
    const reply = expectKind(await say('/help'), 'help');
    expect(reply.title).toBe('2场专题询问：');
    expect(reply.hearings.map((h) => h.key)).toEqual(['数字经济', '智慧交通']);
    expect(reply.themes).toHaveLength(7);
    expect(reply.themes[5]).toEqual({ command: '/topic 智慧交通 1', label: '推进交通基础设施数字化' });
    expect(commandsOf(reply.examples)).toEqual([
      '经开区汽车怎么说',
      '早晚高峰拥堵怎么办',
      '/dept 市经信局',
      '/who 朱库成',
    ]);
    expect(commandsOf(reply.commands)).toContain('/hearings');
  });

  it('the menu counts both hearings and qualifies its examples', () => {
    const menu = Object.fromEntries(conversation.menu().map((c) => [c.command, c.description]));
    expect(menu.topic).toBe('七个主题，或某主题下的问答，如 /topic 数字经济 2');
    expect(menu.list).toBe('全部22个问题，一行一个');
    expect(menu.q).toBe('看某一问的完整回答，如 /q 数字经济 5');
    expect(menu.hearings).toMatch(/专题询问/);
    expect(conversation.about.title).toBe('2场专题询问：加快发展数字经济、智慧交通');
  });
});

describe('matches (inline results)', () => {
  it('items carry their hearing', () => {
    expect(conversation.matches('车路协同').map((i) => [i.hearing, i.id, i.from?.key])).toContainEqual([
      TRANSPORT,
      'q1',
      '智慧交通',
    ]);
  });
});

describe('group etiquette and limits work the same with two hearings', () => {
  it('an un-addressed clear question about either hearing is answered; chatter is not', async () => {
    const limited = createConversation({ engine, dataDir: data, limiter: createRateLimiter({ now: () => 0 }) });
    const group = (message: string) =>
      limited.respond({ text: message, chat: 'group', userId: 'g-user', chatId: 'g', addressed: false });
    expect((await group('早晚高峰拥堵怎么办')).reply?.kind).toBe('answer');
    expect((await group('大家好')).silence).toBe('etiquette');
  });
});

describe('bad input with hearing keys', () => {
  it('any text after any command, with or without a key, gets a reply or silence, never an error', async () => {
    const prefixes = ['', '/q ', '/topic ', '/list ', '/dept ', '/who ', '/promises ', '/hearings '];
    const keys = ['', '智慧交通', '数字经济 ', '智慧交通q', '智慧'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...prefixes),
        fc.constantFrom(...keys),
        fc.string({ maxLength: 40 }),
        async (p, k, rest) => {
          const { reply } = await conversation.respond({
            text: `${p}${k}${rest}`,
            chat: 'private',
            userId: 'u',
            chatId: 'c',
          });
          expect(reply?.kind).not.toBe('error');
        },
      ),
      { numRuns: 300 },
    );
  });
});
