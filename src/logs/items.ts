// What staff's figures say about an item shown: its body, theme and question, looked up by the id the log holds.
import { createCatalogue, readHearingLabels } from '../chat/catalogue.js';
import { shownId } from '../chat/reply.js';
import { loadCities } from '../hearing/cities.js';
import { bodyOf, type Entry } from '../hearing/model.js';
import type { SearchEngine } from '../search/engine.js';

/** One item of the loaded hearings as the figures show it. */
export interface ItemFacts {
  /** As shown and logged: `q5`, `closing`, `智慧交通q2` when several hearings are loaded. */
  id: string;
  body: string;
  /** The theme's title; null for the closing response. */
  theme: string | null;
  /** The question as printed (总体回应 for the closing response). */
  question: string;
  /** Its place in the hearing(s), for the heat strip: the order of the transcript. */
  order: number;
}

/**
 * Every item of the loaded hearings by the id the logs hold.
 * @example itemFacts(engine).get('q5')?.body // '市数据局'
 */
export function itemFacts(
  engine: Pick<SearchEngine, 'hearings' | 'entries' | 'glossary' | 'analyser'>,
): Map<string, ItemFacts> {
  const catalogue = createCatalogue(engine.hearings, readHearingLabels(engine.hearings), {
    bodies: engine.glossary.bodies,
    normalise: engine.analyser.normalise,
    homeCity: loadCities().home,
  });
  const facts = new Map<string, ItemFacts>();
  engine.entries.forEach((entry: Entry, order) => {
    const id = shownId(entry.id, catalogue.tagOf(entry));
    facts.set(id, {
      id,
      body: bodyOf(entry),
      theme: entry.kind === 'qa' ? entry.theme.title : null,
      question: entry.kind === 'qa' ? entry.question : '总体回应',
      order,
    });
  });
  return facts;
}
