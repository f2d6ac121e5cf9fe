// The term postings of index/postings.bin read in place, a term's postings decoded when a question first asks for it; and the same as a MiniSearch, to check scores against.
import MiniSearch, { type Options } from 'minisearch';
import { RUN_INDEX } from '../errors.js';
import { type IndexFileView, viewOf } from './index-files.js';

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

/** One term's postings in one field, as postings.bin holds them: documents ascending, each one's term frequency. */
export interface FieldBlock {
  field: number;
  docs: Uint32Array;
  freqs: Uint32Array;
}

/** postings.bin read in place: nothing is decoded until a term is asked for. */
export interface PostingsFile {
  readonly documents: number;
  readonly fields: number;
  readonly averageFieldLength: readonly number[];
  /** A document's number of distinct terms in a field, as MiniSearch counts a field's length. */
  fieldLength(doc: number, field: number): number;
  /** The term's postings, field by field (ascending); empty for a term the index lacks. */
  blocks(term: string): FieldBlock[];
  has(term: string): boolean;
  readonly terms: number;
}

/**
 * Reads postings.bin against its meta in search.json: the header and the documents' field lengths and the terms'
 * offsets at once (under a megabyte at a thousand hearings), each term's block when first asked for (the engine
 * keeps what it makes of it). Throws, naming the file, when it does not match the meta or `fields`.
 * @example postingsFile(meta, readFileSync('index/postings.bin'), FIELDS.length).blocks('数字')[0]?.docs
 */
export function postingsFile(meta: PostingsMeta, source: Uint8Array | IndexFileView, fields: number): PostingsFile {
  const file = source instanceof Uint8Array ? viewOf(source) : source;
  if (file.size % 4 !== 0) throw new Error(`engine postings.bin: cut short (not whole 32-bit words)${RUN_INDEX}`);
  const mismatch = () =>
    new Error(`engine postings.bin: does not match search.json (another build's file?)${RUN_INDEX}`);
  if (file.size < POSTINGS_HEADER_WORDS * 4) throw mismatch();
  const [format, documents = 0, fieldCount = 0, terms = 0] = wordsOf(file.read(0, POSTINGS_HEADER_WORDS * 4));
  const lengthsAt = POSTINGS_HEADER_WORDS;
  const offsetsAt = lengthsAt + documents * fieldCount;
  const blocksAt = offsetsAt + terms + 1;
  const fileWords = file.size / 4;
  if (
    format !== POSTINGS_FORMAT ||
    fieldCount !== fields ||
    terms !== meta.terms.length ||
    meta.averageFieldLength.length !== fields ||
    blocksAt > fileWords
  )
    throw mismatch();
  // The field lengths, then the offsets of the terms' blocks (in words from the first block).
  const table = wordsOf(file.read(lengthsAt * 4, (blocksAt - lengthsAt) * 4));
  const offsets = table.subarray(offsetsAt - lengthsAt);
  if (offsets[terms] !== fileWords - blocksAt) throw mismatch();
  let termIndex: Map<string, number> | undefined;
  const numberOf = (term: string) => (termIndex ??= new Map(meta.terms.map((t, i) => [t, i]))).get(term);
  return {
    documents,
    fields,
    terms,
    averageFieldLength: meta.averageFieldLength,
    fieldLength: (doc, field) => table[doc * fields + field]!,
    has: (term) => numberOf(term) !== undefined,
    blocks(term) {
      const n = numberOf(term);
      if (n === undefined) return [];
      const start = offsets[n]!;
      const words = wordsOf(file.read((blocksAt + start) * 4, (offsets[n + 1]! - start) * 4));
      const blocks: FieldBlock[] = [];
      for (let at = 0; at < words.length; ) {
        const count = words[at + 1]!;
        blocks.push({
          field: words[at]!,
          docs: words.subarray(at + 2, at + 2 + count),
          freqs: words.subarray(at + 2 + count, at + 2 + 2 * count),
        });
        at += 2 + 2 * count;
      }
      return blocks;
    },
  };
}

/**
 * A MiniSearch over the documents of postings.bin, answering every search as one built by adding the documents
 * (document ids 0…n-1, `options.fields` in order) and then saved and loaded with toJSON/loadJS would: same postings,
 * documents and fields in the same (ascending) order, same field lengths and averages, hence the same scores.
 * Only exact terms can be searched (no prefix or fuzzy search, which the engine never asks for); adding or removing
 * documents is not supported. Throws, naming the file, when the file does not match the meta. The engine reads the
 * file directly (retrieval.ts postingsRetriever); this is the reference its scores are checked against.
 * @example postingsSearch(meta, readFileSync('index/postings.bin'), miniSearchOptions()).search({ queries: ['数字'] })
 */
export function postingsSearch(meta: PostingsMeta, bytes: Uint8Array, options: Options): MiniSearch {
  const file = postingsFile(meta, bytes, options.fields.length);
  const miniSearch = MiniSearch.loadJS(
    {
      documentCount: file.documents,
      nextId: file.documents,
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
  for (let doc = 0; doc < file.documents; doc++) {
    state._documentIds.set(doc, doc);
    state._idToShortId.set(doc, doc);
    state._fieldLength.set(
      doc,
      Array.from({ length: file.fields }, (_, field) => file.fieldLength(doc, field)),
    );
  }
  const decode = (term: string): TermPostings | undefined => {
    if (!file.has(term)) return undefined;
    const postings: TermPostings = new Map();
    for (const { field, docs, freqs } of file.blocks(term)) {
      const byDoc = new Map<number, number>();
      docs.forEach((doc, i) => byDoc.set(doc, freqs[i]!));
      postings.set(field, byDoc);
    }
    return postings;
  };
  const decoded = new Map<string, TermPostings | undefined>();
  state._index = {
    // Decoded once per term and kept: the next question with the word reads the same Maps MiniSearch would hold.
    get(term) {
      if (!decoded.has(term)) decoded.set(term, decode(term));
      return decoded.get(term);
    },
    has: (term) => file.has(term),
    size: file.terms,
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
