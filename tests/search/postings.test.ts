// postings.bin read lazily scores every search as the MiniSearch it replaced (documents added, saved and loaded).
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { encodePostings } from '../../src/index-build/postings.js';
import { INDEX_DIR } from '../../src/paths.js';
import { documentOf, entriesOf, FIELD_BOOSTS, type IndexedDocument } from '../../src/search/documents.js';
import { miniSearchOptions } from '../../src/search/engine.js';
import { artefactPaths, type SearchFile } from '../../src/search/index-files.js';
import { postingsSearch } from '../../src/search/postings.js';
import { sharedEngine } from './helpers.js';

const engine = sharedEngine();
const bodies = new Map(engine.glossary.bodies.map((b) => [b.printed, b]));
const documents: IndexedDocument[] = entriesOf(engine.hearings).map((e) => documentOf(e, bodies, engine.analyser));

/** MiniSearch as the index build used it before postings.bin: every document added, then saved and loaded. */
function savedAndLoaded(docs: readonly IndexedDocument[]): MiniSearch {
  const built = new MiniSearch(miniSearchOptions());
  built.addAll(docs.map((d, i) => ({ ...d, id: i })));
  return MiniSearch.loadJSON(JSON.stringify(built), miniSearchOptions());
}

const search = (index: MiniSearch, terms: string[]) =>
  index.search(
    { queries: terms, combineWith: 'OR' },
    { boost: { ...FIELD_BOOSTS }, boostTerm: (t) => (t.length > 1 ? 1 : 0.2) },
  );

describe('postings.bin', () => {
  const { meta, bytes } = encodePostings(documents);
  const lazy = postingsSearch(meta, bytes, miniSearchOptions());
  const reference = savedAndLoaded(documents);
  const terms = meta.terms;

  it('gives every term of the hearing, alone and with others, the same results, scores and order', () => {
    expect(terms.length).toBeGreaterThan(500);
    for (const [i, term] of terms.entries()) {
      const query = [term, terms[(i * 7) % terms.length]!, terms[(i * 13 + 5) % terms.length]!];
      expect(search(lazy, [term])).toEqual(search(reference, [term]));
      expect(search(lazy, query)).toEqual(search(reference, query));
    }
  });

  it('finds nothing for a word the hearing does not have, and an empty query', () => {
    expect(search(lazy, ['太空电梯'])).toEqual([]);
    expect(search(lazy, [])).toEqual([]);
  });

  it('is what the committed index holds', () => {
    const committed = JSON.parse(readFileSync(artefactPaths(INDEX_DIR).search, 'utf8')) as SearchFile;
    expect(committed.postings).toEqual(meta);
    expect(Buffer.from(readFileSync(artefactPaths(INDEX_DIR).postings)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses a file that does not match the terms, naming it and the fix', () => {
    expect(() => postingsSearch({ ...meta, terms: terms.slice(1) }, bytes, miniSearchOptions())).toThrow(
      /postings\.bin: does not match search\.json.*npm run index/,
    );
    expect(() => postingsSearch(meta, bytes.subarray(0, bytes.length - 2), miniSearchOptions())).toThrow(
      /postings\.bin: cut short/,
    );
  });
});
