// Answering messages a platform delivers only when they are for the bot: once per id, mentions removed, in order.
import { describe, expect, it } from 'vitest';
import { withoutTypedMentions } from '../../../bots/door/addressing.js';
import { type AddressedMessage, answerAddressed, type Handled, settle } from '../../../bots/door/answer.js';
import { createOutbox } from '../../../bots/door/outbox.js';
import { createPacer } from '../../../bots/door/pace.js';
import { createSeenIds } from '../../../bots/door/seen.js';
import { createUnfinishedReplies } from '../../../bots/door/unfinished.js';
import { createConversation } from '../../../src/chat/conversation.js';
import { createRateLimiter } from '../../../src/chat/rate-limit.js';
import { renderPlain } from '../../../src/chat/render-plain.js';
import { loadEngine } from '../../../src/search/engine.js';
import { collectingLog } from '../collecting-log.js';

const engine = loadEngine();

function answering(limit = 4000) {
  const conversation = createConversation({ engine, limiter: createRateLimiter() });
  return {
    conversation,
    seen: createSeenIds(),
    unfinished: createUnfinishedReplies(),
    outbox: createOutbox(),
    pacer: createPacer({ perMinute: 1000 }),
    render: (reply: Parameters<typeof renderPlain>[0]) => renderPlain(reply, limit),
  };
}

const message = (fields: Partial<AddressedMessage>): AddressedMessage => ({
  id: 'm1',
  chat: 'group',
  userId: 'u1',
  chatId: 'g1',
  text: '汉融通',
  ...fields,
});

describe('withoutTypedMentions', () => {
  it.each([
    ['@询问助手 经开区汽车怎么说', '经开区汽车怎么说'],
    ['经开区汽车怎么说 @询问助手', '经开区汽车怎么说'],
    [' 经开区汽车怎么说', '经开区汽车怎么说'],
    ['@张科长 @询问助手\u2005汉融通', '汉融通'],
    ['发到 wang@example.org 汉融通', '发到 wang@example.org 汉融通'],
    ['@', '@'],
  ])('%j → %j', (text, expected) => {
    expect(withoutTypedMentions(text)).toBe(expected);
  });
});

describe('answerAddressed', () => {
  it('answers what the conversation says to the text without its mentions, in parts, in order', async () => {
    const desk = answering(300);
    const said: string[] = [];
    const handled = await answerAddressed(desk, message({ text: '@询问助手 /dept 经信局' }), async (part) => {
      said.push(part);
    });
    const expected = renderPlain(
      (await createConversation({ engine }).respond({ text: '/dept 经信局', chat: 'group', userId: 'x', chatId: 'x' }))
        .reply!,
      300,
    );
    expect(said).toEqual(expected);
    expect(handled).toEqual({
      messageId: 'm1',
      chat: 'group',
      outcome: 'sent',
      reason: 'answer',
      parts: expected.length,
    });
  });

  it('answers an id once', async () => {
    const desk = answering();
    const said: string[] = [];
    const say = async (part: string) => void said.push(part);
    await answerAddressed(desk, message({}), say);
    const again = await answerAddressed(desk, message({}), say);
    expect(again).toMatchObject({ outcome: 'ignored', reason: 'delivered before', parts: 0 });
    expect(said).toHaveLength(1);
  });

  it('gives a picture the hint in private and silence in a group', async () => {
    const desk = answering();
    const said: string[] = [];
    const say = async (part: string) => void said.push(part);
    expect(await answerAddressed(desk, message({ id: 'p1', chat: 'private', text: null }), say)).toMatchObject({
      outcome: 'sent',
      reason: 'hint',
    });
    expect(await answerAddressed(desk, message({ id: 'p2', text: null }), say)).toMatchObject({
      outcome: 'silent',
      reason: 'media',
    });
    expect(said).toHaveLength(1);
  });

  it('reports a reply whose second part failed as failed, with how many parts went out', async () => {
    const handled = await answerAddressed(answering(300), message({ text: '/dept 经信局' }), async (part) => {
      if (!part.startsWith('市经信局')) throw new Error('HTTP 502');
    });
    expect(handled.outcome).toBe('failed');
    expect(handled.reason).toMatch(/^answer: sent 1 of \d+ parts$/);
  });

  it('a redelivery during a cut-off reply waits for it, then gets only the parts not sent; a third is ignored', async () => {
    const desk = answering(300);
    const whole = renderPlain(
      (await createConversation({ engine }).respond({ text: '/dept 经信局', chat: 'group', userId: 'x', chatId: 'x' }))
        .reply!,
      300,
    );
    expect(whole.length).toBeGreaterThan(2);
    const first: string[] = [];
    let drop: () => void = () => {};
    const dropped = new Promise<void>((resolve) => (drop = resolve));
    const cut = answerAddressed(desk, message({ id: 'm-cut', text: '/dept 经信局' }), async (part) => {
      if (first.length === 1) {
        await dropped;
        throw new Error('WebSocket connection closed');
      }
      first.push(part);
    });
    const again: string[] = [];
    const redelivered = answerAddressed(desk, message({ id: 'm-cut', text: '/dept 经信局' }), async (part) => {
      again.push(part);
    });
    drop();
    const [cutOff, rest] = await Promise.all([cut, redelivered]);
    expect(cutOff).toMatchObject({ outcome: 'failed', parts: 1 });
    expect(rest).toMatchObject({
      outcome: 'sent',
      reason: 'the rest of an interrupted reply',
      parts: whole.length - 1,
    });
    expect([...first, ...again]).toEqual(whole);
    const third = await answerAddressed(desk, message({ id: 'm-cut' }), async () => {
      throw new Error('must not be sent');
    });
    expect(third).toMatchObject({ outcome: 'ignored', reason: 'delivered before', parts: 0 });
  });
});

describe('settle', () => {
  it('logs a failure as an error, reports it, and survives a failing report', async () => {
    const { log, logs } = collectingLog();
    const reported: Handled[] = [];
    await settle(Promise.reject(new Error('boom')), { messageId: 'x', chat: 'private' }, log, (h) => {
      reported.push(h);
      throw new Error('listener broke');
    });
    expect(reported).toEqual([{ messageId: 'x', chat: 'private', outcome: 'failed', reason: 'boom', parts: 0 }]);
    expect(logs.map((l) => `${l.level} ${l.line}`)).toEqual([
      'error private message x: failed (boom)',
      'error onHandled failed: listener broke',
    ]);
  });
});
