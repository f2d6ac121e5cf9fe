// The HTTP door when Redis misbehaves, against a real redis-server on 127.0.0.1: a Redis that hangs (SIGSTOP) or goes
// away costs each request at most the deadline, is logged once per outage without any sender, shows on /healthz, and
// its return is logged; pages still follow; a replica that died holding a claim does not keep the message unanswered.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisHealth } from '../../../bots/http/redis-health.js';
import { redisState } from '../../../bots/http/redis-state.js';
import { CLAIM_TTL_MS, memoryState } from '../../../bots/http/state.js';
import { createMissesLog } from '../../../src/logs/misses.js';
import { loadEngine, type SearchEngine } from '../../../src/search/engine.js';
import { MP_TOKEN, mpClient, mpTextXml, startRedis, startTestDoor, type TestRedis } from './helpers.js';

let engine: SearchEngine;
let redis: TestRedis;
let client: Redis;
let door: Awaited<ReturnType<typeof startTestDoor>>;

beforeAll(async () => {
  engine = loadEngine();
  redis = await startRedis();
  client = new Redis(redis.url, { lazyConnect: true });
  client.on('error', () => {});
  await client.connect();
  door = await startTestDoor({ HEARING_REDIS_URL: redis.url, WECHAT_MP_TOKEN: MP_TOKEN }, { engine });
});

afterAll(async () => {
  redis?.resume();
  await door?.close();
  client?.disconnect();
  await redis?.stop();
});

let ids = 50_000;
const msgId = () => String(++ids);
const say = (from: string, content: string, id = msgId()) =>
  mpClient(door.url).post(mpTextXml({ from, content, msgId: id }));
const health = async () => (await fetch(`${door.url}/healthz`, { signal: AbortSignal.timeout(4_000) })).json();
const linesMatching = (pattern: RegExp) => door.lines.filter((line) => pattern.test(line));
const until = async (check: () => boolean | Promise<boolean>, ms = 8_000) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting');
};

describe('a Redis that hangs (alive, not answering)', () => {
  // A request that waited for Redis would hang as long as Redis does: the aborts (and the test's own timeout) catch it.
  it('costs each request at most its deadline: the API and the 公众号 answer from local state', async () => {
    expect(await health()).toMatchObject({ status: 'ok', state: 'redis' });
    redis.pause();
    try {
      const search = await fetch(`${door.url}/api/search?q=${encodeURIComponent('汉融通')}`, {
        signal: AbortSignal.timeout(4_000),
      });
      expect(search.status).toBe(200);
      expect((await search.json()).results[0].id).toBe('q7');
      const ask = await fetch(`${door.url}/api/ask`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: '汉融通是啥', user: 'visitor-1' }),
        signal: AbortSignal.timeout(4_000),
      });
      expect(ask.status).toBe(200);
      const reply = await say('o-hung', '经开区汽车怎么说');
      expect(reply.reply!.Content).toContain('经开区管委会');
      expect(await health()).toMatchObject({ status: 'degraded', state: 'redis', reason: /redis not answering/ });
      expect(linesMatching(/redis: not answering \(Command timed out\)/)).toHaveLength(1);
    } finally {
      redis.resume();
    }
  });

  it('says once that Redis answers again, and /healthz is ok again', async () => {
    await until(async () => (await health()).status === 'ok');
    expect(linesMatching(/redis: reconnected after \d+ s; state is shared again/)).toHaveLength(1);
  });
});

describe('a Redis that goes away', () => {
  it('logs one line for the whole outage, never naming a sender; 「1」 still brings page 2', async () => {
    const before = door.lines.length;
    const sender = 'oSecretOpenId_7f3a9c';
    await redis.stop();
    const first = await say(sender, '/topic 2');
    expect(first.reply!.Content).toMatch(/（第1\/2段）回复 1 看下一段$/);
    for (const text of ['汉融通', '谁问的', '经开区汽车怎么说']) expect((await say(sender, text)).status).toBe(200);
    await say(sender, '/topic 2');
    const next = await say(sender, '1');
    expect(next.reply!.Content).not.toMatch(/回复 1 看下一段/);
    expect(next.reply!.Content).toContain('q8');
    const outage = door.lines.slice(before);
    expect(outage.filter((line) => /redis/i.test(line))).toHaveLength(1);
    expect(outage.join('\n')).not.toContain(sender);
    expect(await health()).toMatchObject({ status: 'degraded', reason: /redis not answering since .*: / });
  });

  it('logs its return once Redis is back on the same address', async () => {
    redis = await startRedis(redis.port);
    await client.connect().catch(() => {});
    await until(() => linesMatching(/redis: reconnected/).length === 2);
    expect((await say('o-back', '汉融通')).reply!.Content).toContain('汉融通');
    expect(await health()).toMatchObject({ status: 'ok' });
  });
});

describe('a miss recorded while Redis is away', () => {
  it('goes to the replica’s own misses log instead of being dropped', async () => {
    const kept: string[] = [];
    const local = memoryState({ misses: { record: (miss) => void kept.push(miss.text), flush: async () => {} } });
    const down = {
      multi: () => {
        const chain = { rpush: () => chain, ltrim: () => chain, exec: async () => Promise.reject(new Error('down')) };
        return chain;
      },
    };
    const quiet = { error() {}, info() {} };
    const state = redisState({ redis: down as never, health: createRedisHealth({ log: quiet }), local });
    state.misses.record({ chat: 'private', text: '火星移民计划', time: new Date(), tier: 'none' });
    await state.misses.flush();
    expect(kept).toEqual(['火星移民计划']);
  });
});

describe('a replica that dies between claiming a 公众号 message and answering it', () => {
  it('leaves a claim that expires within WeChat’s retry: the retry takes the message over and is answered', async () => {
    const id = msgId();
    // What a replica writes when it claims a message, and never settles because it died.
    await client.set(`hearing:reply:mp:${id}`, '?dead-replica', 'PX', CLAIM_TTL_MS);
    const retry = await say('o-orphan', '汉融通是啥', id);
    expect(retry.reply?.Content).toContain('市地方金融局');
    expect(door.lines.join('\n')).not.toContain('o-orphan');
  });

  it('a replica still answering keeps its claim alive, so a retry waits for its reply instead', async () => {
    const local = memoryState({ misses: createMissesLog({ path: null }) });
    const quiet = { error() {}, info() {} };
    const a = redisState({ redis: client, health: createRedisHealth({ log: quiet }), local, claimTtlMs: 300 });
    const b = redisState({
      redis: client,
      health: createRedisHealth({ log: quiet }),
      local: memoryState({ misses: createMissesLog({ path: null }) }),
      claimTtlMs: 300,
    });
    expect(await a.replies.claim('mp:slow')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await b.replies.claim('mp:slow')).toBe(false);
    await a.replies.settle('mp:slow', 'the reply');
    expect(await b.replies.recall('mp:slow', 100)).toBe('the reply');
  });
});
