// DingTalk Stream-mode configuration from the environment, checked with zod; the secret is never echoed.
import { z } from 'zod';
import { type Env, parseEnv } from '../door/env.js';
import type { Secret } from '../door/log.js';

/** What `npm run dingtalk` needs, read once from the environment. */
export interface DingtalkConfig {
  /** The app's Client ID (formerly AppKey), from 开发者后台 → 应用 → 凭证与基础信息. */
  clientId: string;
  /** The app's Client Secret (formerly AppSecret); never printed. */
  clientSecret: string;
  /** `POST …/v1.0/gateway/connections/open`; undefined = DingTalk's own. */
  gatewayUrl: string | undefined;
}

/**
 * Reads and checks the DingTalk variables; blank values count as unset.
 * @example parseDingtalkEnv({ DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: '…' }).gatewayUrl // undefined
 * @throws DoorConfigError naming every missing or malformed variable, never quoting the secret
 */
export function parseDingtalkEnv(env: Env): DingtalkConfig {
  const e = parseEnv('dingtalk', EnvSchema, env, {
    secrets: ['DINGTALK_CLIENT_SECRET'],
    docs: 'README.md, "DingTalk bot"',
  });
  return { clientId: e.DINGTALK_CLIENT_ID, clientSecret: e.DINGTALK_CLIENT_SECRET, gatewayUrl: e.DINGTALK_GATEWAY_URL };
}

/** What the logs must never show. */
export function dingtalkSecrets(config: DingtalkConfig): Secret[] {
  return [{ name: 'secret', value: config.clientSecret }];
}

/** Ids and secrets are copied from a console: a space or quote in one is a copying slip. */
const TOKEN_CHARS = /^[^\s"'`]+$/;

const EnvSchema = z.object({
  DINGTALK_CLIENT_ID: z
    .string({ required_error: 'missing; copy the Client ID (AppKey) from 开发者后台 → 凭证与基础信息' })
    .regex(TOKEN_CHARS, 'malformed; the Client ID has a space or quote in it, copy it again'),
  DINGTALK_CLIENT_SECRET: z
    .string({ required_error: 'missing; copy the Client Secret (AppSecret) from the same page' })
    .regex(TOKEN_CHARS, 'malformed; the Client Secret has a space or quote in it, copy it again'),
  DINGTALK_GATEWAY_URL: z
    .string()
    .url('must be an http(s) URL ending in /v1.0/gateway/connections/open')
    .regex(/^https?:\/\//i, 'must start with http:// or https://')
    .optional(),
});
