// Whether a run of characters stands as written in the hearing's texts, without reading every text: the texts are found by the character pairs they hold.

/** A pair held by at most this many texts keeps the list of them; a commoner pair, the blocks of texts holding it. */
const RARE_PAIR_TEXTS = 128;
/** Texts are grouped in blocks of this many for the common pairs' bitmasks. */
const BLOCK_TEXTS = 64;

/** Two UTF-16 code units as one number. */
const pairAt = (text: string, i: number) => ((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0;

/**
 * Whether a text occurs in any of the texts, as `texts.join('\n').includes(text)` would say. The texts' character
 * pairs are indexed when first asked (most messages never ask): a run with a pair no text holds (most misheard words)
 * is refused at once, and otherwise only the texts holding its rarest pair, or the blocks of texts holding all its
 * common pairs, are searched: a thousand hearings' texts are not read for each misheard word.
 * The texts may be given as a function, called when the finder is first asked: a large archive's texts are then
 * read whole only by the messages that need it.
 * @example hearingTextFinder(['汉融通平台'])('融通') // true
 */
export function hearingTextFinder(texts: readonly string[] | (() => readonly string[])): (text: string) => boolean {
  if (typeof texts !== 'function') return finderOver(texts as readonly string[]);
  let finder: ((text: string) => boolean) | undefined;
  return (text) => (finder ??= finderOver(texts()))(text);
}

function finderOver(texts: readonly string[]): (text: string) => boolean {
  let pairs: Map<number, Int32Array | Uint32Array> | undefined;
  const blocks = Math.ceil(texts.length / BLOCK_TEXTS);
  const words = Math.max(1, Math.ceil(blocks / 32));

  const indexed = (): Map<number, Int32Array | Uint32Array> => {
    // Two passes: how many texts hold each pair, then each pair's texts (rare) or blocks (common).
    const held = new Map<number, number>();
    const lastText = new Map<number, number>();
    texts.forEach((t, id) => {
      for (let i = 0; i + 1 < t.length; i++) {
        const pair = pairAt(t, i);
        if (lastText.get(pair) === id) continue;
        lastText.set(pair, id);
        held.set(pair, (held.get(pair) ?? 0) + 1);
      }
    });
    const index = new Map<number, Int32Array | Uint32Array>();
    const filled = new Map<number, number>();
    for (const [pair, count] of held) {
      index.set(pair, count <= RARE_PAIR_TEXTS ? new Int32Array(count) : new Uint32Array(words));
      filled.set(pair, 0);
    }
    lastText.clear();
    texts.forEach((t, id) => {
      for (let i = 0; i + 1 < t.length; i++) {
        const pair = pairAt(t, i);
        if (lastText.get(pair) === id) continue;
        lastText.set(pair, id);
        const own = index.get(pair)!;
        if (own instanceof Int32Array) {
          const at = filled.get(pair)!;
          own[at] = id;
          filled.set(pair, at + 1);
        } else {
          const block = Math.floor(id / BLOCK_TEXTS);
          own[block >>> 5]! |= 1 << (block & 31);
        }
      }
    });
    return index;
  };

  return (text) => {
    if (text.includes('\n')) return texts.join('\n').includes(text);
    if (text.length < 2) return text.length === 0 || texts.some((t) => t.includes(text));
    pairs ??= indexed();
    let rarest: Int32Array | undefined;
    let common: Uint32Array | undefined;
    for (let i = 0; i + 1 < text.length; i++) {
      const own = pairs.get(pairAt(text, i));
      if (own === undefined) return false;
      if (own instanceof Int32Array) {
        if (rarest === undefined || own.length < rarest.length) rarest = own;
      } else if (common === undefined) common = own.slice();
      else for (let w = 0; w < words; w++) common[w]! &= own[w]!;
    }
    const inCommonBlocks = (id: number) => {
      const block = Math.floor(id / BLOCK_TEXTS);
      return common === undefined || (common[block >>> 5]! & (1 << (block & 31))) !== 0;
    };
    if (rarest) return rarest.some((id) => inCommonBlocks(id) && texts[id]!.includes(text));
    for (let block = 0; block < blocks; block++) {
      if (!inCommonBlocks(block * BLOCK_TEXTS)) continue;
      const end = Math.min(texts.length, (block + 1) * BLOCK_TEXTS);
      for (let id = block * BLOCK_TEXTS; id < end; id++) if (texts[id]!.includes(text)) return true;
    }
    return false;
  };
}
