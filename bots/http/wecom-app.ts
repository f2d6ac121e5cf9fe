// /wecom/app: a WeCom (企业微信, 政务微信) self-built app's callback. Always encrypted: GET verifies the URL by
// decrypting echostr, POST carries a message and gets an encrypted passive reply.
import { readBody } from '../door/http.js';
import { MAX_BODY_BYTES } from './body.js';
import { type CallbackAnswerer, callbackMessageOf } from './callback.js';
import { type CallbackLog, callbackRefusal, readingBody, unparseable } from './callback-log.js';
import type { WecomConfig } from './env.js';
import { type EnvelopeKeys, openEnvelope, sealEnvelope } from './envelope.js';
import { type Route, text, XML_TYPE } from './route.js';
import { isFresh } from './signature.js';
import { parseWechatXml, toWechatXml } from './wechat-xml.js';

export interface WecomAppRouteOptions {
  config: WecomConfig;
  answerer: CallbackAnswerer;
  /** Milliseconds since the epoch, for the timestamp check and reply times. */
  now: () => number;
  log: CallbackLog;
}

/** @example routes.set('/wecom/app', wecomAppRoute({ config: config.wecom, answerer, now: Date.now, log })) */
export function wecomAppRoute(options: WecomAppRouteOptions): Route {
  const { config, answerer, now, log } = options;
  const keys: EnvelopeKeys = { token: config.token, aesKey: config.aesKey, receiverId: config.corpId };

  const request = (url: URL) => {
    const q = url.searchParams;
    const [signature, timestamp, nonce] = [q.get('msg_signature'), q.get('timestamp'), q.get('nonce')];
    if (!signature || !timestamp || !nonce) {
      throw callbackRefusal(log, 'wecom', 400, 'missing msg_signature, timestamp or nonce: this URL is for WeCom only');
    }
    if (!isFresh(timestamp, now())) throw callbackRefusal(log, 'wecom', 403, 'stale or malformed timestamp');
    return { signature, timestamp, nonce };
  };

  return {
    async GET(_req, url) {
      const signed = request(url);
      const echo = url.searchParams.get('echostr');
      if (!echo) throw callbackRefusal(log, 'wecom', 400, 'missing echostr');
      const plain = readingBody(log, 'wecom', echo.length, () => openEnvelope(keys, { ...signed, encrypted: echo }));
      log.debug('wecom: URL verified');
      return text(200, plain);
    },
    async POST(req, url) {
      const signed = request(url);
      const body = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
      const bytes = Buffer.byteLength(body);
      const fields = readingBody(log, 'wecom', bytes, () => {
        const outer = parseWechatXml(body);
        if (!outer.Encrypt) return {};
        return parseWechatXml(openEnvelope(keys, { ...signed, encrypted: outer.Encrypt }));
      });
      const message = callbackMessageOf('wecom', fields);
      if (!message) throw unparseable(log, 'wecom', bytes);
      const { text: reply, outcome } = await answerer.answer(message);
      log.debug(`wecom: ${message.what.kind} → ${outcome}`);
      if (reply === null) return text(200, 'success');
      const seconds = Math.floor(now() / 1000);
      const xml = toWechatXml({
        ToUserName: message.sender,
        FromUserName: config.corpId,
        CreateTime: seconds,
        MsgType: 'text',
        Content: reply,
      });
      return { status: 200, type: XML_TYPE, body: sealEnvelope(keys, xml, seconds) };
    },
  };
}
