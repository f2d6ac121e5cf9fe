// DingTalk Stream-mode configuration from the environment, checked with zod; the secret is never echoed.
import { z } from 'zod';
import { type Env, envCopied, envUrl, parseEnv } from '../door/env.js';
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
export const dingtalkSecrets = (config: DingtalkConfig): Secret[] => [{ name: 'secret', value: config.clientSecret }];

const EnvSchema = z.object({
  DINGTALK_CLIENT_ID: envCopied('Client ID', 'missing; copy the Client ID (AppKey) from 开发者后台 → 凭证与基础信息'),
  DINGTALK_CLIENT_SECRET: envCopied('Client Secret', 'missing; copy the Client Secret (AppSecret) from the same page'),
  DINGTALK_GATEWAY_URL: envUrl(
    ['http', 'https'],
    'must be an http(s) URL ending in /v1.0/gateway/connections/open',
  ).optional(),
});
