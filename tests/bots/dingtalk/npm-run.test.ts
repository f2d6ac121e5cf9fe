// `npm run dingtalk` for real: the environment checked, the compiled door answering stand-ins, a clean stop on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDingtalkEnv } from '../../../bots/dingtalk/env.js';
import { main } from '../../../bots/dingtalk.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { runCaptured } from '../door/captured.js';
import {
  type DingtalkStandin,
  robotMessage,
  type SessionWebhooks,
  startDingtalkStandin,
  startSessionWebhooks,
} from './standin.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'dingtalk.js');
const CLIENT_ID = 'dingnpmrun';
const SECRET = 'npm-run-dingtalk-secret-42';

describe('DingTalk environment', () => {
  it('reads the client id, the secret and an optional gateway', () => {
    expect(parseDingtalkEnv({ DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: ` ${SECRET}\n` })).toEqual({
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      gatewayUrl: undefined,
    });
  });

  it.each([
    ['nothing set', {}, [/DINGTALK_CLIENT_ID: missing; copy the Client ID/, /DINGTALK_CLIENT_SECRET: missing/]],
    [
      'a secret with a quote',
      { DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: '"abc"' },
      [/DINGTALK_CLIENT_SECRET: malformed/],
    ],
    [
      'a gateway that is no http URL',
      { DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: SECRET, DINGTALK_GATEWAY_URL: 'ws://127.0.0.1:1/x' },
      [/DINGTALK_GATEWAY_URL: must start with http:\/\/ or https:\/\//],
    ],
  ])('stops with exit code 2 on %s, naming each variable, never the secret', async (_, env, patterns) => {
    const { code, text } = await runCaptured(main, { env, argv: [], until: Promise.resolve() });
    expect(code).toBe(2);
    expect(text).toMatch(/^dingtalk: cannot start, check the environment \(see README\.md, "DingTalk bot"\):/);
    for (const pattern of patterns) expect(text).toMatch(pattern);
    expect(text).not.toContain('"abc"');
  });
});

describe('npm run dingtalk -- --check', () => {
  it('connects, says ready and stops with exit code 0', async () => {
    const dingtalk = await startDingtalkStandin({ clientId: CLIENT_ID, clientSecret: SECRET });
    try {
      const env = {
        DINGTALK_CLIENT_ID: CLIENT_ID,
        DINGTALK_CLIENT_SECRET: SECRET,
        DINGTALK_GATEWAY_URL: dingtalk.gatewayUrl,
        HEARING_MISSES_FILE: 'off',
        HEARING_LOG_FILE: 'off',
      };
      const { code, text } = await runCaptured(main, { env, argv: ['--check'], until: new Promise(() => {}) });
      expect(code).toBe(0);
      expect(text).toMatch(/dingtalk: ready: connected as app dingnpmrun[\s\S]*dingtalk: check passed/);
      expect(dingtalk.connections).toBe(1);
    } finally {
      await dingtalk.close();
    }
  });
});

describe('npm run dingtalk against the stand-ins', () => {
  let dingtalk: DingtalkStandin;
  let hooks: SessionWebhooks;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await dingtalk?.close();
    await hooks?.close();
  });

  it('connects, answers, and stops cleanly on SIGTERM without printing the secret', async () => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first (npm test does)`);
    dingtalk = await startDingtalkStandin({ clientId: CLIENT_ID, clientSecret: SECRET });
    hooks = await startSessionWebhooks();
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('DINGTALK_') && k !== 'DEBUG'),
    );
    child = spawn(process.execPath, [SCRIPT], {
      cwd: PROJECT_ROOT,
      env: {
        ...env,
        DINGTALK_CLIENT_ID: CLIENT_ID,
        DINGTALK_CLIENT_SECRET: SECRET,
        DINGTALK_GATEWAY_URL: dingtalk.gatewayUrl,
        HEARING_MISSES_FILE: 'off',
        HEARING_LOG_FILE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (d) => (output += d));
    child.stdout!.on('data', (d) => (output += d));
    const exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    await until(() => dingtalk.open === 1, 'the door to connect', 15_000);
    dingtalk.robot(
      robotMessage({ content: ' 汉融通', group: { id: 'cidG', title: '群' }, sessionWebhook: hooks.url('run') }),
    );
    await until(() => hooks.markdown('run').length === 1, 'the answer');
    expect(hooks.markdown('run')[0]).toContain('汉融通');
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
    expect(code).toBe(0);
    expect(output).toContain(`dingtalk: ready: connected as app ${CLIENT_ID}`);
    expect(output).toContain('dingtalk: stopped');
    expect(output).not.toContain(SECRET);
    expect(dingtalk.open).toBe(0);
  });
});

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
