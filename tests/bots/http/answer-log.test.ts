// With HEARING_REDIS_URL the HTTP door's answer log is the Redis list hearing:answers: the file's lines, no caller id.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../../src/logs/answers.js';
import { REDIS_ANSWERS_KEY } from '../../../src/logs/redis-lines.js';
import { sharedEngine } from '../../search/helpers.js';
import { startRedis, startTestDoor } from './helpers.js';

let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

describe('the answer log in Redis', () => {
  it('keeps one line per /api/ask reply in hearing:answers, written before the door has stopped', async () => {
    const door = await startTestDoor({ HEARING_REDIS_URL: redis.url }, { engine: sharedEngine() });
    for (const text of ['汉融通是什么', '今天晚饭吃什么好呢'])
      await fetch(`${door.url}/api/ask`, {
        method: 'POST',
        body: JSON.stringify({ text }),
        headers: { 'Content-Type': 'application/json' },
      });
    await door.close();
    const client = new Redis(redis.url);
    const lines = await client.lrange(REDIS_ANSWERS_KEY, 0, -1);
    await client.quit();
    const read = lines.map((line) => AnswerSchema.parse(JSON.parse(line)));
    expect(read.map((l) => [l.door, l.chat, l.tier, l.text])).toEqual([
      ['http', 'private', 'answer', '汉融通是什么'],
      ['http', 'private', 'none', '今天晚饭吃什么好呢'],
    ]);
    expect(lines.join('\n')).not.toMatch(/"api"|user|chatId/);
  });
});
