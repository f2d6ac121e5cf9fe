// The Telegram door driven with handleUpdate and a recording API: what it sends, where, and when it stays silent.
import { HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createDoorLog } from '../../../bots/door/log.js';
import { telegramSecrets } from '../../../bots/telegram/env.js';
import { INLINE_CACHE_SECONDS } from '../../../bots/telegram/inline.js';
import { registerCommands } from '../../../bots/telegram/serve.js';
import { createTelegramBot, type TelegramBotOptions } from '../../../bots/telegram.js';
import { createConversation } from '../../../src/chat/conversation.js';
import { intentTable } from '../../../src/chat/intents/index.js';
import { loadEngine } from '../../../src/search/engine.js';
import {
  alice,
  BOT_INFO,
  bob,
  group,
  message,
  privateChat,
  recordApi,
  SECRET_HALF,
  TOKEN,
  textUpdate,
  update,
} from './helpers.js';

const engine = loadEngine();

function harness(options: Partial<TelegramBotOptions> = {}, fail: Parameters<typeof recordApi>[1] = {}) {
  const logs: string[] = [];
  const bot = createTelegramBot({
    token: TOKEN,
    botInfo: BOT_INFO,
    engine,
    log: createDoorLog('telegram', {
      secrets: telegramSecrets({ token: TOKEN, apiRoot: undefined, webhook: undefined }),
      write: (line) => logs.push(line),
      debug: false,
    }),
    ...options,
  });
  return { bot, logs, ...recordApi(bot, fail) };
}

const FOUR_ASKERS = ['龙良文', '李江颖', '陈光菊', '陈新垓'];
const askersIn = (html: string) =>
  [...html.matchAll(/<b>q\d+ \S*?(龙良文|李江颖|陈光菊|陈新垓)\S*提问：<\/b>/g)].map((m) => m[1]);

describe('private chat', () => {
  it('answers a question with the answering body and the asker, in HTML', async () => {
    const { bot, sent, logs } = harness();
    await bot.handleUpdate(textUpdate('经开区汽车怎么说'));
    expect(sent()).toHaveLength(1);
    const { chat_id, text, parse_mode, reply_parameters } = sent()[0]!.payload;
    expect(chat_id).toBe(alice.id);
    expect(parse_mode).toBe('HTML');
    expect(reply_parameters).toBeUndefined();
    expect(text).toContain('<b>经开区管委会应询回答：</b>');
    expect(text).toContain('樊志宏委员提问');
    expect(logs).toEqual([]);
  });

  it.each([
    ['/start', ['加快发展数字经济', '/topic', '/dept 市经信局', '谁问的']],
    ['/help', ['直接提问，例如', '经开区汽车怎么说']],
    ['/dept 经信局', ['市经信局', ...FOUR_ASKERS]],
    ['/dept', ['16个答复单位', '市经信局</code> 4问']],
    ['/who 朱库成', ['朱库成']],
    ['/who', ['位提问人', '朱库成']],
    ['/topic', ['5个主题', '加快促进产业数字化转型']],
    ['/topic 2', ['主题2 加快促进产业数字化转型']],
    ['/list', ['全部18个问题', '<code>q1</code>', '<code>q18</code>']],
    ['/q 5', ['樊志宏', '经开区管委会应询回答']],
    ['/q closing', ['总体回应']],
  ])('%s', async (command, expected) => {
    const { bot, texts } = harness();
    await bot.handleUpdate(textUpdate(command));
    const all = texts().join('\n');
    for (const fragment of expected) expect(all).toContain(fragment);
  });

  it('/dept 经信局 quotes all four answers of 市经信局, askers in order', async () => {
    const { bot, texts } = harness();
    await bot.handleUpdate(textUpdate('/dept 经信局'));
    expect(askersIn(texts().join('\n'))).toEqual(FOUR_ASKERS);
  });

  it('escapes the user text quoted back', async () => {
    const { bot, texts } = harness();
    await bot.handleUpdate(textUpdate('<b>天气</b> & 今天'));
    expect(texts()[0]).toContain('「&lt;b&gt;天气&lt;/b&gt; &amp; 今天」');
    expect(texts()[0]).not.toContain('<b>天气');
  });

  it('answers an out-of-scope question with a kind not-found, never an unrelated answer', async () => {
    const { bot, texts } = harness();
    await bot.handleUpdate(textUpdate('今天天气怎么样'));
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('没有与「今天天气怎么样」相关的问答');
    expect(texts()[0]).not.toContain('应询回答');
  });

  it('splits a long reply under the limit and sends the parts in order, the keyboard under the last', async () => {
    const { bot, sent } = harness({ messageLimit: 400 });
    await bot.handleUpdate(textUpdate('/dept 经信局'));
    expect(sent().length).toBeGreaterThan(1);
    for (const call of sent()) expect(call.payload.text.length).toBeLessThanOrEqual(400);
    expect(
      askersIn(
        sent()
          .map((c) => c.payload.text)
          .join('\n'),
      ),
    ).toEqual(FOUR_ASKERS);

    const list = harness({ messageLimit: 400 });
    await list.bot.handleUpdate(textUpdate('/list'));
    const markups = list.sent().map((c) => c.payload.reply_markup);
    expect(markups.length).toBeGreaterThan(1);
    expect(markups.slice(0, -1).every((m) => m === undefined)).toBe(true);
    expect(
      markups
        .at(-1)
        ?.inline_keyboard.flat()
        .map((b: { callback_data: string }) => b.callback_data),
    ).toContain('/q 18');
  });
});

describe('keyboards', () => {
  it('offers related matches as /q buttons', async () => {
    const { bot, sent } = harness();
    await bot.handleUpdate(textUpdate('数字化转型'));
    const { text, reply_markup } = sent()[0]!.payload;
    const listed = [...text.split('<b>相关：</b>')[1]!.matchAll(/<code>(\/q \d+)<\/code>/g)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(0);
    const rows = reply_markup.inline_keyboard;
    const buttons = rows.slice(0, -1).flat();
    expect(buttons.map((b: { callback_data: string }) => b.callback_data)).toEqual(listed);
    for (const b of buttons) expect(b.text).toMatch(/^q\d+ \S+ · \S+$/);
    // The last row asks whether the answer helped.
    expect(rows.at(-1).map((b: { text: string }) => b.text)).toEqual(['👍 有用', '👎 不对']);
  });

  const buttonUpdate = (data: string) =>
    update({
      callback_query: { id: `cb-${data}`, from: alice, chat_instance: 'x', message: message({ from: BOT_INFO }), data },
    });

  it('👍 is thanked with a toast and logged as liked; 👎 says 「不对」: the next candidate, logged as disliked', async () => {
    const recorded: { text: string; tier?: string; answer?: string }[] = [];
    const misses = { record: (m: (typeof recorded)[number]) => void recorded.push(m), flush: async () => {} };
    const replies: { text: string; liked?: string }[] = [];
    const answers = { record: (r: (typeof replies)[number]) => void replies.push(r), flush: async () => {} };
    const { bot, sent, calls } = harness({ misses, answers });
    await bot.handleUpdate(textUpdate('经开区汽车怎么说'));
    const first = sent()[0]!.payload;
    expect(first.text).toContain('经开区管委会');
    const [good, bad] = first.reply_markup.inline_keyboard.at(-1);
    await bot.handleUpdate(buttonUpdate(good.callback_data));
    expect(calls.at(-1)).toMatchObject({ method: 'answerCallbackQuery', payload: { text: '谢谢反馈！' } });
    expect(sent()).toHaveLength(1);
    expect(replies.at(-1)).toMatchObject({ text: '👍', liked: 'q5' });
    await bot.handleUpdate(buttonUpdate(bad.callback_data));
    expect(sent()).toHaveLength(2);
    expect(sent()[1]!.payload.text).not.toBe(first.text);
    expect(recorded).toEqual([expect.objectContaining({ text: '经开区汽车怎么说', tier: 'disliked', answer: 'q5' })]);
  });

  it('lists the answering bodies of /dept as buttons', async () => {
    const { bot, sent } = harness();
    await bot.handleUpdate(textUpdate('/dept'));
    const buttons = sent()[0]!.payload.reply_markup.inline_keyboard.flat();
    expect(buttons).toHaveLength(16);
    expect(buttons[0]).toEqual({ text: '市经信局 4问', callback_data: '/dept 市经信局' });
  });

  it('offers did-you-mean candidates as buttons', async () => {
    const { bot, sent } = harness();
    await bot.handleUpdate(textUpdate('/dept 经心局'));
    expect(sent()[0]!.payload.reply_markup.inline_keyboard).toEqual([
      [{ text: '市经信局', callback_data: '/dept 市经信局' }],
    ]);
  });
});

describe('groups', () => {
  const inGroup = (text: string, fields = {}) => textUpdate(text, { chat: group, ...fields });

  it('answers /dept@botname, quoting the message it answers', async () => {
    const { bot, sent } = harness();
    const u = inGroup('/dept@hearing_bot 经信局');
    await bot.handleUpdate(u);
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.payload.chat_id).toBe(group.id);
    expect(sent()[0]!.payload.reply_parameters).toEqual({
      message_id: u.message!.message_id,
      allow_sending_without_reply: true,
    });
    expect(askersIn(sent()[0]!.payload.text)).toEqual(FOUR_ASKERS);
  });

  it('answers plain commands but leaves /cmd@otherbot and unknown commands alone', async () => {
    const { bot, sent } = harness();
    await bot.handleUpdate(inGroup('/q 5'));
    expect(sent()).toHaveLength(1);
    await bot.handleUpdate(inGroup('/dept@other_bot 经信局'));
    await bot.handleUpdate(inGroup('/weather'));
    expect(sent()).toHaveLength(1);
  });

  it('ignores group chatter, even a question it could answer: no API call at all', async () => {
    const { bot, calls } = harness();
    for (const text of ['经开区汽车怎么说', '大家好', '部门 市经信局', '@someone_else 经开区汽车怎么说'])
      await bot.handleUpdate(inGroup(text));
    expect(calls).toEqual([]);
  });

  it.each([
    ['a leading mention', '@hearing_bot 经开区汽车怎么说'],
    ['a trailing mention', '经开区汽车怎么说 @Hearing_Bot'],
  ])('answers %s', async (_, text) => {
    const { bot, texts } = harness();
    await bot.handleUpdate(inGroup(text));
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('经开区管委会应询回答');
  });

  it('answers a text mention of the bot (a user without a username mentions it by name)', async () => {
    const { bot, texts } = harness();
    const text = '询问小助手 经开区汽车怎么说';
    await bot.handleUpdate(
      textUpdate(text, { chat: group, entities: [{ type: 'text_mention', offset: 0, length: 5, user: BOT_INFO }] }),
    );
    expect(texts()[0]).toContain('经开区管委会应询回答');
  });

  it("answers replies to the bot's own messages, not replies to others", async () => {
    const { bot, texts } = harness();
    const botMessage = message({ chat: group, from: BOT_INFO, text: '……' });
    await bot.handleUpdate(inGroup('经开区汽车怎么说', { reply_to_message: botMessage }));
    expect(texts()).toHaveLength(1);
    const bobMessage = message({ chat: group, from: bob, text: '我觉得不错' });
    await bot.handleUpdate(inGroup('经开区汽车怎么说', { reply_to_message: bobMessage }));
    expect(texts()).toHaveLength(1);
  });

  it('a flood of 20 messages from one user gets a few answers at most', async () => {
    const { bot, sent } = harness();
    for (let i = 0; i < 20; i++) await bot.handleUpdate(inGroup(`@hearing_bot 经开区汽车怎么说 ${i}`));
    expect(sent().length).toBeGreaterThan(0);
    expect(sent().length).toBeLessThanOrEqual(5);
  });

  it('the same flood in a private chat is limited too, and told once when to ask again', async () => {
    const { bot, sent } = harness();
    for (let i = 0; i < 20; i++) await bot.handleUpdate(textUpdate('/q 5'));
    const texts = sent().map((c) => c.payload.text as string);
    expect(texts).toHaveLength(6);
    expect(texts.slice(0, 5).every((t) => t.includes('经开区管委会'))).toBe(true);
    expect(texts[5]).toMatch(/\d+\s*秒/);
  });
});

describe('inline mode', () => {
  it('@bot 汉融通 answers with articles: body and asker as title, the question as description, the answer as message', async () => {
    const { bot, calls } = harness();
    await bot.handleUpdate(update({ inline_query: { id: 'iq1', from: alice, query: '汉融通', offset: '' } }));
    expect(calls.map((c) => c.method)).toEqual(['answerInlineQuery']);
    const { inline_query_id, results, cache_time } = calls[0]!.payload;
    expect(inline_query_id).toBe('iq1');
    expect(cache_time).toBe(INLINE_CACHE_SECONDS);
    expect(cache_time).toBeGreaterThanOrEqual(3600);
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    const [first] = results;
    expect(first).toMatchObject({ type: 'article', id: 'q7', title: '市地方金融局 · 程宏刚委员' });
    expect(first.description).toBe('将采取哪些措施进一步发展壮大我市数字金融产业?');
    expect(first.input_message_content.message_text).toContain('汉融通');
    expect(first.input_message_content.parse_mode).toBe('HTML');
    expect(first.input_message_content.message_text).toContain('<b>市地方金融局应询回答：</b>');
    expect(first.input_message_content.message_text.length).toBeLessThanOrEqual(4096);
  });

  it('an empty query offers a private chat; a query with no match gets no articles', async () => {
    const { bot, calls } = harness();
    await bot.handleUpdate(update({ inline_query: { id: 'iq2', from: alice, query: '  ', offset: '' } }));
    await bot.handleUpdate(update({ inline_query: { id: 'iq3', from: alice, query: '今天天气怎么样', offset: '' } }));
    expect(
      calls.map((c) => [c.payload.inline_query_id, c.payload.results.length, typeof c.payload.button?.start_parameter]),
    ).toEqual([
      ['iq2', 0, 'string'],
      ['iq3', 0, 'string'],
    ]);
  });
});

describe('buttons (callback queries)', () => {
  it('a /q button in a chat is answered and opens that item', async () => {
    const { bot, calls } = harness();
    const shown = message({ from: BOT_INFO, text: '……' });
    await bot.handleUpdate(
      update({ callback_query: { id: 'cb1', from: alice, chat_instance: 'x', message: shown, data: '/q 5' } }),
    );
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(calls[0]!.payload.callback_query_id).toBe('cb1');
    expect(calls[1]!.payload.text).toContain('樊志宏委员提问');
  });

  it('a button under an inline message edits it; "message is not modified" is tolerated', async () => {
    const { bot, calls, logs } = harness(
      {},
      {
        editMessageTextInline:
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same',
      },
    );
    await bot.handleUpdate(
      update({
        callback_query: { id: 'cb2', from: alice, chat_instance: 'x', inline_message_id: 'im1', data: '/q 5' },
      }),
    );
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(calls[1]!.payload.inline_message_id).toBe('im1');
    expect(logs).toEqual([]);
  });

  it('every callback is answered: without data, and when the user is rate-limited', async () => {
    const { bot, calls } = harness();
    await bot.handleUpdate(
      update({ callback_query: { id: 'cb3', from: alice, chat_instance: 'x', game_short_name: 'none' } }),
    );
    for (let i = 0; i < 8; i++)
      await bot.handleUpdate(
        update({
          callback_query: {
            id: `f${i}`,
            from: bob,
            chat_instance: 'x',
            message: message({ chat: privateChat(bob) }),
            data: '/list',
          },
        }),
      );
    const answered = calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload.callback_query_id);
    expect(answered).toEqual(['cb3', ...Array.from({ length: 8 }, (_, i) => `f${i}`)]);
    expect(calls.filter((c) => c.method === 'answerCallbackQuery' && c.payload.text).length).toBeGreaterThan(0);
  });

  it('a failing answerCallbackQuery (query too old) does not stop the reply', async () => {
    const { bot, calls, logs } = harness(
      {},
      { answerCallbackQuery: 'Bad Request: query is too old and response timeout expired or query ID is invalid' },
    );
    await bot.handleUpdate(
      update({ callback_query: { id: 'cb4', from: alice, chat_instance: 'x', message: message({}), data: '/q 5' } }),
    );
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(logs).toEqual([]);
  });
});

describe('other updates are handled without errors', () => {
  const sticker = {
    file_id: 's',
    file_unique_id: 's',
    type: 'regular',
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji: '😀',
  } as const;
  const photo = [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }];

  it.each([
    ['a sticker in a group', textless({ chat: group, sticker })],
    ['a photo without caption', textless({ photo })],
    ['a photo in a group', textless({ chat: group, photo, caption: '看看这个' })],
    ['a member joining', textless({ chat: group, new_chat_members: [bob] })],
    ['a pinned message', textless({ chat: group, pinned_message: message({ chat: group, text: 'x' }) as never })],
    [
      'an edited message',
      update({ edited_message: { ...message({ text: '经开区汽车怎么说' }), edit_date: 1_700_000_100 } }),
    ],
    [
      'a channel post',
      update({
        channel_post: message({ chat: { id: -100300, type: 'channel', title: '频道' }, text: '经开区汽车怎么说' }),
      }),
    ],
    [
      'a chat member update',
      update({
        my_chat_member: {
          chat: group,
          from: bob,
          date: 1,
          old_chat_member: { status: 'left', user: BOT_INFO },
          new_chat_member: { status: 'member', user: BOT_INFO },
        },
      }),
    ],
  ])('%s: silence', async (_, u) => {
    const { bot, calls, logs } = harness();
    await expect(bot.handleUpdate(u)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('a sticker in a private chat gets the "ask in words" hint; a photo with a caption is a question', async () => {
    const { bot, texts } = harness();
    await bot.handleUpdate(textless({ sticker }));
    expect(texts()[0]).toContain('请用文字提问');
    await bot.handleUpdate(textless({ photo, caption: '经开区汽车怎么说' }));
    expect(texts()[1]).toContain('经开区管委会应询回答');
  });

  function textless(fields: Record<string, unknown>) {
    return update({ message: message(fields) });
  }
});

describe('errors stay local and never show the token', () => {
  it('a failing sendMessage is logged once, and the next update is answered as usual', async () => {
    const { bot, logs, calls } = harness({}, { sendMessage: `Forbidden: bot was blocked by the user` });
    await expect(bot.handleUpdate(textUpdate('经开区汽车怎么说'))).resolves.toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/ telegram: error: update \d+ \(message\) failed: .*blocked by the user/);
    await bot.handleUpdate(update({ inline_query: { id: 'iq', from: alice, query: '汉融通', offset: '' } }));
    expect(calls.at(-1)!.method).toBe('answerInlineQuery');
  });

  it('a network error that carries the request URL is logged with the token redacted', async () => {
    const network = new HttpError(
      "Network request for 'sendMessage' failed!",
      new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed, reason: ECONNRESET`),
    );
    const { bot, logs } = harness({}, { sendMessage: network });
    await bot.handleUpdate(textUpdate('经开区汽车怎么说'));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('bot<token>/sendMessage');
    expect(logs[0]).not.toContain(SECRET_HALF);
  });
});

describe('registerCommands', () => {
  it('sets the Chinese command menu for everyone and for Chinese clients', async () => {
    const { bot, calls } = harness();
    const menu = createConversation({ engine }).menu();
    await registerCommands(bot.api, menu);
    const expected = menu.map(({ command, description }) => ({ command, description }));
    expect(calls.map((c) => [c.method, c.payload.commands, c.payload.language_code])).toEqual([
      ['setMyCommands', expected, undefined],
      ['setMyCommands', expected, 'zh'],
    ]);
    for (const { command, description } of expected) {
      expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(description).toMatch(/\p{Script=Han}/u);
    }
  });

  it('sends every command of the intent table (with one hearing, /hearings is left out)', async () => {
    const { bot, calls } = harness();
    await registerCommands(bot.api, createConversation({ engine }).menu());
    const sent = calls[0]!.payload.commands.map((c: { command: string }) => c.command);
    const offered = intentTable().filter((m) => !('severalHearingsOnly' in m && m.severalHearingsOnly));
    expect(sent).toEqual(offered.map((m) => m.name));
    expect(sent).not.toContain('hearings');
  });
});
