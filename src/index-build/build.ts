// Index build: transcripts + glossary + pins → parsed hearings, trimmed jieba dictionaries, term postings, the commitments and the pins in index/, each hearing analysed once and cached.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractCommitments } from '../commitments/extract.js';
import { citiesFile, loadCities } from '../hearing/cities.js';
import { type AnsweringBody, type Glossary, glossaryWarnings, loadGlossary } from '../hearing/glossary.js';
import { readHearingData } from '../hearing/hearing-data.js';
import { bodyOf, type Hearing } from '../hearing/model.js';
import { parseTranscript } from '../hearing/parse.js';
import { pinsPath, readPins } from '../hearing/pins.js';
import { checkDistinctHearings, readTranscripts } from '../hearing/transcripts.js';
import { createAnalyser, lexiconOf } from '../search/analyse.js';
import { documentOf, entriesOf, entryText, refOf, segmentedTexts } from '../search/documents.js';
import { loadEngine } from '../search/engine.js';
import {
  dataFileHashes,
  type KnownHashes,
  readKnownHashes,
  recordKnownHashes,
  staleness,
  transcriptFiles,
} from '../search/freshness.js';
import {
  artefactPaths,
  BUILDER_VERSION,
  EVERYDAY_MAX_IDF,
  indexFileName,
  indexReader,
  type Manifest,
  recordWrittenFiles,
  type SearchFile,
  sha256,
} from '../search/index-files.js';
import { namesOfBody } from '../search/names.js';
import { createNormaliser, traditionalCharacters } from '../search/normalise.js';
import { loadSegmenter } from '../search/segment.js';
import { buildAside } from './build-aside.js';
import {
  dictionaryWordsIn,
  everydayWords,
  FULL_DICTIONARY,
  FULL_HMM_MODEL,
  GENERAL_IDF,
  JIEBA_INPUTS,
  parseDictionary,
  trimDictionary,
  trimHmmModel,
  wordsOneCharacterLonger,
} from './dictionary.js';
import { encodeEntryTexts } from './entry-texts.js';
import { type HearingArtefacts, type HearingCache, hearingCache } from './hearing-cache.js';
import { hashInputs } from './inputs.js';
import { pinIndexOf } from './pins.js';
import { homophoneTable } from './pinyin-table.js';
import { encodePostings } from './postings.js';

/** What a build reports: the files written and anything a person should fix in the glossary. */
export interface BuildReport {
  hearings: number;
  entries: number;
  /** Questions pinned to an answer (data/pins.json). */
  pins: number;
  warnings: string[];
}

export interface BuildOptions {
  /** Writes one artefact; injected so tests can fill the disk. Default: write it and flush it to the disk. */
  writeFile?: (path: string, data: Uint8Array) => void;
  /** Where each hearing's artefacts are kept between builds. Default: `<indexDir>.cache` beside the index. */
  cacheDir?: string;
}

/**
 * Builds every artefact of `indexDir` from `dataDir`. Deterministic: the same inputs give the same bytes, whatever the
 * cache holds. Writes into `<indexDir>.tmp-<pid>/`, loads the result with the engine, and only then swaps it in for
 * `indexDir`: a bad glossary, a broken transcript or a full disk leaves the old index as it was.
 * Each hearing's analysis (documents, texts, commitments, dictionary words) is kept in the cache under a hash of
 * everything it depends on, so adding one hearing to a thousand analyses that one (see {@link hearingKeys}).
 * Loads nodejieba with the trimmed dictionary it writes, so call it in a process that has not segmented yet.
 */
export function buildIndex(dataDir: string, indexDir: string, options: BuildOptions = {}): BuildReport {
  const cache = hearingCache(options.cacheDir ?? `${indexDir}.cache`);
  // Hashed before anything is read: a file edited during the build no longer matches, and the check of the new
  // index refuses it, rather than recording the new text's hash for the old text's index.
  const known = dataFileHashes(dataDir, readKnownHashes(indexDir));
  const { report, keys, files } = buildAside(indexDir, (staging) => {
    const built = writeIndex(dataDir, staging, { writeFile: options.writeFile ?? writeDurably, cache, known });
    const changed = staleness(staging, dataDir, known);
    if (changed !== null)
      throw new Error(`index: ${changed.replace(' since npm run index built it', '')} during the build; run it again`);
    // Never rebuild from here (HEARING_REBUILD_INDEX may be set by the process that started this build); freshness
    // was checked just above.
    const engine = loadEngine({ indexDir: staging, dataDir, rebuild: false, checked: true });
    if (engine.entries.length !== built.report.entries)
      throw new Error(`index: the new index loads ${engine.entries.length} entries, not ${built.report.entries}`);
    // The commitments are JSON made by JSON.stringify: that the file holds exactly the bytes written is the check
    // (parsing tens of megabytes again would double the time of adding one hearing to a thousand).
    indexReader(staging).bytes('commitments', 'commitments');
    return built;
  });
  cache.keepOnly(new Set(keys));
  recordKnownHashes(indexDir, known);
  recordWrittenFiles(indexDir, files);
  return report;
}

function writeIndex(
  dataDir: string,
  indexDir: string,
  {
    writeFile,
    cache,
    known,
  }: { writeFile: (path: string, data: Uint8Array) => void; cache: HearingCache; known: KnownHashes },
): { report: BuildReport; keys: string[]; files: Record<string, string> } {
  const paths = artefactPaths(indexDir);
  // The manifest records the hash of every file written, so a file changed afterwards is refused when it is loaded.
  const written: Array<[string, string]> = [];
  const write = (path: string, text: string | Uint8Array) => {
    // Encoded once, for both the hash and the file (tens of megabytes in a large archive).
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    written.push([indexFileName(indexDir, path), sha256(data)]);
    try {
      writeFile(path, data);
    } catch (error) {
      throw new Error(`index: cannot write ${path}: ${(error as Error).message}`);
    }
  };
  const data = Object.fromEntries(Object.entries(known).map(([name, [, , hash]]) => [name, hash]));
  const { hash, inputs, dictionaries } = hashInputs(dataDir, JIEBA_INPUTS, data);
  const glossary = loadGlossary(`${dataDir}/glossary.json`);
  const transcripts = readTranscripts(transcriptFiles(dataDir));
  const parsed = transcripts.map(({ file, text }) => {
    const about = readHearingData(file);
    return { file, about, hearing: parseTranscript(text, basename(file), about) };
  });
  checkDistinctHearings(parsed);
  // The one place a hearing's city is settled: its data file's, else the home city; the engine and the chat read it.
  const home = loadCities(citiesFile(dataDir)).home;
  const hearings = parsed.map((p) => ({ ...p.hearing, city: p.hearing.city ?? home }));
  const warnings = [...glossaryWarnings(glossary), ...checkGlossary(hearings, glossary)];

  const traditional = traditionalCharacters();
  const normalise = createNormaliser(new Set(traditional));
  const pins = pinIndexOf(pinsPath(dataDir), readPins(pinsPath(dataDir)), hearings, normalise);
  const userWords = userDictionaryWords(hearings, glossary).map(normalise);
  // Bodies are keyed by (city, printed name): another city's 市发改委 must not give Wuhan's its names, nor the reverse.
  const bodiesIn = (city: string) =>
    new Map(glossary.bodies.filter((b) => (b.city ?? home) === city).map((b) => [b.printed, b]));
  const byCity = new Map([...new Set(hearings.map((h) => h.city))].map((city) => [city, bodiesIn(city)]));

  // Each hearing's JSON, normalised, is its part of the text the dictionary is trimmed to.
  const hearingJson = hearings.map((h) => JSON.stringify(h));
  const hearingText = hearingJson.map(normalise);
  // What jieba cuts of each hearing, as the analyser normalises it: only user words inside it change the hearing's documents.
  const segmented = hearings.map((h) =>
    entriesOf([h])
      .flatMap((e) => Object.values(segmentedTexts(e)))
      .map(normalise),
  );
  const keys = hearingKeys(hearingJson, segmented, {
    glossary: data[GLOSSARY_FILE] ?? '',
    dictionaries,
    userWords,
  });
  const cached = keys.map((key) => cache.read(key));
  const missing = cached.flatMap((a, i) => (a ? [] : [i]));
  const dictionary = parseDictionary(readFileSync(FULL_DICTIONARY, 'utf8'));
  const missingWords = dictionaryWordsIn(
    dictionary,
    missing.map((i) => hearingText[i]!),
  );
  const wordsOf = new Map(missing.map((i, n) => [i, missingWords[n]!]));
  // The rest of the text: the glossary and the user words (each hearing's part comes from its cached artefacts).
  const rest = [JSON.stringify(glossary), ...userWords].map(normalise);
  const found = new Set(dictionaryWordsIn(dictionary, rest).flatMap((words) => [...words]));
  const characters = new Set(rest.join('\n'));
  hearings.forEach((_, i) => {
    for (const word of cached[i]?.dictionaryWords ?? wordsOf.get(i)!) found.add(word);
    for (const ch of cached[i]?.characters ?? hearingText[i]!) characters.add(ch);
  });

  mkdirSync(dirname(paths.jieba.dict), { recursive: true });
  write(paths.jieba.dict, trimDictionary(dictionary, found));
  write(
    paths.jieba.hmmDict,
    trimHmmModel(readFileSync(FULL_HMM_MODEL, 'utf8'), dictionary, characters, COMMON_CHARACTERS),
  );
  // Three columns (word, frequency, tag): a fixed frequency keeps these words whole whatever the trimmed dictionary holds.
  write(paths.jieba.userDict, `${[...new Set(userWords)].map((w) => `${w} ${USER_WORD_FREQUENCY} n`).join('\n')}\n`);
  // nodejieba.load also reads keyword-extraction files we never use; tiny ones keep start-up fast.
  write(paths.jieba.idfDict, '的 1.0\n');
  write(paths.jieba.stopWordDict, '的\n');

  const lexicon = lexiconOf(glossary, normalise, wordsOneCharacterLonger(dictionary, found));
  const analyser = createAnalyser(loadSegmenter(paths.jieba), lexicon, normalise);
  const artefacts = hearings.map((hearing, i): HearingArtefacts => {
    const own = cached[i];
    if (own) return own;
    const entries = entriesOf([hearing]);
    const made: HearingArtefacts = {
      dictionaryWords: [...wordsOf.get(i)!].sort(),
      characters: [...new Set(hearingText[i])].sort().join(''),
      documents: entries.map((entry) => documentOf(entry, byCity.get(hearing.city)!, analyser)),
      texts: entries.map((e) => entryText(e, normalise)),
      commitments: Buffer.from(
        extractCommitments([hearing])
          .map((c) => JSON.stringify(c))
          .join(',\n'),
      ),
    };
    cache.write(keys[i]!, made);
    return made;
  });
  const entries = entriesOf(hearings);
  const documents = artefacts.flatMap((a) => a.documents);
  const refs = entries.map(refOf);
  if (documents.length !== refs.length || documents.some((d, i) => d.ref !== refs[i]))
    throw new Error('index: the cached documents do not match the hearings (delete the index cache and run it again)');
  const postings = encodePostings(documents);
  const documentFrequency = postings.documentFrequency;
  const held = (terms: readonly string[] = []) => terms.map(normalise).filter((t) => documentFrequency.has(t));
  /** The index terms a glossary target stands for (see the synonyms below). */
  const standsFor = (target: string) => {
    if (documentFrequency.has(normalise(target))) return [normalise(target)];
    const onward = held(glossary.synonyms[target]);
    return onward.length > 0 ? onward : analyser.indexTerms(target);
  };
  const search: SearchFile = {
    postings: postings.meta,
    documentFrequency: sortedRecord([...documentFrequency]),
    lexicon,
    synonyms: sortedRecord(
      // A target the index holds stands for itself: 国有企业, not also the 企业 inside it, which every entry has. One
      // it lacks stands for what the glossary maps it to, when the index holds that (一网通办 → 政务服务 → 智慧政务,
      // 政务), else for the index's words inside it: 政务服务 cut into 政务 and 服务 would match every 服务.
      Object.entries(glossary.synonyms).map(([word, targets]) => [
        normalise(word),
        [...new Set(targets.flatMap(standsFor))],
      ]),
    ),
    bodyNames: sortedRecord(
      bodiesNamed(hearings, glossary).flatMap((b) => namesOfBody(b).map((name) => [normalise(name), b.printed])),
    ),
    everydayIdf: everydayWords(readFileSync(GENERAL_IDF, 'utf8'), EVERYDAY_MAX_IDF),
    traditional,
    homophones: homophoneTable(hearingVocabulary(documentFrequency.keys(), userWords)),
    refs,
  };
  // One hearing, one commitment a line: thousands of hearings parse fast, and a diff still shows what changed.
  write(paths.hearings, jsonLines(hearingJson.map((json) => Buffer.from(json))));
  write(paths.search, `${JSON.stringify(search)}\n`);
  write(paths.postings, postings.bytes);
  write(paths.texts, encodeEntryTexts(artefacts.flatMap((a) => a.texts)));
  write(paths.commitments, jsonLines(artefacts.map((a) => a.commitments).filter((block) => block.length > 0)));
  write(paths.pins, `${JSON.stringify(pins, null, 1)}\n`);
  const files = sortedRecord(written);
  const manifest: Manifest = { builder: BUILDER_VERSION, inputHash: hash, inputs, data, files };
  write(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const report = { hearings: hearings.length, entries: entries.length, pins: Object.keys(pins).length, warnings };
  return { report, keys, files };
}

/** A JSON array of already serialised items (each one line, or several joined by a comma and a newline), one a line. */
function jsonLines(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return Buffer.from('[]\n');
  const between = Buffer.from(',\n');
  return Buffer.concat([
    Buffer.from('[\n'),
    ...items.flatMap((item, i) => (i === 0 ? [item] : [between, item])),
    Buffer.from('\n]\n'),
  ]);
}

/**
 * Each hearing's cache key: a hash of everything its artefacts depend on. Its own text (the parsed hearing, its city too),
 * the glossary (stop words, bodies), jieba's files, the index code, and the user-dictionary words that occur in the
 * texts it segments (`segmented`, see documents.ts segmentedTexts): jieba segments a sentence by the dictionary words
 * inside it only, and the trimmed dictionary keeps the total and smallest frequency, so another hearing changes this
 * one's segmentation only by adding a user word (a person's name) that those texts contain.
 */
function hearingKeys(
  hearingJson: readonly string[],
  segmented: readonly string[][],
  context: { glossary: string; dictionaries: string; userWords: readonly string[] },
): string[] {
  const shared = [CACHE_FORMAT, BUILDER_VERSION, codeHash(), context.dictionaries, context.glossary].join('\n');
  const userWordsIn = wordFinder(context.userWords);
  return hearingJson.map((json, i) => sha256([shared, json, ...userWordsIn(segmented[i]!)].join('\0')));
}

/** The words of `words` that occur in any of the texts, sorted: one walk over each through a trie of UTF-16 code units. */
function wordFinder(words: readonly string[]): (texts: readonly string[]) => string[] {
  type Node = { next: Map<number, Node>; word?: string };
  const root: Node = { next: new Map() };
  for (const word of new Set(words)) {
    let node = root;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let next = node.next.get(code);
      if (!next) node.next.set(code, (next = { next: new Map() }));
      node = next;
    }
    node.word = word;
  }
  return (texts) => {
    const found = new Set<string>();
    for (const text of texts)
      for (let i = 0; i < text.length; i++) {
        let node = root.next.get(text.charCodeAt(i));
        for (let j = i + 1; node; j++) {
          if (node.word !== undefined) found.add(node.word);
          if (j >= text.length) break;
          node = node.next.get(text.charCodeAt(j));
        }
      }
    return [...found].sort();
  };
}

/**
 * The index code itself: every module beside and under this one's parent folder (src/ or dist/src/), so an edited
 * analyser never serves artefacts the old one made, even before BUILDER_VERSION is bumped.
 */
function codeHash(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.(ts|js)$/.test(f)).sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

/** Writes a file and flushes it to the disk, so a swapped-in index survives a power cut; errors name the file. */
function writeDurably(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** An object with its keys in code-point order, so the same inputs give the same bytes. */
function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Every body a message may name: the glossary's, and each body a transcript prints that the glossary lacks (a record
 * imported from another city) by its printed name and that name without 市 (市建委 → 建委), as people say it.
 */
function bodiesNamed(hearings: readonly Hearing[], glossary: Glossary): AnsweringBody[] {
  const known = new Set(glossary.bodies.map((b) => b.printed));
  const missing = [...new Set(entriesOf(hearings).map(bodyOf))].filter((b) => !known.has(b));
  return [
    ...glossary.bodies,
    ...missing.map((printed) => {
      const bare = printed.replace(/^市/, '');
      return { printed, official: printed, aliases: bare !== printed && [...bare].length >= 2 ? [bare] : [] };
    }),
  ];
}

/** Words jieba must keep whole: glossary terms, every body name and alias, every person's name. */
function userDictionaryWords(hearings: readonly Hearing[], glossary: Glossary): string[] {
  const people = hearings.flatMap((h) => [
    ...h.items.map((i) => i.asker.name),
    ...(h.closing ? [h.closing.speaker.name] : []),
  ]);
  const bodies = bodiesNamed(hearings, glossary).flatMap((b) => namesOfBody(b));
  return [...glossary.terms, ...Object.keys(glossary.synonyms), ...bodies, ...people].filter((w) => !/\s/.test(w));
}

/** The words a misheard question is compared with: every indexed word and every name (all normalised). */
function hearingVocabulary(indexed: Iterable<string>, userWords: readonly string[]): string[] {
  // Every body name is among the user words already (userDictionaryWords).
  return [...new Set([...indexed, ...userWords])].sort();
}

function checkGlossary(hearings: readonly Hearing[], glossary: Glossary): string[] {
  const known = new Set(glossary.bodies.map((b) => b.printed));
  const missing = new Set(
    entriesOf(hearings)
      .map(bodyOf)
      .filter((b) => !known.has(b)),
  );
  return [...missing].map(
    (b) => `glossary: answering body 「${b}」 has no entry in data/glossary.json, so only its printed name finds it`,
  );
}

const USER_WORD_FREQUENCY = 2000;
/** The manifest's name of the glossary, whose hash is part of every hearing's cache key. */
const GLOSSARY_FILE = 'data/glossary.json';
/** Bump when what a cache entry holds changes shape (the code hash covers changes of what it computes). */
const CACHE_FORMAT = 1;
/** Characters whose HMM probabilities are kept besides those of our text: the everyday ones people type. */
const COMMON_CHARACTERS = 2500;
