// `--check` ends within its deadline: exit 0 only when the platform answered these credentials, else one line naming
// the cause (refused, timeout, rejected credentials) and exit 1; against closed loopback ports and stand-ins.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { main as dingtalk } from '../../../bots/dingtalk.js';
import { RejectedCredentials, reachCause } from '../../../bots/door/cause.js';
import { type Door, runDoor } from '../../../bots/door/run.js';
import { main as telegram } from '../../../bots/telegram.js';
import { main as wecom } from '../../../bots/wecom.js';
import { loadEngine } from '../../../src/search/engine.js';
import { startDingtalkStandin } from '../dingtalk/standin.js';
import { BOT_INFO, TOKEN } from '../telegram/helpers.js';
import { startStandIn } from '../telegram/standin.js';
import { startWecomStandin } from '../wecom/standin.js';

const engine = loadEngine();
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Runs a door's `main` with `--check` and more arguments; resolves to its exit code and its lines. */
async function check(
  main: typeof wecom,
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ code: number; lines: string[]; ms: number }> {
  const lines: string[] = [];
  const start = Date.now();
  const code = await main({
    env: { HEARING_MISSES_FILE: 'off', ...env },
    argv: ['--check', ...argv],
    until: new Promise(() => {}),
    write: (line) => lines.push(line),
    engine: () => engine,
  });
  return { code, lines, ms: Date.now() - start };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A loopback port that accepts connections and never says a word. */
async function silentPort(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as { port: number }).port;
}

const failedLine = (lines: string[]) => lines.filter((line) => line.includes('check failed'));

describe('--check deadline (runDoor)', () => {
  const silent: Door<object> = {
    name: 'silent',
    docs: 'README.md',
    configure: () => ({}),
    serve: ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
  };

  it('fails with exit 1 and one line once the deadline passes without an answer', async () => {
    const lines: string[] = [];
    const code = await runDoor(silent, {
      env: { HEARING_MISSES_FILE: 'off', HEARING_CHECK_TIMEOUT: '0.2' },
      argv: ['--check'],
      until: new Promise(() => {}),
      write: (line) => lines.push(line),
      engine: () => engine,
    });
    expect(code).toBe(1);
    expect(failedLine(lines)).toEqual([
      expect.stringMatching(/silent: error: check failed: timeout: the platform did not answer within 0\.2 s$/),
    ]);
  });

  it('takes --check-timeout over the environment, and refuses a malformed one with exit 2', async () => {
    const run = (argv: string[]) => {
      const lines: string[] = [];
      const env = { HEARING_MISSES_FILE: 'off', HEARING_CHECK_TIMEOUT: '600' };
      const until = new Promise(() => {});
      return runDoor(silent, { env, argv, until, write: (l) => lines.push(l), engine: () => engine }).then((code) => ({
        code,
        lines,
      }));
    };
    const quick = await run(['--check', '--check-timeout=0.1']);
    expect(quick.code).toBe(1);
    expect(failedLine(quick.lines)[0]).toMatch(/within 0\.1 s$/);
    const wrong = await run(['--check', '--check-timeout=soon']);
    expect(wrong.code).toBe(2);
    expect(wrong.lines).toEqual(['silent: --check-timeout must be a number of seconds from 0.1 to 600 (got "soon")']);
  });
});

describe('reachCause', () => {
  const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
  it.each([
    [coded('getaddrinfo ENOTFOUND api.telegram.org', 'ENOTFOUND'), /^DNS: getaddrinfo ENOTFOUND api\.telegram\.org/],
    [coded('getaddrinfo EAI_AGAIN oapi.dingtalk.com', 'EAI_AGAIN'), /^DNS: /],
    [new TypeError('fetch failed', { cause: coded('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED') }), /^refused: /],
    [coded('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT'), /^timeout: /],
    [new RejectedCredentials('WeCom refused the Bot ID and Secret'), /^rejected credentials: WeCom refused/],
  ])('%s', (error, pattern) => {
    expect(reachCause(error)).toMatch(pattern);
  });
});

describe('WeCom --check', () => {
  it('names a refused connection and exits 1', async () => {
    const { code, lines } = await check(wecom, {
      WECOM_BOT_ID: 'aibCheck',
      WECOM_BOT_SECRET: 'check-secret-1234',
      WECOM_WS_URL: `ws://127.0.0.1:${await closedPort()}`,
    });
    expect(code).toBe(1);
    expect(failedLine(lines)).toEqual([expect.stringMatching(/wecom: error: check failed: refused: .*ECONNREFUSED/)]);
  });

  it('names rejected credentials, never printing the secret', async () => {
    const standin = await startWecomStandin({ botId: 'aibCheck', secret: 'the-right-secret' });
    closers.push(() => standin.close());
    const { code, lines } = await check(wecom, {
      WECOM_BOT_ID: 'aibCheck',
      WECOM_BOT_SECRET: 'a-wrong-secret-42',
      WECOM_WS_URL: standin.url,
    });
    expect(code).toBe(1);
    expect(failedLine(lines)).toEqual([
      expect.stringMatching(/wecom: error: check failed: rejected credentials: WeCom refused the Bot ID and Secret/),
    ]);
    expect(lines.join('\n')).not.toContain('a-wrong-secret-42');
  });
});

describe('DingTalk --check', () => {
  const credentials = { DINGTALK_CLIENT_ID: 'dingcheck', DINGTALK_CLIENT_SECRET: 'check-secret-1234' };

  it('names a refused connection and exits 1', async () => {
    const gateway = `http://127.0.0.1:${await closedPort()}/v1.0/gateway/connections/open`;
    const { code, lines } = await check(dingtalk, { ...credentials, DINGTALK_GATEWAY_URL: gateway });
    expect(code).toBe(1);
    expect(failedLine(lines)).toEqual([expect.stringMatching(/dingtalk: error: check failed: refused: /)]);
  });

  it('names rejected credentials, never printing the secret', async () => {
    const standin = await startDingtalkStandin({ clientId: 'dingcheck', clientSecret: 'the-right-secret' });
    closers.push(() => standin.close());
    const { code, lines } = await check(dingtalk, { ...credentials, DINGTALK_GATEWAY_URL: standin.gatewayUrl });
    expect(code).toBe(1);
    expect(failedLine(lines)).toEqual([
      expect.stringMatching(
        /dingtalk: error: check failed: rejected credentials: .*answered 401: it refuses the Client ID/,
      ),
    ]);
    expect(lines.join('\n')).not.toContain('check-secret-1234');
    expect(standin.refusals).toBe(1);
  });

  it('gives up on a gateway that never answers at the deadline', async () => {
    const gateway = `http://127.0.0.1:${await silentPort()}/v1.0/gateway/connections/open`;
    const { code, lines } = await check(
      dingtalk,
      { ...credentials, DINGTALK_GATEWAY_URL: gateway },
      '--check-timeout=0.5',
    );
    expect(code).toBe(1);
    expect(failedLine(lines)).toEqual([expect.stringMatching(/check failed: timeout: .*within 0\.5 s$/)]);
  });
});

describe('Telegram --check', () => {
  it('names a refused connection instead of waiting for ever', async () => {
    const root = `http://127.0.0.1:${await closedPort()}`;
    const { code, lines } = await check(telegram, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root });
    expect(code).toBe(1);
    expect(failedLine(lines)).toEqual([
      expect.stringMatching(/telegram: error: check failed: refused: .*ECONNREFUSED/),
    ]);
    expect(lines.join('\n')).not.toContain('still waiting');
  });

  it('names a token the Bot API rejects, and passes with one it accepts', async () => {
    const standin = await startStandIn(TOKEN, BOT_INFO);
    closers.push(() => standin.close());
    standin.behave('getMe', () => ({ fail: { error_code: 401, description: 'Unauthorized' } }));
    const refused = await check(telegram, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: standin.apiRoot });
    expect(refused.code).toBe(1);
    expect(failedLine(refused.lines)).toEqual([
      expect.stringMatching(/telegram: error: check failed: rejected credentials: Telegram refused the token/),
    ]);
    standin.behave('getMe', () => undefined);
    const passed = await check(telegram, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: standin.apiRoot });
    expect(passed.code).toBe(0);
    expect(passed.lines.join('\n')).toContain('telegram: check passed');
  });
});
