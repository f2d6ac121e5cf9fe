// Reads the inputs of the quick reference (parsed hearings, glossary) and writes its two files; the only I/O of this room.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayOf } from '../commitments/follow-up.js';
import { ledgerPath, readLedger } from '../commitments/ledger.js';
import { loadCommitments } from '../commitments/load.js';
import { messageOf } from '../errors.js';
import { loadGlossary } from '../hearing/glossary.js';
import type { Hearing } from '../hearing/model.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR, INDEX_DIR } from '../paths.js';
import { loadEngine } from '../search/engine.js';
import { artefactPaths, HearingsFileSchema } from '../search/index-files.js';
import { readPinIndex } from '../search/pins.js';
import { renderReferenceMarkdown } from './markdown.js';
import { buildReferenceModel } from './model.js';
import { type PageOptions, renderReferencePage } from './page.js';
import { type AskBot, buildSearchData, type Dictionary } from './search-data.js';
import { commitmentsSection, DEFAULT_SECTIONS } from './sections.js';

/**
 * A page this size opens at once from a WeChat file message on a phone; the tests hold the page to it. Most of it is
 * the search box's words (every dictionary and glossary word with the bot's answers: ~250 KB of ~350 KB), which grow
 * with the glossary's everyday wording; the budget was 256 KiB, then 320 KiB, until rounds of that wording were added.
 */
export const MAX_PAGE_BYTES = 384 * 1024;

export interface WriteReferenceOptions extends PageOptions {
  /** Folder the files go into; created when missing. */
  outDir: string;
  /** Which hearing; may be left out when the index holds exactly one. */
  hearingId?: string;
  /** Defaults: the project's index/ and data/. */
  indexDir?: string;
  dataDir?: string;
}

/** The two files written, with their sizes in bytes. */
export interface WrittenReference {
  html: { path: string; bytes: number };
  markdown: { path: string; bytes: number };
}

/**
 * Writes `quick-reference.html` and `quick-reference.md` into `outDir`. Unless `sections` says otherwise, they hold the
 * default sections and then 「承诺与目标」 from the index's commitments, with the ledger's statuses as of today
 * (`HEARING_LEDGER_FILE`, `HEARING_TODAY`).
 * @example writeQuickReference({ outDir: 'dist' }).html.bytes // ~128 000
 */
export function writeQuickReference(options: WriteReferenceOptions): WrittenReference {
  const indexDir = options.indexDir ?? INDEX_DIR;
  const dataDir = options.dataDir ?? DATA_DIR;
  const hearing = chooseHearing(readHearings(indexDir), options.hearingId);
  const glossary = loadGlossary(join(dataDir, 'glossary.json'));
  const model = buildReferenceModel(hearing, glossary);
  const followUp = { ledger: readLedger(ledgerPath()), today: todayOf() };
  const sections = options.sections ?? [
    ...DEFAULT_SECTIONS,
    commitmentsSection(loadCommitments({ indexDir }), followUp),
  ];
  const search = buildSearchData(model, {
    dictionary: readDictionary(indexDir),
    glossary,
    askBot: botFor(hearing, indexDir, dataDir),
    pins: pinnedCards(hearing, indexDir),
  });
  const html = renderReferencePage(model, search, { ...options, sections });
  const bytes = Buffer.byteLength(html);
  if (bytes >= MAX_PAGE_BYTES)
    throw new Error(`reference: the page is ${bytes} bytes, over the ${MAX_PAGE_BYTES}-byte limit`);
  const markdown = renderReferenceMarkdown(model, { ...options, sections });
  mkdirSync(options.outDir, { recursive: true });
  const written: WrittenReference = {
    html: { path: join(options.outDir, 'quick-reference.html'), bytes },
    markdown: { path: join(options.outDir, 'quick-reference.md'), bytes: Buffer.byteLength(markdown) },
  };
  writeFileSync(written.html.path, html);
  writeFileSync(written.markdown.path, markdown);
  return written;
}

/**
 * The bot's confident answers within one hearing, from the engine every chat uses (loaded from the same index), so
 * the page and the bot agree on every word.
 */
export function botFor(hearing: Hearing, indexDir: string, dataDir: string): AskBot {
  const engine = loadEngine({ indexDir, dataDir });
  const everything = engine.entries.length;
  return (word) =>
    engine
      .search(word, { limit: everything })
      .filter((hit) => hit.entry.hearing === hearing.id)
      .map((hit) => ({ id: hit.entry.id, score: hit.score }));
}

/**
 * The questions staff pinned to a card of this hearing (index/pins.json, as the bot reads them): question key → card id.
 * @example pinnedCards(hearing, INDEX_DIR) // {} when nothing is pinned
 */
export function pinnedCards(hearing: Hearing, indexDir: string): Record<string, string> {
  const prefix = `${hearing.id}#`;
  return Object.fromEntries(
    Object.entries(readPinIndex(indexDir))
      .filter(([, ref]) => ref.startsWith(prefix))
      .map(([key, ref]) => [key, ref.slice(prefix.length)]),
  );
}

/**
 * The segmenter's dictionary as `npm run index` wrote it (jieba's format, `word frequency tag` a line): the main
 * dictionary's words and total, and the user dictionary's words. Private-use placeholders count towards the total only.
 */
export function readDictionary(indexDir: string): Dictionary {
  const { dict, userDict } = artefactPaths(indexDir).jieba;
  const words = new Map<string, number>();
  let total = 0;
  for (const [file, isUser] of [
    [dict, false],
    [userDict, true],
  ] as const) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`reference: cannot read ${file} (${messageOf(error)}); run npm run index`);
    }
    for (const line of text.split('\n')) {
      const [word, frequency] = line.split(' ');
      if (!word) continue;
      const count = Number(frequency);
      if (!Number.isFinite(count) || count <= 0)
        throw new Error(`reference: ${file}: no frequency in ${JSON.stringify(line.slice(0, 40))}; run npm run index`);
      if (!isUser) total += count;
      if (!/^[\uE000-\uF8FF]/.test(word)) words.set(word, Math.max(count, words.get(word) ?? 0));
    }
  }
  return { words, total };
}

export function readHearings(indexDir: string): Hearing[] {
  const path = artefactPaths(indexDir).hearings;
  return readJsonFile(path, HearingsFileSchema, { room: 'reference', fix: ' (run npm run index)' });
}

/** The named hearing, or the only one; several without a name is an error rather than a guess. */
export function chooseHearing(hearings: readonly Hearing[], id: string | undefined): Hearing {
  const ids = hearings.map((h) => h.id).join(', ');
  if (id === undefined) {
    if (hearings.length === 1) return hearings[0]!;
    throw new Error(`reference: the index holds several hearings (${ids}); name one with --hearing <id>`);
  }
  const hearing = hearings.find((h) => h.id === id);
  if (!hearing) throw new Error(`reference: no hearing ${id}; the index holds ${ids}`);
  return hearing;
}
