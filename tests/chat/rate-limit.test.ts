// The token-bucket rate limiter, per user and per chat, on a fake clock.
import { describe, expect, it } from 'vitest';
import { createRateLimiter, DEFAULT_RATE_LIMITS } from '../../src/chat/rate-limit.js';

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}
const takeN = (take: () => boolean, n: number) => Array.from({ length: n }, take).filter(Boolean).length;

describe('createRateLimiter', () => {
  it('documents its defaults: 5 per user then one per 10 s; 20 per chat then one per 3 s', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({
      user: { capacity: 5, refillMs: 10_000 },
      chat: { capacity: 20, refillMs: 3_000 },
      maxTracked: 10_000,
    });
  });

  it('lets a user burst up to the capacity, then refills one token per interval', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: clock.now });
    const me = { userId: 'u1', chatId: 'g1' };
    expect(takeN(() => limiter.take(me), 20)).toBe(5);
    clock.advance(9_999);
    expect(limiter.take(me)).toBe(false);
    clock.advance(1);
    expect(limiter.take(me)).toBe(true);
    expect(limiter.take(me)).toBe(false);
    clock.advance(60_000);
    expect(takeN(() => limiter.take(me), 20)).toBe(5); // refills to the capacity, never beyond
  });

  it('limits a chat as a whole, so many users cannot flood one group', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: clock.now });
    let answered = 0;
    for (let user = 0; user < 30; user++) if (limiter.take({ userId: `u${user}`, chatId: 'g1' })) answered++;
    expect(answered).toBe(20);
    expect(limiter.take({ userId: 'fresh', chatId: 'g2' })).toBe(true);
    clock.advance(3_000);
    expect(limiter.take({ userId: 'u29', chatId: 'g1' })).toBe(true);
    expect(limiter.take({ userId: 'u28', chatId: 'g1' })).toBe(false);
  });

  it('a user limited in one chat is limited everywhere, and a refusal takes nothing', () => {
    const limiter = createRateLimiter({
      now: () => 0,
      user: { capacity: 2, refillMs: 1_000 },
      chat: { capacity: 3, refillMs: 1_000 },
    });
    expect(limiter.take({ userId: 'a', chatId: 'x' })).toBe(true);
    expect(limiter.take({ userId: 'a', chatId: 'x' })).toBe(true);
    expect(limiter.take({ userId: 'a', chatId: 'y' })).toBe(false);
    // a's refusals did not use chat x's last token
    expect(limiter.take({ userId: 'b', chatId: 'x' })).toBe(true);
    expect(limiter.take({ userId: 'c', chatId: 'x' })).toBe(false);
  });

  it('takes a cost, e.g. the number of messages a long reply is split into', () => {
    const limiter = createRateLimiter({ now: () => 0 });
    expect(limiter.take({ userId: 'u', chatId: 'c' }, 4)).toBe(true);
    expect(limiter.take({ userId: 'u', chatId: 'c' }, 2)).toBe(false);
    expect(limiter.take({ userId: 'u', chatId: 'c' }, 1)).toBe(true);
  });

  it('a clock going backwards mints no tokens', () => {
    const clock = fakeClock(50_000);
    const limiter = createRateLimiter({ now: clock.now, user: { capacity: 1, refillMs: 10_000 } });
    expect(limiter.take({ userId: 'u', chatId: 'c' })).toBe(true);
    clock.set(0);
    expect(limiter.take({ userId: 'u', chatId: 'c' })).toBe(false);
    clock.set(50_000 + 10_000);
    expect(limiter.take({ userId: 'u', chatId: 'c' })).toBe(true);
  });

  it('holds at most maxTracked buckets, forgetting the least recently used first and keeping busy ones', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: clock.now, maxTracked: 10, user: { capacity: 1, refillMs: 60_000 } });
    const busy = { userId: 'busy', chatId: 'c-busy' };
    expect(limiter.take(busy)).toBe(true);
    for (let i = 1; i < 50; i++) {
      clock.advance(10);
      expect(limiter.take({ userId: `u${i}`, chatId: `c${i}` })).toBe(true);
      // Asking again keeps the busy user's spent bucket among the recently used.
      expect(limiter.take(busy)).toBe(false);
      expect(limiter.tracked()).toBeLessThanOrEqual(10);
    }
    expect(limiter.tracked()).toBe(10);
    // u1 was forgotten long ago (a fresh bucket lets them in); u49, among the most recent, is still spent.
    expect(limiter.take({ userId: 'u1', chatId: 'c1' })).toBe(true);
    expect(limiter.take({ userId: 'u49', chatId: 'c49' })).toBe(false);
    expect(limiter.take(busy)).toBe(false);
  });

  it('keeps its bound however many askers pass: 30 000 distinct users leave maxTracked buckets', () => {
    const limiter = createRateLimiter({ now: () => 0, maxTracked: 10_000 });
    for (let i = 0; i < 30_000; i++) limiter.take({ userId: `u${i}`, chatId: 'one-group' });
    expect(limiter.tracked()).toBe(10_000);
  });

  it.each([
    [
      { user: { capacity: 0, refillMs: 1000 } },
      /rate-limit: user bucket needs capacity >= 1 and refillMs > 0, got \{"capacity":0,"refillMs":1000\}/,
    ],
    [{ chat: { capacity: 5, refillMs: 0 } }, /rate-limit: chat bucket/],
  ])('rejects a bad configuration %j with a message naming it', (options, message) => {
    expect(() => createRateLimiter(options)).toThrow(message);
  });
});

describe('admit: when to ask again, and saying so once', () => {
  const me = { userId: 'u1', chatId: 'u1' };

  it('says when the next question is possible, and to tell the user only on the first refusal of a stretch', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: clock.now });
    for (let i = 0; i < 5; i++) expect(limiter.admit(me, { notify: true })).toEqual({ admitted: true });
    expect(limiter.admit(me, { notify: true })).toEqual({ admitted: false, retryAfterMs: 10_000, notice: true });
    clock.advance(4_000);
    expect(limiter.admit(me, { notify: true })).toEqual({ admitted: false, retryAfterMs: 6_000, notice: false });
    clock.advance(6_000);
    expect(limiter.admit(me, { notify: true })).toEqual({ admitted: true });
    // Let through once: the stretch is over, so the next one is told again.
    expect(limiter.admit(me, { notify: true })).toMatchObject({ admitted: false, notice: true });
  });

  it('never asks to tell where no one would be told (groups)', () => {
    const limiter = createRateLimiter({ now: () => 0 });
    const refusals = Array.from({ length: 10 }, () => limiter.admit({ userId: 'u', chatId: 'g' }));
    expect(refusals.filter((a) => !a.admitted && a.notice)).toHaveLength(0);
    expect(refusals.filter((a) => a.admitted)).toHaveLength(5);
  });

  it('button presses cost the chat’s allowance, never the user’s questions', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: clock.now });
    for (let i = 0; i < 30; i++) {
      expect(limiter.admit(me, { chatOnly: true }).admitted).toBe(true);
      clock.advance(2_000);
    }
    expect(takeN(() => limiter.take(me), 10)).toBe(5);
    // A script pressing buttons without pause still meets the chat's bucket.
    const presses = Array.from({ length: 40 }, () =>
      limiter.admit({ userId: 'bot', chatId: 'c2' }, { chatOnly: true }),
    );
    expect(presses.filter((a) => a.admitted)).toHaveLength(20);
    expect(presses.at(-1)).toMatchObject({ admitted: false, retryAfterMs: 3_000 });
  });

  it('a person reading answers (a question every 10–30 s, a few quick ones first) is never limited by default', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: clock.now });
    for (let i = 0; i < 3; i++) expect(limiter.take(me)).toBe(true);
    let seed = 7;
    for (let i = 0; i < 200; i++) {
      seed = (seed * 48_271) % 2_147_483_647;
      clock.advance(10_000 + (seed % 20_001));
      expect(limiter.admit(me, { notify: true })).toEqual({ admitted: true });
    }
  });
});
