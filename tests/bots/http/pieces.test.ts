// The HTTP door's small parts on their own: environment, bearer token, CORS, client address, XML, signatures, paging.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DoorConfigError } from '../../../bots/door/env.js';
import { bearerMatches } from '../../../bots/http/bearer.js';
import { clientAddress } from '../../../bots/http/client-address.js';
import { corsHeaders } from '../../../bots/http/cors.js';
import { httpSecrets, parseHttpEnv } from '../../../bots/http/env.js';
import { isNextPageRequest, PASSIVE_REPLY_BYTES, pageFooter, pagesOf } from '../../../bots/http/paging.js';
import { isFresh, MAX_CLOCK_SKEW_SECONDS } from '../../../bots/http/signature.js';
import { cdata, parseWechatXml, toWechatXml, XmlError } from '../../../bots/http/wechat-xml.js';
import { API_TOKEN, bytes, MP_AES_KEY, MP_APPID, MP_TOKEN, WECOM_AES_KEY, WECOM_CORP_ID } from './helpers.js';

describe('parseHttpEnv', () => {
  it('defaults to 127.0.0.1:8080, 600 requests a minute, no proxy, no CORS, no callbacks, state in memory, 300 ms for Redis', () => {
    expect(parseHttpEnv({ PATH: '/usr/bin', HEARING_HTTP_HOST: '' })).toEqual({
      host: '127.0.0.1',
      port: 8080,
      apiToken: undefined,
      ratePerMinute: 600,
      trustProxyHops: 0,
      corsOrigins: [],
      wechatMp: undefined,
      wecom: undefined,
      redisUrl: undefined,
      redisDeadlineMs: 300,
    });
  });

  it('reads every variable', () => {
    const config = parseHttpEnv({
      HEARING_HTTP_HOST: '0.0.0.0',
      HEARING_HTTP_PORT: '9000',
      HEARING_API_TOKEN: API_TOKEN,
      HEARING_API_RATE_PER_MIN: '0',
      HEARING_TRUST_PROXY: 'true',
      HEARING_CORS_ORIGINS: 'https://www.example.org/, http://intranet.local:8000',
      WECHAT_MP_TOKEN: MP_TOKEN,
      WECHAT_MP_AES_KEY: MP_AES_KEY,
      WECHAT_MP_APPID: MP_APPID,
      WECOM_TOKEN: 'QDG6eK',
      WECOM_AES_KEY: WECOM_AES_KEY,
      WECOM_CORP_ID: WECOM_CORP_ID,
      HEARING_REDIS_URL: 'redis://:s3cretpass@10.0.0.5:6379/2',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      ratePerMinute: 0,
      trustProxyHops: 1,
      corsOrigins: ['https://www.example.org', 'http://intranet.local:8000'],
      wechatMp: { token: MP_TOKEN, aes: { key: MP_AES_KEY, appId: MP_APPID } },
      wecom: { token: 'QDG6eK', aesKey: WECOM_AES_KEY, corpId: WECOM_CORP_ID },
    });
    expect(parseHttpEnv({ HEARING_TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    const secrets = httpSecrets(config).map((s) => s.value);
    expect(secrets).toEqual(expect.arrayContaining([API_TOKEN, MP_AES_KEY, WECOM_AES_KEY, 's3cretpass']));
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a port that is not a number', { HEARING_HTTP_PORT: 'eighty' }, /HEARING_HTTP_PORT: must be a port number/],
    ['a port out of range', { HEARING_HTTP_PORT: '70000' }, /HEARING_HTTP_PORT: must be a port from 1 to 65535 \(or 0/],
    ['a short API token', { HEARING_API_TOKEN: 'abc' }, /HEARING_API_TOKEN: too short/],
    ['a negative rate', { HEARING_API_RATE_PER_MIN: '-1' }, /HEARING_API_RATE_PER_MIN: must be a whole number/],
    ['a proxy setting that is not a count', { HEARING_TRUST_PROXY: 'nginx' }, /HEARING_TRUST_PROXY: must be true/],
    ['an origin with a path', { HEARING_CORS_ORIGINS: 'https://x.org/app' }, /HEARING_CORS_ORIGINS: must be \*/],
    ['an AES key without the AppID', { WECHAT_MP_TOKEN: MP_TOKEN, WECHAT_MP_AES_KEY: MP_AES_KEY }, /WECHAT_MP_APPID/],
    ['a short AES key', { WECOM_TOKEN: 'abc', WECOM_AES_KEY: 'short', WECOM_CORP_ID: WECOM_CORP_ID }, /WECOM_AES_KEY/],
    ['a WeCom token alone', { WECOM_TOKEN: 'abcdef' }, /WECOM_AES_KEY: required.*\n.*WECOM_CORP_ID: required/],
    [
      'a Redis deadline too long for WeChat',
      { HEARING_REDIS_DEADLINE_MS: '9000' },
      /HEARING_REDIS_DEADLINE_MS: must be at most 5000/,
    ],
    ['a Redis URL that is not one', { HEARING_REDIS_URL: 'localhost:6379' }, /HEARING_REDIS_URL: must be a redis:\/\//],
  ];
  it.each(bad)('refuses %s, naming the variable and the fix', (_what, env, message) => {
    expect(() => parseHttpEnv(env)).toThrow(DoorConfigError);
    expect(() => parseHttpEnv(env)).toThrow(message);
  });

  it('never quotes a secret in its messages', () => {
    const secret = 'Zz9-not-printable because of spaces';
    try {
      parseHttpEnv({ HEARING_API_TOKEN: secret, WECHAT_MP_TOKEN: 'x!' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).not.toContain('x!');
    }
  });
});

describe('bearerMatches', () => {
  it('accepts exactly the token after Bearer, and nothing else', () => {
    expect(bearerMatches(`Bearer ${API_TOKEN}`, API_TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${API_TOKEN} `, API_TOKEN)).toBe(true);
    for (const header of [undefined, '', API_TOKEN, `Bearer ${API_TOKEN}x`, `Bearer ${API_TOKEN.slice(1)}`, 'Bearer '])
      expect(bearerMatches(header, API_TOKEN)).toBe(false);
    expect(bearerMatches(`Basic ${API_TOKEN}`, API_TOKEN)).toBe(false);
  });
});

describe('corsHeaders', () => {
  it('sends nothing when CORS is off', () => {
    expect(corsHeaders('https://a.org', [], false)).toEqual({});
  });
  it('allows listed origins only, and varies on Origin', () => {
    expect(corsHeaders('https://a.org', ['https://a.org'], false)).toMatchObject({
      'Access-Control-Allow-Origin': 'https://a.org',
      Vary: 'Origin',
    });
    expect(corsHeaders('https://evil.org', ['https://a.org'], false)).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(undefined, ['https://a.org'], false)).toEqual({ Vary: 'Origin' });
  });
  it('answers a preflight with methods, headers and a max age; * allows any origin', () => {
    expect(corsHeaders('https://b.org', ['*'], true)).toEqual({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
  });
});

describe('clientAddress', () => {
  const req = (peer: string, forwarded?: string) =>
    ({
      socket: { remoteAddress: peer },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;
  it('is the peer unless proxies are trusted; IPv4-mapped addresses are plain IPv4', () => {
    expect(clientAddress(req('::ffff:10.0.0.9', '1.2.3.4'), 0)).toBe('10.0.0.9');
  });
  it('behind n trusted proxies, is the nth entry from the right (what the client wrote is ignored)', () => {
    expect(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1'), 1)).toBe('10.0.0.1');
  });
});

describe('WeChat XML', () => {
  it('reads CDATA, plain and entity-encoded fields, and leaves nested elements out', () => {
    const fields = parseWechatXml(
      '<?xml version="1.0"?>\n<xml>\n <ToUserName><![CDATA[gh_1]]></ToUserName>\n <CreateTime>1409659813</CreateTime>' +
        '<Content><![CDATA[a]]]]><![CDATA[>b <c>]]></Content><Label>&lt;x&gt; &amp; &#27721;</Label>' +
        '<SendPicsInfo><Count>1</Count></SendPicsInfo></xml>',
    );
    expect(fields).toEqual({
      ToUserName: 'gh_1',
      CreateTime: '1409659813',
      Content: 'a]]>b <c>',
      Label: '<x> & 汉',
    });
  });

  it('keeps whatever a CDATA section holds as text: closing tags, other fields, a DOCTYPE', () => {
    const typed = 'x</Content><FromUserName>o-victim</FromUserName><Content>y <!DOCTYPE a [<!ENTITY e "e">]> &e;';
    const fields = parseWechatXml(toWechatXml({ FromUserName: 'o-sender', MsgType: 'text', Content: typed }));
    expect(fields).toEqual({ FromUserName: 'o-sender', MsgType: 'text', Content: typed });
  });

  it.each([
    ['empty', ''],
    ['JSON', '{"MsgType":"text"}'],
    ['another root', '<message><a>1</a></message>'],
    ['an unclosed field', '<xml><Content><![CDATA[x]]></xml>'],
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY e "x">]><xml><A>&e;</A></xml>'],
    ['a DOCTYPE after the declaration', '<?xml version="1.0"?><!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml></xml>'],
    ['a field given twice', '<xml><FromUserName>a</FromUserName><FromUserName>b</FromUserName></xml>'],
    ['a second root', '<xml><A>1</A></xml><xml><A>2</A></xml>'],
    ['a stray closing tag', '<xml><Content>x</Content></FromUserName></xml>'],
    ['text between fields', '<xml>junk<A>1</A></xml>'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseWechatXml(text)).toThrow(XmlError);
  });

  it('writes CDATA that survives ]]> and drops characters XML forbids', () => {
    const xml = toWechatXml({ Content: 'x]]>y\u0001z', CreateTime: 5 });
    expect(xml).toBe('<xml><Content><![CDATA[x]]]]><![CDATA[>yz]]></Content><CreateTime>5</CreateTime></xml>');
    expect(parseWechatXml(xml).Content).toBe('x]]>yz');
    expect(cdata('汉')).toBe('<![CDATA[汉]]>');
  });
});

describe('isFresh', () => {
  const now = 1_700_000_000_000;
  it(`accepts timestamps within ${MAX_CLOCK_SKEW_SECONDS} s either way and refuses the rest`, () => {
    expect(isFresh(String(now / 1000), now)).toBe(true);
    expect(isFresh(String(now / 1000 - MAX_CLOCK_SKEW_SECONDS), now)).toBe(true);
    expect(isFresh(String(now / 1000 - MAX_CLOCK_SKEW_SECONDS - 1), now)).toBe(false);
    expect(isFresh(String(now / 1000 + MAX_CLOCK_SKEW_SECONDS + 1), now)).toBe(false);
    for (const bad of [undefined, '', 'abc', '1e9', '-5']) expect(isFresh(bad, now)).toBe(false);
  });
});

describe('pagesOf', () => {
  const paragraph = (n: number) => `第${n}段：${'数字经济加快发展，'.repeat(30)}完。`;
  const long = Array.from({ length: 12 }, (_, i) => paragraph(i + 1)).join('\n');

  it('leaves a text that fits alone, without footer', () => {
    expect(pagesOf('汉融通')).toEqual(['汉融通']);
    const exact = `${'汉'.repeat(682)}ab`; // 2046 + 2 bytes
    expect(pagesOf(exact)).toEqual([exact]);
  });

  it('cuts a long text into pages of at most 2048 bytes at paragraph ends, losing nothing', () => {
    const pages = pagesOf(long);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(bytes(page)).toBeLessThanOrEqual(PASSIVE_REPLY_BYTES);
    pages.forEach((page, i) => {
      const last = i === pages.length - 1;
      expect(page.endsWith(pageFooter(i + 1, pages.length))).toBe(!last);
      // Every page starts with a whole paragraph: 「第n段」.
      expect(page).toMatch(/^第\d+段：/);
    });
    const body = pages.map((page, i) => (i < pages.length - 1 ? page.slice(0, page.lastIndexOf('\n\n')) : page));
    expect(body.join('\n')).toBe(long);
  });

  it('cuts inside a paragraph longer than a page, still within the limit', () => {
    const huge = '数字经济。'.repeat(600);
    const pages = pagesOf(huge);
    for (const page of pages) expect(bytes(page)).toBeLessThanOrEqual(PASSIVE_REPLY_BYTES);
    expect(pages.map((p, i) => (i < pages.length - 1 ? p.slice(0, p.lastIndexOf('\n\n')) : p)).join('')).toBe(huge);
  });

  it('knows 「1」 when it sees it, half or full width', () => {
    for (const yes of ['1', ' 1 ', '１']) expect(isNextPageRequest(yes)).toBe(true);
    for (const no of ['11', 'q1', '一', '/q 1', '']) expect(isNextPageRequest(no)).toBe(false);
  });
});
