// The JSON the page embeds for its search box (#search-data): written at build time (search-data.ts), read in the browser.

/** Embedded in the page as JSON; the page's script (page-search.ts) reads it once on load. */
export interface SearchData {
  /** Card ids; `words` refers to cards by their place in this list. */
  cards: string[];
  /**
   * Word → its dictionary frequency, then pairs of card number and score: the cards the bot answers the word with
   * when asked it alone, best first. The page cuts a query into these words the way jieba does (most probable path).
   */
  words: Record<string, number[]>;
  /** Sum of the dictionary's frequencies, words not listed included. */
  total: number;
  /** Words that name an answering body (`b`) or a person (`p`): the bot routes to their cards. */
  names: Record<string, NameKind>;
  /** The glossary's chat words and generic words, dropped from a query. */
  stopWords: string[];
  /** The glossary's chat phrases of two or more characters, longest first, cut out before segmentation. */
  fillerPhrases: string[];
  /** Traditional → Simplified, character pairs in one string (`經经開开…`). */
  traditional: string;
  /** Taiwan phrasings → the page's words, as pairs, longest first (資訊 → 信息, 網際網路 → 互联网). */
  phrases: string[];
  /** Pinned questions, by key (search/pins.ts `questionKey`) → card number: that card comes first for them. */
  pins: Record<string, number>;
}

/** What a name names: an answering body (`b`) or a person (`p`). */
export type NameKind = 'b' | 'p';
