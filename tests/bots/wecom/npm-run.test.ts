// `npm run wecom` for real: the environment checked, the compiled door answering the stand-in, a clean stop on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWecomEnv } from '../../../bots/wecom/env.js';
import { main } from '../../../bots/wecom.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { runCaptured } from '../door/captured.js';
import { startWecomStandin, type WecomStandin } from './standin.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'wecom.js');
const BOT_ID = 'aibNpmRunBot';
const SECRET = 'npm-run-wecom-secret-42';

describe('WeCom environment', () => {
  it('reads the Bot ID, the Secret and an optional address', () => {
    expect(parseWecomEnv({ WECOM_BOT_ID: ` ${BOT_ID} `, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: '' })).toEqual({
      botId: BOT_ID,
      secret: SECRET,
      wsUrl: undefined,
    });
    expect(
      parseWecomEnv({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: 'wss://ws.gov.example/aibot' })
        .wsUrl,
    ).toBe('wss://ws.gov.example/aibot');
  });

  it.each([
    ['nothing set', {}, [/WECOM_BOT_ID: missing; copy the Bot ID/, /WECOM_BOT_SECRET: missing; copy the Secret/]],
    ['a blank secret', { WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: '  ' }, [/WECOM_BOT_SECRET: missing/]],
    ['a secret with a space', { WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: 'abc def' }, [/WECOM_BOT_SECRET: malformed/]],
    [
      'an http address',
      { WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: 'https://openws.work.weixin.qq.com' },
      [/WECOM_WS_URL: must start with ws:\/\/ or wss:\/\//],
    ],
    [
      'an address that is no URL',
      { WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: 'openws' },
      [/WECOM_WS_URL: must be a ws/],
    ],
  ])('stops with exit code 2 on %s, naming each variable, never the secret', async (_, env, patterns) => {
    const { code, text } = await runCaptured(main, { env, argv: [], until: Promise.resolve() });
    expect(code).toBe(2);
    expect(text).toMatch(/^wecom: cannot start, check the environment \(see README\.md, "WeCom bot"\):/);
    for (const pattern of patterns) expect(text).toMatch(pattern);
    expect(text).not.toContain('abc def');
  });
});

describe('npm run wecom -- --check', () => {
  it('connects, says ready and stops with exit code 0', async () => {
    const wecom = await startWecomStandin({ botId: BOT_ID, secret: SECRET });
    try {
      const env = {
        WECOM_BOT_ID: BOT_ID,
        WECOM_BOT_SECRET: SECRET,
        WECOM_WS_URL: wecom.url,
        HEARING_MISSES_FILE: 'off',
        HEARING_LOG_FILE: 'off',
      };
      const { code, text } = await runCaptured(main, { env, argv: ['--check'], until: new Promise(() => {}) });
      expect(code).toBe(0);
      expect(text).toMatch(/wecom: ready: connected as bot aibNpmRunBot[\s\S]*wecom: check passed/);
      expect(wecom.authentications).toBe(1);
    } finally {
      await wecom.close();
    }
  });
});

describe('npm run wecom against the stand-in', () => {
  let wecom: WecomStandin;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await wecom?.close();
  });

  it('connects, answers, and stops cleanly on SIGTERM without printing the secret', async () => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first (npm test does)`);
    wecom = await startWecomStandin({ botId: BOT_ID, secret: SECRET });
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('WECOM_') && k !== 'DEBUG'),
    );
    child = spawn(process.execPath, [SCRIPT], {
      cwd: PROJECT_ROOT,
      env: {
        ...env,
        WECOM_BOT_ID: BOT_ID,
        WECOM_BOT_SECRET: SECRET,
        WECOM_WS_URL: wecom.url,
        HEARING_MISSES_FILE: 'off',
        HEARING_LOG_FILE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (d) => (output += d));
    child.stdout!.on('data', (d) => (output += d));
    const exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    await until(() => wecom.authentications === 1, 'the door to authenticate', 15_000);
    const reqId = wecom.text('汉融通');
    await until(() => wecom.streams(reqId).length === 1, 'the answer');
    expect(wecom.streams(reqId)[0]).toContain('汉融通');
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
    expect(code).toBe(0);
    expect(output).toContain(`wecom: ready: connected as bot ${BOT_ID} via ${wecom.url}`);
    expect(output).toContain('wecom: stopped');
    expect(output).not.toContain(SECRET);
  });
});

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
