// /wechat/mp over real HTTP, driven as WeChat's servers drive it: verification, signatures and timestamps, replies,
// retries of one MsgId, 2048-byte pages read with 「1」, events, media, bad bodies, and safe mode.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../bots/http/body.js';
import { PASSIVE_REPLY_BYTES, pageFooter, wholeText } from '../../../bots/http/paging.js';
import { toWechatXml } from '../../../bots/http/wechat-xml.js';
import { createConversation } from '../../../src/chat/conversation.js';
import { loadEngine, type SearchEngine } from '../../../src/search/engine.js';
import {
  bytes,
  MP_AES_KEY,
  MP_APPID,
  MP_TOKEN,
  mpClient,
  mpTextXml,
  nonce,
  nowSeconds,
  startTestDoor,
} from './helpers.js';

let engine: SearchEngine;
let door: Awaited<ReturnType<typeof startTestDoor>>;
let safe: Awaited<ReturnType<typeof startTestDoor>>;
let missesFile: string;
let wechat: ReturnType<typeof mpClient>;

beforeAll(async () => {
  engine = loadEngine();
  missesFile = join(mkdtempSync(join(tmpdir(), 'hearing-http-')), 'misses.jsonl');
  door = await startTestDoor({ WECHAT_MP_TOKEN: MP_TOKEN, HEARING_MISSES_FILE: missesFile }, { engine });
  safe = await startTestDoor(
    { WECHAT_MP_TOKEN: MP_TOKEN, WECHAT_MP_AES_KEY: MP_AES_KEY, WECHAT_MP_APPID: MP_APPID },
    { engine },
  );
  wechat = mpClient(door.url);
});

afterAll(async () => {
  await door?.close();
  await safe?.close();
  if (missesFile) rmSync(dirname(missesFile), { recursive: true, force: true });
});

/** The whole plain reply the conversation gives to `text` (what the pages must add up to). */
const whole = async (text: string, media = false) => {
  const { reply } = await createConversation({ engine }).respond({
    text,
    media,
    chat: 'private',
    userId: 'u',
    chatId: 'u',
  });
  return wholeText(reply!);
};
let ids = 1000;
const msgId = () => String(++ids);
const say = (from: string, content: string, id = msgId()) => wechat.post(mpTextXml({ from, content, msgId: id }));
const missesLogged = () =>
  (existsSync(missesFile) ? readFileSync(missesFile, 'utf8') : '')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).text as string);

describe('URL verification (GET)', () => {
  it('echoes echostr when the signature is the SHA1 of the sorted Token, timestamp and nonce', async () => {
    expect(await wechat.verify()).toEqual({ status: 200, body: '7291683342108373254' });
  });
  it('refuses a wrong signature and a stale timestamp with 403, missing parameters with 400', async () => {
    expect((await wechat.verify({ signedWith: 'anotherToken' })).status).toBe(403);
    expect((await wechat.verify({ timestamp: nowSeconds() - 301 })).status).toBe(403);
    expect((await fetch(`${door.url}/wechat/mp`)).status).toBe(400);
    expect(door.lines.join('\n')).toMatch(/mp: refused \(403\): signature does not match; is WECHAT_MP_TOKEN/);
  });
});

describe('text messages', () => {
  it('get a passive text reply: the answer verbatim with the body that gave it', async () => {
    const response = await say('o-alice', '经开区汽车怎么说');
    expect(response.status).toBe(200);
    expect(response.reply).toMatchObject({ ToUserName: 'o-alice', FromUserName: 'gh_hearing', MsgType: 'text' });
    expect(Number(response.reply!.CreateTime)).toBeCloseTo(nowSeconds(), -1);
    expect(response.reply!.Content).toBe(await whole('经开区汽车怎么说'));
    expect(response.reply!.Content).toContain('经开区管委会应询回答：');
  });

  it('are refused with 403 when the signature is wrong or the timestamp is over 5 minutes off', async () => {
    const xml = mpTextXml({ from: 'o-mallory', content: '汉融通', msgId: msgId() });
    expect((await wechat.post(xml, { signedWith: 'guessedToken' })).status).toBe(403);
    expect((await wechat.post(xml, { timestamp: nowSeconds() - 301 })).status).toBe(403);
    expect((await wechat.post(xml, { timestamp: nowSeconds() + 301 })).status).toBe(403);
    // A replayed request (same signature, timestamp and nonce) from 6 minutes ago is stale too.
    const old = String(nowSeconds() - 360);
    const n = nonce();
    const q = new URLSearchParams({ signature: getSignature(MP_TOKEN, old, n, ''), timestamp: old, nonce: n });
    expect((await fetch(`${door.url}/wechat/mp?${q}`, { method: 'POST', body: xml })).status).toBe(403);
  });
});

describe('WeChat’s retries of one MsgId', () => {
  it('get the same reply, and the question is answered (and logged as a miss) once', async () => {
    const before = missesLogged().filter((t) => t === '火星移民计划').length;
    const id = msgId();
    const first = await say('o-bob', '火星移民计划', id);
    const retries = [await say('o-bob', '火星移民计划', id), await say('o-bob', '火星移民计划', id)];
    expect(first.reply!.Content).toContain('没有');
    for (const retry of retries) expect(retry.reply!.Content).toBe(first.reply!.Content);
    await door.state.misses.flush();
    expect(missesLogged().filter((t) => t === '火星移民计划').length).toBe(before + 1);
    // The same words in a new message are a new question.
    await say('o-bob', '火星移民计划');
    await door.state.misses.flush();
    expect(missesLogged().filter((t) => t === '火星移民计划').length).toBe(before + 2);
  });

  it('arriving while the first delivery is still being answered get the same reply too', async () => {
    const id = msgId();
    const all = await Promise.all([1, 2, 3].map(() => say('o-carol', '汉融通', id)));
    expect(new Set(all.map((r) => r.reply?.Content)).size).toBe(1);
    expect(all[0]!.reply!.Content).toContain('汉融通');
  });
});

describe('long answers in 2048-byte pages', () => {
  const topic = '/topic 2';

  it('come as pages under 2048 bytes; 「1」 gives the next; together they are the whole answer', async () => {
    const full = await whole(topic);
    expect(bytes(full)).toBeGreaterThan(PASSIVE_REPLY_BYTES);
    const first = (await say('o-dave', topic)).reply!.Content!;
    expect(bytes(first)).toBeLessThanOrEqual(PASSIVE_REPLY_BYTES);
    const total = Number(/（第1\/(\d+)段）/.exec(first)?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(first.endsWith(`\n\n${pageFooter(1, total)}`)).toBe(true);
    const pages = [first];
    for (let page = 2; page <= total; page++) {
      const next = (await say('o-dave', '1')).reply!.Content!;
      expect(bytes(next)).toBeLessThanOrEqual(PASSIVE_REPLY_BYTES);
      expect(next.endsWith(pageFooter(page, total))).toBe(page < total);
      pages.push(next);
    }
    const text = pages.map((p, i) => (i < total - 1 ? p.slice(0, -`\n\n${pageFooter(i + 1, total)}`.length) : p));
    // Every line of the answer, in order; only blank lines at a cut are dropped.
    const lines = (t: string) => t.split('\n').filter((line) => line !== '');
    expect(lines(text.join('\n'))).toEqual(lines(full));
    // Nothing left: 「1」 is an ordinary message again, which the conversation reads as the first item just listed.
    const conversation = createConversation({ engine });
    const asker = { chat: 'private', userId: 'o-dave', chatId: 'o-dave' } as const;
    await conversation.respond({ text: topic, ...asker });
    const { reply } = await conversation.respond({ text: '1', ...asker });
    expect(reply?.kind).toBe('answer');
    expect((await say('o-dave', '1')).reply!.Content).toBe(wholeText(reply!));
  });

  it('a retry of 「1」 gets the same page again, not the one after', async () => {
    const first = (await say('o-erin', topic)).reply!.Content!;
    const id = msgId();
    const second = (await say('o-erin', '１', id)).reply!.Content!;
    expect(second).not.toBe(first);
    expect((await say('o-erin', '１', id)).reply!.Content).toBe(second);
  });

  it('are kept per reader, and a new question drops the rest of the old answer', async () => {
    await say('o-frank', topic);
    expect((await say('o-grace', '1')).reply!.Content).toBe(await whole('1'));
    await say('o-frank', '汉融通');
    expect((await say('o-frank', '1')).reply!.Content).toBe(await whole('1'));
  });
});

describe('events, media and bodies that are not messages', () => {
  const event = (from: string, name: string) =>
    toWechatXml({
      ToUserName: 'gh_hearing',
      FromUserName: from,
      CreateTime: nowSeconds(),
      MsgType: 'event',
      Event: name,
    });

  it('a new follower (subscribe) gets the help reply', async () => {
    const response = await wechat.post(event('o-henry', 'subscribe'));
    expect(response.reply!.Content).toBe(await whole('/help'));
  });

  it('other events get no reply ("success")', async () => {
    const response = await wechat.post(event('o-henry', 'unsubscribe'));
    expect(response).toMatchObject({ status: 200, body: 'success' });
  });

  it('an image gets the short hint to ask in words', async () => {
    const image = toWechatXml({
      ToUserName: 'gh_hearing',
      FromUserName: 'o-ivy',
      CreateTime: nowSeconds(),
      MsgType: 'image',
      PicUrl: 'http://example.org/p.jpg',
      MediaId: 'm1',
      MsgId: msgId(),
    });
    expect((await wechat.post(image)).reply!.Content).toBe(await whole('', true));
  });

  it('an unparseable body is a 400, and only its size is logged', async () => {
    const secret = '<xml><Content>身份证号 420100</Content>';
    const response = await wechat.post(secret);
    expect(response.status).toBe(400);
    const log = door.lines.join('\n');
    expect(log).toContain(`not a WeChat XML message (${bytes(secret)} bytes)`);
    expect(log).not.toContain('420100');
    expect((await wechat.post('<xml><MsgType>text</MsgType></xml>')).status).toBe(400);
  });

  it('a body over 16 KB is a 413', async () => {
    const huge = mpTextXml({ from: 'o-jack', content: '汉'.repeat(MAX_BODY_BYTES / 3 + 1), msgId: msgId() });
    expect((await wechat.post(huge)).status).toBe(413);
  });

  it('one sender gets 10 answers a minute; then silence ("success"), while others are still answered', async () => {
    const replies = [];
    for (let i = 0; i < 11; i++) replies.push(await say('o-flood', `汉融通${i}`));
    expect(replies.slice(0, 10).every((r) => r.reply?.Content)).toBe(true);
    expect(replies[10]).toMatchObject({ status: 200, body: 'success' });
    expect((await say('o-calm', '汉融通')).reply?.Content).toContain('汉融通');
  });
});

describe('a message whose text looks like XML (it arrives in CDATA)', () => {
  const forged = (victim: string) => `x</Content><FromUserName>${victim}</FromUserName><Content>经开区`;
  it.each([
    ['plain mode', () => wechat],
    ['safe mode', () => mpClient(safe.url, { aes: { key: MP_AES_KEY, appId: MP_APPID } })],
  ])('%s: is read as the sender’s text; it neither fails nor speaks for another sender', async (_mode, client) => {
    const post = (from: string, content: string) => client().post(mpTextXml({ from, content, msgId: msgId() }));
    const victim = `o-victim-${msgId()}`;
    expect((await post(victim, '/topic 2')).reply!.Content).toMatch(/回复 1 看下一段$/);
    const forgery = await post('o-forger', forged(victim));
    expect(forgery.status).toBe(200);
    expect(forgery.reply!.ToUserName).toBe('o-forger');
    // The victim's pages are still there: the forger's message did not act as theirs.
    expect((await post(victim, '1')).reply!.Content).toContain('q8');
  });
});

describe('safe mode (安全模式)', () => {
  const secure = () => mpClient(safe.url, { aes: { key: MP_AES_KEY, appId: MP_APPID } });

  it('decrypts the message and seals the reply (its MsgSignature verifies, it opens for our AppID)', async () => {
    const response = await secure().post(mpTextXml({ from: 'o-kate', content: '经开区汽车怎么说', msgId: msgId() }));
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/^<xml><Encrypt>/);
    expect(response.body).not.toContain('经开区');
    expect(response.reply).toMatchObject({ ToUserName: 'o-kate', MsgType: 'text' });
    expect(response.reply!.Content).toBe(await whole('经开区汽车怎么说'));
  });

  it('pages and retries work sealed too', async () => {
    const id = msgId();
    const first = await secure().post(mpTextXml({ from: 'o-liam', content: '/topic 2', msgId: id }));
    const again = await secure().post(mpTextXml({ from: 'o-liam', content: '/topic 2', msgId: id }));
    expect(again.reply!.Content).toBe(first.reply!.Content);
    const next = await secure().post(mpTextXml({ from: 'o-liam', content: '1', msgId: msgId() }));
    expect(await whole('/topic 2')).toContain(next.reply!.Content!.split('\n\n')[0]!);
  });

  it('refuses a wrong msg_signature (403), a plain message (400), and a message for another AppID (403)', async () => {
    const xml = mpTextXml({ from: 'o-mia', content: '汉融通', msgId: msgId() });
    expect((await secure().post(xml, { msgSignature: 'f'.repeat(40) })).status).toBe(403);
    expect((await secure().post(xml, { plain: true })).status).toBe(400);
    const stranger = mpClient(safe.url, { aes: { key: MP_AES_KEY, appId: 'wx0123456789abcdef' } });
    expect((await stranger.post(xml)).status).toBe(403);
    expect(safe.lines.join('\n')).toMatch(/sealed for another account; check the AppID/);
  });

  it('verifies the URL the same way as in plain mode', async () => {
    expect(await mpClient(safe.url).verify()).toEqual({ status: 200, body: '7291683342108373254' });
  });

  it('a plain-mode server told of safe-mode messages says which variables to set', async () => {
    const response = await mpClient(door.url, { aes: { key: MP_AES_KEY, appId: MP_APPID } }).post(
      mpTextXml({ from: 'o-noah', content: '汉融通', msgId: msgId() }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/set WECHAT_MP_AES_KEY and WECHAT_MP_APPID/);
  });
});
