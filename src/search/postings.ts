// The term postings of index/postings.bin as a MiniSearch that decodes a term's postings when a question first asks for it, so start-up builds no term table.
import MiniSearch, { type Options } from 'minisearch';
import { RUN_INDEX } from '../errors.js';

/**
 * What search.json keeps beside postings.bin: the terms (code-point order; term n's postings are block n of the file)
 * and each field's average length, computed as MiniSearch computes it while adding documents.
 */
export interface PostingsMeta {
  terms: string[];
  averageFieldLength: number[];
}

/**
 * postings.bin is little-endian 32-bit words: a header (format, documents, fields, terms), each document's field
 * lengths (documents × fields), the offsets of the terms' blocks (terms + 1, in words from the first block), then the
 * blocks. A term's block holds, for each field it occurs in (ascending): the field, the number n of documents, their
 * ids (ascending), then their term frequencies.
 */
export const POSTINGS_FORMAT = 1;
export const POSTINGS_HEADER_WORDS = 4;

/** One term's postings as MiniSearch keeps them: field id → document id → term frequency. */
export type TermPostings = Map<number, Map<number, number>>;

/** The parts of MiniSearch's state its search reads (minisearch 7: `executeQuerySpec`, `termResults`). */
interface MiniSearchState {
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldLength: Map<number, number[]>;
  _index: { get(term: string): TermPostings | undefined; has(term: string): boolean; readonly size: number };
}

/**
 * A MiniSearch over the documents of postings.bin, answering every search as one built by adding the documents
 * (document ids 0…n-1, `options.fields` in order) and then saved and loaded with toJSON/loadJS would: same postings,
 * documents and fields in the same (ascending) order, same field lengths and averages, hence the same scores.
 * Only exact terms can be searched (no prefix or fuzzy search, which the engine never asks for); adding or removing
 * documents is not supported. Throws, naming the file, when the file does not match the meta.
 * @example postingsSearch(meta, readFileSync('index/postings.bin'), miniSearchOptions()).search({ queries: ['数字'] })
 */
export function postingsSearch(meta: PostingsMeta, bytes: Uint8Array, options: Options): MiniSearch {
  const words = wordsOf(bytes);
  const [format, documents = 0, fields = 0, terms = 0] = words;
  const lengthsAt = POSTINGS_HEADER_WORDS;
  const offsetsAt = lengthsAt + documents * fields;
  const blocksAt = offsetsAt + terms + 1;
  if (
    format !== POSTINGS_FORMAT ||
    fields !== options.fields.length ||
    terms !== meta.terms.length ||
    meta.averageFieldLength.length !== fields ||
    blocksAt > words.length ||
    words[blocksAt - 1] !== words.length - blocksAt
  )
    throw new Error(`engine postings.bin: does not match search.json (another build's file?)${RUN_INDEX}`);
  const miniSearch = MiniSearch.loadJS(
    {
      documentCount: documents,
      nextId: documents,
      documentIds: {},
      fieldIds: Object.fromEntries(options.fields.map((field, i) => [field, i])),
      fieldLength: {},
      averageFieldLength: meta.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const state = miniSearch as unknown as MiniSearchState;
  for (let doc = 0; doc < documents; doc++) {
    state._documentIds.set(doc, doc);
    state._idToShortId.set(doc, doc);
    const at = lengthsAt + doc * fields;
    state._fieldLength.set(doc, Array.from(words.subarray(at, at + fields)));
  }
  let termIndex: Map<string, number> | undefined;
  const decoded = new Map<string, TermPostings | undefined>();
  const decode = (term: string): TermPostings | undefined => {
    termIndex ??= new Map(meta.terms.map((t, i) => [t, i]));
    const n = termIndex.get(term);
    if (n === undefined) return undefined;
    const postings: TermPostings = new Map();
    const end = blocksAt + words[offsetsAt + n + 1]!;
    for (let at = blocksAt + words[offsetsAt + n]!; at < end; ) {
      const field = words[at]!;
      const count = words[at + 1]!;
      const freqs = new Map<number, number>();
      for (let i = 0; i < count; i++) freqs.set(words[at + 2 + i]!, words[at + 2 + count + i]!);
      postings.set(field, freqs);
      at += 2 + 2 * count;
    }
    return postings;
  };
  state._index = {
    // Decoded once per term and kept: the next question with the word reads the same Maps MiniSearch would hold.
    get(term) {
      if (!decoded.has(term)) decoded.set(term, decode(term));
      return decoded.get(term);
    },
    has: (term) => (termIndex ??= new Map(meta.terms.map((t, i) => [t, i]))).has(term),
    size: meta.terms.length,
  };
  return miniSearch;
}

/** The file as 32-bit words, without a copy when the bytes are aligned (a file read whole always is). */
function wordsOf(bytes: Uint8Array): Uint32Array {
  if (bytes.byteLength % 4 !== 0)
    throw new Error(`engine postings.bin: cut short (not whole 32-bit words)${RUN_INDEX}`);
  if (bytes.byteOffset % 4 === 0 && LITTLE_ENDIAN)
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getUint32(i * 4, true));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
