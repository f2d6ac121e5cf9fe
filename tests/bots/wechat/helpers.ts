// A WeChat bot on wechaty-puppet-mock for tests: a logged-in bot, two members, a group, and everything the bot sends.
import { types, type Wechaty } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { createWechatBot, type HandledMessage, type WechatBotOptions } from '../../../bots/wechat.js';
import { loadEngine } from '../../../src/search/engine.js';
import { collectingLog } from '../collecting-log.js';

export const engine = loadEngine();

/** One message the bot sent, as the puppet received it. */
export interface Sent {
  to: string;
  text: string;
  mentions: string[];
}

export type Contact = ReturnType<mock.Mocker['createContact']>;
export type Room = ReturnType<mock.Mocker['createRoom']>;

const running: Wechaty[] = [];

/** Stops every bot started by startBot(); call from afterEach. */
export async function stopBots(): Promise<void> {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
}

export const BOT_NAME = '询问助手';

/** Polls until `check` is true; fails after `ms` so a test never hangs. */
export async function waitFor(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function startBot(options: Partial<WechatBotOptions> = {}) {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const sent: Sent[] = [];
  const handled: HandledMessage[] = [];
  const { log, logs } = collectingLog();
  const send = puppet.messageSendText.bind(puppet);
  puppet.messageSendText = async (to: string, text: string, mentions?: string[]) => {
    sent.push({ to, text, mentions: mentions ?? [] });
    return send(to, text); // the mock ignores mention ids
  };
  const bot = createWechatBot({
    puppet,
    engine,
    log,
    showQrCode: () => {},
    ...options,
    config: { sendDelayMs: 0, ...options.config },
    onHandled: (h) => handled.push(h),
  });
  running.push(bot);
  await bot.start();
  const me = mocker.createContact({ name: BOT_NAME });
  mocker.login(me);
  await waitFor(() => logs.some((l) => l.line.includes('logged in as')), 'login');
  const alice = mocker.createContact({ name: '张敏' });
  const bob = mocker.createContact({ name: '李四' });
  const room = mocker.createRoom({ topic: '数字经济学习群', memberIdList: [me.id, alice.id, bob.id] });

  /** What the bot finally did with the messages of one talker (its own echoes are handled too). */
  const handledFrom = (talker: Contact) => handled.filter((h) => h.talkerId === talker.id);

  /**
   * `talker` says `text` in `where` (mentioning `mentions`); resolves, once the bot is done with it, to what the bot
   * sent in reply and what it made of the message.
   */
  const say = async (talker: Contact, text: string, where: Contact | Room, mentions: Contact[] = []) => {
    const before = handledFrom(talker).length;
    const sentBefore = sent.length;
    talker.say(text, mentions).to(where);
    await waitFor(() => handledFrom(talker).length > before, `the bot to handle ${JSON.stringify(text)}`);
    return { replies: sent.slice(sentBefore), handled: handledFrom(talker)[before]! };
  };

  /** Emits a raw message payload (old timestamps, images, repeated ids) as the puppet would. */
  const emit = async (
    payload: {
      id: string;
      talkerId: string;
      text?: string;
      type?: types.Message;
      timestamp?: number;
      roomId?: string;
      listenerId?: string;
    },
    times = 1,
  ) => {
    const before = handled.length;
    const sentBefore = sent.length;
    mocker.MessageMock.create({
      type: types.Message.Text,
      timestamp: Date.now(),
      mentionIdList: [],
      ...payload,
    } as never);
    for (let i = 0; i < times; i++) puppet.emit('message', { messageId: payload.id });
    await waitFor(
      () => handled.filter((h) => h.messageId === payload.id).length >= times,
      `the bot to handle message ${payload.id} ${times}×`,
    );
    // Let any reply to a redelivered copy get out before looking.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      replies: sent.slice(sentBefore),
      handled: handled.slice(before).filter((h) => h.messageId === payload.id),
    };
  };

  return { mocker, puppet, bot, me, alice, bob, room, sent, handled, logs, say, emit, handledFrom };
}

/** A reply to a group without the 「@name 」 the bot puts in front of its first part. */
export function withoutMention(text: string, name: string): string {
  return text.startsWith(`@${name} `) ? text.slice(name.length + 2) : text;
}
