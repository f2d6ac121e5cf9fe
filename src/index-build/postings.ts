// Index time: the documents' terms as postings.bin and its meta (see search/postings.ts), and each term's document frequency.
import { FIELDS, type IndexedDocument } from '../search/documents.js';
import { POSTINGS_FORMAT, POSTINGS_HEADER_WORDS, type PostingsMeta } from '../search/postings.js';

/** The postings of a term in one field: the documents holding it (ascending) and how often each does. */
interface FieldPostings {
  docs: number[];
  freqs: number[];
}

/**
 * Encodes the documents (document id = position) as MiniSearch would index them with the engine's options (terms
 * split on spaces, a field's length its number of distinct terms), plus how many documents hold each term.
 * Deterministic: terms in code-point order.
 * @example encodePostings(documents).bytes // the bytes of index/postings.bin
 */
export function encodePostings(documents: readonly IndexedDocument[]): {
  meta: PostingsMeta;
  bytes: Uint8Array;
  documentFrequency: Map<string, number>;
} {
  const byTerm = new Map<string, (FieldPostings | undefined)[]>();
  const documentFrequency = new Map<string, number>();
  const lengths = new Uint32Array(documents.length * FIELDS.length);
  const averageFieldLength: number[] = [];
  documents.forEach((document, doc) => {
    const inDocument = new Set<string>();
    FIELDS.forEach((field, fieldId) => {
      const counts = new Map<string, number>();
      for (const term of document[field].split(' ')) if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
      lengths[doc * FIELDS.length + fieldId] = counts.size;
      // MiniSearch's running average (addFieldLength), so the averages are the same floating-point numbers.
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * doc + counts.size) / (doc + 1);
      for (const [term, freq] of counts) {
        inDocument.add(term);
        let fields = byTerm.get(term);
        if (!fields) byTerm.set(term, (fields = []));
        const postings = (fields[fieldId] ??= { docs: [], freqs: [] });
        postings.docs.push(doc);
        postings.freqs.push(freq);
      }
    });
    for (const term of inDocument) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  });
  const terms = [...byTerm.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let blockWords = 0;
  for (const term of terms) for (const p of byTerm.get(term)!) if (p) blockWords += 2 + 2 * p.docs.length;
  const offsetsAt = POSTINGS_HEADER_WORDS + lengths.length;
  const blocksAt = offsetsAt + terms.length + 1;
  const words = new Uint32Array(blocksAt + blockWords);
  words.set([POSTINGS_FORMAT, documents.length, FIELDS.length, terms.length]);
  words.set(lengths, POSTINGS_HEADER_WORDS);
  let at = blocksAt;
  terms.forEach((term, n) => {
    words[offsetsAt + n] = at - blocksAt;
    byTerm.get(term)!.forEach((p, fieldId) => {
      if (!p) return;
      words[at] = fieldId;
      words[at + 1] = p.docs.length;
      words.set(p.docs, at + 2);
      words.set(p.freqs, at + 2 + p.docs.length);
      at += 2 + 2 * p.docs.length;
    });
  });
  words[offsetsAt + terms.length] = at - blocksAt;
  return { meta: { terms, averageFieldLength }, bytes: littleEndian(words), documentFrequency };
}

/** The words as little-endian bytes, whatever the machine's byte order. */
function littleEndian(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  return bytes;
}
