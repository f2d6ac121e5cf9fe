// /wechat/mp: the 公众号 message callback. GET verifies the URL, POST carries a message (plain or safe mode) and
// gets a passive reply; both must carry a valid signature and a fresh timestamp.

import { readBody } from '../door/http.js';
import { MAX_BODY_BYTES } from './body.js';
import { type CallbackAnswerer, callbackMessageOf } from './callback.js';
import { type CallbackLog, callbackRefusal, readingBody, unparseable } from './callback-log.js';
import type { WechatMpConfig } from './env.js';
import { type EnvelopeKeys, openEnvelope, sealEnvelope } from './envelope.js';
import { type Answer, type Route, text, XML_TYPE } from './route.js';
import { callbackSignature, isFresh, signatureMatches } from './signature.js';
import { parseWechatXml, toWechatXml, type XmlFields } from './wechat-xml.js';

export interface WechatMpRouteOptions {
  config: WechatMpConfig;
  answerer: CallbackAnswerer;
  /** Milliseconds since the epoch, for the timestamp check and reply times. */
  now: () => number;
  log: CallbackLog;
}

/** @example routes.set('/wechat/mp', wechatMpRoute({ config: config.wechatMp, answerer, now: Date.now, log })) */
export function wechatMpRoute(options: WechatMpRouteOptions): Route {
  const { config, answerer, now, log } = options;
  const keys: EnvelopeKeys | undefined = config.aes
    ? { token: config.token, aesKey: config.aes.key, receiverId: config.aes.appId }
    : undefined;

  /** The plain signature every request carries, safe mode or not. */
  const verify = (url: URL) => {
    const q = url.searchParams;
    const [signature, timestamp, nonce] = [q.get('signature'), q.get('timestamp'), q.get('nonce')];
    if (!signature || !timestamp || !nonce) {
      throw callbackRefusal(log, 'mp', 400, 'missing signature, timestamp or nonce: this URL is for WeChat only');
    }
    if (!isFresh(timestamp, now())) throw callbackRefusal(log, 'mp', 403, 'stale or malformed timestamp');
    if (!signatureMatches(signature, callbackSignature(config.token, timestamp, nonce))) {
      throw callbackRefusal(log, 'mp', 403, 'signature does not match; is WECHAT_MP_TOKEN the console’s Token?');
    }
    return { timestamp, nonce };
  };

  const fieldsOf = (body: string, url: URL, request: { timestamp: string; nonce: string }): XmlFields => {
    const outer = parseWechatXml(body);
    const encrypted = url.searchParams.get('encrypt_type')?.toLowerCase() === 'aes';
    if (!keys) {
      if (encrypted && !outer.MsgType)
        throw callbackRefusal(log, 'mp', 400, 'safe-mode message: set WECHAT_MP_AES_KEY and WECHAT_MP_APPID');
      return outer;
    }
    if (!encrypted || !outer.Encrypt)
      throw callbackRefusal(log, 'mp', 400, 'plain message, but WECHAT_MP_AES_KEY is set: choose safe mode');
    const signature = url.searchParams.get('msg_signature') ?? undefined;
    return parseWechatXml(openEnvelope(keys, { signature, ...request, encrypted: outer.Encrypt }));
  };

  return {
    async GET(_req, url) {
      verify(url);
      const echo = url.searchParams.get('echostr');
      if (!echo) throw callbackRefusal(log, 'mp', 400, 'missing echostr');
      log.debug('mp: URL verified');
      return text(200, echo);
    },
    async POST(req, url) {
      const request = verify(url);
      const body = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
      const fields = readingBody(log, 'mp', Buffer.byteLength(body), () => fieldsOf(body, url, request));
      const message = callbackMessageOf('mp', fields);
      if (!message) throw unparseable(log, 'mp', Buffer.byteLength(body));
      const { text: reply, outcome } = await answerer.answer(message);
      log.debug(`mp: ${message.what.kind} → ${outcome}`);
      if (reply === null) return text(200, 'success');
      const seconds = Math.floor(now() / 1000);
      const xml = toWechatXml({
        ToUserName: message.sender,
        FromUserName: fields.ToUserName ?? '',
        CreateTime: seconds,
        MsgType: 'text',
        Content: reply,
      });
      return xmlAnswer(keys ? sealEnvelope(keys, xml, seconds) : xml);
    },
  };
}

function xmlAnswer(body: string): Answer {
  return { status: 200, type: XML_TYPE, body };
}
