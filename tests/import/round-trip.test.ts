// The project's own transcript through `import --write`: written back byte for byte, and the writer's own rendering of
// it reads as the same hearing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/hearing/parse.js';
import { renderTranscript } from '../../src/import/canonical.js';
import { recognise } from '../../src/import/recognise.js';
import { DATA_DIR } from '../../src/paths.js';
import { BODIES, hearingsIn, runImport, tempDir } from './helpers.js';

const NAME = 'digital-economy-2023-09-13';
const SOURCE = join(DATA_DIR, 'hearings', `${NAME}.txt`);

describe(`${NAME}.txt through import --write`, () => {
  it('is written back byte-identical, with its data file, into the data folder given', async () => {
    const dataDir = tempDir();
    const run = await runImport([SOURCE, '--date', '2023-09-13', '--write'], dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('shape: labelled');
    expect(run.stdout).toContain('pairs: 18');
    expect(run.stdout).toContain('unplaced: 0');
    expect(readFileSync(join(dataDir, 'hearings', `${NAME}.txt`)).equals(readFileSync(SOURCE))).toBe(true);
    expect(JSON.parse(readFileSync(join(dataDir, 'hearings', `${NAME}.json`), 'utf8'))).toEqual({
      subject: '加快发展数字经济',
      date: '2023-09-13',
      city: '武汉市',
      source: `${NAME}.txt`,
      shape: 'labelled',
    });
  });

  it('never overwrites: a second --write says the files exist and changes nothing', async () => {
    const dataDir = tempDir();
    await runImport([SOURCE, '--date', '2023-09-13', '--write'], dataDir);
    const again = await runImport([SOURCE, '--date', '2023-09-13', '--write'], dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/digital-economy-2023-09-13\.txt exists already: nothing written/);
    expect(hearingsIn(dataDir)).toEqual([`${NAME}.json`, `${NAME}.txt`]);
    expect(readFileSync(join(dataDir, 'hearings', `${NAME}.txt`)).equals(readFileSync(SOURCE))).toBe(true);
  });

  it('rendered from the reading (not kept verbatim), it reads as the same 18 pairs, themes and closing', () => {
    const text = readFileSync(SOURCE, 'utf8');
    const original = parseTranscript(text, `${NAME}.txt`, { date: '2023-09-13' });
    const rendered = parseTranscript(renderTranscript(recognise(text, BODIES)), `${NAME}.txt`, { date: '2023-09-13' });
    const view = (h: typeof original) => ({
      items: h.items.map((i) => [i.id, i.theme.title, i.asker, i.body, i.question, i.answer]),
      closing: h.closing,
      intro: h.intro,
      title: h.title,
    });
    expect(view(rendered)).toEqual(view(original));
  });
});
