// What every door shares for messages, without a platform: mentions typed in the text, ids already handled, and
// replies that go out in order.
import { describe, expect, it } from 'vitest';
import { mentionsByName, startsWithMention, withoutMentions } from '../../../bots/door/addressing.js';
import { createOutbox } from '../../../bots/door/outbox.js';
import { createSeenIds } from '../../../bots/door/seen.js';

describe('mentions in the text', () => {
  it('finds and removes a typed mention of the bot, with WeChat’s U+2005 or a space', () => {
    expect(mentionsByName('@询问助手\u2005汉融通', ['询问助手'])).toBe(true);
    expect(mentionsByName('汉融通 @询问助手', ['询问助手'])).toBe(true);
    expect(mentionsByName('@询问助手们 你好', ['询问助手'])).toBe(false);
    expect(mentionsByName('@询问助手 你好', ['', '小助手'])).toBe(false);
    expect(withoutMentions('@询问助手\u2005汉融通 @助手 ', ['询问助手', '助手'])).toBe('汉融通');
    expect(withoutMentions('问 @a.b* 汉融通', ['a.b*'])).toBe('问 汉融通');
  });

  it('sees a message that starts with someone’s name as addressed to them', () => {
    expect(startsWithMention('  @李四 你看')).toBe(true);
    expect(startsWithMention('邮件 a@b.c')).toBe(false);
    expect(startsWithMention('@')).toBe(false);
  });
});

describe('createSeenIds', () => {
  it('says true once per id and forgets the oldest beyond its capacity', async () => {
    const seen = createSeenIds({ capacity: 2 });
    const answers: boolean[] = [];
    for (const id of ['a', 'a', 'b', 'c', 'b', 'a']) answers.push(await seen.first(id));
    expect(answers).toEqual([true, false, true, true, false, true]);
    expect(() => createSeenIds({ capacity: 0 })).toThrow(/capacity/);
  });

  it('forgets an id once its time is up, as a Redis key with an expiry would', async () => {
    let t = 0;
    const seen = createSeenIds({ ttlMs: 1000, now: () => t });
    expect(await seen.first('m1')).toBe(true);
    t = 999;
    expect(await seen.first('m1')).toBe(false);
    t = 1000;
    expect(await seen.first('m1')).toBe(true);
  });
});

describe('createOutbox', () => {
  it('sends the parts of concurrent replies to one chat one reply after the other, pausing between parts', async () => {
    const log: string[] = [];
    const pauses: number[] = [];
    const outbox = createOutbox({ delayMs: 7, sleep: async (ms) => void pauses.push(ms) });
    const slowSay = (part: string) =>
      new Promise<void>((resolve) => setTimeout(() => resolve(void log.push(part)), part.endsWith('1') ? 10 : 0));
    const counts = await Promise.all([
      outbox.send('room', ['a1', 'a2', 'a3'], slowSay),
      outbox.send('room', ['b1', 'b2'], slowSay),
      outbox.send('other', ['c1'], slowSay),
    ]);
    expect(counts).toEqual([3, 2, 1]);
    expect(log.filter((p) => !p.startsWith('c'))).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(pauses).toEqual([7, 7, 7]);
  });

  it('stops a reply at the first failed part, reports it, and carries on with the next reply', async () => {
    const errors: string[] = [];
    const outbox = createOutbox({ onError: (e) => errors.push(e.message) });
    const sent: string[] = [];
    const say = async (part: string) => {
      if (part === 'a2') throw new Error('network down');
      sent.push(part);
    };
    expect(await outbox.send('room', ['a1', 'a2', 'a3'], say)).toBe(1);
    expect(await outbox.send('room', ['b1'], say)).toBe(1);
    expect(sent).toEqual(['a1', 'b1']);
    expect(errors).toEqual(['outbox: part 2 of 3 to room failed: network down']);
  });
});
