// How the engine reads a message: its sentences and clauses, the bodies and people they name, and what each word weighs.
import type { Entry } from '../hearing/model.js';
import type { Analyser } from './analyse.js';
import type { ClauseReader } from './clauses.js';
import type { Correction } from './homophones.js';
import { EVERYDAY_MAX_IDF } from './index-files.js';
import type { PeopleFinder, PersonReference } from './people.js';

/** How the engine reads a message (see {@link MessageReader.read}). */
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
  /** It asks something (a question word, 管不管): in a longer message, the part that asks is the question. */
  asks: boolean;
}

export interface WordGroup {
  word: string;
  terms: string[];
  weight: number;
  /** Not an everyday word of general Chinese (疫情, 汉融通; not 效率). */
  rare?: boolean;
}

/** A message read as a whole, as sentences that may ask something, and as the clauses of those sentences. */
export interface MessageReadings {
  whole: MessageReading;
  sentences: MessageReading[];
  clauses: MessageReading[];
}

/** What reading needs from the loaded index and the engine's helpers. */
export interface ReaderParts {
  analyser: Analyser;
  clauses: ClauseReader;
  /** Whether a clause asks something (see clauses.ts); default: every clause may. */
  asks?: (clause: string) => boolean;
  /** Dialect words read as the standard ones, names misheard spelled as printed (see dialect.ts, roster.ts). */
  respell?: (text: string) => string;
  /** The words a clause names as the party it asks (政府 of 政府有没有补贴: see asked-party.ts); default: none. */
  askedParty?: (clause: string) => ReadonlySet<string>;
  /** English words → the hearing's words (see english.ts). */
  english: (text: string) => string;
  people: PeopleFinder;
  homophones: (text: string) => { text: string; corrections: Correction[] };
  /** Normalised body name or alias → printed body name. */
  bodyByName: ReadonlyMap<string, string>;
  /** Normalised person name → that person's entries. */
  entriesByPerson: ReadonlyMap<string, Entry[]>;
  synonyms: ReadonlyMap<string, string[]>;
  documentFrequency: ReadonlyMap<string, number>;
  /**
   * How many entries hold any of several index terms (a word and its synonyms): a word that stands for several
   * things says less than each of them. Default: the rarest term's count.
   */
  documentsWith?: (terms: readonly string[]) => number;
  everydayIdf: ReadonlyMap<string, number>;
  /** Single characters that say nothing (想, 在, 要): jieba's guesses sometimes glue one to a word (村想). */
  stopCharacters: ReadonlySet<string>;
  /** The glossary's modifiers, normalised (数字, 智慧): with a word the hearing lacks after them, a new thing. */
  modifiers: ReadonlySet<string>;
  /** How many entries the index holds (the N of the IDF). */
  documents: number;
}

/** Longer questions are cut here before search: no real question is longer, and noise must stay cheap. */
export const MAX_QUERY_CHARS = 200;

/** Reads messages against one loaded index. */
export class MessageReader {
  readonly #parts: ReaderParts;

  constructor(parts: ReaderParts) {
    this.#parts = parts;
  }

  /**
   * The message as sentences that may ask something (greetings, thanks and retractions dropped), their clauses,
   * and as a whole. Each clause is read once; sentences and the whole are made of their clauses' readings.
   */
  read(query: string): MessageReadings {
    const respelled = this.#respelled(query);
    const kept = this.#parts.clauses(respelled);
    let bySentence = this.#sentences(kept);
    // 我们是做数字化转型的中小企业，有什么支持: a question naming no topic, body or person of its own is read with
    // the writer's introduction, which then says what it is about.
    if (!bySentence.flat().some(namesSomething)) {
      const withIntroductions = this.#parts.clauses(respelled, { introductions: true });
      if (withIntroductions.join('\n') !== kept.join('\n')) {
        const read = this.#sentences(withIntroductions);
        if (hearingWords(read) > hearingWords(bySentence)) bySentence = read;
      }
    }
    return {
      whole: merged(bySentence.flat()),
      sentences: bySentence.map(merged),
      clauses: bySentence.flatMap((parts) => (parts.length > 1 ? parts : [])),
    };
  }

  /** Each sentence's clauses, read; English is read after the message is cut (the space in big data ends nothing). */
  #sentences(sentences: readonly string[]): MessageReading[][] {
    const { english } = this.#parts;
    return sentences.map((sentence) =>
      english(sentence)
        .split(',')
        .map((c) => this.#readClause(c)),
    );
  }

  /**
   * The message as the engine reads it before cutting it up: normalised, dialect words read as standard ones, misheard
   * names spelled as printed, English words as the hearing's (「王市长收尾咋讲的」 → 「汪元程收尾怎么讲的」).
   */
  plain(query: string): string {
    return this.#parts.english(this.#respelled(query));
  }

  #respelled(query: string): string {
    const normalised = this.#parts.analyser.normalise(String(query).slice(0, MAX_QUERY_CHARS));
    return this.#parts.respell ? this.#parts.respell(normalised) : normalised;
  }

  /** A word the hearing knows as the name of a body or a person. */
  isName(word: string): boolean {
    return this.#parts.bodyByName.has(word) || this.#parts.entriesByPerson.has(word);
  }

  #readClause(clause: string): MessageReading {
    const { analyser, bodyByName, entriesByPerson, documents } = this.#parts;
    const { references, rest } = this.#parts.people.find(clause);
    const askedParty = this.#parts.askedParty?.(rest);
    const topical = (words: string[]) => (askedParty?.size ? words.filter((w) => !askedParty.has(w)) : words);
    let words = topical(analyser.contentWords(rest));
    let corrections: Correction[] = [];
    if (words.some((w) => this.#unknown(w))) {
      const corrected = this.#parts.homophones(rest);
      if (corrected.corrections.length > 0) {
        words = topical(analyser.contentWords(corrected.text));
        corrections = corrected.corrections;
      }
    }
    const bodies = new Set<string>();
    const people = new Set<Entry>(references.flatMap((r) => r.people.flatMap((p) => p.entries)));
    // Someone the hearing does not have (张副主任, 第二十个提问的) weighs like a topic it does not cover.
    const groups: WordGroup[] = references
      .filter((r) => r.people.length === 0)
      .map((r) => ({ word: r.text, terms: [], weight: WEIGHTS.unknownWord * Math.log(1 + 2 * documents) }));
    for (const word of this.#compounds(words.flatMap((w) => this.#unglued(w)))) {
      const body = bodyByName.get(word);
      const person = entriesByPerson.get(word);
      if (body) bodies.add(body);
      else if (person) person.forEach((e) => people.add(e));
      else groups.push(this.#group(word, documents));
    }
    const asks = this.#parts.asks?.(clause) ?? true;
    return { words, bodies, people, groups, references, corrections, asks };
  }

  /**
   * A word jieba guessed by gluing a character that says nothing to a word of the hearing (村想 from 我们村想搞,
   * 区要 from 先行区要建) is read as that word alone; so is a pair it glued that general Chinese does not have as a
   * word (想当 from 武汉想当, 建得 from 建得怎么样): an everyday message has many, and each would weigh like a rare
   * topic the hearing lacks. A count (三四个, 好几趟) is no word at all; any other word is read as it is.
   */
  #unglued(word: string): string[] {
    const chars = [...word];
    // A count is no word at all, even one the hearing holds (两个 of 两个方面): 陈主任问的那两个 asks for her items.
    if (COUNT.test(word)) return [];
    if (chars.length < 2 || !this.#unknown(word)) return [word];
    const [first, last] = [chars[0]!, chars.at(-1)!];
    const head = chars.slice(0, -1).join('');
    const tail = chars.slice(1).join('');
    const { stopCharacters, everydayIdf } = this.#parts;
    // What is left of a glued pair may itself say nothing (搞 of 搞个): then nothing is left.
    const kept = (piece: string) => (stopCharacters.has(piece) ? [] : [piece]);
    if (stopCharacters.has(last) && !this.#unknown(head)) return kept(head);
    if (stopCharacters.has(first) && !this.#unknown(tail)) return kept(tail);
    if (chars.length === 2 && !everydayIdf.has(word)) {
      if (stopCharacters.has(last)) return kept(head);
      if (stopCharacters.has(first)) return kept(tail);
    }
    return [word];
  }

  /**
   * A modifier (数字, 智慧: the glossary's) before a word the hearing lacks makes a new thing (数字人民币, 智慧停车),
   * not the hearing's 数字: the two are read as one word the hearing lacks.
   */
  #compounds(words: readonly string[]): string[] {
    const out: string[] = [];
    for (const word of words) {
      const before = out.at(-1);
      if (before !== undefined && this.#parts.modifiers.has(before) && [...word].length > 1 && this.#unknown(word))
        out[out.length - 1] = before + word;
      else out.push(word);
    }
    return out;
  }

  /** A word that is no name and that neither the hearing nor a synonym knows (a homophone may be meant). */
  #unknown(word: string): boolean {
    return !this.isName(word) && this.#knownTerms(word).length === 0;
  }

  /** A query word with the index terms that stand for it and how much it says about which entry is meant. */
  #group(word: string, n: number): WordGroup {
    let known = this.#knownTerms(word);
    // Only a word of three characters or more can be made of shorter words of two or more.
    if (known.length === 0 && [...word].length > 2) {
      // An unknown compound may still be made of known words (不敢转型 → 不敢, 转型; 市属国企 → 市属, 国企 → 国有企业),
      // but only wholly: 养老金 is not 养老.
      const pieces = this.#parts.analyser.indexTerms(word).filter((t) => t !== word && [...t].length > 1);
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
      if ([...word].length < 2) return { word, terms: [], weight: WEIGHTS.unknownCharacter };
      // An English word the glossary lacks (going, center) is weighed like a lone character: how rare it is in general
      // is known for Chinese words only, and most English in a Chinese chat is the asking around the topic.
      if (/^[a-z]+$/.test(word)) return { word, terms: [], weight: WEIGHTS.unknownCharacter };
      return {
        word,
        terms: [],
        weight: WEIGHTS.unknownWord * Math.log(1 + 2 * n) * this.#topical(word, WEIGHTS.unknownWordFloor),
        rare: !this.#parts.everydayIdf.has(word),
      };
    }
    // Rare in the hearing and topical in general: 算力 says much; 提高 is rare in 19 answers but says little.
    const { documentFrequency, documentsWith } = this.#parts;
    const df =
      known.length > 1 && documentsWith
        ? documentsWith(known)
        : Math.min(...known.map((t) => documentFrequency.get(t)!));
    const weight = Math.log(1 + n / df) * this.#topical(word, WEIGHTS.knownWordFloor);
    // A lone character the hearing holds (做 of 做大做强, 家 of 500家企业) says little about which item is meant: an
    // everyday message is full of them (做APP的, 老人在家).
    return { word, terms: known, weight: [...word].length > 1 ? weight : Math.min(weight, WEIGHTS.knownCharacter) };
  }

  /** How topical a word is in general Chinese, from `floor` (everyday words: 情况, 提高) to 1 (疫情, 算力). */
  #topical(word: string, floor: number): number {
    const idf = this.#parts.everydayIdf.get(word) ?? EVERYDAY_MAX_IDF;
    return Math.min(1, Math.max(floor, (idf - 4) / (EVERYDAY_MAX_IDF - 4)));
  }

  /** The word itself and its synonyms, as far as the index has them. */
  #knownTerms(word: string): string[] {
    const { synonyms, documentFrequency } = this.#parts;
    return [...new Set([word, ...(synonyms.get(word) ?? [])])].filter((t) => documentFrequency.has(t));
  }
}

/** What a word weighs when the hearing does not hold it, and how much of its weight an everyday word keeps. */
const WEIGHTS = {
  /** An unknown topical word outweighs the rarest hearing word (ln(1+n)): a question about 疫情 is not about 防控 in general. */
  unknownWord: 1.5,
  /** The least share of its weight an everyday word keeps: a hearing word (提高, 政策) keeps more than an unknown one (改革). */
  knownWordFloor: 0.6,
  unknownWordFloor: 0.15,
  /** What an unknown single character weighs: about as much as a common hearing word (政策 1.6). */
  unknownCharacter: 1.5,
  /** The most a single character the hearing holds weighs: less than an unknown one, which may name a topic. */
  knownCharacter: 1,
} as const;

/** How many, in everyday words (三四个, 好几趟, 两次): the figure says nothing about which answer is meant. */
const COUNT = /^[一二两三四五六七八九十百几好多]+[个次趟遍回家位处]$/u;

/** A word of the hearing's, as it stands or through the glossary, and not a lone character (做, 家). */
export const isHearingWord = (g: WordGroup): boolean => g.terms.length > 0 && [...g.word].length > 1;

/** A hearing word this heavy names a topic (软件名城 2.4, 算力 2.3; not 政策 1.6 or 支持 1.4). */
const TOPICAL_WEIGHT = 2;

/** A reading that names a body, a person or a topic of the hearing's (a word of its own, not 支持 or 政策). */
export const namesSomething = (r: MessageReading): boolean =>
  r.bodies.size > 0 || r.people.size > 0 || r.groups.some((g) => isHearingWord(g) && g.weight >= TOPICAL_WEIGHT);

/** How many words of the hearing's the clauses hold. */
const hearingWords = (sentences: readonly MessageReading[][]) =>
  sentences.flat().reduce((n, r) => n + r.groups.filter(isHearingWord).length, 0);

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
    asks: false,
  };
  for (const r of readings) {
    all.asks ||= r.asks;
    all.words.push(...r.words);
    for (const body of r.bodies) all.bodies.add(body);
    for (const entry of r.people) all.people.add(entry);
    all.groups.push(...r.groups);
    all.references.push(...r.references);
    all.corrections.push(...r.corrections);
  }
  return all;
}
