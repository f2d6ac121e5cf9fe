// `npm run -s cli -- import` as dispatched by src/cli.ts, with HEARING_IMPORT_DATA_DIR pointing --write at a temporary folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { DATA_DIR } from '../../src/paths.js';
import { fixture } from './expected.js';
import { hearingsIn, tempDir, withoutEngine } from './helpers.js';

const cli = (args: string[]) => withoutEngine(runCli, args);

const saved = process.env.HEARING_IMPORT_DATA_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.HEARING_IMPORT_DATA_DIR;
  else process.env.HEARING_IMPORT_DATA_DIR = saved;
});

describe('cli import', () => {
  it('previews as JSON with the project bodies table, writing nothing', async () => {
    const before = hearingsIn(DATA_DIR);
    const run = await cli(['import', fixture('qa-blocks-hefei.txt'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).items.map((i: { body: string }) => i.body)).toEqual(['市科技局', '市地方金融监管局']);
    expect(hearingsIn(DATA_DIR)).toEqual(before);
  });

  it('--write writes into HEARING_IMPORT_DATA_DIR and says to run npm run index', async () => {
    const dataDir = tempDir();
    process.env.HEARING_IMPORT_DATA_DIR = dataDir;
    const run = await cli(['import', fixture('qa-blocks-hefei.txt'), '--write']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('now run npm run index');
    expect(hearingsIn(dataDir)).toEqual(['qa-blocks-hefei-2025-05-20.json', 'qa-blocks-hefei-2025-05-20.txt']);
    expect(readFileSync(join(dataDir, 'hearings', 'qa-blocks-hefei-2025-05-20.txt'), 'utf8')).toContain(
      '市人大常委会委员孙一提问:高校科技成果在本地转化率偏低,原因是什么?\n市科技局应询回答:主要是中试平台不足。',
    );
  });

  it('refuses a wrong command line with the usage', async () => {
    for (const args of [['import'], ['import', 'a.txt', 'b.txt'], ['import', 'a.txt', '--date', '2024-02-30']]) {
      const run = await cli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('usage: import FILE');
    }
  });
});
