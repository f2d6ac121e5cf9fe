// WeChat settings from code and from the environment: defaults, bad values refused with a clear message, no secrets shown.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DoorConfigError } from '../../../bots/door/env.js';
import { parseWechatEnv, wechatConfig } from '../../../bots/wechat/config.js';
import { PROJECT_ROOT } from '../../../src/paths.js';

const problemsOf = (env: Record<string, string>): string => {
  try {
    parseWechatEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(DoorConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
};

describe('wechatConfig', () => {
  it('fills in the documented defaults', () => {
    expect(wechatConfig()).toEqual({
      prefix: null,
      answerPlainQuestions: true,
      rooms: [],
      splitLimit: 1500,
      sendDelayMs: 500,
    });
  });

  it('lists every bad field with its value', () => {
    expect(() => wechatConfig({ splitLimit: 99.5, sendDelayMs: -1 })).toThrow(
      /splitLimit must be a whole number, got 99\.5[\s\S]*sendDelayMs must not be negative, got -1/,
    );
  });
});

describe('parseWechatEnv', () => {
  it('uses wechat4u and the defaults when nothing is set', () => {
    expect(parseWechatEnv({})).toEqual({
      puppet: { name: 'wechaty-puppet-wechat4u', token: undefined },
      bot: wechatConfig(),
      sessionDir: join(PROJECT_ROOT, 'var'),
    });
  });

  it('reads every setting', () => {
    const { puppet, bot, sessionDir } = parseWechatEnv({
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_secret_123',
      WECHAT_PREFIX: ' #问 ',
      WECHAT_ANSWER_PLAIN_QUESTIONS: 'false',
      WECHAT_ROOMS: '数字经济学习群，人大代表群, ,武汉人大\n',
      WECHAT_SPLIT_LIMIT: '1000',
      WECHAT_SEND_DELAY_MS: '0',
      WECHAT_SESSION_DIR: '/srv/hearing-bot/session',
    });
    expect(sessionDir).toBe('/srv/hearing-bot/session');
    expect(puppet).toEqual({ name: 'wechaty-puppet-service', token: 'puppet_secret_123' });
    expect(bot).toEqual({
      prefix: '#问',
      answerPlainQuestions: false,
      rooms: ['数字经济学习群', '人大代表群', '武汉人大'],
      splitLimit: 1000,
      sendDelayMs: 0,
    });
  });

  it('takes a token alone to mean the service puppet', () => {
    expect(parseWechatEnv({ WECHATY_PUPPET_SERVICE_TOKEN: 'tok' }).puppet.name).toBe('wechaty-puppet-service');
  });

  it.each([
    ['yes', true],
    ['ON', true],
    ['0', false],
    ['off', false],
  ])('reads WECHAT_ANSWER_PLAIN_QUESTIONS=%s', (value, expected) => {
    expect(parseWechatEnv({ WECHAT_ANSWER_PLAIN_QUESTIONS: value }).bot.answerPlainQuestions).toBe(expected);
  });

  it.each([
    [{ WECHAT_ANSWER_PLAIN_QUESTIONS: 'maybe' }, 'WECHAT_ANSWER_PLAIN_QUESTIONS: must be true or false (got "maybe")'],
    [{ WECHAT_SPLIT_LIMIT: 'abc' }, 'WECHAT_SPLIT_LIMIT: must be a whole number (got "abc")'],
    [{ WECHAT_SPLIT_LIMIT: '50' }, 'WECHAT_SPLIT_LIMIT: must be at least 200 (got "50")'],
    [{ WECHAT_SPLIT_LIMIT: '99999' }, 'WECHAT_SPLIT_LIMIT: must be at most 5000 (got "99999")'],
    [{ WECHAT_SEND_DELAY_MS: '-5' }, 'WECHAT_SEND_DELAY_MS: must be a whole number (got "-5")'],
    [{ WECHAT_PREFIX: '/问' }, 'WECHAT_PREFIX: must not start with / or @ (got "/问")'],
    [{ WECHATY_PUPPET: 'wechaty-puppet-wechat5u' }, 'WECHATY_PUPPET: must be one of wechaty-puppet-wechat4u'],
    [
      { WECHATY_PUPPET: 'wechaty-puppet-service' },
      'WECHATY_PUPPET_SERVICE_TOKEN: must be set for wechaty-puppet-service',
    ],
  ])('refuses %j', (env, message) => {
    expect(problemsOf(env)).toContain(message);
  });

  it('reports all problems at once', () => {
    const message = problemsOf({ WECHAT_SPLIT_LIMIT: 'x', WECHAT_ANSWER_PLAIN_QUESTIONS: 'x', WECHATY_PUPPET: 'x' });
    expect(message.match(/^ {2}WECHAT/gm)).toHaveLength(3);
  });

  it('never shows the token, even next to other problems', () => {
    const message = problemsOf({
      WECHATY_PUPPET: 'wechaty-puppet-nope',
      WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_secret_123',
      WECHAT_SPLIT_LIMIT: 'x',
    });
    expect(message).not.toContain('puppet_secret_123');
  });
});
