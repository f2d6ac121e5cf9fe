// The DingTalk door end to end: dingtalk-stream against the gateway stand-in, replies posted to local session webhooks.
import { format } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDingtalkBot, type DingtalkBot } from '../../../bots/dingtalk.js';
import type { Handled } from '../../../bots/door/answer.js';
import type { DoorLog } from '../../../bots/door/log.js';
import { createConversation } from '../../../src/chat/conversation.js';
import { renderMarkdown } from '../../../src/chat/render-markdown.js';
import { loadEngine } from '../../../src/search/engine.js';
import {
  type DingtalkStandin,
  ROBOT_TOPIC,
  type RobotMessageInput,
  robotMessage,
  type SessionWebhooks,
  startDingtalkStandin,
  startSessionWebhooks,
} from './standin.js';

const engine = loadEngine();
const CLIENT_ID = 'dingtestapp';
const SECRET = 'dingtalk-test-secret-0123456789';
const GROUP = { id: 'cidGroup1', title: '数字经济工作群' };
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** The Markdown the conversation says to a question, as any Markdown door would send it. */
const expected = async (text: string) =>
  renderMarkdown(
    (await createConversation({ engine }).respond({ text, chat: 'private', userId: 'x', chatId: 'x' })).reply!,
  );

let dingtalk: DingtalkStandin;
let hooks: SessionWebhooks;
let bot: DingtalkBot;
let handled: Handled[];
let lines: string[];
let sessions = 0;

async function waitFor(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Pushes a robot message with a session of its own and waits until the door has dealt with it. */
async function ask(input: Partial<RobotMessageInput> & { content: string }, messageId?: string) {
  const session = `s${++sessions}`;
  const data = robotMessage({ sessionWebhook: hooks.url(session), ...input });
  const before = handled.length;
  const streamId = dingtalk.robot(data, messageId);
  await waitFor(() => handled.length > before, 'the door to handle the message');
  return { session, data, streamId, handled: handled[handled.length - 1]!, posted: () => hooks.markdown(session) };
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

/** Starts the door; resolves once its stream is open (never, while the gateway refuses it). */
function startBot(secret = SECRET): Promise<void> {
  bot = createDingtalkBot({
    clientId: CLIENT_ID,
    clientSecret: secret,
    gatewayUrl: dingtalk.gatewayUrl,
    engine,
    log: recordingLog(),
    reconnectMs: 20,
    post: { retryDelayMs: 1 },
    onHandled: (h) => handled.push(h),
  });
  return bot.start();
}

beforeEach(async () => {
  handled = [];
  lines = [];
  dingtalk = await startDingtalkStandin({ clientId: CLIENT_ID, clientSecret: SECRET });
  hooks = await startSessionWebhooks();
});
afterEach(async () => {
  await bot?.stop(100);
  await dingtalk.close();
  await hooks.close();
});

describe('DingTalk door', () => {
  it('opens the stream with the client id and secret, on the robot topic, never printing the secret', async () => {
    await startBot();
    expect(dingtalk.open).toBe(1);
    expect(dingtalk.opens[0]).toMatchObject({ clientId: CLIENT_ID, clientSecret: SECRET });
    expect(dingtalk.opens[0]!.subscriptions).toContainEqual({ type: 'CALLBACK', topic: ROBOT_TOPIC });
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('answers a private question through its session webhook, and acknowledges the frame', async () => {
    await startBot();
    const q = await ask({ content: '经开区汽车怎么说' });
    expect(q.handled).toMatchObject({ chat: 'private', outcome: 'sent', parts: 1 });
    expect(q.posted()).toEqual(await expected('经开区汽车怎么说'));
    const post = hooks.posts.find((p) => p.session === q.session)!;
    expect(post.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: 'q5 樊志宏委员提问：经开区将如何推动汽车产业…' },
    });
    expect(dingtalk.acks(q.streamId)).toEqual([
      expect.objectContaining({
        code: 200,
        message: 'OK',
        headers: expect.objectContaining({ messageId: q.streamId }),
      }),
    ]);
  });

  it('answers a group @-question with the mention stripped, however DingTalk leaves it in the text', async () => {
    await startBot();
    for (const content of [' 经开区汽车怎么说', '@询问助手 经开区汽车怎么说', '经开区汽车怎么说 @张科长']) {
      const q = await ask({ content, group: GROUP });
      expect(q.handled, content).toMatchObject({ chat: 'group', outcome: 'sent' });
      expect(q.posted(), content).toEqual(await expected('经开区汽车怎么说'));
    }
  });

  it('sends a long reply as several Markdown messages of at most 2048 bytes, in order', async () => {
    await startBot();
    const q = await ask({ content: '/dept 经信局', group: GROUP });
    expect(q.posted().length).toBeGreaterThan(1);
    expect(q.posted()).toEqual(await expected('/dept 经信局'));
    for (const part of q.posted()) expect(bytes(part)).toBeLessThanOrEqual(2048);
  });

  it('answers a redelivered message once, acknowledging both deliveries', async () => {
    await startBot();
    const first = await ask({ content: '汉融通', msgId: 'msgOnce' });
    const again = await ask(
      { content: '汉融通', msgId: 'msgOnce', sessionWebhook: hooks.url(first.session) },
      first.streamId,
    );
    expect(first.handled.outcome).toBe('sent');
    expect(again.handled).toMatchObject({ outcome: 'ignored', reason: 'delivered before' });
    expect(first.posted()).toEqual(await expected('汉融通'));
    expect(dingtalk.acks(first.streamId)).toHaveLength(2);
  });

  it('logs a session webhook that answers 4xx without retrying, and answers the next message', async () => {
    await startBot();
    hooks.answer(`s${sessions + 1}`, { status: 400, body: { errcode: 400, errmsg: 'bad request' } });
    const refused = await ask({ content: '汉融通' });
    expect(refused.handled.outcome).toBe('failed');
    expect(hooks.posts.filter((p) => p.session === refused.session)).toHaveLength(1);
    const line = lines.find((l) => l.startsWith('error ') && l.includes('HTTP 400'))!;
    expect(line).toMatch(/session webhook http:\/\/127\.0\.0\.1:\d+\/robot\/sendBySession answered HTTP 400/);
    expect(line).not.toContain('session=');
    const next = await ask({ content: '经开区汽车怎么说' });
    expect(next.handled.outcome).toBe('sent');
  });

  it('retries a 5xx from a session webhook once: sent when the retry works, failed when not', async () => {
    await startBot();
    hooks.answer(`s${sessions + 1}`, { status: 502, body: {} }, { status: 200, body: { errcode: 0, errmsg: 'ok' } });
    const recovered = await ask({ content: '汉融通' });
    expect(recovered.handled.outcome).toBe('sent');
    expect(hooks.posts.filter((p) => p.session === recovered.session)).toHaveLength(2);
    hooks.answer(`s${sessions + 1}`, { status: 503, body: {} });
    const down = await ask({ content: '汉融通' });
    expect(down.handled.outcome).toBe('failed');
    expect(lines.some((l) => l.startsWith('error ') && l.includes('HTTP 503'))).toBe(true);
  });

  it('does not post to an expired session webhook, and says why', async () => {
    await startBot();
    const q = await ask({ content: '汉融通', sessionWebhookExpiredTime: Date.now() - 1000 });
    expect(q.handled.outcome).toBe('failed');
    expect(hooks.posts.filter((p) => p.session === q.session)).toEqual([]);
    expect(lines.some((l) => /^error .*session webhook expired at/.test(l))).toBe(true);
  });

  it('gives a picture the short hint in private and silence in a group', async () => {
    await startBot();
    const picture = await ask({ content: '', msgtype: 'picture' });
    expect(picture.posted()).toHaveLength(1);
    expect(picture.posted()[0]).toContain('请用文字提问，例如「经开区汽车怎么说」。');
    const inGroup = await ask({ content: '', msgtype: 'picture', group: GROUP });
    expect(inGroup.handled).toMatchObject({ outcome: 'silent', reason: 'media' });
    expect(inGroup.posted()).toEqual([]);
  });

  it('ignores malformed stream frames with one line each and goes on answering', async () => {
    await startBot();
    const malformed: Array<[string, string | Buffer]> = [
      ['not JSON', '{"type":"CALLBACK",'],
      ['null', 'null'],
      ['binary', Buffer.from([0xff, 0x00, 0xfe, 0x81])],
      ['a SYSTEM frame without headers', JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', data: '{}' })],
      ['an EVENT frame without headers', JSON.stringify({ specVersion: '1.0', type: 'EVENT', data: '{}' })],
      ['a CALLBACK frame without headers', JSON.stringify({ specVersion: '1.0', type: 'CALLBACK', data: '{}' })],
      ['a CALLBACK whose headers are a string', JSON.stringify({ type: 'CALLBACK', headers: 'x', data: '{}' })],
    ];
    for (const [what, frame] of malformed) {
      const before = lines.length;
      dingtalk.raw(frame);
      await waitFor(() => lines.length > before, `a line about ${what}`);
      expect(lines.slice(before), what).toEqual([expect.stringMatching(/^error ignored a malformed stream frame: /)]);
    }
    expect(dingtalk.open).toBe(1);
    const q = await ask({ content: '经开区汽车怎么说' });
    expect(q.handled.outcome).toBe('sent');
    expect(q.posted()).toEqual(await expected('经开区汽车怎么说'));
  });

  it('answers the gateway’s ping', async () => {
    await startBot();
    const ping = dingtalk.ping();
    await waitFor(() => dingtalk.acks(ping).length === 1, 'the ping to be answered');
    expect(dingtalk.acks(ping)[0]).toMatchObject({ code: 200, message: 'OK' });
  });

  it('reconnects with a new ticket after the connection drops, then answers', async () => {
    await startBot();
    dingtalk.drop();
    // The door knows it is connected once its socket opens, a moment after the gateway counted it.
    await waitFor(() => lines.includes('info reconnected'), 'the door to reconnect');
    expect(dingtalk.connections).toBe(2);
    expect(dingtalk.opens).toHaveLength(2);
    const q = await ask({ content: '汉融通', group: GROUP });
    expect(q.handled.outcome).toBe('sent');
  });

  it('reconnects after the gateway’s disconnect notice', async () => {
    await startBot();
    dingtalk.disconnect();
    await waitFor(() => lines.includes('info reconnected'), 'the door to reconnect');
    expect(dingtalk.connections).toBe(2);
    const q = await ask({ content: '汉融通' });
    expect(q.handled.outcome).toBe('sent');
  });

  it('stops cleanly: the connection closes and is not opened again', async () => {
    await startBot();
    await bot.stop(100);
    await waitFor(() => dingtalk.open === 0, 'the connection to close');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dingtalk.connections).toBe(1);
  });

  it('keeps asking a gateway that refuses the secret, saying why, never printing it', async () => {
    let opened = false;
    void startBot('wrong-secret-0123456789').then(() => (opened = true));
    await waitFor(() => dingtalk.refusals >= 2, 'a second refused attempt');
    expect(opened).toBe(false);
    expect(dingtalk.open).toBe(0);
    expect(lines.some((l) => /^error cannot open the stream connection, retrying: .*answered 401/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toContain('wrong-secret-0123456789');
  });
});
