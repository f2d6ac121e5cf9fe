// The search engine: loads the built index and finds the entries that answer a message, or may be what it means.

import MiniSearch, { type Options } from 'minisearch';
import { type Glossary, loadGlossary } from '../hearing/glossary.js';
import { bodyOf, type Entry, type Hearing, paragraphsOf, personOf } from '../hearing/model.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR, INDEX_DIR } from '../paths.js';
import { type Analyser, createAnalyser } from './analyse.js';
import { artefactPaths, HearingsFileSchema, type SearchFile, SearchFileSchema } from './artefacts.js';
import { type ClauseReader, createClauseReader } from './clauses.js';
import {
  type Candidate,
  hitOf,
  MAX_GUESSES,
  type MatchTier,
  MIN_CANDIDATE_COVERAGE,
  type SearchHit,
  tierOf,
  uncoveredTopic,
} from './confidence.js';
import { entriesOf, FIELD_BOOSTS, FIELDS, refOf } from './documents.js';
import { createEnglishReader } from './english.js';
import { ensureFreshIndex } from './freshness.js';
import { type Correction, createHomophones } from './homophones.js';
import { createNormaliser } from './normalise.js';
import { createPeopleFinder, type PeopleFinder, type PersonReference } from './people.js';
import { createPinnedAnswers, type PinIndex, type PinnedAnswers, readPinIndex } from './pins.js';
import { loadSegmenter } from './segment.js';

export type { Correction, MatchTier, PersonReference, SearchHit };

export interface SearchOptions {
  /** At most this many hits. Default 5. */
  limit?: number;
}

/** Where to load from; defaults are the project's `data/` and `index/`. */
export interface EngineOptions {
  indexDir?: string;
  dataDir?: string;
  /** Rebuild the index when data/ changed since it was built, instead of refusing. Default: `HEARING_REBUILD_INDEX`. */
  rebuild?: boolean;
}

/** Longer questions are cut here before search: no real question is longer, and noise must stay cheap. */
export const MAX_QUERY_CHARS = 200;

/**
 * Finds the Q&A entries that answer a question, or none when nothing in the hearing is relevant.
 * @example const engine = loadEngine(); engine.search('经开区汽车怎么说')[0]?.entry.id // 'q5'
 */
export class SearchEngine {
  readonly hearings: readonly Hearing[];
  readonly glossary: Glossary;
  /** Every Q&A item and closing response, in transcript order. */
  readonly entries: readonly Entry[];
  readonly analyser: Analyser;
  readonly #miniSearch: MiniSearch;
  readonly #entryByDocId: readonly Entry[];
  readonly #documentFrequency: ReadonlyMap<string, number>;
  /** Normalised body name or alias → printed body name. */
  readonly #bodyByName: ReadonlyMap<string, string>;
  /** Normalised person name → that person's entries. */
  readonly #entriesByPerson: ReadonlyMap<string, Entry[]>;
  readonly #synonyms: ReadonlyMap<string, string[]>;
  /** Single characters that say nothing (想, 在, 要): jieba's guesses sometimes glue one to a word (村想). */
  readonly #stopCharacters: ReadonlySet<string>;
  readonly #everydayIdf: ReadonlyMap<string, number>;
  /** Normalised full text of each entry, for words the segmenter cut differently in the question (出村). */
  readonly #textByEntry: ReadonlyMap<Entry, string>;
  /** Questions staff pinned to an answer (data/pins.json): always answered so, first. */
  readonly pins: PinnedAnswers;
  readonly #english: (text: string) => string;
  readonly #clauses: ClauseReader;
  readonly #people: PeopleFinder;
  readonly #homophones: (text: string) => { text: string; corrections: Correction[] };

  constructor(parts: {
    hearings: Hearing[];
    glossary: Glossary;
    miniSearch: MiniSearch;
    analyser: Analyser;
    search: Pick<
      SearchFile,
      'refs' | 'documentFrequency' | 'everydayIdf' | 'synonyms' | 'bodyNames' | 'lexicon' | 'homophones'
    >;
    pins?: PinIndex;
  }) {
    this.hearings = parts.hearings;
    this.glossary = parts.glossary;
    this.entries = entriesOf(parts.hearings);
    this.analyser = parts.analyser;
    this.#miniSearch = parts.miniSearch;
    const byRef = new Map(this.entries.map((e) => [refOf(e), e]));
    this.#entryByDocId = parts.search.refs.map((ref) => {
      const entry = byRef.get(ref);
      if (!entry) throw new Error(`engine: index refers to ${ref}, which the hearings do not have (run npm run index)`);
      return entry;
    });
    this.#documentFrequency = new Map(Object.entries(parts.search.documentFrequency));
    const [everyday, idfs] = parts.search.everydayIdf;
    this.#everydayIdf = new Map(everyday.map((word, i) => [word, idfs[i] ?? EVERYDAY_MAX_IDF]));
    const norm = parts.analyser.normalise;
    this.#textByEntry = new Map(
      this.entries.map((e) => [e, norm([e.kind === 'qa' ? e.question : '', ...paragraphsOf(e)].join('\n'))]),
    );
    this.#bodyByName = new Map(Object.entries(parts.search.bodyNames));
    const byPerson = new Map<string, Entry[]>();
    for (const e of this.entries) {
      const name = norm(personOf(e).name);
      byPerson.set(name, [...(byPerson.get(name) ?? []), e]);
    }
    this.#entriesByPerson = byPerson;
    this.#synonyms = new Map(Object.entries(parts.search.synonyms));
    this.#stopCharacters = new Set(parts.search.lexicon.stopWords.filter((w) => [...w].length === 1));
    this.#english = createEnglishReader(
      Object.fromEntries(
        Object.entries(parts.glossary.synonyms).map(([word, targets]) => [norm(word), targets.map(norm)]),
      ),
    );
    this.#clauses = createClauseReader(parts.search.lexicon.chat);
    this.#people = createPeopleFinder(
      this.entries,
      norm,
      parts.analyser.standsAlone,
      parts.search.lexicon.chat.surnames,
    );
    // As written in the hearing: the entries, and each person's name beside their title (李蕾委员, 副主任胡树华).
    const hearingText = [
      ...this.#textByEntry.values(),
      ...this.entries.map((e) =>
        norm(`${personOf(e).name}${personOf(e).title} ${personOf(e).title}${personOf(e).name}`),
      ),
      ...this.#bodyByName.keys(),
    ].join('\n');
    this.#homophones = createHomophones(parts.search.homophones, {
      inHearing: (text) => hearingText.includes(text),
      everyday: (word) => this.#everydayIdf.has(word),
    });
    this.pins = createPinnedAnswers(parts.pins ?? {}, (ref) => byRef.get(ref), norm);
  }

  /**
   * Searches the hearing: the confident answers only (see {@link consult} for guesses), a pinned question's pinned
   * entry first. Never throws on any string; returns `[]` for anything out of scope.
   * @example engine.search('汉融通').map((h) => h.entry.id) // ['q7']
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.consult(query, options).answers;
  }

  /**
   * What the hearing offers for a message: confident answers first (`match: 'answer'`); when there is none, up to
   * three likely items as guesses (`match: 'guess'`, for 「你是不是想问」); both empty for anything out of scope.
   * `people` lists the references to people the message makes, each with everyone it fits (陈副主任: 陈光菊 and
   * 陈新垓), so a reply can show each and say so.
   * @example engine.consult('各位好，想问下汉融通是啥意思？谢谢').answers[0]?.entry.id // 'q7'
   * @example engine.consult('陈副主任问了什么').people[0]?.people.map((p) => p.name) // ['陈光菊', '陈新垓']
   */
  consult(query: string, options: SearchOptions = {}): Consultation {
    const limit = Math.max(options.limit ?? 5, 0);
    const reading = this.#read(query);
    const whole = this.#candidates(reading.whole);
    const wholeCoverage = new Map(whole.map((c) => [c.entry, c.coverage]));
    // The message as a whole, then each sentence and each clause: a long message is answered by the part that asks.
    const seen = new Set([reading.whole.words.join(' ')]);
    // A part is worth a search only if it names someone or shares a word with the hearing (a lone character is no
    // evidence).
    const parts = [...reading.sentences, ...reading.clauses]
      .filter(
        (part) =>
          part.bodies.size + part.people.size > 0 ||
          part.groups.some((g) => g.terms.length > 0 && [...g.word].length > 1),
      )
      .filter((part) => !seen.has(part.words.join(' ')) && seen.add(part.words.join(' ')))
      .slice(0, MAX_PARTS);
    const answers: SearchHit[] = [];
    const guesses: SearchHit[] = [];
    for (const [view, part] of [reading.whole, ...parts].entries()) {
      const ranked = view === 0 ? whole : this.#candidates(part);
      const context = {
        wholeCoverage: view === 0 ? undefined : (entry: Entry) => wholeCoverage.get(entry) ?? 0,
        uncoveredTopic: uncoveredTopic(part.groups),
      };
      ranked.forEach((candidate, rank) => {
        const match = tierOf(candidate, rank, ranked, context);
        const tier = match === 'answer' ? answers : match === 'guess' ? guesses : undefined;
        if (tier && !tier.some((h) => h.entry === candidate.entry)) tier.push(hitOf(candidate, match!));
      });
    }
    const people = reading.whole.references;
    // A question staff pinned (data/pins.json) is answered with its pinned entry first, whatever else matches.
    const pinned = this.pins.lead<SearchHit>(query, answers, limit, (entry, score) => ({
      entry,
      match: 'answer',
      score,
      coverage: 1,
    }));
    if (pinned.length > 0) return { answers: pinned.slice(0, limit), guesses: [], people };
    guesses.sort((a, b) => b.coverage - a.coverage);
    return { answers: [], guesses: guesses.slice(0, Math.min(limit, MAX_GUESSES)), people };
  }

  /**
   * How the engine reads a message: its content words, the bodies and people it names (by name, by surname and
   * title, by role or order), what each word weighs, the references to people and the misheard words it corrected.
   */
  explain(query: string): MessageReading {
    return this.#read(query).whole;
  }

  /**
   * The message as sentences that may ask something (greetings, thanks and retractions dropped), their clauses,
   * and as a whole. Each clause is read once; sentences and the whole are made of their clauses' readings.
   */
  #read(query: string): { whole: MessageReading; sentences: MessageReading[]; clauses: MessageReading[] } {
    // English is read after the message is cut: the space between two English words ends no sentence.
    const kept = this.#clauses(this.analyser.normalise(String(query).slice(0, MAX_QUERY_CHARS)));
    const bySentence = kept.map((sentence) =>
      this.#english(sentence)
        .split(',')
        .map((c) => this.#readClause(c)),
    );
    return {
      whole: merged(bySentence.flat()),
      sentences: bySentence.map(merged),
      clauses: bySentence.flatMap((clauses) => (clauses.length > 1 ? clauses : [])),
    };
  }

  #readClause(clause: string): MessageReading {
    const { references, rest } = this.#people.find(clause);
    let words = this.analyser.contentWords(rest);
    let corrections: Correction[] = [];
    if (words.some((w) => this.#unknown(w))) {
      const corrected = this.#homophones(rest);
      if (corrected.corrections.length > 0) {
        words = this.analyser.contentWords(corrected.text);
        corrections = corrected.corrections;
      }
    }
    const bodies = new Set<string>();
    const people = new Set<Entry>(references.flatMap((r) => r.people.flatMap((p) => p.entries)));
    // Someone the hearing does not have (张副主任, 第二十个提问的) weighs like a topic it does not cover.
    const groups: WordGroup[] = references
      .filter((r) => r.people.length === 0)
      .map((r) => ({
        word: r.text,
        terms: [],
        weight: UNKNOWN_WORD_WEIGHT * Math.log(1 + 2 * this.#entryByDocId.length),
      }));
    for (const word of words.flatMap((w) => this.#unglued(w))) {
      const body = this.#bodyByName.get(word);
      const person = this.#entriesByPerson.get(word);
      if (body) bodies.add(body);
      else if (person) person.forEach((e) => people.add(e));
      else groups.push(this.#group(word, this.#entryByDocId.length));
    }
    return { words, bodies, people, groups, references, corrections };
  }

  /**
   * A word jieba guessed by gluing a character that says nothing to a word of the hearing (村想 from 我们村想搞,
   * 区要 from 先行区要建) is read as that word alone; any other word as it is.
   */
  #unglued(word: string): string[] {
    const chars = [...word];
    if (chars.length < 2 || !this.#unknown(word)) return [word];
    const [first, last] = [chars[0]!, chars.at(-1)!];
    const head = chars.slice(0, -1).join('');
    const tail = chars.slice(1).join('');
    if (this.#stopCharacters.has(last) && !this.#unknown(head)) return [head];
    if (this.#stopCharacters.has(first) && !this.#unknown(tail)) return [tail];
    return [word];
  }

  /** A word that is no name and that neither the hearing nor a synonym knows (a homophone may be meant). */
  #unknown(word: string): boolean {
    return !this.#bodyByName.has(word) && !this.#entriesByPerson.has(word) && this.#knownTerms(word).length === 0;
  }

  /** The entries that match one reading, best first, with the evidence for each. */
  #candidates(reading: MessageReading): Candidate[] {
    const { words, bodies, people, groups } = reading;
    const weighed = groups.filter((g) => g.weight > 0);
    const mentioned = (e: Entry) => bodies.has(bodyOf(e)) || people.has(e);
    const mentionCount = bodies.size + (people.size > 0 ? 1 : 0);

    if (weighed.length === 0) {
      // Only names: every entry of that body or person, in transcript order.
      return this.entries
        .filter(mentioned)
        .map((entry, i, all) => ({ entry, score: all.length - i, coverage: 1, matched: MENTION_WEIGHT, named: true }));
    }

    const terms = [
      ...new Set([
        ...weighed.flatMap((g) => g.terms),
        ...words.filter((w) => this.#bodyByName.has(w) || this.#entriesByPerson.has(w)),
      ]),
    ];
    const total = weighed.reduce((s, g) => s + g.weight, 0) + mentionCount * MENTION_WEIGHT;
    const candidates: Candidate[] = [];
    const questionWords = weighed.map((g) => g.word);
    // Single characters (新, 大) occur everywhere: they may count towards coverage but must not decide the ranking.
    const boostTerm = (term: string) => ([...term].length > 1 ? 1 : SINGLE_CHARACTER_BOOST);
    for (const result of this.#miniSearch.search(
      { queries: terms, combineWith: 'OR' },
      { boost: { ...FIELD_BOOSTS }, boostTerm },
    )) {
      const entry = this.#entryByDocId[result.id as number]!;
      const matched = new Set(result.terms);
      const text = this.#textByEntry.get(entry)!;
      // A word the entry holds as written counts even where the segmenter cut the entry differently (出村, 线上).
      const matchedGroups = weighed.filter((g) => g.terms.some((t) => matched.has(t)) || text.includes(g.word));
      const mentionCovered = Math.min((bodies.has(bodyOf(entry)) ? 1 : 0) + (people.has(entry) ? 1 : 0), mentionCount);
      const evidence = matchedGroups.reduce((s, g) => s + g.weight, 0) + mentionCovered * MENTION_WEIGHT;
      const coverage = evidence / total;
      if (coverage < MIN_CANDIDATE_COVERAGE) continue;
      const runs = literalRuns(questionWords, text);
      // A lone shared character (好, 车) is no evidence: a hit needs a shared word, a named body or person, or
      // three characters of the question standing together in the entry (做大做强).
      if (!(mentionCovered > 0 || matchedGroups.some((g) => [...g.word].length > 1) || runs.longest >= 3)) continue;
      // Question words standing side by side in the entry (新兴领域, 应用场景) beat the same words far apart.
      const together = 1 + (TOGETHER_BONUS * runs.pairs) / Math.max(1, weighed.length - 1);
      candidates.push({
        entry,
        score: result.score * coverage * together * (mentioned(entry) ? MENTION_FACTOR : 1),
        coverage,
        matched: evidence,
        named: false,
      });
    }
    return candidates.sort((a, b) => b.score - a.score);
  }

  /** A query word with the index terms that stand for it and how much it says about which entry is meant. */
  #group(word: string, n: number): WordGroup {
    let known = this.#knownTerms(word);
    // Only a word of three characters or more can be made of shorter words of two or more.
    if (known.length === 0 && [...word].length > 2) {
      // An unknown compound may still be made of known words (不敢转型 → 不敢, 转型; 市属国企 → 市属, 国企 → 国有企业),
      // but only wholly: 养老金 is not 养老.
      const pieces = this.analyser.indexTerms(word).filter((t) => t !== word && [...t].length > 1);
      const covered = new Set<number>();
      const terms: string[] = [];
      for (const piece of pieces) {
        const pieceTerms = this.#knownTerms(piece);
        if (pieceTerms.length === 0) continue;
        terms.push(...pieceTerms);
        for (let at = word.indexOf(piece); at >= 0; at = word.indexOf(piece, at + 1))
          for (let i = 0; i < piece.length; i++) covered.add(at + i);
      }
      if (covered.size === word.length) known = [...new Set(terms)];
    }
    if (known.length === 0) {
      // An unknown word names a topic the hearing did not cover, the more so the rarer it is in general Chinese
      // (疫情 weighs more than any hearing word, 改革 less). A lone unknown character says less, but not nothing
      // (宽带坏了找谁修: 坏 and 修 make it a repair request, not a question about broadband policy).
      if ([...word].length < 2) return { word, terms: [], weight: UNKNOWN_CHARACTER_WEIGHT };
      return {
        word,
        terms: [],
        weight: UNKNOWN_WORD_WEIGHT * Math.log(1 + 2 * n) * this.#topical(word, UNKNOWN_WORD_FLOOR),
        rare: !this.#everydayIdf.has(word),
      };
    }
    // Rare in the hearing and topical in general: 算力 says much; 提高 is rare in 19 answers but says little.
    const df = Math.min(...known.map((t) => this.#documentFrequency.get(t)!));
    return { word, terms: known, weight: Math.log(1 + n / df) * this.#topical(word, KNOWN_WORD_FLOOR) };
  }

  /** How topical a word is in general Chinese, from `floor` (everyday words: 情况, 提高) to 1 (疫情, 算力). */
  #topical(word: string, floor: number): number {
    const idf = this.#everydayIdf.get(word) ?? EVERYDAY_MAX_IDF;
    return Math.min(1, Math.max(floor, (idf - 4) / (EVERYDAY_MAX_IDF - 4)));
  }

  /** The word itself and its synonyms, as far as the index has them. */
  #knownTerms(word: string): string[] {
    return [...new Set([word, ...(this.#synonyms.get(word) ?? [])])].filter((t) => this.#documentFrequency.has(t));
  }
}

/** The engine's reply to one message (see {@link SearchEngine.consult}). */
export interface Consultation {
  /** Confident answers, best first, at most `limit`: the first is the reply, the others related items. */
  answers: SearchHit[];
  /** Only when there is no answer: up to three likely entries, best first, to offer as 「你是不是想问」. */
  guesses: SearchHit[];
  /**
   * Every reference to people the message makes, in order, with everyone it fits: one person (胡副主任), several
   * (陈副主任: 陈光菊 and 陈新垓, each with their entries), or nobody in the hearing (张副主任: `people: []`).
   */
  people: PersonReference[];
}

/** How the engine reads a message (see {@link SearchEngine.explain}). */
export interface MessageReading {
  /** Content words, in order: fillers, greetings and retracted clauses left out, misheard words corrected. */
  words: string[];
  /** Printed names of the bodies it names. */
  bodies: Set<string>;
  /** Entries of the people it names, by name or by reference. */
  people: Set<Entry>;
  /** Every other word, with the index terms that stand for it and its weight. */
  groups: WordGroup[];
  references: PersonReference[];
  corrections: Correction[];
}

export interface WordGroup {
  word: string;
  terms: string[];
  weight: number;
  /** Not an everyday word of general Chinese (疫情, 汉融通; not 效率). */
  rare?: boolean;
}

/** Matches the build's cut-off for everyday words; words missing from that table are rarer. */
const EVERYDAY_MAX_IDF = 7.5;
/** An unknown topical word outweighs the rarest hearing word (ln(1+n)): a question about 疫情 is not about 防控 in general. */
const UNKNOWN_WORD_WEIGHT = 1.5;
/** The least share of its weight an everyday word keeps: a hearing word (提高, 政策) keeps more than an unknown one (改革). */
const KNOWN_WORD_FLOOR = 0.6;
const UNKNOWN_WORD_FLOOR = 0.15;
/** What an unknown single character weighs: about as much as a common hearing word (政策 1.6). */
const UNKNOWN_CHARACTER_WEIGHT = 1.5;
/** An entry holding every pair of adjacent question words as written scores up to 1 + this times more. */
const TOGETHER_BONUS = 3;
/** How much a single-character term counts in the ranking, against 1 for a word. */
const SINGLE_CHARACTER_BOOST = 0.2;
/** A message is read in at most this many sentences and clauses besides the whole: real ones have fewer. */
const MAX_PARTS = 8;
/** How much naming a body or a person counts, against a rare word's ~3. */
const MENTION_WEIGHT = 3;
/** Entries of a named body or person rank above other matches. */
const MENTION_FACTOR = 2;

/** One reading of several clauses read one by one. */
function merged(readings: readonly MessageReading[]): MessageReading {
  if (readings.length === 1) return readings[0]!;
  const all: MessageReading = {
    words: [],
    bodies: new Set(),
    people: new Set(),
    groups: [],
    references: [],
    corrections: [],
  };
  for (const r of readings) {
    all.words.push(...r.words);
    for (const body of r.bodies) all.bodies.add(body);
    for (const entry of r.people) all.people.add(entry);
    all.groups.push(...r.groups);
    all.references.push(...r.references);
    all.corrections.push(...r.corrections);
  }
  return all;
}

/**
 * How the question's words stand in an entry's text: how many adjacent pairs appear as written, and the length in
 * characters of the longest run of consecutive words that does.
 */
function literalRuns(words: readonly string[], text: string): { pairs: number; longest: number } {
  let pairs = 0;
  let longest = 0;
  let run = '';
  for (const word of words) {
    if (run && text.includes(run + word)) {
      pairs++;
      run += word;
    } else {
      run = text.includes(word) ? word : '';
    }
    longest = Math.max(longest, [...run].length);
  }
  return { pairs, longest };
}

/** MiniSearch options shared by the build and the engine: fields arrive pre-analysed as space-separated terms. */
export function miniSearchOptions(): Options {
  return {
    fields: FIELDS,
    idField: 'id',
    tokenize: (text) => text.split(' ').filter(Boolean),
    processTerm: (term) => term,
    searchOptions: { boost: { ...FIELD_BOOSTS }, combineWith: 'OR', prefix: false, fuzzy: false },
  };
}

/** Loads the engine from the built index (see `npm run index`); throws with the file at fault when it is missing or malformed. */
export function loadEngine(options: EngineOptions = {}): SearchEngine {
  const indexDir = options.indexDir ?? INDEX_DIR;
  const paths = artefactPaths(indexDir);
  ensureFreshIndex({ indexDir, dataDir: options.dataDir ?? DATA_DIR, rebuild: options.rebuild });
  const index = { room: 'engine', fix: ' (run npm run index)' };
  const hearings = readJsonFile(paths.hearings, HearingsFileSchema, index);
  const search = readJsonFile(paths.search, SearchFileSchema, index);
  const glossary = loadGlossary(`${options.dataDir ?? DATA_DIR}/glossary.json`);
  const analyser = createAnalyser(
    loadSegmenter(paths.jieba),
    search.lexicon,
    createNormaliser(new Set(search.traditional)),
  );
  const miniSearch = MiniSearch.loadJS(
    search.miniSearch as Parameters<typeof MiniSearch.loadJS>[0],
    miniSearchOptions(),
  );
  const pins = readPinIndex(indexDir);
  return new SearchEngine({ hearings, glossary, miniSearch, analyser, search, pins });
}
