// `npm run wechat` as an operator meets it: a ready line and --check, a damaged session set aside, and patience
// (growing pauses, one line naming the cause) when WeChat cannot be reached.
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { causeOf, connectPatiently, type Startable } from '../../../bots/wechat/connect.js';
import { setAsideDamagedSession } from '../../../bots/wechat/session.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { collectingLog } from '../collecting-log.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'wechat.js');
const SESSION_FILE = 'wechat-session.memory-card.json';

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
const servers: Server[] = [];

beforeAll(() => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first (npm test does)`);
});

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function sessionDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wechat-session-'));
  dirs.push(dir);
  return dir;
}

function startWechat(env: Record<string, string>, args: string[] = []): Running {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(WECHAT|DEBUG$|https?_proxy$|HTTPS?_PROXY$|no_proxy$|NO_PROXY$)/i.test(k),
    ),
  );
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  return { child, output: () => output, exited };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('start-up check', () => {
  it('WECHATY_PUPPET=wechaty-puppet-mock --check prints a ready line and exits 0', async () => {
    const dir = sessionDir();
    const bot = startWechat({ WECHATY_PUPPET: 'wechaty-puppet-mock', WECHAT_SESSION_DIR: dir }, ['--check']);
    const { code } = await within(bot.exited, 20_000, 'the check');
    expect(code, bot.output()).toBe(0);
    expect(bot.output()).toMatch(
      new RegExp(`wechat: ready: wechaty-puppet-mock started, session ${join(dir, SESSION_FILE)}`),
    );
    expect(bot.output()).toContain('wechat: check passed');
    expect(readdirSync(dir), 'a check writes no session state').toEqual([]);
  });
});

describe('a damaged session file', () => {
  it('an empty one (left by a failed first start) is set aside with one line, and the start goes on', async () => {
    const dir = sessionDir();
    writeFileSync(join(dir, SESSION_FILE), '');
    const bot = startWechat({ WECHATY_PUPPET: 'wechaty-puppet-mock', WECHAT_SESSION_DIR: dir }, ['--check']);
    const { code } = await within(bot.exited, 20_000, 'the check');
    expect(code, bot.output()).toBe(0);
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${SESSION_FILE}.damaged-`));
    expect(aside).toHaveLength(1);
    const lines = bot.output().split('\n');
    expect(lines.filter((l) => l.includes('was damaged'))).toEqual([
      expect.stringContaining(
        `the session file ${join(dir, SESSION_FILE)} was damaged; moved it to ${join(dir, aside[0]!)}`,
      ),
    ]);
    expect(bot.output()).not.toMatch(/SyntaxError|Unexpected end of JSON/);
  });

  it.each([
    ['empty', '', true],
    ['cut off', '{"wechaty-puppet-wechat4u": {"PROP": {"uin', true],
    ['not an object', '[1, 2]', true],
    ['a good session', '{"wechaty-puppet-wechat4u": {}}', false],
    ['an empty session', '{}', false],
  ])('setAsideDamagedSession: %s', async (_, content, damaged) => {
    const dir = sessionDir();
    const file = join(dir, SESSION_FILE);
    writeFileSync(file, content);
    const aside = await setAsideDamagedSession(file, () => new Date('2025-05-01T08:00:00Z'));
    if (damaged) {
      expect(aside).toBe(`${file}.damaged-2025-05-01T08-00-00-000Z`);
      expect(readFileSync(aside!, 'utf8')).toBe(content);
      expect(existsSync(file)).toBe(false);
    } else {
      expect(aside).toBeUndefined();
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('setAsideDamagedSession: no file yet is a first start, and the folder is made', async () => {
    const dir = join(sessionDir(), 'new', 'var');
    expect(await setAsideDamagedSession(join(dir, SESSION_FILE))).toBeUndefined();
    expect(existsSync(dir)).toBe(true);
  });
});

/**
 * A network stand-in for the real wechat4u puppet: an HTTPS proxy on 127.0.0.1 that answers every CONNECT with
 * 502, as a gateway without a route to WeChat would. It counts the attempts to reach the login host.
 */
async function unreachableWeChat(): Promise<{ port: number; logins: () => number }> {
  let logins = 0;
  const server = createServer((socket: Socket) => {
    socket.on('error', () => {});
    socket.once('data', (data) => {
      if (data.toString('latin1').startsWith('CONNECT login.wx.qq.com:')) logins++;
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, logins: () => logins };
}

describe('WeChat out of reach', () => {
  it('tries again after growing pauses, with one line naming the cause, and stops on SIGTERM', async () => {
    const network = await unreachableWeChat();
    const proxy = `http://127.0.0.1:${network.port}`;
    const bot = startWechat({
      WECHATY_PUPPET: 'wechaty-puppet-wechat4u',
      WECHAT_SESSION_DIR: sessionDir(),
      https_proxy: proxy,
      HTTPS_PROXY: proxy,
    });
    await until(() => network.logins() >= 1, 20_000, 'the first login attempt');
    const first = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 4500));
    // Pauses of 1 s, then 2 s: attempts at about 0, 1 and 3 s. Without them: hundreds a second.
    expect(network.logins()).toBeGreaterThanOrEqual(2);
    expect(network.logins()).toBeLessThanOrEqual(4);
    const causes = bot
      .output()
      .split('\n')
      .filter((l) => l.includes('cannot reach WeChat'));
    expect(causes).toHaveLength(1);
    expect(causes[0]).toContain('the WeChat login host refused (HTTP 502)');
    expect(causes[0]).toContain('Trying again in 1 s, then less often (at least every 60 s)');
    bot.child.kill('SIGTERM');
    const signalled = Date.now();
    const { code, at } = await within(bot.exited, 5000, 'the stop');
    expect(code, bot.output()).toBe(0);
    expect(at - signalled).toBeLessThan(2000);
    expect(Date.now() - first).toBeLessThan(10_000);
  });
});

describe('causeOf', () => {
  it.each([
    ['getaddrinfo ENOTFOUND login.wx.qq.com', 'network'],
    ['connect ECONNREFUSED 127.0.0.1:443', 'network'],
    ['timeout of 60000ms exceeded', 'network'],
    ['Request failed with status code 503', 'refused'],
    ['Cannot find module wechaty-puppet-padlocal', 'puppet'],
  ])('%s → %s', (message, kind) => {
    expect(causeOf(new Error(message)).kind).toBe(kind);
  });
});

/** A puppet that fails every attempt, as wechat4u does without a network: an error event right after each start. */
class FailingBot extends EventEmitter {
  starts: number[] = [];
  isLoggedIn = false;
  async start() {
    this.starts.push(Date.now());
    setImmediate(() => this.emit('error', new Error('getaddrinfo ENOTFOUND login.wx.qq.com')));
  }
  async stop() {}
}

describe('connectPatiently', () => {
  it('doubles the pause up to its cap, names the cause once, and says when WeChat is reached again', async () => {
    const bot = new FailingBot();
    const { log, logs } = collectingLog();
    const stop = new AbortController();
    const running = connectPatiently(bot as unknown as Startable, {
      log,
      signal: stop.signal,
      firstDelayMs: 20,
      maxDelayMs: 80,
    });
    await until(() => bot.starts.length >= 5, 5000, 'five attempts');
    const gaps = bot.starts.slice(1).map((t, i) => t - bot.starts[i]!);
    for (const [i, least] of [20, 40, 80, 80].entries()) expect(gaps[i]).toBeGreaterThanOrEqual(least - 2);
    const causes = logs.filter((l) => l.level === 'error').map((l) => l.line);
    expect(causes).toEqual([
      expect.stringMatching(/^cannot reach WeChat: no network, or WeChat cannot be reached: getaddrinfo ENOTFOUND/),
    ]);
    bot.emit('scan', 'https://login.weixin.qq.com/l/x', 2);
    expect(logs.map((l) => l.line)).toContainEqual(expect.stringMatching(/^reached WeChat again after \d+ failed/));
    stop.abort();
    await running;
  });
});
