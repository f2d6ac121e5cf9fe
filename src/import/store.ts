// Writes an imported hearing into the data folder: data/hearings/<name>.txt and <name>.json, never over an existing one.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CanonicalHearing } from './canonical.js';
import { ImportError } from './errors.js';

/**
 * The hearing's file name: the source's name when it is a plain slug (digital-economy-2023-09-13), else
 * 「hearing-<date>」; the date is added when the name lacks it.
 * @example hearingName('营商环境.docx', '2024-06-05') // 'hearing-2024-06-05'
 */
export function hearingName(sourceFile: string, date: string): string {
  const stem = basename(sourceFile)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const name = stem || 'hearing';
  return name.includes(date) ? name : `${name}-${date}`;
}

/**
 * Writes both files into `<dataDir>/hearings/`; refuses (writing nothing) when either exists.
 * @returns the paths written
 */
export function storeHearing(
  dataDir: string,
  name: string,
  hearing: CanonicalHearing,
): { transcript: string; data: string } {
  const folder = join(dataDir, 'hearings');
  const transcript = join(folder, `${name}.txt`);
  const data = join(folder, `${name}.json`);
  const existing = [transcript, data].filter((path) => existsSync(path));
  if (existing.length > 0)
    throw new ImportError(
      existing.map((path) => `${path} exists already: nothing written (remove it first to replace it)`),
    );
  mkdirSync(folder, { recursive: true });
  writeFileSync(data, `${JSON.stringify(hearing.data, null, 2)}\n`, { flag: 'wx' });
  writeFileSync(transcript, hearing.text, { flag: 'wx' });
  return { transcript, data };
}
