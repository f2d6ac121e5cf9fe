// Shared by the import tests: the fixtures, the bodies table they are read with, temporary data folders, and the
// import command run in-process against a temporary data folder.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import { afterEach } from 'vitest';
import { createImportCommand } from '../../src/commands/import.js';
import type { Command } from '../../src/commands/io.js';
import { BODIES } from './expected.js';

export { BODIES, fixture } from './expected.js';

const folders: string[] = [];
/** A temporary folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearing-import-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The files under a data folder's hearings/ (none when the folder was never made). */
export function hearingsIn(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'hearings')).sort();
  } catch {
    return [];
  }
}

/** Runs `cli import <args>` in-process, writing into `dataDir`. */
export function runImport(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return withoutEngine(createImportCommand({ dataDir: () => dataDir, bodies: () => BODIES }), args);
}

/** Runs a command in-process with its output captured; the import must never load the search engine. */
export async function withoutEngine(
  command: Command,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await command(args, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    engine: () => {
      throw new Error('import must not load the search engine');
    },
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** A minimal .docx (a zip of WordprocessingML) with one paragraph per line of `text`. */
export async function docxOf(text: string): Promise<Buffer> {
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraphs = text
    .split('\n')
    .filter(Boolean)
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${xml(line)}</w:t></w:r></w:p>`)
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
