// Stand-ins for the platforms on 127.0.0.1: a door started in-process, signed 公众号 and WeCom requests as their servers
// send them, and a throwaway redis-server.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { createDoorLog } from '../../../bots/door/log.js';
import { parseHttpEnv } from '../../../bots/http/env.js';
import { parseWechatXml, toWechatXml, type XmlFields } from '../../../bots/http/wechat-xml.js';
import { type RunningDoor, startHttpDoor } from '../../../bots/http.js';
import { missesPathFromEnv } from '../../../src/logs/env.js';
import { createMissesLog } from '../../../src/logs/misses.js';
import type { SearchEngine } from '../../../src/search/engine.js';

export const MP_TOKEN = 'mpToken2024';
export const MP_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const MP_APPID = 'wxb11529c136998cb6';
export const WECOM_TOKEN = 'QDG6eK';
export const WECOM_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const WECOM_CORP_ID = 'wx5823bf96d3bd56c7';
export const API_TOKEN = 'test-api-token-0123456789abcdef';

/** A door in this process on a free port, with everything `npm run http` wires; its log lines are kept. */
export async function startTestDoor(
  env: Record<string, string>,
  options: { engine: SearchEngine; now?: () => number },
): Promise<RunningDoor & { lines: string[] }> {
  const lines: string[] = [];
  const config = parseHttpEnv({ HEARING_HTTP_PORT: '0', ...env });
  const log = createDoorLog('http', { write: (line) => lines.push(line) });
  const misses = createMissesLog({ path: missesPathFromEnv({ HEARING_MISSES_FILE: 'off', ...env }) });
  const door = await startHttpDoor({ config, log, misses, engine: options.engine, now: options.now });
  return Object.assign(door, { lines });
}

/** Seconds since the epoch, as WeChat writes `timestamp`. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export const nonce = () => String(randomBytes(4).readUInt32BE(0));

/** A 公众号 user's message as WeChat posts it (plain mode). */
export function mpTextXml(fields: { from: string; content: string; msgId: string; createTime?: number }): string {
  return toWechatXml({
    ToUserName: 'gh_hearing',
    FromUserName: fields.from,
    CreateTime: fields.createTime ?? nowSeconds(),
    MsgType: 'text',
    Content: fields.content,
    MsgId: fields.msgId,
  });
}

export interface CallbackResponse {
  status: number;
  body: string;
  /** The reply's fields, decrypted when the door replied in safe mode; undefined for "success" or an error. */
  reply?: XmlFields;
}

/** Talks to /wechat/mp as WeChat's servers do: signs every request afresh, encrypts in safe mode. */
export function mpClient(base: string, options: { token?: string; aes?: { key: string; appId: string } } = {}) {
  const token = options.token ?? MP_TOKEN;
  return {
    /** Posts `xml`; `signedWith`, `timestamp` and `msgSignature` let a test send what WeChat never would. */
    async post(
      xml: string,
      tweak: { timestamp?: number; signedWith?: string; msgSignature?: string; plain?: boolean } = {},
    ): Promise<CallbackResponse> {
      const timestamp = String(tweak.timestamp ?? nowSeconds());
      const n = nonce();
      const q = new URLSearchParams({
        signature: getSignature(tweak.signedWith ?? token, timestamp, n, ''),
        timestamp,
        nonce: n,
        openid: 'o-user',
      });
      let body = xml;
      if (options.aes && !tweak.plain) {
        const ciphertext = encrypt(options.aes.key, xml, options.aes.appId);
        q.set('encrypt_type', 'aes');
        q.set('msg_signature', tweak.msgSignature ?? getSignature(token, timestamp, n, ciphertext));
        body = toWechatXml({ ToUserName: 'gh_hearing', Encrypt: ciphertext });
      }
      const response = await fetch(`${base}/wechat/mp?${q}`, { method: 'POST', body, headers: XML_HEADERS });
      return readCallback(response, options.aes ? { ...options.aes, token } : undefined);
    },
    async verify(tweak: { timestamp?: number; signedWith?: string } = {}) {
      const timestamp = String(tweak.timestamp ?? nowSeconds());
      const n = nonce();
      const signature = getSignature(tweak.signedWith ?? token, timestamp, n, '');
      const q = new URLSearchParams({ signature, timestamp, nonce: n, echostr: '7291683342108373254' });
      const response = await fetch(`${base}/wechat/mp?${q}`);
      return { status: response.status, body: await response.text() };
    },
  };
}

/** Talks to /wecom/app as WeCom's servers do: every message encrypted and signed with msg_signature. */
export function wecomClient(
  base: string,
  keys: { token: string; aesKey: string; corpId: string } = {
    token: WECOM_TOKEN,
    aesKey: WECOM_AES_KEY,
    corpId: WECOM_CORP_ID,
  },
) {
  const signed = (ciphertext: string, timestamp: number, signedWith = keys.token) => {
    const n = nonce();
    return new URLSearchParams({
      msg_signature: getSignature(signedWith, String(timestamp), n, ciphertext),
      timestamp: String(timestamp),
      nonce: n,
    });
  };
  return {
    async post(
      inner: string,
      tweak: { timestamp?: number; signedWith?: string; corpId?: string } = {},
    ): Promise<CallbackResponse> {
      const ciphertext = encrypt(keys.aesKey, inner, tweak.corpId ?? keys.corpId);
      const q = signed(ciphertext, tweak.timestamp ?? nowSeconds(), tweak.signedWith);
      const body = toWechatXml({ ToUserName: keys.corpId, Encrypt: ciphertext, AgentID: '1000002' });
      const response = await fetch(`${base}/wecom/app?${q}`, { method: 'POST', body, headers: XML_HEADERS });
      return readCallback(response, { token: keys.token, key: keys.aesKey, appId: keys.corpId });
    },
    async verify(echo: string, tweak: { timestamp?: number; signedWith?: string; corpId?: string } = {}) {
      const ciphertext = encrypt(keys.aesKey, echo, tweak.corpId ?? keys.corpId);
      const q = signed(ciphertext, tweak.timestamp ?? nowSeconds(), tweak.signedWith);
      q.set('echostr', ciphertext);
      const response = await fetch(`${base}/wecom/app?${q}`);
      return { status: response.status, body: await response.text() };
    },
  };
}

/** A WeCom member's text message, before encryption. */
export function wecomTextXml(fields: { from: string; content: string; msgId: string }): string {
  return toWechatXml({
    ToUserName: WECOM_CORP_ID,
    FromUserName: fields.from,
    CreateTime: nowSeconds(),
    MsgType: 'text',
    Content: fields.content,
    MsgId: fields.msgId,
    AgentID: 1000002,
  });
}

async function readCallback(
  response: Response,
  aes: { token: string; key: string; appId: string } | undefined,
): Promise<CallbackResponse> {
  const body = await response.text();
  if (response.status !== 200 || body === 'success') return { status: response.status, body };
  const outer = parseWechatXml(body);
  if (!aes) return { status: response.status, body, reply: outer };
  // Check the reply as WeChat would: its signature, then its envelope.
  const expected = getSignature(aes.token, outer.TimeStamp!, outer.Nonce!, outer.Encrypt!);
  if (expected !== outer.MsgSignature) throw new Error('the reply’s MsgSignature does not verify');
  const opened = decrypt(aes.key, outer.Encrypt!);
  if (opened.id !== aes.appId) throw new Error(`the reply is sealed for ${opened.id}`);
  return { status: response.status, body, reply: parseWechatXml(opened.message) };
}

const XML_HEADERS = { 'Content-Type': 'text/xml' };

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server this test started: `pause()` makes it hang (SIGSTOP: alive, not answering), `resume()` undoes it. */
export interface TestRedis {
  url: string;
  port: number;
  pause(): void;
  resume(): void;
  /** Resumes it if paused, then ends it. */
  stop(): Promise<void>;
}

/** Debian's redis-server on a free loopback port (or `port`, to restart one), nothing written to disk. */
export async function startRedis(port?: number): Promise<TestRedis> {
  port ??= await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run redis-server (${error.message}); install it: apt-get install redis-server`));
    });
    child.stdout!.on('data', (data) => {
      output += data;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ready;
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void (running() && child.kill('SIGCONT')),
    async stop() {
      if (running()) {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
      }
      await exited;
    },
  };
}

/** UTF-8 bytes of a text. */
export const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** `npm run http` as a child process (the compiled door): its URL once its ready line says where, and its output. */
export interface DoorProcess {
  url: string;
  output: () => string;
  /** Sends SIGTERM and resolves to the exit code. */
  stop: () => Promise<number | null>;
}

export async function spawnDoor(script: string, env: Record<string, string>): Promise<DoorProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(HEARING_|WECHAT_|WECOM_|DEBUG$)/.test(k)),
  );
  const child = spawn(process.execPath, [script], {
    env: { ...inherited, HEARING_HTTP_PORT: '0', HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run http did not start:\n${output}`)), 30_000);
    const read = (data: Buffer) => {
      output += data;
      const match = /ready: listening on (http:\/\/[\w.:[\]-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm run http exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
