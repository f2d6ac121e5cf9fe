// Where the project's folders are: the root (package.json beside data/), data/ and index/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json; found by walking up, so sources (src/) and compiled code (dist/src/) agree. */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const DATA_DIR = join(PROJECT_ROOT, 'data');
export const INDEX_DIR = join(PROJECT_ROOT, 'index');

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`cannot find the project folder (package.json beside data/) above ${start}`);
  }
}
