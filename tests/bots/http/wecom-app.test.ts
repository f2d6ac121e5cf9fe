// /wecom/app over real HTTP, driven as WeCom's servers drive it (everything encrypted), and safe mode checked against
// the known vectors published with the official sample code of WeChat and WeCom.
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvelopeError, openEnvelope, sealEnvelope } from '../../../bots/http/envelope.js';
import { pageFooter, wholeText } from '../../../bots/http/paging.js';
import { callbackSignature } from '../../../bots/http/signature.js';
import { parseWechatXml } from '../../../bots/http/wechat-xml.js';
import { createConversation } from '../../../src/chat/conversation.js';
import { loadEngine, type SearchEngine } from '../../../src/search/engine.js';
import {
  nowSeconds,
  startTestDoor,
  WECOM_AES_KEY,
  WECOM_CORP_ID,
  WECOM_TOKEN,
  wecomClient,
  wecomTextXml,
} from './helpers.js';

/**
 * WeCom's official sample (企业微信 加解密库 Sample, 「使用示例一/二」): Token QDG6eK, the EncodingAESKey and CorpID
 * below, a URL verification request and an encrypted text message "hello" from user mycreate.
 */
const WECOM_SAMPLE = {
  verify: {
    msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  },
  message: {
    msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypt:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYv' +
      'uJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+Ltw' +
      'Gc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t' +
      '9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDA' +
      'Ve0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  },
};

/**
 * The 公众平台's official Java sample test (WXBizMsgCryptTest: testAesEncrypt): with this key, AppID and the random
 * string aaaabbbbccccdddd, 「我是中文abcd123」 encrypts to exactly this.
 */
const MP_SAMPLE = {
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  plain: '我是中文abcd123',
  encrypted: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

const keys = { token: WECOM_TOKEN, aesKey: WECOM_AES_KEY, receiverId: WECOM_CORP_ID };

let engine: SearchEngine;
let door: Awaited<ReturnType<typeof startTestDoor>>;
/** A door whose clock says 2014-09-02, when WeCom's sample requests were made. */
let door2014: Awaited<ReturnType<typeof startTestDoor>>;
const env = { WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORP_ID };

beforeAll(async () => {
  engine = loadEngine();
  door = await startTestDoor(env, { engine });
  door2014 = await startTestDoor(env, { engine, now: () => 1_409_659_813_000 });
});

afterAll(async () => {
  await door?.close();
  await door2014?.close();
});

const whole = async (text: string) =>
  wholeText((await createConversation({ engine }).respond({ text, chat: 'private', userId: 'u', chatId: 'u' })).reply!);
let ids = 5000;
const msgId = () => String(++ids);

describe('safe mode against the official vectors', () => {
  it('@wecom/crypto reproduces the 公众平台 sample ciphertext byte for byte, and opens it again', () => {
    const sealed = encrypt(MP_SAMPLE.aesKey, MP_SAMPLE.plain, MP_SAMPLE.appId, Buffer.from(MP_SAMPLE.random));
    expect(sealed).toBe(MP_SAMPLE.encrypted);
    expect(decrypt(MP_SAMPLE.aesKey, MP_SAMPLE.encrypted)).toMatchObject({
      message: MP_SAMPLE.plain,
      id: MP_SAMPLE.appId,
    });
  });

  it('the WeCom sample message verifies (msg_signature) and opens to its text message', () => {
    const { message } = WECOM_SAMPLE;
    expect(callbackSignature(WECOM_TOKEN, message.timestamp, message.nonce, message.encrypt)).toBe(
      message.msg_signature,
    );
    const plain = openEnvelope(keys, { ...message, signature: message.msg_signature, encrypted: message.encrypt });
    expect(parseWechatXml(plain)).toMatchObject({
      ToUserName: WECOM_CORP_ID,
      FromUserName: 'mycreate',
      MsgType: 'text',
      Content: 'hello',
      MsgId: '4561255354251345929',
      AgentID: '218',
    });
  });

  it('openEnvelope refuses a changed signature, a changed ciphertext and another account', () => {
    const { message } = WECOM_SAMPLE;
    const request = { ...message, signature: message.msg_signature, encrypted: message.encrypt };
    expect(() => openEnvelope(keys, { ...request, signature: 'a'.repeat(40) })).toThrow(EnvelopeError);
    expect(() => openEnvelope(keys, { ...request, nonce: '1' })).toThrow(/msg_signature does not match/);
    const tampered = `A${message.encrypt.slice(1)}`;
    const resigned = getSignature(WECOM_TOKEN, message.timestamp, message.nonce, tampered);
    expect(() => openEnvelope(keys, { ...request, encrypted: tampered, signature: resigned })).toThrow(EnvelopeError);
    expect(() => openEnvelope({ ...keys, receiverId: 'ww0000000000' }, request)).toThrow(/another account/);
  });

  it('sealEnvelope round-trips through openEnvelope', () => {
    const sealed = parseWechatXml(sealEnvelope(keys, '<xml>汉融通</xml>', 1_409_659_813, '42'));
    expect(sealed.TimeStamp).toBe('1409659813');
    const opened = openEnvelope(keys, {
      signature: sealed.MsgSignature,
      timestamp: sealed.TimeStamp!,
      nonce: sealed.Nonce!,
      encrypted: sealed.Encrypt!,
    });
    expect(opened).toBe('<xml>汉融通</xml>');
  });

  it('over HTTP, the sample URL verification gets the decrypted echostr', async () => {
    const response = await fetch(`${door2014.url}/wecom/app?${new URLSearchParams(WECOM_SAMPLE.verify)}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(decrypt(WECOM_AES_KEY, WECOM_SAMPLE.verify.echostr).message);
  });

  it('over HTTP, the sample message "hello" gets a sealed reply to mycreate', async () => {
    const { message } = WECOM_SAMPLE;
    const q = new URLSearchParams({
      msg_signature: message.msg_signature,
      timestamp: message.timestamp,
      nonce: message.nonce,
    });
    const body = `<xml><ToUserName><![CDATA[${WECOM_CORP_ID}]]></ToUserName><Encrypt><![CDATA[${message.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const response = await fetch(`${door2014.url}/wecom/app?${q}`, { method: 'POST', body });
    expect(response.status).toBe(200);
    const outer = parseWechatXml(await response.text());
    expect(getSignature(WECOM_TOKEN, outer.TimeStamp!, outer.Nonce!, outer.Encrypt!)).toBe(outer.MsgSignature);
    const opened = decrypt(WECOM_AES_KEY, outer.Encrypt!);
    expect(opened.id).toBe(WECOM_CORP_ID);
    expect(parseWechatXml(opened.message)).toMatchObject({
      ToUserName: 'mycreate',
      FromUserName: WECOM_CORP_ID,
      MsgType: 'text',
      Content: await whole('hello'),
    });
    // The same request today is a replay of 2014: refused.
    expect((await fetch(`${door.url}/wecom/app?${q}`, { method: 'POST', body })).status).toBe(403);
  });
});

describe('the WeCom app callback', () => {
  const wecom = () => wecomClient(door.url);

  it('verifies the URL: the decrypted echostr comes back', async () => {
    expect(await wecom().verify('8839284562934')).toEqual({ status: 200, body: '8839284562934' });
  });

  it('refuses a wrong signature, a stale timestamp and another corporation’s message with 403', async () => {
    expect((await wecom().verify('1', { signedWith: 'wrongToken' })).status).toBe(403);
    expect((await wecom().verify('1', { timestamp: nowSeconds() - 400 })).status).toBe(403);
    expect((await wecom().verify('1', { corpId: 'ww0123456789abcd' })).status).toBe(403);
    const xml = wecomTextXml({ from: 'zhangsan', content: '汉融通', msgId: msgId() });
    expect((await wecom().post(xml, { signedWith: 'wrongToken' })).status).toBe(403);
    expect((await wecom().post(xml, { corpId: 'ww0123456789abcd' })).status).toBe(403);
    expect((await fetch(`${door.url}/wecom/app`)).status).toBe(400);
  });

  it('answers a member’s text with a sealed passive reply, verbatim with the answering body', async () => {
    const response = await wecom().post(
      wecomTextXml({ from: 'zhangsan', content: '经开区汽车怎么说', msgId: msgId() }),
    );
    expect(response.status).toBe(200);
    expect(response.reply).toMatchObject({ ToUserName: 'zhangsan', FromUserName: WECOM_CORP_ID, MsgType: 'text' });
    expect(response.reply!.Content).toBe(await whole('经开区汽车怎么说'));
  });

  it('gives a retry the same reply, and long answers page by page with 「1」', async () => {
    const id = msgId();
    const first = await wecom().post(wecomTextXml({ from: 'lisi', content: '/topic 2', msgId: id }));
    const retry = await wecom().post(wecomTextXml({ from: 'lisi', content: '/topic 2', msgId: id }));
    expect(retry.reply!.Content).toBe(first.reply!.Content);
    expect(first.reply!.Content!.endsWith(pageFooter(1, 2))).toBe(true);
    const next = await wecom().post(wecomTextXml({ from: 'lisi', content: '1', msgId: msgId() }));
    expect((await whole('/topic 2')).endsWith(next.reply!.Content!)).toBe(true);
  });

  it('a text that looks like XML is the sender’s text: it neither fails nor speaks for another member', async () => {
    const post = (from: string, content: string) => wecom().post(wecomTextXml({ from, content, msgId: msgId() }));
    expect((await post('wangwu', '/topic 2')).reply!.Content!.endsWith(pageFooter(1, 2))).toBe(true);
    const forgery = await post('zhaoliu', 'x</Content><FromUserName>wangwu</FromUserName><Content>经开区');
    expect(forgery.status).toBe(200);
    expect(forgery.reply!.ToUserName).toBe('zhaoliu');
    expect((await whole('/topic 2')).endsWith((await post('wangwu', '1')).reply!.Content!)).toBe(true);
  });

  it('a body that is not XML, or XML without a message, is a 400', async () => {
    const signed = new URLSearchParams({
      msg_signature: 'x',
      timestamp: String(nowSeconds()),
      nonce: '1',
    });
    const response = await fetch(`${door.url}/wecom/app?${signed}`, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(400);
    expect((await wecom().post('<xml><Nothing>here</Nothing></xml>')).status).toBe(400);
  });
});
