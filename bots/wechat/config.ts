// WeChat settings, validated with zod: group etiquette and sending (from code or environment), puppet, session.
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/paths.js';
import { DoorConfigError, type Env, envFlag, envList, envWholeNumber, parseEnv } from '../door/env.js';
import type { Secret } from '../door/log.js';

/** Group etiquette and sending; every field has a documented default. */
export const WechatConfigSchema = z
  .object({
    /**
     * Messages starting with this are meant for the bot (「#问 经开区汽车」); null: no prefix. It must not start with
     * `/` (commands) or `@` (mentions), and it should be something nobody types by chance.
     */
    prefix: z
      .string()
      .trim()
      .min(1, 'must not be empty (leave it unset for no prefix)')
      .max(16, 'must be at most 16 characters')
      .refine((p) => !/^[/@]/.test(p), 'must not start with / or @')
      .nullable()
      .default(null),
    /** Answer un-addressed group messages that read as a question and match the hearing confidently. Default true. */
    answerPlainQuestions: z.boolean().default(true),
    /**
     * Groups the bot speaks in, each by id or by name (topic); empty: every group it is in. A name also admits any
     * other group renamed to it; an id does not. Private chats are not affected.
     */
    rooms: z.array(z.string().trim().min(1, 'a group name or id must not be empty')).default([]),
    /** Longest message sent, in characters; longer replies go out as several messages. Default 1500. */
    splitLimit: z
      .number()
      .int('must be a whole number')
      .min(200, 'must be at least 200')
      .max(5000, 'must be at most 5000')
      .default(1500),
    /** Pause between the parts of one long reply, in ms: bursts from a personal account look like spam. Default 500. */
    sendDelayMs: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(10_000, 'must be at most 10000')
      .default(500),
  })
  .strict();

export type WechatConfig = z.output<typeof WechatConfigSchema>;
export type WechatConfigInput = z.input<typeof WechatConfigSchema>;

/** Puppets a WeChat deployment can name in WECHATY_PUPPET (the mock is for tests and dry runs). */
export const PUPPETS = [
  'wechaty-puppet-wechat4u',
  'wechaty-puppet-service',
  'wechaty-puppet-wechat',
  'wechaty-puppet-padlocal',
  'wechaty-puppet-xp',
  'wechaty-puppet-mock',
] as const;
export type PuppetName = (typeof PUPPETS)[number];

/** Which puppet `npm run wechat` starts; the token is a secret and never appears in messages or logs. */
export interface PuppetChoice {
  name: PuppetName;
  token: string | undefined;
}

/** What `npm run wechat` reads from the environment. */
export interface WechatEnvConfig {
  puppet: PuppetChoice;
  bot: WechatConfig;
  /** Where the login session (`wechat-session.memory-card.json`) is kept. Default `var/`. */
  sessionDir: string;
}

/**
 * The settings with defaults filled in; throws DoorConfigError listing every bad field with its value.
 * @example wechatConfig({ prefix: '#问', answerPlainQuestions: false }).splitLimit // 1500
 */
export function wechatConfig(input: WechatConfigInput = {}): WechatConfig {
  const parsed = WechatConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `config: ${issue.message}`
      : `${issue.path.join('.')} ${issue.message}, got ${show(valueAt(input, issue.path))}`,
  );
  throw new DoorConfigError('wechat', problems, 'check the configuration');
}

/**
 * Reads the environment of `npm run wechat`. Unset variables take the defaults; a set but unusable value is an
 * error, never silently ignored.
 * @example parseWechatEnv({ WECHAT_ROOMS: '数字经济群,@@8f2c…' }).bot.rooms // ['数字经济群', '@@8f2c…']
 * @throws DoorConfigError naming every bad variable (never the token)
 */
export function parseWechatEnv(env: Env): WechatEnvConfig {
  const e = parseEnv('wechat', EnvSchema, env, {
    secrets: ['WECHATY_PUPPET_SERVICE_TOKEN'],
    docs: 'README.md, "WeChat bot"',
  });
  const token = e.WECHATY_PUPPET_SERVICE_TOKEN;
  const bot = wechatConfig({
    ...(e.WECHAT_PREFIX !== undefined ? { prefix: e.WECHAT_PREFIX } : {}),
    ...(e.WECHAT_ANSWER_PLAIN_QUESTIONS !== undefined ? { answerPlainQuestions: e.WECHAT_ANSWER_PLAIN_QUESTIONS } : {}),
    ...(e.WECHAT_ROOMS !== undefined ? { rooms: e.WECHAT_ROOMS } : {}),
    ...(e.WECHAT_SPLIT_LIMIT !== undefined ? { splitLimit: e.WECHAT_SPLIT_LIMIT } : {}),
    ...(e.WECHAT_SEND_DELAY_MS !== undefined ? { sendDelayMs: e.WECHAT_SEND_DELAY_MS } : {}),
  });
  return {
    // A token on its own means a service puppet: that is the only puppet that takes one.
    puppet: { name: e.WECHATY_PUPPET ?? (token ? 'wechaty-puppet-service' : 'wechaty-puppet-wechat4u'), token },
    bot,
    sessionDir: e.WECHAT_SESSION_DIR ?? join(PROJECT_ROOT, 'var'),
  };
}

/** What the logs must never show: the puppet service token. */
export function wechatSecrets(config: WechatEnvConfig): Secret[] {
  return [{ name: 'token', value: config.puppet.token }];
}

const field = WechatConfigSchema.shape;

const EnvSchema = z
  .object({
    WECHATY_PUPPET: z
      .enum(PUPPETS, { errorMap: () => ({ message: `must be one of ${PUPPETS.join(', ')}` }) })
      .optional(),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
    WECHAT_PREFIX: field.prefix.removeDefault().unwrap().optional(),
    WECHAT_ANSWER_PLAIN_QUESTIONS: envFlag().optional(),
    WECHAT_ROOMS: envList().optional(),
    WECHAT_SPLIT_LIMIT: envWholeNumber(field.splitLimit.removeDefault()).optional(),
    WECHAT_SEND_DELAY_MS: envWholeNumber(field.sendDelayMs.removeDefault()).optional(),
    WECHAT_SESSION_DIR: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.WECHATY_PUPPET === 'wechaty-puppet-service' && !e.WECHATY_PUPPET_SERVICE_TOKEN)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['WECHATY_PUPPET_SERVICE_TOKEN'],
        message: 'must be set for wechaty-puppet-service (the token from your puppet service provider)',
      });
  });

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
