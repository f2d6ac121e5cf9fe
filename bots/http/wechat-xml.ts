// The XML WeChat and WeCom post and expect back: one flat <xml> element of named fields, text often in CDATA.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_BODY_BYTES } from './body.js';

/** The top-level text fields of a callback body, by tag name. */
export type XmlFields = Readonly<Record<string, string>>;

/** The body is not the XML these platforms send. */
export class XmlError extends Error {
  override name = 'XmlError';
}

/**
 * Reads the fields of `<xml>…</xml>` with fast-xml-parser. Only what the platforms send is accepted: one `<xml>` root
 * with no DOCTYPE before it (so no entity can be declared, let alone expanded, and nothing external is fetched), each
 * field once; CDATA is text whatever it holds (`</Content>` typed by a user stays in Content). Nested elements (the
 * fields of some events) are left out: no message the door reads has them.
 * @example parseWechatXml('<xml><MsgType><![CDATA[text]]></MsgType></xml>').MsgType // 'text'
 * @throws XmlError when the text is not such a document
 */
export function parseWechatXml(text: string): XmlFields {
  // The root must come first: a DOCTYPE (with its entities) could only stand before it.
  if (text.length > MAX_XML_CHARS || !/^\s*(?:<\?xml\s[^>]*\?>\s*)?<xml>/.test(text)) throw notWechat();
  if (XMLValidator.validate(text) !== true) throw notWechat();
  const document: unknown = PARSER.parse(text);
  if (!isRecord(document) || Object.keys(document).join() !== 'xml') throw notWechat();
  const root = document.xml;
  if (root === '') return {};
  if (!isRecord(root) || '#text' in root) throw notWechat();
  const fields: Record<string, string> = {};
  for (const [tag, value] of Object.entries(root)) {
    // A field given twice could let a user's text stand for another field: no platform sends one so.
    if (Array.isArray(value)) throw notWechat();
    if (typeof value === 'string') fields[tag] = value;
  }
  return fields;
}

/**
 * Builds `<xml>` from fields in order; strings go in CDATA, numbers as text.
 * @example toWechatXml({ MsgType: 'text', CreateTime: 1409659813 })
 */
export function toWechatXml(fields: Readonly<Record<string, string | number>>): string {
  const parts = Object.entries(fields).map(([tag, value]) =>
    typeof value === 'number' ? `<${tag}>${value}</${tag}>` : `<${tag}>${cdata(value)}</${tag}>`,
  );
  return `<xml>${parts.join('')}</xml>`;
}

/** Text as CDATA: `]]>` is split across two sections and characters XML forbids are dropped. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML_CHAR, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Bodies are read up to MAX_BODY_BYTES; a decrypted message is never longer than its envelope. */
const MAX_XML_CHARS = MAX_BODY_BYTES;

const PARSER = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Every value stays the text it is: "0012" must not become 12, nor a MsgId lose digits as a number.
  parseTagValue: false,
  // The five XML entities and character references (&#x6C49;); declared entities cannot exist (no DOCTYPE).
  processEntities: true,
  htmlEntities: true,
  // Whitespace around a CDATA section goes, whitespace inside it stays.
  trimValues: true,
});

const notWechat = () => new XmlError('not a WeChat <xml> message');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Characters outside XML 1.0's Char production. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML forbids
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
