// The WeChat bot end to end on wechaty-puppet-mock: private chats, group etiquette, floods, long replies, bad input.
import { afterEach, describe, expect, it } from 'vitest';
import { ScanStatus, types } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { DoorConfigError } from '../../../bots/door/env.js';
import { createWechatBot, MAX_MESSAGE_AGE_MS } from '../../../bots/wechat.js';
import { createConversation } from '../../../src/chat/conversation.js';
import { bodyOf, paragraphsOf } from '../../../src/hearing/model.js';
import { BOT_NAME, engine, startBot, stopBots, waitFor, withoutMention } from './helpers.js';

afterEach(stopBots);

let nextId = 0;
const messageId = () => `test-message-${++nextId}`;

describe('private chat', () => {
  it('answers a question with the body that answered and the member who asked', async () => {
    const { alice, me, say } = await startBot();
    const { replies, handled } = await say(alice, '经开区汽车怎么说', me);
    expect(handled.outcome).toBe('sent');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.to).toBe(alice.id);
    expect(replies[0]!.text).toContain('经开区管委会应询回答');
    expect(replies[0]!.text).toContain('樊志宏委员提问');
  });

  it.each([
    ['/dept 市经信局', ['龙良文', '李江颖', '陈光菊', '陈新垓']],
    ['部门 市经信局', ['龙良文', '李江颖', '陈光菊', '陈新垓']],
    ['/who 朱库成', ['朱库成', '市政务服务大数据局']],
    ['谁问了朱库成', ['朱库成', '市政务服务大数据局']],
    ['/help', ['经开区汽车怎么说', '/dept 市经信局']],
    ['/q 7', ['程宏刚', '市地方金融局']],
  ])('answers the command %s', async (command, expected) => {
    const { alice, me, say } = await startBot();
    const { replies } = await say(alice, command, me);
    const text = replies.map((r) => r.text).join('\n');
    const positions = expected.map((word) => text.indexOf(word));
    expect(
      positions.every((p) => p >= 0),
      `${command} → ${text.slice(0, 200)}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('says when nothing in the hearing matches', async () => {
    const { alice, me, say } = await startBot();
    const { replies } = await say(alice, '今天天气怎么样', me);
    expect(replies.map((r) => r.text).join('\n')).toContain('没有与「今天天气怎么样」相关的问答');
  });

  it('asks for text when sent an image, a voice message or a sticker', async () => {
    const { alice, me, emit } = await startBot();
    for (const type of [types.Message.Image, types.Message.Audio, types.Message.Emoticon]) {
      const { replies } = await emit({ id: messageId(), talkerId: alice.id, listenerId: me.id, type, text: '' });
      expect(replies).toHaveLength(1);
      expect(replies[0]!.to).toBe(alice.id);
      expect(replies[0]!.text).toContain('请用文字提问');
    }
  });

  it('gives no hint for system notices and recalled messages', async () => {
    const { alice, me, emit } = await startBot();
    for (const type of [types.Message.Recalled, types.Message.Unknown]) {
      const { replies, handled } = await emit({
        id: messageId(),
        talkerId: alice.id,
        listenerId: me.id,
        type,
        text: '',
      });
      expect(replies).toEqual([]);
      expect(handled[0]!.outcome).toBe('ignored');
    }
  });

  it('ignores official accounts', async () => {
    const { mocker, me, say } = await startBot();
    const account = mocker.createContact({ name: '武汉发布', type: types.Contact.Official });
    const { replies, handled } = await say(account, '经开区汽车怎么说', me);
    expect(replies).toEqual([]);
    expect(handled.outcome).toBe('ignored');
  });
});

describe('group etiquette', () => {
  it('answers a plain question about the hearing, mentioning the member who asked', async () => {
    const { alice, room, say } = await startBot();
    const { replies } = await say(alice, '经开区汽车怎么说', room);
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply!.to).toBe(room.id);
    expect(reply!.mentions).toEqual([alice.id]);
    expect(reply!.text.startsWith('@张敏 ')).toBe(true);
    expect(reply!.text).toContain('经开区管委会应询回答');
    expect(reply!.text).toContain('樊志宏委员提问');
  });

  it('answers when @-mentioned, using the rest of the message as the question', async () => {
    const { alice, me, room, say } = await startBot();
    const { replies } = await say(alice, `@${BOT_NAME}\u2005汉融通`, room, [me]);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.mentions).toEqual([alice.id]);
    expect(replies[0]!.text).toContain('市地方金融局应询回答');
  });

  it('answers a mention the puppet did not report, found by the bot’s name', async () => {
    const { alice, room, say } = await startBot();
    const { replies } = await say(alice, `@${BOT_NAME} 汉融通`, room);
    expect(replies.map((r) => r.text).join('')).toContain('市地方金融局应询回答');
  });

  it('tells an @-mention that nothing matches, but keeps quiet when not addressed', async () => {
    const { alice, me, room, say } = await startBot();
    expect((await say(alice, '今天天气怎么样', room)).replies).toEqual([]);
    const { replies } = await say(alice, '今天天气怎么样', room, [me]);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('没有与「今天天气怎么样」相关的问答');
  });

  it.each([
    '大家晚上好',
    '哈哈哈',
    '收到',
    '今天天气怎么样',
    '经开区',
    '明天几点开会？',
    '目录',
    '开始',
    '/start@other_bot',
    '/weather',
  ])('stays silent on %s', async (text) => {
    const { alice, room, say } = await startBot();
    const { replies, handled } = await say(alice, text, room);
    expect(replies).toEqual([]);
    expect(handled.outcome).not.toBe('sent');
  });

  it('stays silent on a message that @-mentions someone else', async () => {
    const { alice, bob, room, say } = await startBot();
    expect((await say(alice, '@李四\u2005经开区汽车怎么说', room, [bob])).replies).toEqual([]);
    // Also when the puppet gives no mention list: the text still starts with someone else's name.
    expect((await say(alice, '@李四 经开区汽车怎么说', room)).replies).toEqual([]);
  });

  it('answers commands typed in the group, including Chinese ones with an argument', async () => {
    const { alice, room, say } = await startBot();
    for (const command of ['/dept 市统计局', '部门 市统计局', '/q 18']) {
      const { replies } = await say(alice, command, room);
      expect(replies.map((r) => r.text).join('\n'), command).toContain('项明武');
    }
  });

  it('answers a bare Chinese command only when addressed', async () => {
    const { alice, me, room, say } = await startBot();
    expect((await say(alice, '目录', room)).replies).toEqual([]);
    const { replies } = await say(alice, '目录', room, [me]);
    expect(replies.map((r) => r.text).join('\n')).toContain('全部18个问题');
  });

  it('stays silent on an image in a group', async () => {
    const { alice, room, emit } = await startBot();
    const { replies, handled } = await emit({
      id: messageId(),
      talkerId: alice.id,
      roomId: room.id,
      type: types.Message.Image,
      text: '',
    });
    expect(replies).toEqual([]);
    expect(handled[0]!.outcome).toBe('ignored');
  });

  it('with plain questions switched off answers only mentions, the prefix and commands', async () => {
    const { alice, me, room, say } = await startBot({ config: { answerPlainQuestions: false, prefix: '#问' } });
    expect((await say(alice, '经开区汽车怎么说', room)).replies).toEqual([]);
    expect((await say(alice, '经开区汽车怎么说', room, [me])).replies.map((r) => r.text).join('')).toContain(
      '经开区管委会应询回答',
    );
    expect((await say(alice, '#问 汉融通', room)).replies.map((r) => r.text).join('')).toContain(
      '市地方金融局应询回答',
    );
    expect((await say(alice, '#问：今天天气', room)).replies.map((r) => r.text).join('')).toContain(
      '没有与「今天天气」相关的问答',
    );
    expect((await say(alice, '/dept 市统计局', room)).replies.map((r) => r.text).join('')).toContain('项明武');
  });

  it('speaks only in the groups on the allow-list', async () => {
    const { mocker, me, alice, room, say } = await startBot({ config: { rooms: ['数字经济学习群'] } });
    const other = mocker.createRoom({ topic: '家长群', memberIdList: [me.id, alice.id] });
    expect((await say(alice, '经开区汽车怎么说', other, [me])).replies).toEqual([]);
    expect((await say(alice, '经开区汽车怎么说', room)).replies).toHaveLength(1);
    // Private chats are not affected by the allow-list.
    expect((await say(alice, '经开区汽车怎么说', me)).replies).toHaveLength(1);
  });

  it('allows a group by id: another group renamed to its name stays unanswered; each id is printed once', async () => {
    const { mocker, me, alice, say, logs } = await startBot({ config: { rooms: ['5001@chatroom'] } });
    const members = [me.id, alice.id];
    const allowed = mocker.createRoom({ id: '5001@chatroom', topic: '数字经济学习群', memberIdList: members });
    const renamed = mocker.createRoom({ id: '5002@chatroom', topic: '数字经济学习群', memberIdList: members });
    expect((await say(alice, '经开区汽车怎么说', allowed)).replies).toHaveLength(1);
    expect((await say(alice, '经开区汽车怎么说', renamed)).replies).toEqual([]);
    await say(alice, '汉融通', allowed);
    const lines = logs.filter((l) => l.level === 'info' && l.line.startsWith('group ')).map((l) => l.line);
    expect(lines).toEqual([
      'group "数字经济学习群" has id 5001@chatroom: answered (allowed by id)',
      'group "数字经济学习群" has id 5002@chatroom: ignored (not in WECHAT_ROOMS)',
    ]);
  });

  it('a list by name admits every group of that name, and says so when it sees a second one', async () => {
    const { mocker, me, alice, say, logs } = await startBot({ config: { rooms: ['数字经济学习群'] } });
    const members = [me.id, alice.id];
    const first = mocker.createRoom({ id: '6001@chatroom', topic: '数字经济学习群', memberIdList: members });
    const second = mocker.createRoom({ id: '6002@chatroom', topic: '数字经济学习群', memberIdList: members });
    expect((await say(alice, '经开区汽车怎么说', first)).replies).toHaveLength(1);
    expect((await say(alice, '经开区汽车怎么说', second)).replies).toHaveLength(1);
    expect(logs.map((l) => l.line)).toContain(
      '2 groups are named "数字经济学习群" and WECHAT_ROOMS allows them by name: put the id of the one you mean ' +
        'in WECHAT_ROOMS instead (ids: 6001@chatroom, 6002@chatroom)',
    );
  });
});

describe('never answers itself, old or repeated messages', () => {
  it('ignores its own messages, including the echoes of its replies', async () => {
    const { alice, me, room, say, handledFrom, sent } = await startBot();
    await say(alice, '经开区汽车怎么说', room);
    await waitFor(() => handledFrom(me).length >= 1, 'the echo of the reply');
    const { replies } = await say(me, '经开区汽车怎么说', room);
    expect(replies).toHaveLength(0);
    expect(handledFrom(me).every((h) => h.outcome === 'ignored' && h.reason === 'sent by the bot')).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('ignores messages more than two minutes old (history replayed at login) and answers recent ones', async () => {
    const { alice, me, emit } = await startBot();
    const old = await emit({
      id: messageId(),
      talkerId: alice.id,
      listenerId: me.id,
      text: '经开区汽车怎么说',
      timestamp: Date.now() - MAX_MESSAGE_AGE_MS - 60_000,
    });
    expect(old.replies).toEqual([]);
    expect(old.handled[0]!.reason).toMatch(/older/);
    const recent = await emit({
      id: messageId(),
      talkerId: alice.id,
      listenerId: me.id,
      text: '经开区汽车怎么说',
      timestamp: Date.now() - 60_000,
    });
    expect(recent.replies).toHaveLength(1);
  });

  it('ignores messages older than two minutes by the injected clock', async () => {
    const { alice, me, say } = await startBot({ now: () => Date.now() + 3 * 60_000 });
    const { replies, handled } = await say(alice, '经开区汽车怎么说', me);
    expect(replies).toEqual([]);
    expect(handled.outcome).toBe('ignored');
  });

  it('answers a message delivered twice only once', async () => {
    const { alice, room, emit } = await startBot();
    const { replies, handled } = await emit(
      { id: messageId(), talkerId: alice.id, roomId: room.id, text: '经开区汽车怎么说' },
      3,
    );
    expect(replies).toHaveLength(1);
    expect(handled.map((h) => h.outcome).sort()).toEqual(['ignored', 'ignored', 'sent']);
  });
});

describe('floods and long replies', () => {
  it('answers a flood of 20 mentions from one member a few times at most', async () => {
    const { alice, me, room, handledFrom, sent } = await startBot();
    for (let i = 0; i < 20; i++) alice.say(i % 2 === 0 ? '经开区汽车怎么说' : '汉融通', [me]).to(room);
    await waitFor(() => handledFrom(alice).length === 20, 'all 20 mentions');
    const answered = sent.filter((s) => s.to === room.id);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeLessThanOrEqual(5);
    expect(handledFrom(alice).filter((h) => h.outcome === 'silent').length).toBe(20 - answered.length);
  });

  it('still answers another member while one floods', async () => {
    const { alice, bob, me, room, say, handledFrom } = await startBot();
    for (let i = 0; i < 20; i++) alice.say('汉融通', [me]).to(room);
    await waitFor(() => handledFrom(alice).length === 20, 'all 20 mentions');
    expect((await say(bob, '经开区汽车怎么说', room)).replies).toHaveLength(1);
  });

  it('splits a long /dept reply into several messages, in order, nothing lost, the first mentioning the asker', async () => {
    const limit = 200;
    const { alice, room, say } = await startBot({ config: { splitLimit: limit, sendDelayMs: 2 } });
    const { replies } = await say(alice, '/dept 市经信局', room);
    expect(replies.length).toBeGreaterThan(3);
    expect(replies.every((r) => r.to === room.id && r.text.length <= limit)).toBe(true);
    expect(replies[0]!.mentions).toEqual([alice.id]);
    expect(replies.slice(1).every((r) => r.mentions.length === 0)).toBe(true);
    const parts = replies.map((r, i) => (i === 0 ? withoutMention(r.text, '张敏') : r.text));
    // Exactly the conversation's reply, cut where the renderer cut it.
    const expected = (
      await createConversation({ engine }).respond({
        text: '/dept 市经信局',
        chat: 'group',
        userId: 'x',
        chatId: 'y',
      })
    ).reply;
    const flat = (text: string) => text.replace(/\s+/g, '');
    expect(expected?.kind).toBe('answer');
    // Every answer paragraph of 市经信局, verbatim and in transcript order.
    const all = flat(parts.join(''));
    let at = 0;
    for (const entry of engine.entries.filter((e) => bodyOf(e) === '市经信局')) {
      for (const paragraph of paragraphsOf(entry)) {
        const found = all.indexOf(flat(paragraph), at);
        expect(found, paragraph.slice(0, 30)).toBeGreaterThanOrEqual(at);
        at = found;
      }
    }
  });

  it('never interleaves two long replies to the same group', async () => {
    const { alice, bob, room, say, sent } = await startBot({ config: { splitLimit: 300, sendDelayMs: 1 } });
    const [a, b] = await Promise.all([say(alice, '/dept 市经信局', room), say(bob, '/topic 1', room)]);
    expect(a.handled.parts).toBeGreaterThan(1);
    expect(b.handled.parts).toBeGreaterThan(1);
    const inRoom = sent.filter((s) => s.to === room.id);
    expect(inRoom).toHaveLength(a.handled.parts + b.handled.parts);
    // Each reply is one run of messages whose first part alone mentions its asker.
    const firstIsAlice = inRoom[0]!.text.startsWith('@张敏 ');
    const boundary = firstIsAlice ? a.handled.parts : b.handled.parts;
    expect(inRoom.map((s, i) => (s.mentions.length > 0 ? i : -1)).filter((i) => i >= 0)).toEqual([0, boundary]);
    expect(inRoom[boundary]!.text.startsWith(firstIsAlice ? '@李四 ' : '@张敏 ')).toBe(true);
  });
});

describe('errors stay in one message', () => {
  it('logs a failing conversation and keeps answering', async () => {
    const real = createConversation({ engine });
    const conversation = {
      ...real,
      respond: async (message: Parameters<typeof real.respond>[0]) => {
        if (message.text.includes('炸')) throw new Error('boom');
        return await real.respond(message);
      },
    };
    const { alice, me, say, logs } = await startBot({ conversation });
    const failed = await say(alice, '炸', me);
    expect(failed.handled.outcome).toBe('failed');
    expect(failed.replies).toEqual([]);
    expect(logs.some((l) => l.level === 'error' && l.line.includes('boom'))).toBe(true);
    expect((await say(alice, '经开区汽车怎么说', me)).replies).toHaveLength(1);
  });

  it('logs a message that cannot be sent and keeps answering', async () => {
    const { alice, me, puppet, say, logs } = await startBot();
    const send = puppet.messageSendText.bind(puppet);
    let failures = 1;
    puppet.messageSendText = async (...args: Parameters<typeof send>) => {
      if (failures-- > 0) throw new Error('network down');
      return send(...args);
    };
    const failed = await say(alice, '经开区汽车怎么说', me);
    expect(failed.handled.outcome).toBe('failed');
    expect(logs.some((l) => l.level === 'error' && l.line.includes('network down'))).toBe(true);
    expect((await say(alice, '汉融通', me)).handled.outcome).toBe('sent');
  });

  it.each(['', '   ', '\u0000\u0001', '🙂🙂', '@', 'x'.repeat(30_000), `/dept ${'经'.repeat(5000)}`])(
    'survives bad input %#',
    async (text) => {
      const { alice, me, room, say } = await startBot();
      expect(['sent', 'silent']).toContain((await say(alice, text, me)).handled.outcome);
      expect(['sent', 'silent', 'ignored']).toContain((await say(alice, text, room)).handled.outcome);
    },
  );
});

describe('login and configuration', () => {
  it('shows the QR code and its URL on scan, and logs login and logout', async () => {
    const codes: string[] = [];
    const { mocker, bot, logs } = await startBot({ showQrCode: (qrcode) => codes.push(qrcode) });
    mocker.scan('https://login.weixin.qq.com/l/abc', ScanStatus.Waiting);
    await waitFor(() => codes.length === 1, 'the QR code');
    expect(codes).toEqual(['https://login.weixin.qq.com/l/abc']);
    expect(
      logs.some((l) => l.line.includes('https://wechaty.js.org/qrcode/https%3A%2F%2Flogin.weixin.qq.com%2Fl%2Fabc')),
    ).toBe(true);
    await waitFor(() => logs.some((l) => l.line.includes(`logged in as ${BOT_NAME}`)), 'the login line');
    await bot.logout();
    await waitFor(() => logs.some((l) => l.line.includes('logged out')), 'the logout line');
  });

  it('refuses bad etiquette settings before starting', () => {
    const puppet = new PuppetMock({ mocker: new mock.Mocker() });
    expect(() => createWechatBot({ puppet, engine, config: { splitLimit: 10 } })).toThrow(DoorConfigError);
    expect(() => createWechatBot({ puppet, engine, config: { splitLimit: 10 } })).toThrow(
      /splitLimit must be at least 200, got 10/,
    );
    expect(() => createWechatBot({ puppet, engine, config: { prefix: '/问' } })).toThrow(
      /prefix must not start with \/ or @/,
    );
    expect(() => createWechatBot({ puppet, engine, config: { rooms: [''] } })).toThrow(/rooms\.0/);
    expect(() => createWechatBot({ puppet, engine, config: { answerPlainQuestions: 'yes' } as never })).toThrow(
      /answerPlainQuestions/,
    );
    expect(() => createWechatBot({ puppet, engine, config: { colour: 'red' } as never })).toThrow(/colour/);
  });
});
