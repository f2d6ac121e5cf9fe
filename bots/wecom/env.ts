// WeCom 智能机器人 configuration from the environment, checked with zod; the secret is never echoed.
import { z } from 'zod';

/** What `npm run wecom` needs, read once from the environment. */
export interface WecomConfig {
  /** The robot's Bot ID (企业微信管理后台 → 智能机器人 → API 模式 → 长连接). */
  botId: string;
  /** The robot's Secret from the same page; never printed. */
  secret: string;
  /** The long-connection address; undefined = the SDK's own (wss://openws.work.weixin.qq.com). */
  wsUrl: string | undefined;
}

/** The environment is wrong; the message names each variable and says what to set, never quoting the secret. */
export class WecomConfigError extends Error {
  override name = 'WecomConfigError';
}

/**
 * Reads and checks the WeCom variables; blank values count as unset.
 * @example parseWecomEnv({ WECOM_BOT_ID: 'aibAbc123', WECOM_BOT_SECRET: '…' }).wsUrl // undefined
 * @throws WecomConfigError naming every missing or malformed variable
 */
export function parseWecomEnv(env: Record<string, string | undefined>): WecomConfig {
  const parsed = EnvSchema.safeParse(blankless(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new WecomConfigError(`wecom: cannot start, check the environment:\n${lines.join('\n')}`);
  }
  return { botId: parsed.data.WECOM_BOT_ID, secret: parsed.data.WECOM_BOT_SECRET, wsUrl: parsed.data.WECOM_WS_URL };
}

/** The variables with blank values dropped and the rest trimmed. */
export function blankless(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env)
      .filter(([, v]) => v !== undefined && v.trim() !== '')
      .map(([k, v]) => [k, v!.trim()]),
  );
}

/** Ids and secrets are copied from a console: a space or quote in one is a copying slip. */
const TOKEN_CHARS = /^[^\s"'`]+$/;

const EnvSchema = z.object({
  WECOM_BOT_ID: z
    .string({ required_error: 'missing; copy the Bot ID from the robot’s page (智能机器人 → API 模式, 长连接)' })
    .regex(TOKEN_CHARS, 'malformed; the Bot ID has a space or quote in it, copy it again'),
  // Messages here must not quote the value: it is the secret.
  WECOM_BOT_SECRET: z
    .string({ required_error: 'missing; copy the Secret shown next to the Bot ID on the robot’s page' })
    .regex(TOKEN_CHARS, 'malformed; the Secret has a space or quote in it, copy it again'),
  WECOM_WS_URL: z
    .string()
    .url('must be a ws:// or wss:// URL such as wss://openws.work.weixin.qq.com')
    .regex(/^wss?:\/\//i, 'must start with ws:// or wss://')
    .optional(),
});
