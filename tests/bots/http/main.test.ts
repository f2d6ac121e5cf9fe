// main(), what `npm run http` runs on the door room: the ready line with the address, a clean stop, and start-up
// failures that say what to fix without printing a secret.
import { describe, expect, it } from 'vitest';
import { main } from '../../../bots/http.js';
import { API_TOKEN, freePort } from './helpers.js';

/** Runs main() in this process; `whileUp` gets the URL once it listens, and the door stops when it resolves. */
const run = async (env: Record<string, string>, whileUp: (url: string) => Promise<unknown> = async () => {}) => {
  const lines: string[] = [];
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (listening = resolve));
  const code = await main({
    env: { HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off', ...env },
    argv: [],
    until: url.then(whileUp),
    write: (line) => {
      lines.push(line);
      const match = /ready: listening on (http:\/\/[\w.:-]+)/.exec(line);
      if (match) listening(match[1]!);
    },
  });
  return { code, log: lines.join('\n') };
};

describe('main', () => {
  it('says "listening on http://HOST:PORT" when ready, serves, and stops with 0 when told', async () => {
    let health = 0;
    const { code, log } = await run({ HEARING_HTTP_PORT: '0', HEARING_API_TOKEN: API_TOKEN }, async (url) => {
      health = (await fetch(`${url}/healthz`)).status;
    });
    expect(code).toBe(0);
    expect(log).toMatch(/http: ready: listening on http:\/\/127\.0\.0\.1:\d+ \(\/healthz \/api\/\*; state in memory\)/);
    expect(health).toBe(200);
    expect(log).toMatch(/http: stopped$/);
    expect(log).not.toContain(API_TOKEN);
  });

  it('exits with 2 on a bad environment, naming each variable, never the token', async () => {
    const { code, log } = await run({ HEARING_HTTP_PORT: 'x', HEARING_API_TOKEN: 'short secret' });
    expect(code).toBe(2);
    expect(log).toMatch(/^http: cannot start, check the environment \(see README.md, "HTTP door"\)/);
    expect(log).toMatch(/HEARING_HTTP_PORT: must be a port number/);
    expect(log).toMatch(/HEARING_API_TOKEN:/);
    expect(log).not.toContain('short secret');
  });

  it('exits with 1 when Redis cannot be reached, saying where and what to do, never the password', async () => {
    const port = await freePort();
    const { code, log } = await run({
      HEARING_HTTP_PORT: '0',
      HEARING_REDIS_URL: `redis://:pa55word@127.0.0.1:${port}`,
    });
    expect(code).toBe(1);
    expect(log).toMatch(new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED`));
    expect(log).toMatch(/unset it to keep state in this process/);
    expect(log).not.toContain('pa55word');
  });

  it.each([
    ['a space in the password', 'redis://:hunter2 secret@127.0.0.1:6379/0', /must not contain spaces/],
    ['a port out of range', 'redis://:hunter2secret@127.0.0.1:99999', /not a valid URL/],
    ['a broken percent escape', 'redis://:hunter2%zzsecret@127.0.0.1:6379', /not a valid URL/],
    ['an unencoded / in the password', 'redis://admin:hunter2/secret@redis.internal:6379/0', /not a valid URL/],
    ['no scheme', 'admin:hunter2secret@127.0.0.1:6379', /must be a redis:\/\/ or rediss:\/\/ URL/],
    ['a password alone', 'hunter2secret', /must be a redis:\/\/ or rediss:\/\/ URL/],
  ])(
    'a malformed HEARING_REDIS_URL (%s): exit 2, what is wrong, the URL without its password',
    async (_what, url, why) => {
      const { code, log } = await run({ HEARING_HTTP_PORT: '0', HEARING_REDIS_URL: url });
      expect(code).toBe(2);
      expect(log).toMatch(new RegExp(`HEARING_REDIS_URL: .*${why.source}`));
      expect(log).not.toMatch(/hunter2|secret|admin/);
    },
  );

  it('exits with 1 when the port is taken, saying which variable to change', async () => {
    let second: Awaited<ReturnType<typeof run>> | undefined;
    await run({ HEARING_HTTP_PORT: '0' }, async (url) => {
      second = await run({ HEARING_HTTP_PORT: new URL(url).port });
    });
    expect(second?.code).toBe(1);
    expect(second?.log).toMatch(/is in use; set HEARING_HTTP_PORT to a free port/);
  });
});
