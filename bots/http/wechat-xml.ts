// The XML WeChat and WeCom post and expect back: one flat <xml> element of named fields, text often in CDATA.

/** The top-level fields of a callback body, by tag name (nested elements are kept as their raw inner text). */
export type XmlFields = Readonly<Record<string, string>>;

/** The body is not the XML these platforms send. */
export class XmlError extends Error {
  override name = 'XmlError';
}

/**
 * Reads the fields of `<xml>…</xml>`. Only what the platforms send is accepted: no DOCTYPE, no entities beyond the
 * five predefined ones and character references, so no entity expansion can be smuggled in.
 * @example parseWechatXml('<xml><MsgType><![CDATA[text]]></MsgType></xml>').MsgType // 'text'
 * @throws XmlError when the text is not such a document
 */
export function parseWechatXml(text: string): XmlFields {
  const match = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!match || /<!(?:DOCTYPE|ENTITY)/i.test(text)) throw new XmlError('not a WeChat <xml> message');
  const fields: Record<string, string> = {};
  const inner = match[1]!;
  const field = /\s*<([A-Za-z_][\w.-]*)>([\s\S]*?)<\/\1>\s*/y;
  let at = 0;
  while (at < inner.length) {
    field.lastIndex = at;
    const found = field.exec(inner);
    if (!found) {
      if (inner.slice(at).trim() === '') break;
      throw new XmlError('not a WeChat <xml> message');
    }
    fields[found[1]!] = fieldValue(found[2]!);
    at = field.lastIndex;
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

function fieldValue(raw: string): string {
  const trimmed = raw.trim();
  const sections = [...trimmed.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)];
  if (sections.length > 0 && trimmed.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').trim() === '') {
    return sections.map((s) => s[1]).join('');
  }
  return decodeEntities(raw);
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[lower] ?? whole;
  });
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Characters outside XML 1.0's Char production. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML forbids
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
