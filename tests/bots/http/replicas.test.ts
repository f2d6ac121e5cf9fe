// Two `npm run http` processes sharing one real redis-server, as replicas behind a load balancer: a WeChat retry that
// lands on the other process is answered once, pages continue across them, a flood is limited across both, and a
// Redis outage degrades to per-process state instead of failing requests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_MISSES_KEY } from '../../../bots/http/redis-state.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { type DoorProcess, MP_TOKEN, mpClient, mpTextXml, spawnDoor, startRedis } from './helpers.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'http.js');

let redis: Awaited<ReturnType<typeof startRedis>>;
let client: Redis;
let a: DoorProcess;
let b: DoorProcess;

beforeAll(async () => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first (npm test does)`);
  redis = await startRedis();
  client = new Redis(redis.url);
  client.on('error', () => {}); // the outage test stops Redis under it
  const env = {
    HEARING_REDIS_URL: redis.url,
    WECHAT_MP_TOKEN: MP_TOKEN,
    HEARING_API_RATE_PER_MIN: '10',
    DEBUG: 'hearing:http',
  };
  [a, b] = await Promise.all([spawnDoor(SCRIPT, env), spawnDoor(SCRIPT, env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  client?.disconnect();
  await redis?.stop();
});

const misses = async (text: string) =>
  (await client.lrange(REDIS_MISSES_KEY, 0, -1)).filter((line) => JSON.parse(line).text === text).length;
let ids = 9000;
const msgId = () => String(++ids);

describe('two replicas sharing one Redis', () => {
  it('both say where they listen and that their state is in Redis', async () => {
    for (const door of [a, b]) {
      expect(door.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${door.url}/healthz`)).json()).toMatchObject({ status: 'ok', state: 'redis' });
    }
  });

  it('a retry landing on the other process gets the same reply, and the question is answered once', async () => {
    const id = msgId();
    const xml = () => mpTextXml({ from: 'o-retry', content: '火星移民计划', msgId: id });
    const first = await mpClient(a.url).post(xml());
    const retry = await mpClient(b.url).post(xml());
    expect(first.reply!.Content).toContain('没有');
    expect(retry.reply!.Content).toBe(first.reply!.Content);
    expect(await misses('火星移民计划')).toBe(1);
    expect(b.output()).toContain('mp: text → retry, same reply');
  });

  it('deliveries arriving on both at once are still answered once', async () => {
    const id = msgId();
    const xml = () => mpTextXml({ from: 'o-race', content: '月球基地建设', msgId: id });
    const replies = await Promise.all([a, b, a, b].map((door) => mpClient(door.url).post(xml())));
    expect(new Set(replies.map((r) => r.reply?.Content)).size).toBe(1);
    expect(replies[0]!.reply!.Content).toContain('没有');
    expect(await misses('月球基地建设')).toBe(1);
  });

  it('the next page of a long answer comes from whichever process 「1」 reaches', async () => {
    const first = await mpClient(a.url).post(mpTextXml({ from: 'o-pages', content: '/topic 2', msgId: msgId() }));
    expect(first.reply!.Content).toMatch(/（第1\/2段）回复 1 看下一段$/);
    const second = await mpClient(b.url).post(mpTextXml({ from: 'o-pages', content: '1', msgId: msgId() }));
    expect(second.reply!.Content).not.toMatch(/回复 1 看下一段/);
    expect(second.reply!.Content).toContain('q8');
  });

  it('a follow-up reaching the other process follows the answer the first one gave', async () => {
    const say = (door: typeof a, content: string) =>
      mpClient(door.url).post(mpTextXml({ from: 'o-follow', content, msgId: msgId() }));
    const answer = await say(a, '汉融通是啥');
    expect(answer.reply!.Content).toContain('市地方金融局');
    const who = await say(b, '谁问的');
    expect(who.reply!.Content).toContain('程宏刚');
    // That item's asker, not the list of every asker a fresh 「谁问的」 could mean.
    expect(who.reply!.Content).not.toContain('樊志宏');
  });

  it('a flood from one address is limited across both: 10 a minute in all, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      for (const door of [a, b]) {
        const response = await fetch(`${door.url}/api/search?q=${encodeURIComponent('汉融通')}`);
        statuses.push(response.status);
        if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual(Array(6).fill(429));
  });

  it('when Redis goes away, both keep answering from their own memory', async () => {
    client.disconnect();
    await redis.stop();
    const reply = await mpClient(a.url).post(mpTextXml({ from: 'o-outage', content: '汉融通', msgId: msgId() }));
    expect(reply.reply!.Content).toContain('汉融通');
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    expect(a.output()).toMatch(/redis/i);
  });

  it('both stop cleanly on SIGTERM', async () => {
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    expect(a.output()).toContain('http: stopped');
  });
});
