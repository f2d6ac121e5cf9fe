// WeChat bot settings: group etiquette and sending, validated with zod, from code or from the environment.
import { z } from 'zod';

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
    /** Group topics (names) the bot speaks in; empty: every group it is in. Private chats are not affected. */
    rooms: z.array(z.string().trim().min(1, 'a group name must not be empty')).default([]),
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

/** A setting that cannot be used; the message names the setting and (except for secrets) the bad value. */
export class WechatConfigError extends Error {
  override name = 'WechatConfigError';
  constructor(readonly problems: string[]) {
    super(`wechat: bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The settings with defaults filled in; throws WechatConfigError listing every bad field.
 * @example wechatConfig({ prefix: '#问', answerPlainQuestions: false }).splitLimit // 1500
 */
export function wechatConfig(input: WechatConfigInput = {}): WechatConfig {
  const parsed = WechatConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new WechatConfigError(
    parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `config: ${issue.message}`
        : `${issue.path.join('.')} ${issue.message}, got ${show(valueAt(input, issue.path))}`,
    ),
  );
}

/**
 * Reads the environment of `npm run wechat`. Unset variables take the defaults; a set but unusable value is an
 * error, never silently ignored.
 * @example configFromEnv({ WECHAT_ROOMS: '数字经济群,人大代表群' }).bot.rooms // ['数字经济群', '人大代表群']
 */
export function configFromEnv(env: Record<string, string | undefined>): { puppet: PuppetChoice; bot: WechatConfig } {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const token = get('WECHATY_PUPPET_SERVICE_TOKEN');
  // A token on its own means a service puppet: that is the only puppet that takes one.
  const puppetName = get('WECHATY_PUPPET') ?? (token ? 'wechaty-puppet-service' : 'wechaty-puppet-wechat4u');
  const puppet = (PUPPETS as readonly string[]).includes(puppetName) ? (puppetName as PuppetName) : undefined;
  if (!puppet) problems.push(`WECHATY_PUPPET must be one of ${PUPPETS.join(', ')}, got ${show(puppetName)}`);
  if (puppet === 'wechaty-puppet-service' && !token)
    problems.push(
      'WECHATY_PUPPET_SERVICE_TOKEN must be set for wechaty-puppet-service (the token from your puppet service provider)',
    );

  const flag = get('WECHAT_ANSWER_PLAIN_QUESTIONS');
  let answerPlainQuestions: boolean | undefined;
  if (flag !== undefined) {
    answerPlainQuestions = TRUE.has(flag.toLowerCase()) ? true : FALSE.has(flag.toLowerCase()) ? false : undefined;
    if (answerPlainQuestions === undefined)
      problems.push(`WECHAT_ANSWER_PLAIN_QUESTIONS must be true or false, got ${show(flag)}`);
  }
  const integer = (name: string): number | undefined => {
    const value = get(name);
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value)) return Number(value);
    problems.push(`${name} must be a whole number, got ${show(value)}`);
    return undefined;
  };
  const splitLimit = integer('WECHAT_SPLIT_LIMIT');
  const sendDelayMs = integer('WECHAT_SEND_DELAY_MS');
  const rooms = get('WECHAT_ROOMS')
    ?.split(/[,，\n]/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const prefix = env.WECHAT_PREFIX;

  const input: WechatConfigInput = {
    ...(prefix !== undefined && prefix.trim() !== '' ? { prefix } : {}),
    ...(answerPlainQuestions !== undefined ? { answerPlainQuestions } : {}),
    ...(rooms ? { rooms } : {}),
    ...(splitLimit !== undefined ? { splitLimit } : {}),
    ...(sendDelayMs !== undefined ? { sendDelayMs } : {}),
  };
  let bot: WechatConfig | undefined;
  try {
    bot = wechatConfig(input);
  } catch (error) {
    if (!(error instanceof WechatConfigError)) throw error;
    problems.push(
      ...error.problems.map((p) => p.replace(/^(\w+)/, (field) => ENV_NAMES[field as keyof WechatConfig] ?? field)),
    );
  }
  if (problems.length > 0 || !bot || !puppet) throw new WechatConfigError(problems);
  return { puppet: { name: puppet, token }, bot };
}

const ENV_NAMES: Record<keyof WechatConfig, string> = {
  prefix: 'WECHAT_PREFIX',
  answerPlainQuestions: 'WECHAT_ANSWER_PLAIN_QUESTIONS',
  rooms: 'WECHAT_ROOMS',
  splitLimit: 'WECHAT_SPLIT_LIMIT',
  sendDelayMs: 'WECHAT_SEND_DELAY_MS',
};
const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

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
