// Three real-shaped hearings in the chat: this one (武汉, 2023) and two imported with `cli import --write` from invented
// records (南京 2022, 成都 2025); the newest that answers comes first with 「另见」 for the others, a year, a subject or
// 上次/去年那次 picks one, /hearings shows city and date, and another city's question is out of scope.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conversation, createConversation } from '../../src/chat/conversation.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import type { Reply } from '../../src/chat/reply.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';
import { buildIndex, importRecord } from '../index-and-import.js';

const temp = mkdtempSync(join(tmpdir(), 'imported-hearings-'));
const data = join(temp, 'data');
const index = join(temp, 'index');
const DIGITAL = 'digital-economy-2023-09-13';
const NANJING = 'nanjing-business-2022-2022-06-15';
const CHENGDU = 'chengdu-private-economy-2025-2025-04-10';
const RECORDS = join(PROJECT_ROOT, 'tests', 'fixtures', 'import-chat');

let conversation: Conversation;

beforeAll(() => {
  mkdirSync(join(data, 'hearings'), { recursive: true });
  copyFileSync(join(DATA_DIR, 'glossary.json'), join(data, 'glossary.json'));
  for (const ext of ['txt', 'json'])
    copyFileSync(join(DATA_DIR, 'hearings', `${DIGITAL}.${ext}`), join(data, 'hearings', `${DIGITAL}.${ext}`));
  // As staff do it: `npm run -s cli -- import FILE --write` into the data folder, then the index build.
  for (const record of ['nanjing-business-2022.txt', 'chengdu-private-economy-2025.txt'])
    importRecord(join(RECORDS, record), data);
  buildIndex(index, data);
  const engine = loadEngine({ indexDir: index, dataDir: data });
  conversation = createConversation({
    engine,
    dataDir: data,
    commitments: loadCommitments({ indexDir: index }),
    today: () => '2026-10-01',
    onError: (error) => {
      throw error;
    },
  });
}, 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let chat = 0;
const say = async (text: string): Promise<Reply> => {
  const { reply } = await conversation.respond({ text, chat: 'private', userId: 'u', chatId: `c${chat++}` });
  if (!reply) throw new Error(`no reply to ${JSON.stringify(text)}`);
  return reply;
};
const rendered = async (message: string) => renderPlain(await say(message), Number.MAX_SAFE_INTEGER).join('\n');
function answer(reply: Reply): Extract<Reply, { kind: 'answer' }> {
  if (reply.kind !== 'answer') throw new Error(`expected an answer, got ${JSON.stringify(reply).slice(0, 300)}`);
  return reply;
}
const first = async (message: string) => {
  const item = answer(await say(message)).items[0]!;
  return [item.hearing, item.id];
};

describe('/hearings', () => {
  it('lists the three hearings with their city and date', async () => {
    const reply = await say('/hearings');
    if (reply.kind !== 'list') throw new Error(reply.kind);
    expect(reply.lines.map((l) => [l.key, l.cells.slice(1)])).toEqual([
      ['促进民营经济发展', ['成都市', '2025年4月10日', '3问']],
      ['数字经济', ['武汉市', '2023年9月13日', '18问']],
      ['优化营商环境', ['南京市', '2022年6月15日', '3问']],
    ]);
  });
});

describe('when several hearings answer', () => {
  it('the newest comes first, under its subject and date, and 「另见」 names each other hearing that answers', async () => {
    const reply = answer(await say('中小企业融资难怎么解决'));
    expect(reply.items.map((i) => [i.hearing, i.id, i.body])).toEqual([[CHENGDU, 'q1', '市地方金融局']]);
    expect(reply.seeAlso).toContainEqual({ command: '/q 优化营商环境 2', label: '2022年「优化营商环境」q2' });
    // Only other hearings are 「另见」, never the one shown.
    expect(reply.seeAlso?.every((s) => !s.label.includes('促进民营经济发展'))).toBe(true);
    const text = await rendered('中小企业融资难怎么解决');
    expect(text.startsWith('「促进民营经济发展」专题询问（2025年4月10日）\n')).toBe(true);
    expect(text).toContain('另见 2022年「优化营商环境」q2 /q 优化营商环境 2');
  });

  it('a question only one hearing answers has no 「另见」', async () => {
    const reply = answer(await say('经开区汽车怎么说'));
    expect(reply.items.map((i) => [i.hearing, i.id])).toEqual([[DIGITAL, 'q5']]);
    expect(reply.seeAlso ?? []).toEqual([]);
  });
});

describe('picking a hearing', () => {
  it.each([
    ['2022年那次中小企业融资难怎么解决', NANJING],
    ['2022年的融资难怎么解决', NANJING],
    ['优化营商环境 中小企业融资难怎么解决', NANJING],
    ['南京中小企业融资难怎么解决', NANJING],
    ['上次中小企业融资难怎么解决', CHENGDU],
    // The clock says 2026: last year's is 成都's.
    ['去年那次中小企业融资难怎么解决', CHENGDU],
  ])('%j → %s', async (message, hearing) => {
    expect(await first(message)).toEqual([hearing, hearing === NANJING ? 'q2' : 'q1']);
    expect(answer(await say(message)).seeAlso ?? []).toEqual([]);
  });

  it('a year no hearing was held in is read as content, not as a hearing', async () => {
    expect((await first('到2030年中小企业融资难怎么解决'))[0]).toBe(CHENGDU);
  });
});

describe('a city none of the hearings is from', () => {
  it.each(['北京的营商环境怎么样', '杭州中小企业融资难怎么解决'])(
    '%j is out of scope, saying which cities are loaded',
    async (message) => {
      const reply = await say(message);
      expect(reply).toMatchObject({ kind: 'not-found', what: 'city' });
      expect(await rendered(message)).toMatch(
        /^这里的专题询问都是成都市、武汉市、南京市的，没有关于「(北京|杭州)」的问答。/,
      );
    },
  );

  it('a loaded city, or several cities named in passing, is not', async () => {
    expect((await say('南京企业开办要跑几次')).kind).toBe('answer');
    expect((await say('跑去上海、北京拉企业，融资难怎么解决')).kind).not.toBe('not-found');
  });
});

describe('people and order with several hearings loaded: each question is read against the hearing it picks', () => {
  it('谁问的 a topic names the asker of the item that answers it, in the hearing that answers it', async () => {
    expect(await rendered('谁问的智慧农业')).toMatch(/^\S*q6是黄兆义委员问的，市农业农村局应询回答。/);
    expect(await rendered('南京那次谁问的企业开办')).toMatch(/优化营商环境q1是\S*张明问的，市发改委应询回答。/);
  });

  it('a position or a set in a hearing the message picks, the set saying which hearing it is', async () => {
    const reply = await say('2022年那次代表们都问了什么');
    expect(reply.kind).toBe('list');
    const text = await rendered('2022年那次代表们都问了什么');
    expect(text).toMatch(/^2022年「优化营商环境」代表/);
    expect(text).toContain('王强代表');
    expect(await rendered('成都那次第二个问题是谁问的')).toMatch(/促进民营经济发展q2是\S*钱进问的，市发改委应询回答。/);
  });

  it("a city's own hearing is home, not another place: 南京的企业开办 is answered", async () => {
    expect(await first('南京的企业开办要跑几次')).toEqual([NANJING, 'q1']);
  });
});

describe('pronoun follow-ups with several hearings loaded', () => {
  const thread = () => {
    const chatId = `thread${chat++}`;
    return async (text: string) => {
      const { reply } = await conversation.respond({ text, chat: 'private', userId: 'u', chatId });
      return reply ? renderPlain(reply, Number.MAX_SAFE_INTEGER).join('\n') : '';
    };
  };

  it('他问的啥 and 这个部门还答了啥 stay in the hearing of the answer just shown', async () => {
    const say = thread();
    expect(await say('南京那次谁问的融资难')).toMatch(/q2是\S*李华问的/);
    expect(await say('他问的啥')).toContain('中小企业融资难怎么解决?');
    const body = await say('这个部门还答了啥');
    expect(body).toContain('我们建立了普惠金融服务平台');
    expect(body).not.toContain('我们设立了民营企业纾困基金'); // 成都's 市地方金融局
    expect(body).not.toContain('武汉市地方金融工作局'); // nor named as Wuhan's
  });

  it("another city's name after an answer is a question of its own, not a follow-up", async () => {
    const say = thread();
    await say('南京企业开办要跑几次');
    expect(await say('北京的有具体数字吗')).toMatch(/没有关于「北京」的问答/);
  });
});

describe("a hearing's own city in a question says nothing about which answer is meant", () => {
  it.each([
    ['成都市的营商环境评价', CHENGDU, 'q2'],
    ['南京的企业开办', NANJING, 'q1'],
  ])('%j → %s %s, answered', async (message, hearing, id) => {
    expect(await first(message)).toEqual([hearing, id]);
  });
});

describe('a record without the overall response', () => {
  it('says so when the closing is asked of it, and names no body it never heard from', async () => {
    expect(await rendered('南京那次市领导最后怎么说')).toMatch(/^这次专题询问的记录里没有市领导的总体回应。/);
    expect(await rendered('/dept 南京 市政府')).not.toMatch(/回答了0个问题/);
  });
});
