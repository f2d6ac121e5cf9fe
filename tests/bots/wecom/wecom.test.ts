// The WeCom door end to end: the real SDK against the stand-in on 127.0.0.1, from authentication to reconnection.
import { format } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handled } from '../../../bots/door/answer.js';
import type { DoorLog } from '../../../bots/door/log.js';
import { createWecomBot, type WecomBot } from '../../../bots/wecom.js';
import { createConversation } from '../../../src/chat/conversation.js';
import { renderMarkdown } from '../../../src/chat/render-markdown.js';
import { loadEngine } from '../../../src/search/engine.js';
import { startWecomStandin, type WecomStandin } from './standin.js';

const engine = loadEngine();
const BOT_ID = 'aibHearingTestBot';
const SECRET = 'wecom-test-secret-0123456789';
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** The Markdown the conversation says to a question, as any Markdown door would send it. */
const expected = async (text: string) =>
  renderMarkdown(
    (await createConversation({ engine }).respond({ text, chat: 'private', userId: 'x', chatId: 'x' })).reply!,
  );

let wecom: WecomStandin;
let bot: WecomBot;
let handled: Handled[];
let lines: string[];

async function waitFor(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Pushes a message and waits until the door has dealt with it. */
async function ask(push: () => string): Promise<{ reqId: string; handled: Handled }> {
  const before = handled.length;
  const reqId = push();
  await waitFor(() => handled.length > before, 'the door to handle the message');
  return { reqId, handled: handled[handled.length - 1]! };
}

/** The door's log as `<level> <text>` lines, debug included. */
function recordingLog(): DoorLog {
  return {
    info: (text) => lines.push(`info ${text}`),
    error: (text) => lines.push(`error ${text}`),
    debug: (formatter, ...args) => lines.push(`debug ${format(formatter, ...args)}`),
    redact: (text) => text,
  };
}

function startBot(secret = SECRET, sdk = {}) {
  bot = createWecomBot({
    botId: BOT_ID,
    secret,
    wsUrl: wecom.url,
    engine,
    log: recordingLog(),
    sdk: { reconnectInterval: 20, ...sdk },
    onHandled: (h) => handled.push(h),
  });
  return bot.start();
}

beforeEach(async () => {
  handled = [];
  lines = [];
  wecom = await startWecomStandin({ botId: BOT_ID, secret: SECRET });
});
afterEach(async () => {
  await bot?.stop(100);
  await wecom.close();
});

describe('WeCom door', () => {
  it('authenticates with the Bot ID and Secret, and never prints the secret', async () => {
    await startBot();
    expect(wecom.authentications).toBe(1);
    const subscribe = wecom.received.find((f) => f.cmd === 'aibot_subscribe')!;
    expect(subscribe.body).toMatchObject({ bot_id: BOT_ID, secret: SECRET });
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('answers a private question with one stream reply: bold names, the answer quoted', async () => {
    await startBot();
    const { reqId, handled: h } = await ask(() => wecom.text('经开区汽车怎么说'));
    expect(h).toMatchObject({ chat: 'private', outcome: 'sent', parts: 1 });
    const [reply] = wecom.replies(reqId);
    expect(reply).toMatchObject({ cmd: 'aibot_respond_msg', body: { msgtype: 'stream', stream: { finish: true } } });
    expect(wecom.streams(reqId)).toEqual(await expected('经开区汽车怎么说'));
    expect(wecom.streams(reqId)[0]).toMatch(/^\*\*q5 樊志宏委员提问\*\*：.*\n\n\*\*经开区管委会应询回答\*\*：\n\n> /);
  });

  it('answers a group @-message as the same question, mention removed', async () => {
    await startBot();
    const group = { chatid: 'wrkGroup1', userid: 'lisi' };
    const { reqId, handled: h } = await ask(() => wecom.text('@询问助手 经开区汽车怎么说', group));
    expect(h).toMatchObject({ chat: 'group', outcome: 'sent' });
    expect(wecom.streams(reqId)).toEqual(await expected('经开区汽车怎么说'));
    const trailing = await ask(() => wecom.text('汉融通 @询问助手', group));
    expect(wecom.streams(trailing.reqId)).toEqual(await expected('汉融通'));
  });

  it('sends a long reply as several messages of at most 2048 bytes, in order, each its own stream', async () => {
    await startBot();
    const { reqId, handled: h } = await ask(() => wecom.text('/dept 经信局'));
    const parts = wecom.streams(reqId);
    expect(parts.length).toBeGreaterThan(1);
    expect(h.parts).toBe(parts.length);
    expect(parts).toEqual(await expected('/dept 经信局'));
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(2048);
    const ids = wecom.replies(reqId).map((f) => f.body.stream.id);
    expect(new Set(ids).size).toBe(parts.length);
  });

  it('welcomes a user entering the private chat with the help text', async () => {
    await startBot();
    const { reqId, handled: h } = await ask(() => wecom.event('enter_chat', { userid: 'wangwu' }));
    expect(h).toMatchObject({ outcome: 'sent', reason: 'welcome' });
    const [welcome] = wecom.replies(reqId);
    expect(welcome).toMatchObject({ cmd: 'aibot_respond_welcome_msg', body: { msgtype: 'text' } });
    expect(welcome!.body.text.content).toMatch(/^市人大常委会“加快发展数字经济”专题询问摘录\n/);
    expect(welcome!.body.text.content).toContain('/dept 市经信局');
    expect(bytes(welcome!.body.text.content)).toBeLessThanOrEqual(2048);
  });

  it('gives a picture the short hint in private and silence in a group; a voice message is answered', async () => {
    await startBot();
    const image = await ask(() => wecom.media('image'));
    expect(wecom.streams(image.reqId)).toHaveLength(1);
    expect(wecom.streams(image.reqId)[0]).toContain('请用文字提问，例如「经开区汽车怎么说」。');
    const inGroup = await ask(() => wecom.media('image', { chatid: 'wrkGroup1' }));
    expect(inGroup.handled).toMatchObject({ outcome: 'silent', reason: 'media' });
    expect(wecom.replies(inGroup.reqId)).toEqual([]);
    const voice = await ask(() => wecom.voice('汉融通'));
    expect(wecom.streams(voice.reqId)).toEqual(await expected('汉融通'));
  });

  it('answers a message delivered twice once', async () => {
    await startBot();
    const first = await ask(() => wecom.text('汉融通', {}, 'msg-twice'));
    const second = await ask(() => wecom.text('汉融通', {}, 'msg-twice'));
    expect(first.handled.outcome).toBe('sent');
    expect(second.handled).toMatchObject({ outcome: 'ignored', reason: 'delivered before' });
    expect(wecom.replies(second.reqId)).toEqual([]);
  });

  it('logs a refused reply and answers the next message', async () => {
    await startBot();
    wecom.failReceipts({ errcode: 846605, errmsg: 'stream expired' });
    const refused = await ask(() => wecom.text('汉融通'));
    expect(refused.handled.outcome).toBe('failed');
    expect(lines.some((l) => /^error .*errcode 846605 stream expired/.test(l))).toBe(true);
    const next = await ask(() => wecom.text('经开区汽车怎么说'));
    expect(next.handled.outcome).toBe('sent');
  });

  it('reconnects and authenticates again after the connection drops, then answers', async () => {
    await startBot();
    wecom.drop();
    // The door knows once WeCom's answer to its subscribe arrives, a moment after the stand-in counted it.
    await waitFor(() => lines.includes('info reconnected'), 'the door to authenticate again');
    expect(wecom.authentications).toBe(2);
    const { handled: h } = await ask(() => wecom.text('汉融通'));
    expect(h.outcome).toBe('sent');
  });

  it('comes back after WeCom closes the connection for another one, saying so in one line', async () => {
    bot = createWecomBot({
      botId: BOT_ID,
      secret: SECRET,
      wsUrl: wecom.url,
      engine,
      log: recordingLog(),
      sdk: { reconnectInterval: 20 },
      replacedRetryMs: 50,
      onHandled: (h) => handled.push(h),
    });
    await bot.start();
    wecom.replaced();
    await waitFor(() => lines.includes('info reconnected'), 'the door to connect again', 3000);
    expect(wecom.authentications).toBe(2);
    const said = lines.filter((l) => l.startsWith('error WeCom closed this connection'));
    expect(said).toEqual([
      `error WeCom closed this connection: another connection opened for bot ${BOT_ID} (a second replica, or a --check elsewhere); connecting again in 0.05 s`,
    ]);
    const { handled: h } = await ask(() => wecom.text('汉融通'));
    expect(h.outcome).toBe('sent');
  });

  it('sends the parts a dropped connection cut off in answer to the redelivery, none twice', async () => {
    await startBot();
    const whole = await expected('/dept 经信局');
    expect(whole.length).toBeGreaterThan(1);
    wecom.dropAtReply(1);
    const cut = await ask(() => wecom.text('/dept 经信局', {}, 'msg-cut'));
    expect(cut.handled).toMatchObject({ outcome: 'failed', parts: 1 });
    await waitFor(() => lines.includes('info reconnected'), 'the door to authenticate again');
    const again = await ask(() => wecom.text('/dept 经信局', {}, 'msg-cut'));
    expect(again.handled).toMatchObject({ outcome: 'sent', parts: whole.length - 1 });
    expect(wecom.streams(again.reqId)).toEqual(whole.slice(1));
    const third = await ask(() => wecom.text('/dept 经信局', {}, 'msg-cut'));
    expect(third.handled).toMatchObject({ outcome: 'ignored', reason: 'delivered before' });
    expect(wecom.replies(third.reqId)).toEqual([]);
  });

  it('stops cleanly: the connection closes and is not opened again', async () => {
    await startBot();
    await bot.stop(100);
    await waitFor(() => wecom.received.length > 0 && bot.client.isConnected === false, 'the connection to close');
    const connections = wecom.connections;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wecom.connections).toBe(connections);
  });

  it('stops with a message naming the variables when WeCom refuses the secret', async () => {
    const start = startBot('wrong-secret-0123456789', { maxAuthFailureAttempts: 1, reconnectInterval: 1 });
    await expect(start).rejects.toThrow(
      /WeCom refused the Bot ID and Secret .*check WECOM_BOT_ID and WECOM_BOT_SECRET/,
    );
    expect(wecom.refusals).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('wrong-secret-0123456789');
  });
});
