// DingTalk Stream-mode configuration from the environment, checked with zod; the secret is never echoed.
import { z } from 'zod';
import { blankless } from '../wecom/env.js';

/** What `npm run dingtalk` needs, read once from the environment. */
export interface DingtalkConfig {
  /** The app's Client ID (formerly AppKey), from 开发者后台 → 应用 → 凭证与基础信息. */
  clientId: string;
  /** The app's Client Secret (formerly AppSecret); never printed. */
  clientSecret: string;
  /** `POST …/v1.0/gateway/connections/open`; undefined = DingTalk's own. */
  gatewayUrl: string | undefined;
}

/** The environment is wrong; the message names each variable and says what to set, never quoting the secret. */
export class DingtalkConfigError extends Error {
  override name = 'DingtalkConfigError';
}

/**
 * Reads and checks the DingTalk variables; blank values count as unset.
 * @example parseDingtalkEnv({ DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: '…' }).gatewayUrl // undefined
 * @throws DingtalkConfigError naming every missing or malformed variable
 */
export function parseDingtalkEnv(env: Record<string, string | undefined>): DingtalkConfig {
  const parsed = EnvSchema.safeParse(blankless(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new DingtalkConfigError(`dingtalk: cannot start, check the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return { clientId: e.DINGTALK_CLIENT_ID, clientSecret: e.DINGTALK_CLIENT_SECRET, gatewayUrl: e.DINGTALK_GATEWAY_URL };
}

/** Ids and secrets are copied from a console: a space or quote in one is a copying slip. */
const TOKEN_CHARS = /^[^\s"'`]+$/;

const EnvSchema = z.object({
  DINGTALK_CLIENT_ID: z
    .string({ required_error: 'missing; copy the Client ID (AppKey) from 开发者后台 → 凭证与基础信息' })
    .regex(TOKEN_CHARS, 'malformed; the Client ID has a space or quote in it, copy it again'),
  // Messages here must not quote the value: it is the secret.
  DINGTALK_CLIENT_SECRET: z
    .string({ required_error: 'missing; copy the Client Secret (AppSecret) from the same page' })
    .regex(TOKEN_CHARS, 'malformed; the Client Secret has a space or quote in it, copy it again'),
  DINGTALK_GATEWAY_URL: z
    .string()
    .url('must be an http(s) URL ending in /v1.0/gateway/connections/open')
    .regex(/^https?:\/\//i, 'must start with http:// or https://')
    .optional(),
});
