// Index build: transcripts + glossary + pins → parsed hearings, trimmed jieba dictionaries, a serialised MiniSearch and the commitments in index/.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import MiniSearch from 'minisearch';
import { extractCommitments } from '../commitments/extract.js';
import { loadCommitments } from '../commitments/load.js';
import { type Glossary, glossaryWarnings, loadGlossary } from '../hearing/glossary.js';
import { readHearingData } from '../hearing/hearing-data.js';
import { bodyOf, type Hearing } from '../hearing/model.js';
import { parseTranscript } from '../hearing/parse.js';
import { pinsPath, readPins } from '../hearing/pins.js';
import { checkDistinctHearings, readTranscripts } from '../hearing/transcripts.js';
import { createAnalyser, lexiconOf } from '../search/analyse.js';
import { documentOf, entriesOf, entryText, FIELDS, refOf } from '../search/documents.js';
import { loadEngine, miniSearchOptions } from '../search/engine.js';
import { hashDataFiles, staleness, transcriptFiles } from '../search/freshness.js';
import {
  artefactPaths,
  BUILDER_VERSION,
  EVERYDAY_MAX_IDF,
  indexFileName,
  type Manifest,
  type SearchFile,
  sha256,
} from '../search/index-files.js';
import { namesOfBody } from '../search/names.js';
import { createNormaliser, traditionalCharacters } from '../search/normalise.js';
import { loadSegmenter } from '../search/segment.js';
import { buildAside } from './build-aside.js';
import {
  everydayWords,
  FULL_DICTIONARY,
  FULL_HMM_MODEL,
  GENERAL_IDF,
  JIEBA_INPUTS,
  trimDictionary,
  trimHmmModel,
  wordsOneCharacterLonger,
} from './dictionary.js';
import { hashInputs } from './inputs.js';
import { pinIndexOf } from './pins.js';
import { homophoneTable } from './pinyin-table.js';

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
  writeFile?: (path: string, data: string) => void;
}

/**
 * Builds every artefact of `indexDir` from `dataDir`. Deterministic: the same inputs give the same bytes.
 * Writes into `<indexDir>.tmp-<pid>/`, loads the result with the engine, and only then swaps it in for `indexDir`:
 * a bad glossary, a broken transcript or a full disk leaves the old index as it was.
 * Loads nodejieba with the trimmed dictionary it writes, so call it in a process that has not segmented yet.
 */
export function buildIndex(dataDir: string, indexDir: string, options: BuildOptions = {}): BuildReport {
  return buildAside(indexDir, (staging) => {
    const report = writeIndex(dataDir, staging, options.writeFile ?? writeDurably);
    const changed = staleness(staging, dataDir);
    if (changed !== null)
      throw new Error(`index: ${changed.replace(' since npm run index built it', '')} during the build; run it again`);
    // Never rebuild from here (HEARING_REBUILD_INDEX may be set by the process that started this build).
    const engine = loadEngine({ indexDir: staging, dataDir, rebuild: false });
    if (engine.entries.length !== report.entries)
      throw new Error(`index: the new index loads ${engine.entries.length} entries, not ${report.entries}`);
    loadCommitments({ indexDir: staging });
    return report;
  });
}

function writeIndex(dataDir: string, indexDir: string, writeFile: (path: string, data: string) => void): BuildReport {
  const paths = artefactPaths(indexDir);
  // The manifest records the hash of every file written, so a file changed afterwards is refused when it is loaded.
  const written: Array<[string, string]> = [];
  const write = (path: string, data: string) => {
    written.push([indexFileName(indexDir, path), sha256(data)]);
    try {
      writeFile(path, data);
    } catch (error) {
      throw new Error(`index: cannot write ${path}: ${(error as Error).message}`);
    }
  };
  // Hashed before anything is read: a file edited during the build no longer matches, and the check of the new
  // index refuses it, rather than recording the new text's hash for the old text's index.
  const { hash, inputs } = hashInputs(dataDir, JIEBA_INPUTS);
  const data = hashDataFiles(dataDir);
  const glossary = loadGlossary(`${dataDir}/glossary.json`);
  const transcripts = readTranscripts(transcriptFiles(dataDir));
  const parsed = transcripts.map(({ file, text }) => ({
    file,
    hearing: parseTranscript(text, basename(file), readHearingData(file)),
  }));
  checkDistinctHearings(parsed);
  const hearings = parsed.map((p) => p.hearing);
  const warnings = [...glossaryWarnings(glossary), ...checkGlossary(hearings, glossary)];

  const traditional = traditionalCharacters();
  const normalise = createNormaliser(new Set(traditional));
  const pins = pinIndexOf(pinsPath(dataDir), readPins(pinsPath(dataDir)), hearings, normalise);
  const userWords = userDictionaryWords(hearings, glossary).map(normalise);
  const corpus = [JSON.stringify(hearings), JSON.stringify(glossary), ...userWords].map(normalise).join('\n');

  mkdirSync(dirname(paths.jieba.dict), { recursive: true });
  const fullDictionary = readFileSync(FULL_DICTIONARY, 'utf8');
  write(paths.jieba.dict, trimDictionary(fullDictionary, corpus));
  write(
    paths.jieba.hmmDict,
    trimHmmModel(readFileSync(FULL_HMM_MODEL, 'utf8'), fullDictionary, corpus, COMMON_CHARACTERS),
  );
  // Three columns (word, frequency, tag): a fixed frequency keeps these words whole whatever the trimmed dictionary holds.
  write(paths.jieba.userDict, `${[...new Set(userWords)].map((w) => `${w} ${USER_WORD_FREQUENCY} n`).join('\n')}\n`);
  // nodejieba.load also reads keyword-extraction files we never use; tiny ones keep start-up fast.
  write(paths.jieba.idfDict, '的 1.0\n');
  write(paths.jieba.stopWordDict, '的\n');

  const lexicon = lexiconOf(glossary, normalise, wordsOneCharacterLonger(fullDictionary, corpus));
  const analyser = createAnalyser(loadSegmenter(paths.jieba), lexicon, normalise);
  // Bodies are keyed by (city, printed name): another city's 市发改委 must not give Wuhan's its names, nor the reverse.
  const cityOf = new Map(parsed.map((p) => [p.hearing.id, readHearingData(p.file)?.city ?? HOME_CITY]));
  const bodiesIn = (city: string) =>
    new Map(glossary.bodies.filter((b) => (b.city ?? HOME_CITY) === city).map((b) => [b.printed, b]));
  const byCity = new Map([...new Set(cityOf.values())].map((city) => [city, bodiesIn(city)]));
  const entries = entriesOf(hearings);
  const documents = entries.map((entry) => documentOf(entry, byCity.get(cityOf.get(entry.hearing)!)!, analyser));
  const miniSearch = new MiniSearch(miniSearchOptions());
  miniSearch.addAll(documents.map((d, i) => ({ ...d, id: i })));

  const documentFrequency = new Map<string, number>();
  for (const doc of documents) {
    for (const term of new Set(FIELDS.flatMap((f) => doc[f].split(' ')).filter(Boolean))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const search: SearchFile = {
    miniSearch: miniSearch.toJSON(),
    documentFrequency: sortedRecord([...documentFrequency]),
    lexicon,
    synonyms: sortedRecord(
      // A target the index holds stands for itself: 国有企业, not also the 企业 inside it, which every entry has.
      Object.entries(glossary.synonyms).map(([word, targets]) => [
        normalise(word),
        [
          ...new Set(
            targets.flatMap((t) => (documentFrequency.has(normalise(t)) ? [normalise(t)] : analyser.indexTerms(t))),
          ),
        ],
      ]),
    ),
    bodyNames: sortedRecord(glossary.bodies.flatMap((b) => namesOfBody(b).map((name) => [normalise(name), b.printed]))),
    everydayIdf: everydayWords(readFileSync(GENERAL_IDF, 'utf8'), EVERYDAY_MAX_IDF),
    traditional,
    homophones: homophoneTable(hearingVocabulary(glossary, normalise, documentFrequency.keys(), userWords)),
    refs: entries.map(refOf),
    texts: entries.map((e) => entryText(e, normalise)),
  };
  write(paths.hearings, `${JSON.stringify(hearings, null, 1)}\n`);
  write(paths.search, `${JSON.stringify(search)}\n`);
  write(paths.commitments, `${JSON.stringify(extractCommitments(hearings), null, 1)}\n`);
  write(paths.pins, `${JSON.stringify(pins, null, 1)}\n`);
  const files = sortedRecord(written);
  const manifest: Manifest = { builder: BUILDER_VERSION, inputHash: hash, inputs, data, files };
  write(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return { hearings: hearings.length, entries: entries.length, pins: Object.keys(pins).length, warnings };
}

/** Writes a file and flushes it to the disk, so a swapped-in index survives a power cut; errors name the file. */
function writeDurably(path: string, data: string): void {
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

/** Words jieba must keep whole: glossary terms, every body name and alias, every person's name. */
function userDictionaryWords(hearings: readonly Hearing[], glossary: Glossary): string[] {
  const people = hearings.flatMap((h) => [
    ...h.items.map((i) => i.asker.name),
    ...(h.closing ? [h.closing.speaker.name] : []),
  ]);
  const bodies = glossary.bodies.flatMap((b) => namesOfBody(b));
  return [...glossary.terms, ...Object.keys(glossary.synonyms), ...bodies, ...people].filter((w) => !/\s/.test(w));
}

/** The words a misheard question is compared with: every indexed word and every name (all normalised). */
function hearingVocabulary(
  glossary: Glossary,
  normalise: (text: string) => string,
  indexed: Iterable<string>,
  userWords: readonly string[],
): string[] {
  const names = glossary.bodies.flatMap((b) => namesOfBody(b)).map(normalise);
  return [...new Set([...indexed, ...userWords, ...names])].sort();
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
/** The city of a hearing (and a glossary body) that names none: this project's own. */
const HOME_CITY = '武汉市';
/** Characters whose HMM probabilities are kept besides those of our text: the everyday ones people type. */
const COMMON_CHARACTERS = 2500;
