// WeCom 智能机器人 configuration from the environment, checked with zod; the secret is never echoed.
import { z } from 'zod';
import { type Env, parseEnv } from '../door/env.js';
import type { Secret } from '../door/log.js';

/** What `npm run wecom` needs, read once from the environment. */
export interface WecomConfig {
  /** The robot's Bot ID (管理后台 → 智能机器人 → API 模式, 长连接). */
  botId: string;
  /** The robot's Secret from the same page; never printed. */
  secret: string;
  /** The long-connection address; undefined = the SDK's own (wss://openws.work.weixin.qq.com). */
  wsUrl: string | undefined;
}

/**
 * Reads and checks the WeCom variables; blank values count as unset.
 * @example parseWecomEnv({ WECOM_BOT_ID: 'aibAbc123', WECOM_BOT_SECRET: '…' }).wsUrl // undefined
 * @throws DoorConfigError naming every missing or malformed variable, never quoting the secret
 */
export function parseWecomEnv(env: Env): WecomConfig {
  const e = parseEnv('wecom', EnvSchema, env, { secrets: ['WECOM_BOT_SECRET'], docs: 'README.md, "WeCom bot"' });
  return { botId: e.WECOM_BOT_ID, secret: e.WECOM_BOT_SECRET, wsUrl: e.WECOM_WS_URL };
}

/** What the logs must never show. */
export function wecomSecrets(config: WecomConfig): Secret[] {
  return [{ name: 'secret', value: config.secret }];
}

/** Ids and secrets are copied from a console: a space or quote in one is a copying slip. */
const TOKEN_CHARS = /^[^\s"'`]+$/;

const EnvSchema = z.object({
  WECOM_BOT_ID: z
    .string({ required_error: 'missing; copy the Bot ID from the robot’s page (智能机器人 → API 模式, 长连接)' })
    .regex(TOKEN_CHARS, 'malformed; the Bot ID has a space or quote in it, copy it again'),
  WECOM_BOT_SECRET: z
    .string({ required_error: 'missing; copy the Secret shown next to the Bot ID on the robot’s page' })
    .regex(TOKEN_CHARS, 'malformed; the Secret has a space or quote in it, copy it again'),
  WECOM_WS_URL: z
    .string()
    .url('must be a ws:// or wss:// URL such as wss://openws.work.weixin.qq.com')
    .regex(/^wss?:\/\//i, 'must start with ws:// or wss://')
    .optional(),
});
