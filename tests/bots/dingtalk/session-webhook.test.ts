// Posting replies to DingTalk session webhooks: expiry, retries, and what an operator reads when a post fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRobotMessage } from '../../../bots/dingtalk/robot-message.js';
import { postMarkdown, SessionWebhookError } from '../../../bots/dingtalk/session-webhook.js';
import { robotMessage, type SessionWebhooks, startSessionWebhooks } from './standin.js';

let hooks: SessionWebhooks;
beforeAll(async () => {
  hooks = await startSessionWebhooks();
});
afterAll(() => hooks.close());

const message = { title: '经开区汽车', text: '**q5 樊志宏委员提问**：…' };
const fresh = (session: string) => ({ url: hooks.url(session), expiresAt: Date.now() + 60 * 60_000 });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the post to fail');
    },
    (error: unknown) => error as SessionWebhookError,
  );

describe('postMarkdown', () => {
  it('posts DingTalk’s markdown message body', async () => {
    await postMarkdown(fresh('ok'), message);
    expect(hooks.posts.filter((p) => p.session === 'ok').map((p) => p.body)).toEqual([
      { msgtype: 'markdown', markdown: message },
    ]);
    expect(hooks.posts.find((p) => p.session === 'ok')!.headers['content-type']).toBe('application/json');
  });

  it('does not call an expired webhook, and says a fresh one comes with the next message', async () => {
    const error = await failure(postMarkdown({ url: hooks.url('old'), expiresAt: Date.now() - 1 }, message));
    expect(error).toBeInstanceOf(SessionWebhookError);
    expect(error.message).toMatch(/session webhook expired at .*the next message brings a fresh one/);
    expect(hooks.posts.some((p) => p.session === 'old')).toBe(false);
  });

  it('gives up on a 4xx at once, naming the status but never the session token', async () => {
    hooks.answer('s4xx', { status: 403, body: { errcode: 403, errmsg: 'forbidden' } });
    const error = await failure(postMarkdown(fresh('s4xx'), message, { retryDelayMs: 1 }));
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/answered HTTP 403/);
    expect(error.message).not.toContain('session=s4xx');
    expect(hooks.posts.filter((p) => p.session === 's4xx')).toHaveLength(1);
  });

  it('tries a 5xx once more, and succeeds when the second try does', async () => {
    hooks.answer('s5xx', { status: 502, body: {} }, { status: 200, body: { errcode: 0, errmsg: 'ok' } });
    await postMarkdown(fresh('s5xx'), message, { retryDelayMs: 1 });
    expect(hooks.posts.filter((p) => p.session === 's5xx')).toHaveLength(2);
  });

  it('fails after two 5xx', async () => {
    hooks.answer('down', { status: 503, body: {} });
    const error = await failure(postMarkdown(fresh('down'), message, { retryDelayMs: 1 }));
    expect(error.status).toBe(503);
    expect(hooks.posts.filter((p) => p.session === 'down')).toHaveLength(2);
  });

  it('treats an errcode in a 200 answer as a refusal, not worth repeating', async () => {
    hooks.answer('refused', { status: 200, body: { errcode: 300001, errmsg: 'session invalid' } });
    const error = await failure(postMarkdown(fresh('refused'), message, { retryDelayMs: 1 }));
    expect(error.message).toMatch(/refused the reply: errcode 300001 session invalid/);
    expect(hooks.posts.filter((p) => p.session === 'refused')).toHaveLength(1);
  });

  it('reports an unreachable webhook after one retry', async () => {
    const error = await failure(
      postMarkdown(
        { url: 'http://127.0.0.1:1/robot/sendBySession?session=x', expiresAt: Date.now() + 60_000 },
        message,
        {
          retryDelayMs: 1,
        },
      ),
    );
    expect(error.message).toMatch(/^session webhook http:\/\/127\.0\.0\.1:1\/robot\/sendBySession unreachable/);
  });
});

describe('parseRobotMessage', () => {
  const hook = 'http://127.0.0.1/robot/sendBySession?session=a';

  it('reads a group text message, its sender and its webhook', () => {
    const data = robotMessage({ content: ' 汉融通', group: { id: 'cidG', title: '数字经济' }, sessionWebhook: hook });
    expect(parseRobotMessage(JSON.stringify(data))).toEqual({
      id: data.msgId,
      chatId: 'cidG',
      chat: 'group',
      userId: 'manager1',
      text: ' 汉融通',
      hook: { url: hook, expiresAt: data.sessionWebhookExpiredTime },
    });
  });

  it('takes a voice message’s transcription as its text, and a picture as no words', () => {
    const audio = {
      ...robotMessage({ content: '', sessionWebhook: hook, msgtype: 'audio' }),
      content: { recognition: '汉融通' },
    };
    expect(parseRobotMessage(JSON.stringify(audio))).toMatchObject({ chat: 'private', text: '汉融通' });
    const picture = {
      ...robotMessage({ content: '', sessionWebhook: hook, msgtype: 'picture' }),
      content: { downloadCode: 'x' },
    };
    expect(parseRobotMessage(JSON.stringify(picture))).toMatchObject({ text: null });
  });

  it('says what is wrong with data that is not a robot message', () => {
    expect(parseRobotMessage('{')).toEqual({ error: 'data is not JSON' });
    expect(parseRobotMessage('{"msgId":"m"}')).toMatchObject({
      error: expect.stringMatching(/^not a robot message: /),
    });
  });
});
