// `npm run remind`: the due list once a day to a Telegram chat, a WeCom robot and a signed DingTalk robot, all stand-ins on 127.0.0.1.
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { remind } from '../../../bots/remind.js';
import { loadCommitments } from '../../../src/commitments/load.js';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789_-';
const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const DING_TOKEN = 'd9f1c6c1e8a64b0f9f2b7c1a2e3d4f5a6b7c8d9e';
const DING_SECRET = 'SECb6f9e0b7c4d2a1e3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9';
const THREE_YEARS = '争取用三年时间在总量上实现较大增长';
const threeYears = loadCommitments().find((c) => c.text === THREE_YEARS)!;

/** What the stand-ins received: one entry per accepted message, with the platform and the JSON body. */
interface Received {
  platform: 'telegram' | 'wecom' | 'dingtalk';
  body: Record<string, unknown>;
}

let server: Server;
let base = '';
let received: Received[] = [];
/** Platforms that answer with an error, as the real ones do when a key is revoked. */
let failing = new Set<string>();

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => resolve(text));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
    };
    const typed = req.method === 'POST' && String(req.headers['content-type']).startsWith('application/json');
    if (url.pathname === `/bot${TOKEN}/sendMessage` && typed) {
      if (failing.has('telegram'))
        return reply(403, { ok: false, error_code: 403, description: 'Forbidden: bot was kicked' });
      received.push({ platform: 'telegram', body });
      return reply(200, { ok: true, result: { message_id: received.length } });
    }
    if (url.pathname === '/cgi-bin/webhook/send' && url.searchParams.get('key') === WECOM_KEY && typed) {
      if (failing.has('wecom')) return reply(500, { errcode: -1, errmsg: 'system busy' });
      received.push({ platform: 'wecom', body });
      return reply(200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/robot/send' && url.searchParams.get('access_token') === DING_TOKEN && typed) {
      // DingTalk's documented check: the sign is base64(HmacSHA256(secret, timestamp + "\n" + secret)), within an hour.
      const timestamp = url.searchParams.get('timestamp') ?? '';
      const expected = createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64');
      if (url.searchParams.get('sign') !== expected || Math.abs(Date.now() - Number(timestamp)) > 3_600_000)
        return reply(200, { errcode: 310000, errmsg: 'sign not match' });
      if (failing.has('dingtalk')) return reply(200, { errcode: 130101, errmsg: 'send too fast' });
      received.push({ platform: 'dingtalk', body });
      return reply(200, { errcode: 0, errmsg: 'ok' });
    }
    reply(404, { ok: false, errcode: 404, errmsg: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const temp = mkdtempSync(join(tmpdir(), 'remind-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let env: Record<string, string> = {};
let n = 0;
beforeEach(() => {
  received = [];
  failing = new Set();
  const dir = join(temp, String(n++));
  env = {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: base,
    REMIND_TELEGRAM_CHAT_ID: '-1001234567890',
    REMIND_WECOM_WEBHOOK: `${base}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
    REMIND_DINGTALK_WEBHOOK: `${base}/robot/send?access_token=${DING_TOKEN}`,
    REMIND_DINGTALK_SECRET: DING_SECRET,
    HEARING_REMIND_STATE_FILE: join(dir, 'remind-state.json'),
    HEARING_LEDGER_FILE: join(dir, 'ledger.json'),
    HEARING_TODAY: '2026-10-01',
  };
});
afterEach(() => {
  for (const line of output.log) for (const secret of SECRETS) expect(line).not.toContain(secret);
  for (const line of output.printed) for (const secret of SECRETS) expect(line).not.toContain(secret);
});

const SECRETS = [TOKEN, TOKEN.split(':')[1]!, WECOM_KEY, DING_TOKEN, DING_SECRET];
const output = { log: [] as string[], printed: [] as string[] };
async function run(...argv: string[]) {
  output.log = [];
  output.printed = [];
  const code = await remind({
    argv,
    env,
    log: (line) => output.log.push(line),
    print: (text) => output.printed.push(text),
  });
  return { code, log: output.log, printed: output.printed };
}

const textOf = (r: Received) =>
  r.platform === 'telegram' ? String(r.body.text) : String((r.body.text as { content: string }).content);

describe('npm run remind against stand-ins', () => {
  it('sends each target one message in its documented frame: the overdue three-year commitment, verbatim, with /q 5', async () => {
    const { code, log } = await run();
    expect(code).toBe(0);
    expect(received.map((r) => r.platform)).toEqual(['telegram', 'wecom', 'dingtalk']);
    expect(received[0]!.body).toMatchObject({ chat_id: '-1001234567890' });
    expect(received[1]!.body).toEqual({ msgtype: 'text', text: { content: textOf(received[1]!) } });
    expect(received[2]!.body).toEqual({ msgtype: 'text', text: { content: textOf(received[2]!) } });
    for (const r of received) {
      const text = textOf(r);
      expect(text).toContain(`经开区管委会：「${THREE_YEARS}」`);
      expect(text).toContain('已逾期 · 到期 2026-09-13 · 台账尚未登记进展');
      expect(text).toContain(`/q 5 · 樊志宏委员提问 · 编号 ${threeYears.key}`);
    }
    expect(Buffer.byteLength(textOf(received[1]!))).toBeLessThanOrEqual(2048);
    expect(log.filter((l) => l.includes(': sent 1 commitment(s)'))).toHaveLength(3);
  });

  it('never twice on the same day; again the next day', async () => {
    await run();
    const second = await run();
    expect(second.code).toBe(0);
    expect(received).toHaveLength(3);
    expect(second.log.filter((l) => l.includes('already sent on 2026-10-01'))).toHaveLength(3);
    env.HEARING_TODAY = '2026-10-02';
    await run();
    expect(received).toHaveLength(6);
  });

  it('a failing target is reported in one line, the others still get theirs; the next run retries only it', async () => {
    failing = new Set(['wecom']);
    const first = await run();
    expect(first.code).toBe(1);
    expect(received.map((r) => r.platform)).toEqual(['telegram', 'dingtalk']);
    const errors = first.log.filter((l) => l.includes('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/remind: error: wecom robot: not sent: WeCom answered 500 errcode -1 system busy$/);
    failing = new Set();
    expect((await run()).code).toBe(0);
    expect(received.map((r) => r.platform)).toEqual(['telegram', 'dingtalk', 'wecom']);
  });

  it('an unreachable target and a refused token: one line each, exit 1, no secret in them', async () => {
    env.REMIND_WECOM_WEBHOOK = `http://127.0.0.1:9/cgi-bin/webhook/send?key=${WECOM_KEY}`;
    failing = new Set(['telegram']);
    const { code, log } = await run();
    expect(code).toBe(1);
    expect(received.map((r) => r.platform)).toEqual(['dingtalk']);
    expect(log.filter((l) => l.includes('error:'))).toEqual([
      expect.stringMatching(
        /telegram chat -1001234567890: not sent: Telegram answered 403: Forbidden: bot was kicked$/,
      ),
      expect.stringMatching(/wecom robot: not sent: cannot reach it/),
    ]);
  });

  it('two runs at the same moment (cron and a person) send each target one message', async () => {
    const logs: string[] = [];
    const once = () => remind({ argv: [], env, log: (line) => logs.push(line), print: () => {} });
    expect(await Promise.all([once(), once()])).toEqual([0, 0]);
    expect(received.map((r) => r.platform).sort()).toEqual(['dingtalk', 'telegram', 'wecom']);
    for (const line of logs) for (const secret of SECRETS) expect(line).not.toContain(secret);
  });

  it('--dry-run prints one message per target and sends nothing', async () => {
    const { code, printed } = await run('--dry-run');
    expect(code).toBe(0);
    expect(received).toEqual([]);
    expect(printed).toHaveLength(3);
    expect(printed.map((p) => p.split('\n')[0])).toEqual([
      '--- telegram chat -1001234567890 (dry run, not sent) ---',
      '--- wecom robot (dry run, not sent) ---',
      '--- dingtalk robot (dry run, not sent) ---',
    ]);
    for (const p of printed) expect(p).toContain(THREE_YEARS);
    // A dry run records nothing: the real run afterwards still sends.
    await run();
    expect(received).toHaveLength(3);
  });

  it('after promises set … done nothing is due, and nothing is sent', async () => {
    mkdirSync(join(env.HEARING_LEDGER_FILE!, '..'), { recursive: true });
    writeFileSync(env.HEARING_LEDGER_FILE!, JSON.stringify({ [threeYears.key]: { status: 'done' } }));
    const { code, log } = await run();
    expect(code).toBe(0);
    expect(received).toEqual([]);
    expect(log.join('\n')).toMatch(/nothing overdue or due within 90 days on 2026-10-01; nothing sent/);
  });

  it.each([
    [
      {
        REMIND_TELEGRAM_CHAT_ID: '',
        REMIND_WECOM_WEBHOOK: '',
        REMIND_DINGTALK_WEBHOOK: '',
        REMIND_DINGTALK_SECRET: '',
      },
      /no staff chat to remind/,
    ],
    [{ TELEGRAM_BOT_TOKEN: '' }, /TELEGRAM_BOT_TOKEN: required with REMIND_TELEGRAM_CHAT_ID/],
    [{ REMIND_WECOM_WEBHOOK: `key=${WECOM_KEY}` }, /REMIND_WECOM_WEBHOOK: must be the robot's webhook URL/],
    [{ REMIND_DINGTALK_SECRET: `x${DING_SECRET}` }, /REMIND_DINGTALK_SECRET: malformed/],
    [{ HEARING_TODAY: '2026-13-01' }, /HEARING_TODAY="2026-13-01": /],
  ])('a wrong environment %j: exit 2, a message naming the variable, no secret shown', async (change, message) => {
    Object.assign(env, change);
    const { code, log } = await run();
    expect(code).toBe(2);
    expect(log.join('\n')).toMatch(message);
    expect(received).toEqual([]);
  });

  it('an unknown argument: the usage, exit 2', async () => {
    expect(await run('--now')).toMatchObject({ code: 2, log: ['remind: usage: npm run remind [-- --dry-run]'] });
  });
});
