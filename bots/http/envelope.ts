// Safe mode (安全模式) of the 公众号 and every WeCom callback: AES-256-CBC envelopes with WeChat's layout, through

// @wecom/crypto (the maintained implementation), plus the checks the library leaves to its caller.
import { randomBytes } from 'node:crypto';
import { decrypt, encrypt } from '@wecom/crypto';
import { messageOf } from '../../src/errors.js';
import { callbackSignature, signatureMatches } from './signature.js';
import { toWechatXml } from './wechat-xml.js';

/** The keys of one account: the console's Token, EncodingAESKey and the AppID or CorpID the envelopes carry. */
export interface EnvelopeKeys {
  token: string;
  aesKey: string;
  /** 公众号: the AppID; WeCom: the CorpID. A message sealed for another account is refused. */
  receiverId: string;
}

/** A ciphertext that does not verify, decrypt or belong to this account. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/**
 * Verifies `msg_signature` over the ciphertext, decrypts it and checks the receiver; returns the plaintext.
 * @example openEnvelope(keys, { signature, timestamp, nonce, encrypted: fields.Encrypt })
 * @throws EnvelopeError on a bad signature, undecryptable text or another account's message
 */
export function openEnvelope(
  keys: EnvelopeKeys,
  request: { signature: string | undefined; timestamp: string; nonce: string; encrypted: string },
): string {
  const expected = callbackSignature(keys.token, request.timestamp, request.nonce, request.encrypted);
  if (!signatureMatches(request.signature, expected)) throw new EnvelopeError('msg_signature does not match');
  let opened: { message: string; id: string };
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(request.encrypted) || request.encrypted.length % 4 !== 0)
      throw new Error('not base64');
    opened = decrypt(keys.aesKey, request.encrypted);
  } catch (error) {
    throw new EnvelopeError(`cannot decrypt (${messageOf(error)}); check the EncodingAESKey`);
  }
  if (opened.id !== keys.receiverId) {
    throw new EnvelopeError('sealed for another account; check the AppID / CorpID');
  }
  return opened.message;
}

/**
 * Encrypts a reply and wraps it as the platforms expect: Encrypt, MsgSignature, TimeStamp, Nonce.
 * @example sealEnvelope(keys, replyXml, Math.floor(Date.now() / 1000))
 */
export function sealEnvelope(keys: EnvelopeKeys, plaintext: string, timestamp: number, nonce = freshNonce()): string {
  const encrypted = encrypt(keys.aesKey, plaintext, keys.receiverId);
  const signature = callbackSignature(keys.token, String(timestamp), nonce, encrypted);
  return toWechatXml({ Encrypt: encrypted, MsgSignature: signature, TimeStamp: timestamp, Nonce: nonce });
}

function freshNonce(): string {
  return String(randomBytes(4).readUInt32BE(0));
}
