// Follow-ups and the middle answer: cues read from text, the guess reply on every renderer, the misses log's tiers,
// the memory's bounds and expiry, group rules, and a memory shared by replicas.
import { describe, expect, it } from 'vitest';
import { createConversation, type IncomingMessage } from '../../src/chat/conversation.js';
import { readCue } from '../../src/chat/cues.js';
import { type ConversationMemory, createMemory, memoryKey, type Recollection } from '../../src/chat/memory.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import { renderTelegramHtml } from '../../src/chat/render-telegram.js';
import type { Reply } from '../../src/chat/reply.js';
import { createSharedMemory, redisStore, type SharedStore } from '../../src/chat/shared-memory.js';
import type { MissesLog } from '../../src/chat/staff-logs.js';
import { loadEngine } from '../../src/search/engine.js';
import { guessingEngine } from './guessing-engine.js';

const VAGUE = '数字化转型这块市里有哪些扶持';
const engine = guessingEngine(new Map([[VAGUE, ['q4', 'q8', 'q16']]]), loadEngine());
const normalise = engine.analyser.normalise;

/** A conversation on a clock the test moves, recording misses. */
function chat(options: { memory?: ConversationMemory } = {}) {
  let time = Date.parse('2024-05-01T08:00:00Z');
  const misses: unknown[] = [];
  const log: MissesLog = { record: (m) => void misses.push(m), flush: async () => {} };
  const conversation = createConversation({
    engine,
    misses: log,
    now: () => new Date(time),
    onError: (error) => {
      throw error;
    },
    ...options,
  });
  const say = async (text: string, extra: Partial<IncomingMessage> = {}): Promise<Reply | null> =>
    (await conversation.respond({ text, chat: 'private', userId: 'u1', chatId: 'c1', ...extra })).reply;
  const wait = (ms: number) => void (time += ms);
  return { conversation, say, wait, misses };
}

const ids = (reply: Reply | null) => (reply?.kind === 'answer' ? reply.items.map((i) => i.id) : reply?.kind);

describe('reading a follow-up from the text', () => {
  it.each([
    ['2', { kind: 'pick', position: 2 }],
    ['第二个', { kind: 'pick', position: 2 }],
    ['就是第二个', { kind: 'pick', position: 2 }],
    ['第二个详细说说', { kind: 'pick', position: 2 }],
    ['第三个。', { kind: 'pick', position: 3 }],
    ['嗯，第2个吧', { kind: 'pick', position: 2 }],
    ['最后一个', { kind: 'pick', position: -1 }],
    ['第2个说详细点', { kind: 'pick', position: 2 }],
    ['谁问的', { kind: 'about', what: 'asker' }],
    ['是谁问的？', { kind: 'about', what: 'asker' }],
    ['哪个部门答的', { kind: 'about', what: 'body' }],
    ['刚才那个是谁问的', { kind: 'about', what: 'asker' }],
    ['这个是哪个局答的', { kind: 'about', what: 'body' }],
    ['还有呢', { kind: 'more' }],
    ['還有別的嗎', { kind: 'more' }],
    ['换一个', { kind: 'more' }],
    ['还有没有其他的', { kind: 'more' }],
    ['有什么数字', { kind: 'commitments' }],
    ['有什么目标？', { kind: 'commitments' }],
    ['他们计划几年做成', { kind: 'commitments' }],
    ['那它的目标呢', { kind: 'commitments' }],
    ['具体数字呢', { kind: 'commitments' }],
    ['不对', { kind: 'dislike' }],
    ['不是这个', { kind: 'dislike' }],
    ['那东湖高新区呢', { kind: 'elliptical', subject: '东湖高新区' }],
    ['光谷呢？', { kind: 'elliptical', subject: '光谷' }],
    ['那财政局怎么说呢', { kind: 'elliptical', subject: '财政局' }],
  ])('%j reads as %j', (text, cue) => {
    expect(readCue(text, normalise)).toEqual(cue);
  });

  it.each([
    '那经信局的政策落实得怎么样',
    '经开区有什么目标',
    '经开区汽车怎么说',
    '第5题',
    'q5',
    '数字化转型这块市里有哪些扶持',
    '不对，我问的是汉融通',
    '呢',
    '',
    '不对'.repeat(20),
  ])('%j stands on its own', (text) => {
    expect(readCue(text, normalise)).toBeNull();
  });
});

describe('the middle answer: 「你是不是想问」', () => {
  it('offers the likely items with their /q n, body, asker and the question cut short', async () => {
    const reply = await chat().say(VAGUE);
    expect(reply).toMatchObject({ kind: 'did-you-mean', what: 'question', reason: 'guess' });
    if (reply?.kind !== 'did-you-mean') throw new Error('not a guess');
    // Buttons on Telegram: each suggestion is the command that opens the item.
    expect(reply.candidates.map((c) => c.command)).toEqual(['/q 4', '/q 8', '/q 16']);
    expect(reply.candidates[0]!.label).toMatch(/^市经信局 · 陈光菊 · 将采取什么措施/);
    const text = renderPlain(reply).join('\n');
    expect(text.split('\n')).toEqual([
      '你是不是想问：',
      expect.stringMatching(/^\/q 4 市经信局 · 陈光菊 · /),
      expect.stringMatching(/^\/q 8 市发改委 · 李蕾 · /),
      expect.stringMatching(/^\/q 16 市政府国资委 · 邹薇 · /),
    ]);
  });

  it('renders as Telegram HTML with each command in code', async () => {
    const html = renderTelegramHtml((await chat().say(VAGUE))!).join('\n');
    expect(html).toMatch(/^你是不是想问：\n<code>\/q 4<\/code> 市经信局 · 陈光菊 · /);
    expect(html).toContain('<code>/q 16</code> 市政府国资委 · 邹薇 · ');
  });

  it('is said in private and to an addressed group message; plain group chatter gets silence', async () => {
    const { conversation } = chat();
    const group = { chat: 'group', userId: 'u', chatId: 'g' } as const;
    expect((await conversation.respond({ text: VAGUE, ...group })).reply?.kind).toBe('did-you-mean');
    expect(await conversation.respond({ text: VAGUE, ...group, addressed: false })).toEqual({
      reply: null,
      silence: 'etiquette',
    });
  });

  it('the misses log records the tier: none, guess (first item offered), disliked (the answer shown)', async () => {
    const { say, misses } = chat();
    await say('今天天气怎么样');
    await say(VAGUE);
    await say('汉融通是啥');
    await say('谁问的');
    await say('不对');
    await say('经开区汽车怎么说', { chat: 'group', addressed: false, chatId: 'g' });
    expect(misses).toEqual([
      { chat: 'private', text: '今天天气怎么样', tier: 'none', time: expect.any(Date) },
      { chat: 'private', text: VAGUE, tier: 'guess', answer: 'q4', time: expect.any(Date) },
      // The question that got the answer marked wrong, not the 「不对」 that marked it.
      { chat: 'private', text: '汉融通是啥', tier: 'disliked', answer: 'q7', time: expect.any(Date) },
    ]);
  });

  it('「不对」 logs the message whose answer was shown, not an earlier question of the thread', async () => {
    const { say, misses } = chat();
    await say('经开区汽车怎么说');
    await say('朱库成'); // a bare name: his item, not a search
    const shown = ids(await say('还有呢'));
    await say('不对');
    expect(misses.at(-1)).toMatchObject({ text: '朱库成', tier: 'disliked', answer: shown?.[0] });
    await say('/q 1');
    await say('不对');
    expect(misses.at(-1)).toMatchObject({ text: '/q 1', tier: 'disliked', answer: 'q1' });
    await say('经开区汽车怎么说');
    const next = ids(await say('还有呢'));
    await say('不对');
    // 「还有呢」 goes on with the question's thread: the item it showed was shown for that question.
    expect(misses.at(-1)).toMatchObject({ text: '经开区汽车怎么说', tier: 'disliked', answer: next?.[0] });
  });

  it('a follow-up phrase with nothing before it is no question about the hearing and is not logged', async () => {
    const { say, misses } = chat();
    for (const text of ['不对', '2', '还有呢', '谁问的']) await say(text);
    expect(misses).toEqual([]);
  });

  it('「那X呢」 about something the hearing lacks is a question of its own, logged as found nothing', async () => {
    const { say, misses } = chat();
    await say('经开区汽车怎么说');
    expect((await say('那房价呢'))?.kind).toBe('not-found');
    expect(misses).toEqual([{ chat: 'private', text: '那房价呢', tier: 'none', time: expect.any(Date) }]);
  });
});

describe('follow-ups in the conversation', () => {
  it('「不对」 after an answer shows another item, and 「还有呢」 never repeats one', async () => {
    const { say } = chat();
    const shown = [
      ids(await say('汉融通是啥')),
      ids(await say('不对')),
      ids(await say('还有呢')),
      ids(await say('换一个')),
    ].flat();
    expect(shown[0]).toBe('q7');
    expect(new Set(shown).size).toBe(4);
  });

  it('「不对」 after 「你是不是想问」 offers nothing again: none of the three was right', async () => {
    const { say, misses } = chat();
    await say(VAGUE);
    const reply = await say('不对');
    expect(reply).toMatchObject({ kind: 'list', lines: [] });
    expect(renderPlain(reply!).join('\n')).toMatch(/^没有更接近的问答了/);
    expect(misses.at(-1)).toMatchObject({ tier: 'disliked', answer: 'q4' });
  });

  it('reads follow-ups in Traditional characters and full width too', async () => {
    const { say } = chat();
    await say('/dept 市经信局');
    expect(ids(await say('第２個'))).toEqual(['q3']);
    expect((await say('是誰問的？'))?.kind).toBe('list');
  });

  it('「谁问的」 after several items names each asker, one line per item', async () => {
    const { say } = chat();
    await say('/dept 市经信局');
    const reply = await say('谁问的');
    expect(reply?.kind === 'list' && reply.lines.map((l) => [l.key, l.cells[0], l.command])).toEqual([
      ['q1', '市人大常委会副主任龙良文提问', '/q 1'],
      ['q3', '李江颖代表提问', '/q 3'],
      ['q4', '市人大常委会副主任陈光菊提问', '/q 4'],
      ['q15', '市人大常委会副主任陈新垓提问', '/q 15'],
    ]);
    // The list is still the one /dept showed.
    expect(ids(await say('第二个'))).toEqual(['q3']);
  });

  it('a number past the list shows the list again, and the list stays', async () => {
    const { say } = chat();
    await say(VAGUE);
    const again = await say('5');
    expect(again).toMatchObject({ kind: 'list', title: '刚才列出的只有三项：' });
    expect(again?.kind === 'list' && again.lines.map((l) => [l.key, l.command])).toEqual([
      ['q4', '/q 4'],
      ['q8', '/q 8'],
      ['q16', '/q 16'],
    ]);
    expect(ids(await say('3'))).toEqual(['q16']);
  });

  it('a reply with nothing to follow (not-found, help) leaves what came before', async () => {
    const { say } = chat();
    await say('汉融通是啥');
    expect((await say('今天天气怎么样'))?.kind).toBe('not-found');
    expect((await say('你好'))?.kind).toBe('help');
    expect(renderPlain((await say('谁问的'))!)[0]).toMatch(/^q7是程宏刚委员问的，市地方金融局应询回答。/);
  });

  it('a fresh question after a follow-up is answered on its own', async () => {
    const { say } = chat();
    expect(ids(await say('/dept 市经信局'))).toEqual(['q1', 'q3', 'q4', 'q15']);
    expect(ids(await say('那经信局的政策落实得怎么样'))).toEqual(['q15']);
    expect(ids(await say('监管模式'))).toEqual(['q17']);
  });

  it('a member’s memory is their own in a group, and a follow-up counts only when addressed', async () => {
    const { conversation } = chat();
    const as = async (userId: string, text: string, addressed = true) =>
      ids((await conversation.respond({ text, chat: 'group', chatId: 'g', userId, addressed })).reply);
    expect(await as('A', '/dept 市经信局')).toEqual(['q1', 'q3', 'q4', 'q15']);
    expect(await as('B', '汉融通是啥')).toEqual(['q7']);
    expect(await as('A', '2', false)).toBeUndefined();
    expect(await as('A', '2')).toEqual(['q3']);
    expect(await as('B', '谁问的')).toBe('list');
    expect(await as('C', '2')).toBeUndefined();
    // The same member in another group has another memory.
    expect(
      ids((await conversation.respond({ text: '2', chat: 'group', chatId: 'g2', userId: 'A' })).reply),
    ).toBeUndefined();
  });

  it('a private chat forgets after five minutes of silence', async () => {
    const { say, wait } = chat();
    await say('/dept 市经信局');
    wait(4 * 60_000);
    expect(ids(await say('2'))).toEqual(['q3']);
    wait(5 * 60_000 + 1);
    expect((await say('3'))?.kind).toBe('nothing-to-follow');
  });

  it('a thread is forgotten after 20 turns', async () => {
    const { say, wait } = chat();
    for (let turn = 1; turn <= 19; turn++) {
      await say('汉融通是啥');
      wait(1000);
    }
    expect((await say('谁问的'))?.kind).toBe('list'); // the 20th turn
    expect((await say('谁问的'))?.kind).toBe('nothing-to-follow'); // read on its own: the thread is over
    expect((await say('谁问的'))?.kind).toBe('nothing-to-follow');
    expect(ids(await say('汉融通是啥'))).toEqual(['q7']); // a new thread
    expect((await say('谁问的'))?.kind).toBe('list');
  });

  it('keeps no message text but the question whose reply is on screen: commands of its own, hearing names', async () => {
    const kept: Recollection[] = [];
    const memory = createMemory();
    const spy: ConversationMemory = {
      ...memory,
      keep: (key, r) => {
        kept.push(r);
        memory.keep(key, r);
      },
    };
    const { say } = chat({ memory: spy });
    const typed = ['汉融通平台后面要升级成啥', '谁问的', '那东湖高新区呢', '有什么数字', '不对', VAGUE, '2'];
    for (const text of typed) await say(text);
    expect(kept).toHaveLength(typed.length);
    // The question is kept for 「不对」 to log (until the memory forgets it), in that field only; follow-ups keep it,
    // a new question replaces it.
    expect(kept.map((r) => r.question)).toEqual([...typed.slice(0, 5).map(() => typed[0]), VAGUE, VAGUE]);
    const stored = JSON.stringify(kept.map(({ question, ...rest }) => rest));
    // (「2」 would be found in any timestamp: what a person typed is checked where it says something.)
    for (const text of typed.filter((t) => t.length > 2)) expect(stored).not.toContain(text);
    for (const r of kept)
      for (const command of [...r.shown, ...r.offered, ...r.pending, ...r.seen])
        expect(command).toMatch(/^\/(?:q|dept|who|topic|promises|list)\b/);
  });
});

describe('the memory', () => {
  const recollection = (at: number, turns = 1): Recollection => ({
    at,
    turns,
    question: null,
    source: 'search',
    shown: ['/q 7'],
    offered: [],
    pending: [],
    seen: ['/q 7'],
    body: '市地方金融局',
    person: '程宏刚',
  });

  it('is bounded: past its capacity the conversation used least recently is forgotten', () => {
    const memory = createMemory({ capacity: 2 });
    memory.keep('a', recollection(0));
    memory.keep('b', recollection(0));
    expect(memory.recall('a', 1)).toBeDefined(); // a is now the most recent
    memory.keep('c', recollection(0));
    expect(memory.recall('b', 1)).toBeUndefined();
    expect(memory.recall('a', 1)).toBeDefined();
    expect(memory.recall('c', 1)).toBeDefined();
  });

  it('holds a thousand groups of a hundred members within its capacity', () => {
    const memory = createMemory({ capacity: 5000 });
    for (let g = 0; g < 1000; g++)
      for (let m = 0; m < 100; m++)
        memory.keep(memoryKey({ chat: 'group', chatId: `g${g}`, userId: `m${m}` }), recollection(0));
    let remembered = 0;
    for (let g = 0; g < 1000; g++)
      for (let m = 0; m < 100; m++)
        if (memory.recall(memoryKey({ chat: 'group', chatId: `g${g}`, userId: `m${m}` }), 1)) remembered++;
    expect(remembered).toBe(5000);
  });

  it('forgets after the idle time and after the last turn', () => {
    const memory = createMemory({ idleMs: 1000, maxTurns: 3 });
    memory.keep('a', recollection(0));
    expect(memory.recall('a', 1000)).toBeDefined();
    expect(memory.recall('a', 1001)).toBeUndefined();
    memory.keep('b', recollection(0, 3));
    expect(memory.recall('b', 1)).toBeUndefined();
  });

  it('is keyed by chat and member in groups, by chat alone in private chats and the console', () => {
    expect(memoryKey({ chat: 'group', chatId: 'g', userId: 'u' })).toBe('group:g:u');
    expect(memoryKey({ chat: 'private', chatId: 'c', userId: 'u' })).toBe('private:c');
    expect(memoryKey({ chat: 'console', chatId: 'console', userId: 'console' })).toBe('console:console');
  });
});

describe('a memory shared by replicas', () => {
  /** A stand-in for Redis: strings with a time to live, on the test's clock. */
  function fakeStore(now: () => number) {
    const data = new Map<string, { value: string; until: number }>();
    const store: SharedStore = {
      get: async (key) => {
        const found = data.get(key);
        return found && found.until > now() ? found.value : null;
      },
      set: async (key, value, ttlMs) => void data.set(key, { value, until: now() + ttlMs }),
      delete: async (key) => void data.delete(key),
    };
    return { store, data };
  }

  it('a follow-up is understood by another replica (respond() loads the shared memory first)', async () => {
    let time = Date.parse('2024-05-01T08:00:00Z');
    const { store, data } = fakeStore(() => time);
    const replica = () => {
      const memory = createSharedMemory(store, { now: () => time });
      return { memory, conversation: createConversation({ engine, memory, now: () => new Date(time) }) };
    };
    const one = replica();
    const two = replica();
    const message = { chat: 'group', chatId: 'g', userId: 'A' } as const;
    expect(ids((await one.conversation.respond({ ...message, text: '/dept 市经信局' })).reply)).toHaveLength(4);
    await one.memory.flush();
    expect([...data.keys()]).toEqual(['hearing:memory:group:g:A']);
    time += 1000;
    expect(ids((await two.conversation.respond({ ...message, text: '第二个' })).reply)).toEqual(['q3']);
    await two.memory.flush();
    time += 1000;
    // Back on the first replica: it reads what the second said last (the list is still the same list).
    expect(ids((await one.conversation.respond({ ...message, text: '第三个' })).reply)).toEqual(['q4']);
    // The store forgets on its own after the idle time.
    time += 5 * 60_000 + 1;
    expect(await two.conversation.respond({ ...message, text: '2' })).toEqual({ reply: null, silence: 'etiquette' });
  });

  it('a store that fails or holds junk costs the follow-up, never the reply', async () => {
    const errors: string[] = [];
    const broken: SharedStore = {
      get: async () => {
        throw new Error('connection refused');
      },
      set: async () => {
        throw new Error('connection refused');
      },
      delete: async () => {},
    };
    const memory = createSharedMemory(broken, { onError: (e) => errors.push(e.message) });
    const conversation = createConversation({ engine, memory });
    const message = { chat: 'private', chatId: 'c', userId: 'u' } as const;
    expect(ids((await conversation.respond({ ...message, text: '汉融通是啥' })).reply)).toEqual(['q7']);
    await memory.flush();
    expect(errors).toEqual([
      'memory: cannot read hearing:memory:private:c in the shared store: connection refused',
      'memory: cannot save hearing:memory:private:c in the shared store: connection refused',
    ]);
    // Its failing saves are reported too (to `errors`: a test prints nothing of its own).
    const junk = createSharedMemory(
      { ...broken, get: async () => '{"at":"yesterday"' },
      { onError: (e) => errors.push(e.message) },
    );
    const other = createConversation({ engine, memory: junk });
    expect((await other.respond({ ...message, text: '谁问的' })).reply?.kind).toBe('nothing-to-follow');
  });

  it('redisStore writes each recollection as one key with a time to live', async () => {
    const calls: unknown[][] = [];
    const store = redisStore({
      get: async (key) => {
        calls.push(['get', key]);
        return null;
      },
      set: async (...args) => calls.push(['set', ...args]),
      del: async (key) => calls.push(['del', key]),
    });
    await store.set('k', '{}', 300_000);
    await store.get('k');
    await store.delete('k');
    expect(calls).toEqual([
      ['set', 'k', '{}', 'PX', 300_000],
      ['get', 'k'],
      ['del', 'k'],
    ]);
  });
});
