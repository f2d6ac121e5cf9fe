// The HTTP door's configuration from the environment, validated with zod; secrets never appear in its messages.
import { z } from 'zod';
import { type Env, envHost, envList, envWholeNumber, parseEnv } from '../door/env.js';
import type { Secret } from '../door/log.js';

/** What `npm run http` needs, read once from the environment. */
export interface HttpConfig {
  host: string;
  port: number;
  /** When set, every `/api/*` request needs `Authorization: Bearer <token>`. */
  apiToken: string | undefined;
  /** Requests per minute per client address on `/api/*`; 0 = no limit. */
  ratePerMinute: number;
  /** Reverse proxies in front of the server whose `X-Forwarded-For` entries are believed; 0 = none. */
  trustProxyHops: number;
  /** Origins allowed to call `/api/*` from a browser; `['*']` = any; [] = CORS off. */
  corsOrigins: string[];
  /** The 公众号 callback; undefined = `/wechat/mp` answers 404. */
  wechatMp: WechatMpConfig | undefined;
  /** The WeCom self-built app callback; undefined = `/wecom/app` answers 404. */
  wecom: WecomConfig | undefined;
  /** Shared state for several replicas; undefined = in this process's memory. */
  redisUrl: string | undefined;
  /** How long one Redis command may take before the door answers from its own memory. */
  redisDeadlineMs: number;
}

export interface WechatMpConfig {
  token: string;
  /** Safe mode (安全模式): both set, or neither. */
  aes: { key: string; appId: string } | undefined;
}

export interface WecomConfig {
  token: string;
  aesKey: string;
  corpId: string;
}

export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_HTTP_PORT = 8080;
export const DEFAULT_API_RATE_PER_MIN = 600;
/** A few hundred ms: Redis on the same network answers in one; WeChat's 5 s must hold several commands. */
export const DEFAULT_REDIS_DEADLINE_MS = 300;

/** Where configuration errors send the operator. */
export const HTTP_DOCS = 'README.md, "HTTP door"';

/**
 * Reads and checks the HTTP door's variables. Empty strings count as unset.
 * @example parseHttpEnv({ HEARING_HTTP_PORT: '9000' }).port // 9000
 * @throws DoorConfigError naming every bad variable (never showing a secret's value)
 */
export function parseHttpEnv(env: Env): HttpConfig {
  const e = parseEnv('http', EnvSchema, env, { secrets: SECRET_VARIABLES, docs: HTTP_DOCS });
  return {
    host: e.HEARING_HTTP_HOST ?? DEFAULT_HTTP_HOST,
    port: e.HEARING_HTTP_PORT ?? DEFAULT_HTTP_PORT,
    apiToken: e.HEARING_API_TOKEN,
    ratePerMinute: e.HEARING_API_RATE_PER_MIN ?? DEFAULT_API_RATE_PER_MIN,
    trustProxyHops: e.HEARING_TRUST_PROXY ?? 0,
    corsOrigins: e.HEARING_CORS_ORIGINS ?? [],
    wechatMp: e.WECHAT_MP_TOKEN
      ? {
          token: e.WECHAT_MP_TOKEN,
          aes: e.WECHAT_MP_AES_KEY ? { key: e.WECHAT_MP_AES_KEY, appId: e.WECHAT_MP_APPID! } : undefined,
        }
      : undefined,
    wecom: e.WECOM_TOKEN ? { token: e.WECOM_TOKEN, aesKey: e.WECOM_AES_KEY!, corpId: e.WECOM_CORP_ID! } : undefined,
    redisUrl: e.HEARING_REDIS_URL,
    redisDeadlineMs: e.HEARING_REDIS_DEADLINE_MS ?? DEFAULT_REDIS_DEADLINE_MS,
  };
}

/**
 * What the logs must never show: the API token, the callback Tokens and AES keys, the Redis password.
 * @example createDoorLog('http', { secrets: httpSecrets(config) })
 */
export function httpSecrets(config: HttpConfig): Secret[] {
  return [
    { name: 'api-token', value: config.apiToken },
    { name: 'mp-token', value: config.wechatMp?.token },
    { name: 'mp-aes-key', value: config.wechatMp?.aes?.key },
    { name: 'wecom-token', value: config.wecom?.token },
    { name: 'wecom-aes-key', value: config.wecom?.aesKey },
    { name: 'redis-password', value: config.redisUrl ? redisPassword(config.redisUrl) : undefined },
  ];
}

function redisPassword(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A URL as it may be shown: whatever stands between `scheme://` and the last `@` (user and password) becomes `***`.
 * Something that is not a URL at all is not shown (it may be a password pasted in the wrong place).
 * @example redactedUrl('redis://:hunter2@10.0.0.5:6379/0') // 'redis://***@10.0.0.5:6379/0'
 */
export function redactedUrl(url: string): string {
  const scheme = /^[a-z][\w+.-]*:\/\//i.exec(url);
  if (!scheme) return 'a value that is not a URL';
  const rest = url.slice(scheme[0].length);
  const at = rest.lastIndexOf('@');
  return JSON.stringify(scheme[0] + (at >= 0 ? `***${rest.slice(at)}` : rest));
}

/** What is wrong with a Redis URL, the way ioredis reads it; undefined when it will do. */
function redisUrlProblem(url: string): string | undefined {
  const example = 'redis://[:password@]host:6379/0, password percent-encoded';
  if (!/^rediss?:\/\//i.test(url)) return `must be a redis:// or rediss:// URL such as ${example}`;
  if (/\s/.test(url)) return `must not contain spaces (write a space in the password as %20): ${example}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
    decodeURIComponent(parsed.password);
    decodeURIComponent(parsed.username);
  } catch {
    return `is not a valid URL (a password with @ : / # ? % must be percent-encoded): ${example}`;
  }
  if (!parsed.hostname) return `names no host: ${example}`;
  if (parsed.pathname.length > 1 && !/^\/\d{1,2}$/.test(parsed.pathname))
    return `the path must be a database number such as /0: ${example}`;
  return undefined;
}

/** WeChat's rule for the callback Token: 3–32 letters and digits. */
const CALLBACK_TOKEN = /^[A-Za-z0-9]{3,32}$/;
/** EncodingAESKey: 43 characters of base64 (the console generates it). */
const AES_KEY = /^[A-Za-z0-9+/]{43}$/;

/** Variables whose values never appear in a configuration error. */
const SECRET_VARIABLES = [
  'HEARING_API_TOKEN',
  'WECHAT_MP_TOKEN',
  'WECHAT_MP_AES_KEY',
  'WECOM_TOKEN',
  'WECOM_AES_KEY',
  // Its password: its messages show it through redactedUrl() instead.
  'HEARING_REDIS_URL',
];

const EnvSchema = z
  .object({
    HEARING_HTTP_HOST: envHost().optional(),
    // 0 (any free port, named in the ready line) is allowed here, unlike envPort: tests and the bench use it.
    HEARING_HTTP_PORT: z
      .string()
      .regex(/^\d+$/, 'must be a port number such as 8080')
      .transform(Number)
      .pipe(z.number().max(65535, 'must be a port from 1 to 65535 (or 0 for any free port)'))
      .optional(),
    // zod messages here must not quote the value: it is a secret.
    HEARING_API_TOKEN: z
      .string()
      .min(16, 'too short; use at least 16 random characters (e.g. openssl rand -hex 24)')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional(),
    HEARING_API_RATE_PER_MIN: envWholeNumber().optional(),
    HEARING_TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2})$/i, 'must be true (one proxy), false, or the number of proxies in front')
      .transform((v) => (/^true$/i.test(v) ? 1 : /^false$/i.test(v) ? 0 : Number(v)))
      .optional(),
    HEARING_CORS_ORIGINS: envList()
      .transform((origins) => origins.map((o) => o.replace(/\/+$/, '')))
      .refine(
        (origins) => origins.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)),
        'must be * or comma-separated origins such as https://www.example.org (scheme and host, no path)',
      )
      .optional(),
    WECHAT_MP_TOKEN: z
      .string()
      .regex(CALLBACK_TOKEN, 'must be the 3–32 letters and digits entered as Token')
      .optional(),
    WECHAT_MP_AES_KEY: z.string().regex(AES_KEY, 'must be the 43-character EncodingAESKey from the console').optional(),
    WECHAT_MP_APPID: z
      .string()
      .regex(/^wx[0-9a-f]{16}$/i, 'must be the AppID from the console (wx followed by 16 hex digits)')
      .optional(),
    WECOM_TOKEN: z.string().regex(CALLBACK_TOKEN, 'must be the 3–32 letters and digits entered as Token').optional(),
    WECOM_AES_KEY: z
      .string()
      .regex(AES_KEY, 'must be the 43-character EncodingAESKey from the app’s API receive settings')
      .optional(),
    WECOM_CORP_ID: z
      .string()
      .regex(/^[A-Za-z0-9]{10,40}$/, 'must be the CorpID (企业ID) from 我的企业 → 企业信息, e.g. ww1234567890abcdef')
      .optional(),
    HEARING_REDIS_URL: z
      .string()
      .superRefine((url, ctx) => {
        const problem = redisUrlProblem(url);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${problem} (got ${redactedUrl(url)})` });
      })
      .optional(),
    HEARING_REDIS_DEADLINE_MS: envWholeNumber(
      z.number().min(10, 'must be at least 10 (ms)').max(5_000, 'must be at most 5000 (ms): WeChat waits 5 s in all'),
    ).optional(),
  })
  .superRefine((e, ctx) => {
    const need = (name: keyof typeof e, when: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: `required ${when}` });
    if (e.WECHAT_MP_AES_KEY && !e.WECHAT_MP_APPID) need('WECHAT_MP_APPID', 'with WECHAT_MP_AES_KEY (safe mode)');
    if (e.WECHAT_MP_APPID && !e.WECHAT_MP_AES_KEY) need('WECHAT_MP_AES_KEY', 'with WECHAT_MP_APPID (safe mode)');
    if ((e.WECHAT_MP_AES_KEY || e.WECHAT_MP_APPID) && !e.WECHAT_MP_TOKEN)
      need('WECHAT_MP_TOKEN', 'for the 公众号 callback (safe mode needs the Token too)');
    const wecom = [e.WECOM_TOKEN, e.WECOM_AES_KEY, e.WECOM_CORP_ID];
    if (wecom.some(Boolean) && !wecom.every(Boolean)) {
      if (!e.WECOM_TOKEN) need('WECOM_TOKEN', 'for the WeCom app callback (with WECOM_AES_KEY and WECOM_CORP_ID)');
      if (!e.WECOM_AES_KEY) need('WECOM_AES_KEY', 'for the WeCom app callback (WeCom always encrypts)');
      if (!e.WECOM_CORP_ID) need('WECOM_CORP_ID', 'for the WeCom app callback (with WECOM_TOKEN and WECOM_AES_KEY)');
    }
  });
