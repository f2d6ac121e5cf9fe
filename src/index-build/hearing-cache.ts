// The per-hearing artefacts of earlier builds, kept beside the index by content hash, so a build analyses only the hearings that changed.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexedDocument } from '../search/documents.js';
import { sha256 } from '../search/index-files.js';

/** What the build derives from one hearing alone (given the glossary, jieba's files and the user words in it). */
export interface HearingArtefacts {
  /** jieba's dictionary words in the hearing's normalised text: the trimmed dictionary keeps them. */
  dictionaryWords: string[];
  /** The distinct characters of the hearing's normalised text: the trimmed HMM model keeps them. */
  characters: string;
  /** Its entries' indexed documents and normalised texts, in transcript order. */
  documents: IndexedDocument[];
  texts: string[];
  /**
   * Its commitments as commitments.json holds them, UTF-8 (JSON, one a line, comma-separated): copied into the file
   * as bytes, never decoded or parsed again (they are most of a large archive's bytes).
   */
  commitments: Uint8Array;
}

export interface HearingCache {
  /** The artefacts stored under `key`, or undefined when there are none or the entry is damaged (never trusted). */
  read(key: string): HearingArtefacts | undefined;
  /** Stores artefacts under `key`; a failure (full disk, read-only folder) only costs the next build time. */
  write(key: string, artefacts: HearingArtefacts): void;
  /** Removes every entry but those of `keys` (the current hearings'). */
  keepOnly(keys: ReadonlySet<string>): void;
}

/**
 * The cache in `dir` (`index.cache/` beside `index/`): one file per key, written to a temporary name and renamed, so
 * two builds at once and a build killed mid-write leave only whole entries. A file is three lines: the sha256 of the
 * rest, the artefacts but the commitments as JSON, the commitments as they are (already JSON).
 * @example hearingCache('index.cache').read(key)?.documents.length // 19
 */
export function hearingCache(dir: string): HearingCache {
  const path = (key: string) => join(dir, `${key}.json`);
  return {
    read(key) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path(key));
      } catch {
        return undefined;
      }
      const newline = bytes.indexOf(NEWLINE);
      if (newline !== SHA256_HEX || bytes.toString('latin1', 0, newline) !== sha256(bytes.subarray(newline + 1)))
        return undefined;
      const split = bytes.indexOf(NEWLINE, newline + 1);
      if (split < 0) return undefined;
      try {
        const entry = JSON.parse(UTF8.decode(bytes.subarray(newline + 1, split))) as {
          key?: unknown;
        } & Partial<HearingArtefacts>;
        const lists = [entry.dictionaryWords, entry.documents, entry.texts];
        if (entry.key !== key || typeof entry.characters !== 'string' || !lists.every(Array.isArray)) return undefined;
        return { ...(entry as HearingArtefacts), commitments: bytes.subarray(split + 1) };
      } catch {
        return undefined;
      }
    },
    write(key, artefacts) {
      const { commitments, ...rest } = artefacts;
      const body = Buffer.concat([Buffer.from(`${JSON.stringify({ key, ...rest })}\n`), commitments]);
      const temporary = `${path(key)}.tmp-${process.pid}`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temporary, Buffer.concat([Buffer.from(`${sha256(body)}\n`), body]));
        renameSync(temporary, path(key));
      } catch {
        rmSync(temporary, { force: true });
      }
    },
    keepOnly(keys) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const key = name.replace(/\.json$/, '');
        if (key !== name && !keys.has(key)) rmSync(join(dir, name), { force: true });
      }
    },
  };
}

const SHA256_HEX = 64;
/** Faster than Buffer.toString for large files (see index-files.ts). */
const UTF8 = new TextDecoder('utf-8');
const NEWLINE = 0x0a;
