// The page's script as one ES2017 file: browser/page-script.ts and what it imports, bundled by esbuild at page build.
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../paths.js';

/** The script's entry, from the sources: the page is built by a developer's `npm run reference`, never in the bot. */
export const PAGE_SCRIPT_ENTRY = join(PROJECT_ROOT, 'src', 'reference', 'browser', 'page-script.ts');

let bundled: string | undefined;

/**
 * The page's inline script: one IIFE with no imports, ES2017 so old phone browsers run it, not minified so the page
 * can be read. Built once per process (~50 ms); throws, naming esbuild's first error, when the sources do not build.
 * @example `<script>${pageScript()}</script>`
 */
export function pageScript(): string {
  if (bundled !== undefined) return bundled;
  const result = buildSync({
    entryPoints: [PAGE_SCRIPT_ENTRY],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2017',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`reference: esbuild wrote nothing for ${PAGE_SCRIPT_ENTRY}`);
  // Inline, "</script" would end the element early; no source of the script has a reason to write it.
  if (/<\/script/i.test(code))
    throw new Error('reference: the page script contains "</script", which would end it early');
  bundled = code;
  return code;
}
