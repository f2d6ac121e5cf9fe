// The search engine: loads the built index and finds the entries that answer a message, or may be what it means.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'minisearch';
import { RUN_INDEX } from '../errors.js';
import { type AskingWords, loadAskingWords } from '../hearing/asking.js';
import { citiesFile, loadCities } from '../hearing/cities.js';
import { type Glossary, loadGlossary } from '../hearing/glossary.js';
import { bodyOf, type Entry, type Hearing, personOf } from '../hearing/model.js';
import { DATA_DIR, INDEX_DIR } from '../paths.js';
import { type Analyser, createAnalyser } from './analyse.js';
import { createAskedPartyFinder } from './asked-party.js';
import { createClauseReader, questionCue } from './clauses.js';
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
import { createDialectReader } from './dialect.js';
import { entriesOf, FIELD_BOOSTS, FIELDS, refOf } from './documents.js';
import { createEnglishReader } from './english.js';
import { type EntryTexts, entryTexts } from './entry-texts.js';
import { ensureFreshIndex } from './freshness.js';
import { hearingTextFinder } from './hearing-text.js';
import { type Correction, createHomophones, createReadings, createSoundsAlike } from './homophones.js';
import {
  EVERYDAY_MAX_IDF,
  HearingsFileSchema,
  indexReader,
  readManifest,
  type SearchFile,
  SearchFileSchema,
} from './index-files.js';
import { entriesByPerson } from './names.js';
import { createNormaliser } from './normalise.js';
import { createPeopleFinder, type PersonReference } from './people.js';
import { createPinnedAnswers, type PinIndex, PinIndexSchema, type PinnedAnswers } from './pins.js';
import { postingsFile } from './postings.js';
import {
  isHearingWord,
  MAX_QUERY_CHARS,
  MessageReader,
  type MessageReading,
  namesSomething,
  type WordGroup,
} from './read-message.js';
import { bestFirst, type CandidateRetriever, postingsRetriever, type Retrieval } from './retrieval.js';
import { buildRoster, createNameSpeller, type Roster } from './roster.js';
import { loadSegmenter } from './segment.js';

export type { Correction, MatchTier, MessageReading, PersonReference, SearchHit, WordGroup };
export { MAX_QUERY_CHARS };

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
  /** The caller has just checked that the index is built from `dataDir` (the index build, checking what it wrote). */
  checked?: boolean;
}

/**
 * Finds the Q&A entries that answer a question, or none when nothing in the hearing is relevant.
 * @example const engine = loadEngine(); engine.search('经开区汽车怎么说')[0]?.entry.id // 'q5'
 */
export class SearchEngine {
  readonly hearings: readonly Hearing[];
  readonly glossary: Glossary;
  /** Every Q&A item and closing response, in transcript order: the order of the index's `refs`, so an entry's position
   * is its document id in retrieval. */
  readonly entries: readonly Entry[];
  readonly analyser: Analyser;
  readonly #retriever: CandidateRetriever;
  /** Each body's entries and their positions, so naming a body reads its postings, not every entry. */
  readonly #entriesByBody: ReadonlyMap<string, readonly Entry[]>;
  readonly #positionsByBody: ReadonlyMap<string, Int32Array>;
  /** Each entry's position, made when a message first names a person (a map of 20,000 entries costs start time). */
  #positions: Map<Entry, number> | undefined;
  /** Which positions the current message's bodies and people name: reused, as retrieval's own scratch space is. */
  #mentioned = new Uint8Array(0);
  /** Working space for picking the likeliest of many retrieved entries. */
  #scratch = new Float64Array(0);
  /** Normalised full text of each entry by its position in `refs`, for words the segmenter cut differently in the
   * question (出村). */
  readonly #texts: EntryTexts;
  /** Questions staff pinned to an answer (data/pins.json): always answered so, first. */
  readonly pins: PinnedAnswers;
  readonly #reader: MessageReader;
  /** How messages ask about people, order, the closing and other places (data/asking.json). */
  readonly asking: AskingWords;
  /** Each hearing's people and order, in the order the hearings are loaded. */
  readonly rosters: readonly Roster[];
  /** Each hearing's roster by the hearing's id: a people or order question looks up one of a thousand at once. */
  readonly #rosterById: ReadonlyMap<string, Roster>;
  /** Whether two characters may sound alike (王/汪), from the index's pinyin table. */
  readonly soundsAlike: (a: string, b: string) => boolean;
  /**
   * A message as the engine reads it before cutting it up: normalised (Traditional, width, case), dialect words as
   * standard ones, misheard names as printed, English words as the hearing's. A property, not a method, so that a
   * copy of the engine with one part replaced (`{ ...engine, consult }`) still has it.
   * @example engine.plain('王市长收尾咋讲的') // '汪元程收尾怎么讲的'
   */
  readonly plain = (query: string): string => this.#reader.plain(query);

  /** The roster of the hearing with this id (undefined for one the index does not hold); a property, as `plain` is. */
  readonly rosterOf = (hearingId: string): Roster | undefined => this.#rosterById.get(hearingId);

  constructor(parts: {
    hearings: Hearing[];
    glossary: Glossary;
    /** Candidate retrieval: index/postings.bin read in place (loadEngine), or another engine (see retrieval.ts). */
    retriever: CandidateRetriever;
    analyser: Analyser;
    search: Pick<
      SearchFile,
      'refs' | 'documentFrequency' | 'everydayIdf' | 'synonyms' | 'bodyNames' | 'lexicon' | 'homophones'
    >;
    /** Each entry's normalised text, in the order of `search.refs` (index/texts.bin). */
    texts: EntryTexts;
    pins?: PinIndex;
    asking?: AskingWords;
  }) {
    this.hearings = parts.hearings;
    this.glossary = parts.glossary;
    this.entries = entriesOf(parts.hearings);
    this.analyser = parts.analyser;
    this.#retriever = parts.retriever;
    const byBody = new Map<string, Entry[]>();
    const positions = new Map<string, number[]>();
    this.entries.forEach((e, i) => {
      const own = byBody.get(bodyOf(e));
      if (own) {
        own.push(e);
        positions.get(bodyOf(e))!.push(i);
      } else {
        byBody.set(bodyOf(e), [e]);
        positions.set(bodyOf(e), [i]);
      }
    });
    this.#entriesByBody = byBody;
    this.#positionsByBody = new Map([...positions].map(([body, at]) => [body, Int32Array.from(at)]));
    // The build lists the entries in `refs` in this order; an index that does not is another build's.
    const { refs } = parts.search;
    refs.forEach((ref, i) => {
      const entry = this.entries[i];
      if (!entry || refOf(entry) !== ref)
        throw new Error(`engine: index refers to ${ref}, which the hearings do not have there${RUN_INDEX}`);
    });
    if (refs.length !== this.entries.length)
      throw new Error(`engine: index lists ${refs.length} entries, the hearings ${this.entries.length}${RUN_INDEX}`);
    const [everyday, idfs] = parts.search.everydayIdf;
    const everydayIdf = new Map(everyday.map((word, i) => [word, idfs[i] ?? EVERYDAY_MAX_IDF]));
    const norm = parts.analyser.normalise;
    // No closure made here may mention `parts`: the engine's lasting closures share this scope, and would keep the
    // whole of search.json alive (its MiniSearch index as parsed JSON: ~80 MB at a thousand hearings).
    const texts = parts.texts;
    if (texts.length !== this.entries.length)
      throw new Error(`engine: texts.bin holds ${texts.length} texts for ${this.entries.length} entries${RUN_INDEX}`);
    this.#texts = texts;
    const surnames = parts.search.lexicon.chat.surnames;
    const bodyByName = new Map(Object.entries(parts.search.bodyNames));
    this.asking = parts.asking ?? NO_ASKING_WORDS;
    this.soundsAlike = createSoundsAlike(parts.search.homophones);
    this.rosters = this.hearings.map((h) => buildRoster(h, this.asking, this.soundsAlike, surnames));
    this.#rosterById = new Map(this.rosters.map((r) => [r.hearing.id, r]));
    const dialect = createDialectReader(this.asking.dialect);
    const spellNames = createNameSpeller(this.rosters, this.asking, createReadings(parts.search.homophones), surnames);
    const respell = (text: string) => spellNames(dialect(text));
    // As written in the hearing: the entries, and each person's name beside their title (李蕾委员, 副主任胡树华). Read
    // whole only when a message first needs it: decoding every entry's text would double the start of a large archive.
    const hearingText = hearingTextFinder(() => [
      ...texts.all(),
      ...this.entries.map((e) =>
        norm(`${personOf(e).name}${personOf(e).title} ${personOf(e).title}${personOf(e).name}`),
      ),
      ...bodyByName.keys(),
    ]);
    const byPerson = entriesByPerson(this.entries, norm);
    this.#reader = new MessageReader({
      analyser: parts.analyser,
      respell,
      clauses: createClauseReader(parts.search.lexicon.chat),
      asks: questionCue(parts.search.lexicon.chat),
      askedParty: createAskedPartyFinder(this.asking.askedParty),
      // Only a word without Chinese characters can be English: normalising the thousands of others at every start
      // would be wasted.
      english: createEnglishReader(
        Object.fromEntries(
          Object.entries(parts.glossary.synonyms)
            .filter(([word]) => !HAN.test(word))
            .map(([word, targets]) => [norm(word), targets.map(norm)]),
        ),
      ),
      people: createPeopleFinder(this.entries, norm, parts.analyser.standsAlone, surnames, byPerson),
      homophones: createHomophones(parts.search.homophones, {
        inHearing: hearingText,
        everyday: (word) => everydayIdf.has(word),
      }),
      bodyByName,
      entriesByPerson: byPerson,
      synonyms: new Map(Object.entries(parts.search.synonyms)),
      documentFrequency: new Map(Object.entries(parts.search.documentFrequency)),
      documentsWith: this.#documentsWith,
      everydayIdf,
      stopCharacters: new Set(parts.search.lexicon.stopWords.filter((w) => [...w].length === 1)),
      modifiers: new Set(parts.glossary.modifiers.map(norm)),
      documents: this.entries.length,
    });
    let byRef: Map<string, Entry> | undefined;
    const entries = this.entries;
    this.pins = createPinnedAnswers(
      parts.pins ?? {},
      (ref) => (byRef ??= new Map(entries.map((e) => [refOf(e), e]))).get(ref),
      norm,
    );
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
    // One message is consulted by several replies in turn (which hearing it asks, then its answer): the last one's
    // whole result is kept, and each call takes its own share.
    if (this.#lastConsulted?.query !== query) this.#lastConsulted = { query, ...this.#consultAll(query) };
    const { answers, guesses, people } = this.#lastConsulted;
    // A question staff pinned (data/pins.json) is answered with its pinned entry first, whatever else matches.
    const ledAnswers = this.pins.lead<SearchHit>(query, answers, limit, (entry, score) => ({
      entry,
      match: 'answer',
      score,
      coverage: 1,
    }));
    if (ledAnswers.length > 0) return { answers: ledAnswers.slice(0, limit), guesses: [], people };
    return { answers: [], guesses: guesses.slice(0, Math.min(limit, MAX_GUESSES)), people };
  }
  #lastConsulted?: { query: string } & Consultation;

  /** Every answer and every guess (best covered first) of a message, before pins lead and limits cut. */
  #consultAll(query: string): Consultation {
    const reading = this.#reader.read(query);
    const whole = this.#candidates(reading.whole);
    const wholeCoverage = new Map(whole.map((c) => [c.entry, c.coverage]));
    // The message as a whole, then each sentence and each clause: a long message is answered by the part that asks.
    const seen = new Set([reading.whole.words.join(' ')]);
    // A part is worth a search only if it shares a word with the hearing (a lone character is no evidence), names
    // someone, or names a body while the message has no topic of the hearing's or asks about that body: in
    // 「我们在光谷那边，想问软件名城怎么建」 光谷 is where the writer sits, and the question is the other part; in
    // 「听说要搞自动驾驶，经开区那边是怎么说的」 the part that asks is about 经开区. A part that tells the writer's story
    // (我爸妈在农村种地) while another part asks the question may suggest an item, never answer with one.
    const allParts = [...reading.sentences, ...reading.clauses];
    const someAsk = allParts.some((part) => part.asks);
    const found = new Map<MessageReading, Candidate[]>();
    const candidatesOf = (part: MessageReading) =>
      found.get(part) ?? found.set(part, this.#candidates(part)).get(part)!;
    const asking = askingEntries(reading.clauses.length > 0 ? reading.clauses : reading.sentences, candidatesOf);
    const topical = (part: MessageReading) => part.groups.some(isHearingWord);
    const wholeTopical = topical(reading.whole);
    const parts = allParts
      .filter((part) => topical(part) || part.people.size > 0 || (part.bodies.size > 0 && (!wholeTopical || part.asks)))
      .filter((part) => !seen.has(part.words.join(' ')) && seen.add(part.words.join(' ')))
      .slice(0, MAX_PARTS);
    const answers: SearchHit[] = [];
    const guesses: SearchHit[] = [];
    // Which entries each tier holds already: a body named alone may bring thousands of entries in a large archive.
    const inTier = new Map<SearchHit[], Set<Entry>>([
      [answers, new Set()],
      [guesses, new Set()],
    ]);
    for (const [view, part] of [reading.whole, ...parts].entries()) {
      const ranked = view === 0 ? whole : candidatesOf(part);
      const context = {
        wholeCoverage: view === 0 ? undefined : (entry: Entry) => wholeCoverage.get(entry) ?? 0,
        uncoveredTopic: uncoveredTopic(part.groups),
      };
      ranked.forEach((candidate, rank) => {
        const told = view === 0 ? asking !== undefined && !asking.has(candidate.entry) : someAsk && !part.asks;
        const judged = tierOf(candidate, rank, ranked, context);
        const match = told && judged === 'answer' ? 'guess' : judged;
        const tier = match === 'answer' ? answers : match === 'guess' ? guesses : undefined;
        if (tier && !inTier.get(tier)!.has(candidate.entry)) {
          inTier.get(tier)!.add(candidate.entry);
          tier.push(hitOf(candidate, match!));
        }
      });
    }
    guesses.sort((a, b) => b.coverage - a.coverage);
    return { answers, guesses, people: reading.whole.references };
  }

  /**
   * How the engine reads a message: its content words, the bodies and people it names (by name, by surname and
   * title, by role or order), what each word weighs, the references to people and the misheard words it corrected.
   */
  read(query: string): MessageReading {
    return this.#reader.read(query).whole;
  }

  /**
   * How many entries hold any of the terms. Asked mostly of the synonyms' term sets, so counts are kept; an unknown
   * compound's pieces make new sets, so the store is emptied when it grows large.
   */
  readonly #documentsWith = (terms: readonly string[]): number => {
    const key = terms.join(' ');
    let count = this.#documentCounts.get(key);
    if (count === undefined) {
      count = this.#retriever.retrieve(terms, () => 1).size;
      if (this.#documentCounts.size >= RANKING.keptCounts) this.#documentCounts.clear();
      this.#documentCounts.set(key, count);
    }
    return count;
  };
  readonly #documentCounts = new Map<string, number>();

  /** The entries that match one reading, best first, with the evidence for each. */
  #candidates(reading: MessageReading): Candidate[] {
    const { words, bodies, people, groups } = reading;
    // A word said twice (三个狠抓是哪三个) is one piece of evidence, not two; but the words stand together in an entry
    // as said, repeats and all (做大做强).
    const said = groups.filter((g) => g.weight > 0);
    const weighed = [...new Map(said.map((g) => [g.word, g])).values()];
    const saidAt = weighed.map((g) => said.indexOf(g));
    const mentioned = (e: Entry) => bodies.has(bodyOf(e)) || people.has(e);
    const mentionCount = bodies.size + (people.size > 0 ? 1 : 0);

    if (weighed.length === 0) {
      // Only names: every entry of that body or person, in transcript order (read from each name's entries).
      return this.#inTranscriptOrder(bodies, people).map((entry, i, all) => ({
        entry,
        score: all.length - i,
        coverage: 1,
        matched: RANKING.mentionWeight,
        named: true,
      }));
    }

    const terms = [...new Set([...weighed.flatMap((g) => g.terms), ...words.filter((w) => this.#reader.isName(w))])];
    const total = weighed.reduce((s, g) => s + g.weight, 0) + mentionCount * RANKING.mentionWeight;
    const candidates: Candidate[] = [];
    // Single characters (新, 大) occur everywhere: they may count towards coverage but must not decide the ranking.
    const boostTerm = (term: string) => ([...term].length > 1 ? 1 : RANKING.singleCharacterBoost);
    // In a large archive the entries holding a rarer word of the message are retrieved first, the common words'
    // postings only read for them; when those entries cannot be sure to hold the likeliest (too few, or one holding
    // only common words might outscore them), everything is retrieved. Either way the same entries come out.
    let retrieval = this.#retriever.retrieve(terms, boostTerm, {
      rareBelow: Math.ceil(this.entries.length / RANKING.commonShare),
      rareAtLeast: RANKING.perEntryWork + 1,
    });
    let masks = weighed.map((g) => retrieval.mask(g.terms));
    const mentionedDocs = this.#mentionedDocs(bodies, people);
    let likely = this.#mostLikely(retrieval, weighed, masks, mentionedDocs);
    if (likely === undefined) {
      retrieval = this.#retriever.retrieve(terms, boostTerm);
      masks = weighed.map((g) => retrieval.mask(g.terms));
      likely = this.#mostLikely(retrieval, weighed, masks, mentionedDocs)!;
    }
    const inEntry = new QuestionWords(said);
    for (const i of likely) {
      const doc = retrieval.docs[i]!;
      const entry = this.entries[doc]!;
      const text = inEntry.of(this.#texts.at(doc));
      // A word the entry holds as written counts even where the segmenter cut the entry differently (出村, 线上).
      // Summed group by group from 0, as a sum over the matched groups would be (the same bits).
      let matched = 0;
      let sharesWord = false;
      for (let k = 0; k < weighed.length; k++) {
        if (!(retrieval.holdsAny(i, masks[k]!) || text.holds(saidAt[k]!))) continue;
        matched += weighed[k]!.weight;
        sharesWord ||= inEntry.isWord(weighed[k]!);
      }
      const mentionCovered = Math.min((bodies.has(bodyOf(entry)) ? 1 : 0) + (people.has(entry) ? 1 : 0), mentionCount);
      const evidence = matched + mentionCovered * RANKING.mentionWeight;
      const coverage = evidence / total;
      if (coverage < MIN_CANDIDATE_COVERAGE) continue;
      const runs = text.literalRuns();
      // A lone shared character (好, 车) is no evidence: a hit needs a shared word, a named body or person, or
      // three characters of the question standing together in the entry (做大做强).
      if (!(mentionCovered > 0 || sharesWord || runs.longest >= 3)) continue;
      // Question words standing side by side in the entry (新兴领域, 应用场景) beat the same words far apart.
      const together = 1 + (RANKING.togetherBonus * runs.pairs) / Math.max(1, weighed.length - 1);
      candidates.push({
        entry,
        score: retrieval.scores[i]! * coverage * together * (mentioned(entry) ? RANKING.mentionFactor : 1),
        coverage,
        matched: evidence,
        named: false,
      });
    }
    candidates.sort((a, b) => b.score - a.score);
    // 陈主任 names two people; the topic picks among their entries when it clearly prefers one (陈主任问中小企业那个),
    // and keeps both when it does not.
    if (people.size < 2) return candidates;
    const bestNamed = candidates.find((c) => people.has(c.entry))?.score ?? 0;
    return candidates.filter((c) => !people.has(c.entry) || c.score * RANKING.topicPicksPerson >= bestNamed);
  }

  /** Which index positions are entries of the named bodies or people (none named: undefined). */
  #mentionedDocs(bodies: ReadonlySet<string>, people: ReadonlySet<Entry>): Uint8Array | undefined {
    if (bodies.size === 0 && people.size === 0) return undefined;
    if (this.#mentioned.length !== this.entries.length) this.#mentioned = new Uint8Array(this.entries.length);
    const mentioned = this.#mentioned.fill(0);
    for (const doc of this.#namedPositions(bodies, people)) mentioned[doc] = 1;
    return mentioned;
  }

  /** The index positions of the named bodies' entries and of the people's (an entry's position is its document id). */
  *#namedPositions(bodies: ReadonlySet<string>, people: ReadonlySet<Entry>): Generator<number> {
    for (const body of bodies) yield* this.#positionsByBody.get(body) ?? [];
    if (people.size === 0) return;
    this.#positions ??= new Map(this.entries.map((e, i) => [e, i]));
    for (const e of people) {
      const position = this.#positions.get(e);
      if (position !== undefined) yield position;
    }
  }

  /** The entries of the bodies and the people's, each once, in transcript order (one body's are so already). */
  #inTranscriptOrder(bodies: ReadonlySet<string>, people: ReadonlySet<Entry>): readonly Entry[] {
    if (people.size === 0 && bodies.size === 1) return this.#entriesByBody.get([...bodies][0]!) ?? [];
    const at = new Set(this.#namedPositions(bodies, people));
    return Array.from(Int32Array.from(at).sort(), (position) => this.entries[position]!);
  }

  /**
   * The retrieved entries worth the per-entry work (coverage, literal runs), best first: all of them in a small
   * archive; in a large one the {@link RANKING.perEntryWork} best by text score times the share of the question's
   * words their index terms cover and the bonus for a named body or person. Undefined when the retrieval left
   * entries out and those it holds are too few, or the likeliest of them not above what one left out could reach.
   */
  #mostLikely(
    retrieval: Retrieval,
    weighed: readonly WordGroup[],
    masks: readonly Uint32Array[],
    mentioned: Uint8Array | undefined,
  ): number[] | undefined {
    const { size, docs, scores, held, words } = retrieval;
    if (size <= RANKING.perEntryWork && retrieval.outside) return undefined;
    if (size <= RANKING.perEntryWork)
      return bestFirst(
        retrieval,
        Array.from({ length: size }, (_, i) => i),
      );
    // Thousands of entries in a large archive: plain numbers and one selection over them, no object per entry.
    // Reused from one reading to the next: a thousand hearings' arrays are large, and allocating them is not free.
    if (this.#scratch.length < 2 * size) this.#scratch = new Float64Array(2 * size);
    const estimates = this.#scratch.subarray(0, size);
    const weights = weighed.map((g) => g.weight);
    // Up to 32 terms (nearly every message): one word of bits per entry, each group's mask one number.
    const bits = words === 1 ? masks.map((mask) => mask[0]!) : undefined;
    for (let i = 0; i < size; i++) {
      // The weights of the groups the entry's terms cover, summed group by group in order.
      let covered = 0;
      for (let k = 0; k < weights.length; k++) {
        let holds: boolean;
        if (bits) holds = (held[i]! & bits[k]!) !== 0;
        else {
          holds = false;
          for (let w = 0; w < words && !holds; w++) holds = (held[i * words + w]! & masks[k]![w]!) !== 0;
        }
        covered = covered + (holds ? weights[k]! : 0);
      }
      const mention = mentioned?.[docs[i]!] === 1 ? RANKING.mentionFactor : 1;
      estimates[i] = scores[i]! * (1 + covered) * mention;
    }
    const reordered = this.#scratch.subarray(size, 2 * size);
    reordered.set(estimates);
    const threshold = kthSmallest(reordered, size - RANKING.perEntryWork);
    const { outside } = retrieval;
    if (outside) {
      // The most an entry left out can reach: its best text score, every group its terms may cover (summed in order,
      // as above: never more for fewer), the bonus for a name. The likeliest must all be above it.
      let covered = 0;
      for (let k = 0; k < weights.length; k++) {
        let holds = false;
        for (let w = 0; w < words && !holds; w++) holds = (outside.mask[w]! & masks[k]![w]!) !== 0;
        covered = covered + (holds ? weights[k]! : 0);
      }
      const mention = mentioned ? RANKING.mentionFactor : 1;
      if (!(threshold > outside.score * (1 + covered) * mention)) return undefined;
    }
    const likely: number[] = [];
    for (let i = 0; i < size; i++) if (estimates[i]! >= threshold) likely.push(i);
    if (likely.length <= RANKING.perEntryWork) return bestFirst(retrieval, likely);
    // Many entries alike at the threshold (an archive holds near copies): the first of them best first, found by
    // selecting the score they must reach rather than sorting them all.
    const negated = new Float64Array(likely.length);
    for (let n = 0; n < likely.length; n++) negated[n] = -scores[likely[n]!]!;
    const cut = -kthSmallest(negated, RANKING.perEntryWork - 1);
    const above = likely.filter((i) => scores[i]! > cut);
    const at = likely.filter((i) => scores[i] === cut).slice(0, RANKING.perEntryWork - above.length);
    return bestFirst(retrieval, [...above, ...at]);
  }
}

/** The k-th smallest of the values (0-based), as `values.sort()[k]` would give, by selection; reorders them. */
function kthSmallest(values: Float64Array, k: number): number {
  let [lo, hi] = [0, values.length - 1];
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let [i, j] = [lo, hi];
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swapped = values[i]!;
        values[i] = values[j]!;
        values[j] = swapped;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
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

/**
 * A hearing's own city says nothing about which of its answers is meant (长沙的企业开办 asks what 企业开办 asks), as
 * 武汉 says nothing in the glossary's generic words: every hearing's city (长沙市, 长沙) is read the same way, and so
 * are its parts and the names people call it (data/cities.json `local`: 汉口, 江城), except those that name something of
 * the hearings (光谷 is 东湖高新区, 东西湖 临空港).
 */
function withHomeCities<L extends { stopWords: string[] }>(
  lexicon: L,
  hearings: readonly Hearing[],
  local: Readonly<Record<string, readonly string[]>>,
  known: (word: string) => boolean,
): L {
  const cities = hearings.flatMap((h) =>
    h.city ? [h.city, h.city.replace(/市$/, ''), ...(local[h.city] ?? []).filter((part) => !known(part))] : [],
  );
  return cities.length === 0 ? lexicon : { ...lexicon, stopWords: [...new Set([...lexicon.stopWords, ...cities])] };
}

/** An engine built without data/asking.json reads no dialect and knows no kinds of member. */
const NO_ASKING_WORDS: AskingWords = {
  dialect: [],
  members: [],
  notMembers: [],
  bodyKinds: [],
  wrongTitles: [],
  askedParty: { words: [], before: [] },
  ranges: { first: [], last: [] },
  bodySets: { words: [], asks: [] },
  closing: { strong: [], weak: [] },
  comparisons: [],
  cues: {
    asker: [],
    body: [],
    set: [],
    count: [],
    section: [],
    wholeSection: [],
    questions: [],
    surname: [],
    indefinite: [],
    first: [],
    last: [],
    fromEnd: [],
    middle: [],
    items: [],
    people: [],
    pronouns: [],
    fullName: [],
    identity: [],
    bodyMore: [],
    askerMore: [],
    asked: [],
    goals: [],
    howMore: [],
    other: [],
  },
};

/** How the ranking weighs what a candidate shares with the reading. */
const RANKING = {
  /** An entry holding every pair of adjacent question words as written scores up to 1 + this times more. */
  togetherBonus: 3,
  /** How much a single-character term counts in the ranking, against 1 for a word. */
  singleCharacterBoost: 0.2,
  /** How much naming a body or a person counts, against a rare word's ~3. */
  mentionWeight: 3,
  /** Entries of a named body or person rank above other matches. */
  mentionFactor: 2,
  /** Among the entries of the people a message names, the topic picks those within this factor of the best. */
  topicPicksPerson: 1.5,
  /** At most this many retrieved entries get the per-entry work; a 1,000-hearing archive retrieves thousands. */
  perEntryWork: 300,
  /** A word held by one entry in this many or more is common: retrieval starts from the rarer words. */
  commonShare: 16,
  /** How many counts of entries holding a word or its synonyms are kept (see `#documentsWith`). */
  keptCounts: 10_000,
} as const;
/**
 * When a message tells a story (我爸妈在农村种地) and, in another part, asks about a topic of the hearing
 * (想问问软件名城怎么建): the entries the asking parts match. The whole message answers only with one of them, so
 * the story's words cannot answer for the question. Undefined when there is no such split.
 */
function askingEntries(
  parts: readonly MessageReading[],
  candidatesOf: (part: MessageReading) => readonly Candidate[],
): Set<Entry> | undefined {
  const askingParts = parts.filter((p) => p.asks);
  if (askingParts.length === 0 || askingParts.length === parts.length) return undefined;
  // The asking part names a topic, or the body or person it asks about (经开区那边是怎么说的).
  if (!askingParts.some(namesSomething)) return undefined;
  return new Set(askingParts.flatMap((p) => candidatesOf(p).map((c) => c.entry)));
}

const HAN = /\p{Script=Han}/u;
/** A message is read in at most this many sentences and clauses besides the whole: real ones have fewer. */
const MAX_PARTS = 8;

/**
 * The question's words looked for as written in one entry's text at a time: each word once per entry, and a run of
 * words only where its last word is there at all.
 */
class QuestionWords {
  readonly #words: readonly string[];
  readonly #chars: readonly number[];
  readonly #longer: ReadonlySet<WordGroup>;
  /** Per word, for the current text: 0 not looked for yet, 1 there, 2 not. */
  readonly #found: Uint8Array;
  readonly #joins = new Map<number, string>();
  #text = '';

  constructor(groups: readonly WordGroup[]) {
    this.#words = groups.map((g) => g.word);
    this.#chars = this.#words.map((w) => [...w].length);
    this.#longer = new Set(groups.filter((_, k) => this.#chars[k]! > 1));
    this.#found = new Uint8Array(groups.length);
  }

  /** Looks in this text from now on. */
  of(text: string): this {
    this.#text = text;
    this.#found.fill(0);
    return this;
  }

  /** Whether the k-th word stands in the text as written. */
  holds(k: number): boolean {
    if (this.#found[k] === 0) this.#found[k] = this.#text.includes(this.#words[k]!) ? 1 : 2;
    return this.#found[k] === 1;
  }

  /** A word of two characters or more. */
  isWord(group: WordGroup): boolean {
    return this.#longer.has(group);
  }

  /**
   * How the words stand in the text: how many adjacent pairs appear as written, and the length in characters of the
   * longest run of consecutive words that does.
   */
  literalRuns(): { pairs: number; longest: number } {
    let pairs = 0;
    let longest = 0;
    // The run is words start…k-1 (none: -1), looked for as one string made once per message, not per entry.
    let start = -1;
    let runChars = 0;
    for (let k = 0; k < this.#words.length; k++) {
      if (start >= 0 && this.holds(k) && this.#text.includes(this.#joined(start, k))) {
        pairs++;
        runChars += this.#chars[k]!;
      } else {
        const there = this.holds(k);
        start = there && this.#words[k] !== '' ? k : -1;
        runChars = there ? this.#chars[k]! : 0;
      }
      longest = Math.max(longest, runChars);
    }
    return { pairs, longest };
  }

  /** Words start…end as one string. */
  #joined(start: number, end: number): string {
    const key = start * this.#words.length + end;
    let joined = this.#joins.get(key);
    if (joined === undefined) {
      joined = this.#words.slice(start, end + 1).join('');
      this.#joins.set(key, joined);
    }
    return joined;
  }
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
  const manifest = options.checked
    ? readManifest(indexDir)
    : ensureFreshIndex({ indexDir, dataDir: options.dataDir ?? DATA_DIR, rebuild: options.rebuild });
  const index = indexReader(indexDir, manifest);
  const hearings = index.json('hearings', HearingsFileSchema, 'engine');
  const search = index.json('search', SearchFileSchema, 'engine');
  const dataDir = options.dataDir ?? DATA_DIR;
  const glossary = loadGlossary(`${dataDir}/glossary.json`);
  const segmenter = index.segmenterFiles();
  const analyser = createAnalyser(
    loadSegmenter(segmenter.files, { checked: segmenter.asWritten }),
    withHomeCities(
      search.lexicon,
      hearings,
      loadCities(citiesFile(dataDir)).local,
      (word) => word in search.bodyNames || word in search.documentFrequency || word in search.synonyms,
    ),
    createNormaliser(new Set(search.traditional)),
  );
  const retriever = postingsRetriever(postingsFile(search.postings, index.view('postings', 'engine'), FIELDS.length));
  const texts = entryTexts(index.view('texts', 'engine'), search.refs.length);
  const pins = index.json('pins', PinIndexSchema, 'engine');
  // The words of asking are the language's, not a hearing's: a data folder without them uses the project's.
  const own = join(options.dataDir ?? DATA_DIR, 'asking.json');
  const asking = loadAskingWords(existsSync(own) ? own : join(DATA_DIR, 'asking.json'));
  return new SearchEngine({ hearings, glossary, retriever, analyser, search, texts, pins, asking });
}
