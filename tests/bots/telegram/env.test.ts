// The Telegram environment: zod validation, clear messages, and the token never printed, by the parser or by main().
import { describe, expect, it } from 'vitest';
import { DoorConfigError } from '../../../bots/door/env.js';
import { redactor } from '../../../bots/door/log.js';
import { DEFAULT_WEBHOOK_PORT, parseTelegramEnv, telegramSecrets } from '../../../bots/telegram/env.js';
import { main } from '../../../bots/telegram.js';
import { SECRET_HALF, TOKEN } from './helpers.js';

describe('parseTelegramEnv', () => {
  it('reads a token, an API root (without trailing slash) and defaults to long polling', () => {
    expect(parseTelegramEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' })).toEqual({
      token: TOKEN,
      apiRoot: 'http://127.0.0.1:8081',
      webhook: undefined,
    });
    expect(parseTelegramEnv({ TELEGRAM_BOT_TOKEN: ` ${TOKEN}\n`, TELEGRAM_API_ROOT: '' })).toEqual({
      token: TOKEN,
      apiRoot: undefined,
      webhook: undefined,
    });
  });

  it('reads webhook mode: URL, port (default 8080) and secret', () => {
    const env = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook',
      TELEGRAM_WEBHOOK_SECRET: 's3cret_-x',
    };
    expect(parseTelegramEnv(env).webhook).toEqual({
      url: 'https://bot.example.org/tg/hook',
      port: DEFAULT_WEBHOOK_PORT,
      host: undefined,
      secret: 's3cret_-x',
    });
    expect(parseTelegramEnv({ ...env, TELEGRAM_WEBHOOK_PORT: '9443' }).webhook?.port).toBe(9443);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a missing token', {}, /TELEGRAM_BOT_TOKEN: missing/],
    ['a blank token', { TELEGRAM_BOT_TOKEN: '   ' }, /TELEGRAM_BOT_TOKEN: missing/],
    ['a token without the id', { TELEGRAM_BOT_TOKEN: SECRET_HALF }, /TELEGRAM_BOT_TOKEN: malformed/],
    ['a token with a short secret', { TELEGRAM_BOT_TOKEN: TOKEN.slice(0, 40) }, /TELEGRAM_BOT_TOKEN: malformed/],
    ['a token with a space inside', { TELEGRAM_BOT_TOKEN: TOKEN.replace('_', ' ') }, /TELEGRAM_BOT_TOKEN: malformed/],
    [
      'an API root that is no URL',
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'localhost port 8081' },
      /TELEGRAM_API_ROOT: must be a URL/,
    ],
    [
      'a webhook without secret',
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.example/hook' },
      /TELEGRAM_WEBHOOK_SECRET: required/,
    ],
    [
      'a webhook port out of range',
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_URL: 'https://x.example/hook',
        TELEGRAM_WEBHOOK_SECRET: 'abc',
        TELEGRAM_WEBHOOK_PORT: '70000',
      },
      /TELEGRAM_WEBHOOK_PORT/,
    ],
    [
      'a secret with bad characters',
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.example/hook', TELEGRAM_WEBHOOK_SECRET: 'a b' },
      /TELEGRAM_WEBHOOK_SECRET: must be/,
    ],
    [
      'a webhook port without URL',
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_PORT: '8443' },
      /TELEGRAM_WEBHOOK_URL: missing/,
    ],
  ];
  it.each(bad)('refuses %s, naming the variable and never echoing the token', (_, env, message) => {
    let error: unknown;
    try {
      parseTelegramEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DoorConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(SECRET_HALF.slice(0, 20));
  });
});

describe('telegramSecrets', () => {
  it('has the token replaced, in its URL-encoded form too, and its secret half alone', () => {
    const redact = redactor(telegramSecrets(parseTelegramEnv({ TELEGRAM_BOT_TOKEN: TOKEN })));
    expect(redact(`GET /bot${TOKEN}/getMe`)).toBe('GET /bot<token>/getMe');
    expect(redact(`x=${encodeURIComponent(TOKEN)}`)).toBe('x=<token>');
    expect(redact(`secret ${SECRET_HALF}!`)).toBe('secret <token>!');
    expect(redact('nothing here')).toBe('nothing here');
  });
});

describe('main', () => {
  it.each([
    ['missing', {}],
    ['malformed', { TELEGRAM_BOT_TOKEN: `${TOKEN.slice(0, 20)} oops` }],
  ])('a %s token stops the start with a clear message and exit code 2, token not printed', async (_, env) => {
    const lines: string[] = [];
    const code = await main({
      env: { ...env, HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off' },
      until: new Promise(() => {}),
      write: (l) => lines.push(l),
    });
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(
      /^telegram: cannot start, check the environment \(see README.md, "Telegram bot"\):\n {2}TELEGRAM_BOT_TOKEN: /,
    );
    expect(lines.join('\n')).not.toContain(TOKEN.slice(7, 20));
  });

  it('a Bot API that refuses the token ends with exit code 1 and a redacted message', async () => {
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error_code: 401, description: `Unauthorized: ${TOKEN}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const lines: string[] = [];
    try {
      const code = await main({
        env: {
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
          HEARING_MISSES_FILE: 'off',
          HEARING_LOG_FILE: 'off',
        },
        until: new Promise(() => {}),
        write: (l) => lines.push(l),
      });
      expect(code).toBe(1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
    expect(seen[0]).toBe(`/bot${TOKEN}/getMe`);
    expect(lines.join('\n')).toContain('401');
    expect(lines.join('\n')).toContain('<token>');
    expect(lines.join('\n')).not.toContain(SECRET_HALF);
  });
});
