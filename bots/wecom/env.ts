// WeCom 智能机器人 configuration from the environment, checked with zod; the secret is never echoed.
import { z } from 'zod';
import { type Env, envCopied, envUrl, parseEnv } from '../door/env.js';
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
export const wecomSecrets = (config: WecomConfig): Secret[] => [{ name: 'secret', value: config.secret }];

const EnvSchema = z.object({
  WECOM_BOT_ID: envCopied('Bot ID', 'missing; copy the Bot ID from the robot’s page (智能机器人 → API 模式, 长连接)'),
  WECOM_BOT_SECRET: envCopied('Secret', 'missing; copy the Secret shown next to the Bot ID on the robot’s page'),
  WECOM_WS_URL: envUrl(
    ['ws', 'wss'],
    'must be a ws:// or wss:// URL such as wss://openws.work.weixin.qq.com',
  ).optional(),
});
