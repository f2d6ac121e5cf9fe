// main(), what `npm run http` runs: the listening line, a clean stop, and start-up failures that say what to fix
// without printing a secret.
import { describe, expect, it } from 'vitest';
import { main } from '../../bots/http.js';
import { API_TOKEN, freePort } from './helpers.js';

const run = async (env: Record<string, string>, until: (url: string) => Promise<unknown> = async () => {}) => {
  const out: string[] = [];
  const err: string[] = [];
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (listening = resolve));
  const code = await main({
    env: { HEARING_MISSES_FILE: 'off', ...env },
    until: url.then(until),
    out: (line) => {
      out.push(line);
      const match = /listening on (\S+)/.exec(line);
      if (match) listening(match[1]!);
    },
    err: (line) => err.push(line),
  });
  return { code, out, err: err.join('\n') };
};

describe('main', () => {
  it('prints one line "listening on http://HOST:PORT", serves, and stops with 0 when told', async () => {
    let health = 0;
    const { code, out, err } = await run({ HEARING_HTTP_PORT: '0', HEARING_API_TOKEN: API_TOKEN }, async (url) => {
      health = (await fetch(`${url}/healthz`)).status;
    });
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(health).toBe(200);
    expect(err).toContain('http: stopped');
    expect(err).not.toContain(API_TOKEN);
  });

  it('exits with 2 on a bad environment, naming each variable, never the token', async () => {
    const { code, out, err } = await run({ HEARING_HTTP_PORT: 'x', HEARING_API_TOKEN: 'short secret' });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toMatch(/HEARING_HTTP_PORT: must be a port number/);
    expect(err).toMatch(/HEARING_API_TOKEN:/);
    expect(err).not.toContain('short secret');
  });

  it('exits with 1 when Redis cannot be reached, saying where and what to do, never the password', async () => {
    const port = await freePort();
    const { code, err } = await run({
      HEARING_HTTP_PORT: '0',
      HEARING_REDIS_URL: `redis://:pa55word@127.0.0.1:${port}`,
    });
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED`));
    expect(err).toMatch(/unset it to keep state in this process/);
    expect(err).not.toContain('pa55word');
  });

  it('exits with 1 when the port is taken, saying which variable to change', async () => {
    let second: Awaited<ReturnType<typeof run>> | undefined;
    await run({ HEARING_HTTP_PORT: '0' }, async (url) => {
      second = await run({ HEARING_HTTP_PORT: new URL(url).port });
    });
    expect(second?.code).toBe(1);
    expect(second?.err).toMatch(/is in use; set HEARING_HTTP_PORT to a free port/);
  });
});
