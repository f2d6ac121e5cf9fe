// Reminder configuration from the environment, validated with zod: the staff targets and their secrets, the state file.
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/paths.js';
import { type Env, parseEnv } from '../door/env.js';
import type { Secret } from '../door/log.js';

/** One staff chat the due list goes to, by its platform's documented API. */
export type Target =
  | { kind: 'telegram'; token: string; chatId: string; apiRoot: string }
  | { kind: 'wecom'; webhook: string }
  | { kind: 'dingtalk'; webhook: string; secret: string | undefined };

export interface RemindConfig {
  targets: Target[];
  /** Which targets got the list on which day, so a second run that day sends nothing twice. */
  stateFile: string;
}

/**
 * Reads and checks the reminder variables; empty strings count as unset. At least one target is needed.
 * @example parseRemindEnv({ REMIND_WECOM_WEBHOOK: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' }).targets[0].kind // 'wecom'
 * @throws DoorConfigError naming every bad variable, never echoing a token, webhook or secret
 */
export function parseRemindEnv(env: Env): RemindConfig {
  const e = parseEnv('remind', EnvSchema, env, { secrets: SECRET_VARIABLES, docs: 'README.md, "Following up"' });
  const targets: Target[] = [];
  if (e.REMIND_TELEGRAM_CHAT_ID)
    targets.push({
      kind: 'telegram',
      token: e.TELEGRAM_BOT_TOKEN!,
      chatId: e.REMIND_TELEGRAM_CHAT_ID,
      apiRoot: (e.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').replace(/\/+$/, ''),
    });
  if (e.REMIND_WECOM_WEBHOOK) targets.push({ kind: 'wecom', webhook: e.REMIND_WECOM_WEBHOOK });
  if (e.REMIND_DINGTALK_WEBHOOK)
    targets.push({ kind: 'dingtalk', webhook: e.REMIND_DINGTALK_WEBHOOK, secret: e.REMIND_DINGTALK_SECRET });
  return { targets, stateFile: e.HEARING_REMIND_STATE_FILE ?? join(PROJECT_ROOT, 'var', 'remind-state.json') };
}

/** What no line may show: the bot token (and its secret half), the webhooks (their keys are in the URL), the signing secret. */
export function remindSecrets(config: RemindConfig): Secret[] {
  return config.targets.flatMap((t): Secret[] => {
    if (t.kind === 'telegram')
      return [
        { name: 'token', value: t.token },
        { name: 'token', value: t.token.slice(t.token.indexOf(':') + 1) },
      ];
    if (t.kind === 'wecom') return [{ name: 'wecom-webhook', value: t.webhook }, ...queryValues(t.webhook)];
    return [
      { name: 'dingtalk-webhook', value: t.webhook },
      ...queryValues(t.webhook),
      { name: 'dingtalk-secret', value: t.secret },
    ];
  });
}

/** The key or access token inside a webhook URL, so it is hidden even when printed without the rest of the URL. */
function queryValues(url: string): Secret[] {
  return [...new URL(url).searchParams.values()].map((value) => ({ name: 'webhook-key', value }));
}

const SECRET_VARIABLES = [
  'TELEGRAM_BOT_TOKEN',
  'REMIND_WECOM_WEBHOOK',
  'REMIND_DINGTALK_WEBHOOK',
  'REMIND_DINGTALK_SECRET',
];
const TOKEN = /^[0-9]{1,20}:[A-Za-z0-9_-]{35,}$/;
/** An http(s) URL; plain http only makes sense for a stand-in or a proxy on the same machine. */
const webhookUrl = (example: string) =>
  z
    .string()
    .url(`must be the robot's webhook URL, e.g. ${example}`)
    .refine((u) => /^https?:\/\//i.test(u), `must be the robot's webhook URL, e.g. ${example}`);

const EnvSchema = z
  .object({
    REMIND_TELEGRAM_CHAT_ID: z
      .string()
      .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, 'must be a chat id such as -1001234567890 or @channelname')
      .optional(),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(TOKEN, 'malformed; expected <digits>:<35 or more letters, digits, _ or -> as BotFather gives it')
      .optional(),
    TELEGRAM_API_ROOT: z.string().url('must be a URL such as http://127.0.0.1:8081').optional(),
    REMIND_WECOM_WEBHOOK: webhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…').optional(),
    REMIND_DINGTALK_WEBHOOK: webhookUrl('https://oapi.dingtalk.com/robot/send?access_token=…').optional(),
    REMIND_DINGTALK_SECRET: z
      .string()
      .regex(/^SEC[0-9a-f]{16,}$/i, 'malformed; expected the 加签 secret the robot settings show (SEC…)')
      .optional(),
    HEARING_REMIND_STATE_FILE: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (e.REMIND_TELEGRAM_CHAT_ID && !e.TELEGRAM_BOT_TOKEN)
      issue('TELEGRAM_BOT_TOKEN', 'required with REMIND_TELEGRAM_CHAT_ID: the bot that sends the reminder');
    if (e.REMIND_DINGTALK_SECRET && !e.REMIND_DINGTALK_WEBHOOK)
      issue('REMIND_DINGTALK_WEBHOOK', 'required with REMIND_DINGTALK_SECRET');
    if (!e.REMIND_TELEGRAM_CHAT_ID && !e.REMIND_WECOM_WEBHOOK && !e.REMIND_DINGTALK_WEBHOOK)
      issue(
        'environment',
        'no staff chat to remind: set REMIND_TELEGRAM_CHAT_ID (with TELEGRAM_BOT_TOKEN), REMIND_WECOM_WEBHOOK or REMIND_DINGTALK_WEBHOOK',
      );
  });
