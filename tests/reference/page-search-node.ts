// Runs the page's search (src/reference/browser/page-search.ts) in Node on the page's data, for checks without a browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGlossary } from '../../src/hearing/glossary.js';
import { type Hearing, paragraphsOf } from '../../src/hearing/model.js';
import { DATA_DIR, INDEX_DIR } from '../../src/paths.js';
import { createPageSearch } from '../../src/reference/browser/page-search.js';
import { botFor, chooseHearing, readDictionary, readHearings } from '../../src/reference/files.js';
import { buildReferenceModel, type ReferenceModel } from '../../src/reference/model.js';
import { buildSearchData, type SearchData } from '../../src/reference/search-data.js';

export interface PageSearch {
  /** Card ids, best first, as the page lists them for the query. */
  rank(query: string): string[];
  queryWords(query: string): string[];
}

/** The project's hearing, its reference model and the search data `npm run reference` embeds. */
export function projectPageInputs(): { hearing: Hearing; model: ReferenceModel; search: SearchData } {
  const hearing = chooseHearing(readHearings(INDEX_DIR), undefined);
  const glossary = loadGlossary(join(DATA_DIR, 'glossary.json'));
  const model = buildReferenceModel(hearing, glossary);
  const search = buildSearchData(model, {
    dictionary: readDictionary(INDEX_DIR),
    glossary,
    askBot: botFor(hearing, INDEX_DIR, DATA_DIR),
  });
  return { hearing, model, search };
}

/** The page's search over the same card texts the page's script reads (question and answer paragraphs). */
export function pageSearchInNode(search: SearchData, hearing: Hearing): PageSearch {
  const entries = [...hearing.items, ...(hearing.closing ? [hearing.closing] : [])];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const cards = search.cards.map((id) => {
    const entry = byId.get(id)!;
    return { text: [entry.kind === 'qa' ? entry.question : '', ...paragraphsOf(entry)].join('\n') };
  });
  const core = createPageSearch(search, cards);
  return {
    rank: (query) => core.rank(query).map((hit) => search.cards[hit.card]!),
    queryWords: (query) => core.queryWords(query),
  };
}

/** Reads a query table (`query<TAB>ids`, `#` comments). */
export function readQueries(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t')[0]!);
}
