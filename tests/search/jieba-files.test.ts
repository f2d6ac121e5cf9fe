// Damaged jieba files in index/: each must give an error naming the file and "run npm run index", never a native abort.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { artefactPaths } from '../../src/search/index-files.js';
import { checkJiebaFiles } from '../../src/search/jieba-files.js';

const temp = mkdtempSync(join(tmpdir(), 'jieba-files-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const JIEBA_FILES = ['dict.utf8', 'hmm.utf8', 'user.utf8', 'idf.utf8', 'stop.utf8'] as const;
const original = (file: string) => readFileSync(join(INDEX_DIR, 'jieba', file));
/** The first half of a file, cut inside a line (where half falls just after a newline, a byte earlier). */
const firstHalf = (file: string) => {
  const bytes = original(file);
  let end = Math.floor(bytes.length / 2);
  while (end > 1 && bytes[end - 1] === 0x0a) end--;
  return bytes.subarray(0, end);
};
/** The HMM model up to the end of a line, without the last tables: a copy cut short exactly at a newline. */
const hmmWithoutLastTable = () => {
  const text = original('hmm.utf8').toString('utf8');
  return text.slice(0, text.lastIndexOf('\n#S\n') + 1);
};

/** name → the file damaged, its new content, and what the error must say about it. */
const DAMAGES: Record<string, [file: (typeof JIEBA_FILES)[number], content: Buffer | string, message: RegExp]> = {
  'empty dict.utf8': ['dict.utf8', '', /dict\.utf8: the file is empty/],
  'empty idf.utf8': ['idf.utf8', '', /idf\.utf8: the file is empty/],
  'empty stop.utf8': ['stop.utf8', '', /stop\.utf8: the file is empty/],
  'empty hmm.utf8': ['hmm.utf8', '', /hmm\.utf8: the file is empty/],
  'truncated hmm.utf8 (mid-line)': ['hmm.utf8', firstHalf('hmm.utf8'), /hmm\.utf8: .*cut short|hmm\.utf8: not valid/],
  'truncated hmm.utf8 (at a line end)': ['hmm.utf8', hmmWithoutLastTable(), /hmm\.utf8: 8 of the 9 tables/],
  'truncated dict.utf8': ['dict.utf8', firstHalf('dict.utf8'), /dict\.utf8: (.*cut short|not valid UTF-8)/],
  'truncated user.utf8': ['user.utf8', firstHalf('user.utf8'), /user\.utf8: (.*cut short|not valid UTF-8)/],
  'a dictionary frequency of 0': ['dict.utf8', '数字 0 n\n', /dict\.utf8:1: a frequency of 0/],
  'an IDF table of zeros': ['idf.utf8', '的 0\n', /idf\.utf8: no IDF above 0/],
  'a dictionary line of two columns': ['dict.utf8', '数字 5000 n\n经济 8000\n', /dict\.utf8:2: malformed line/],
  'an HMM emission without a probability': [
    'hmm.utf8',
    original('hmm.utf8')
      .toString('utf8')
      .replace(/\n([^#\n]*:[^,\n]*),/, '\n$1,坏,'),
    /hmm\.utf8:\d+: malformed emission table/,
  ],
  'a missing file': ['stop.utf8', '', /stop\.utf8: cannot read it: ENOENT/],
};

const damagedCopy = (name: string): string => {
  const [file, content] = DAMAGES[name]!;
  const dir = join(temp, name.replace(/\W+/g, '-'));
  mkdirSync(join(dir, 'jieba'), { recursive: true });
  for (const f of JIEBA_FILES) copyFileSync(join(INDEX_DIR, 'jieba', f), join(dir, 'jieba', f));
  if (name === 'a missing file') rmSync(join(dir, 'jieba', file));
  else writeFileSync(join(dir, 'jieba', file), content);
  return dir;
};

describe('checkJiebaFiles', () => {
  it('passes the index the build wrote', () => {
    expect(() => checkJiebaFiles(artefactPaths(INDEX_DIR).jieba)).not.toThrow();
  });

  it.each(Object.keys(DAMAGES))('%s: names the file and says to run npm run index', (name) => {
    const dir = damagedCopy(name);
    const [, , message] = DAMAGES[name]!;
    expect(() => checkJiebaFiles(artefactPaths(dir).jieba)).toThrow(message);
    expect(() => checkJiebaFiles(artefactPaths(dir).jieba)).toThrow(/^segmenter: .*\(run npm run index\)$/);
  });
});

describe('loadSegmenter on damaged files', () => {
  // nodejieba aborts the process on these (exit 134, no message): one child process tries them all through the
  // real loader, so a case that slips past the check kills the child and fails this test.
  it('reports every damage as an error and leaves the process running', () => {
    const dirs = Object.keys(DAMAGES).map(damagedCopy);
    const script = `
      const { loadSegmenter } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'search', 'segment.ts'))});
      const { artefactPaths } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'search', 'index-files.ts'))});
      for (const dir of ${JSON.stringify(dirs)}) {
        try { loadSegmenter(artefactPaths(dir).jieba); console.log('loaded ' + dir); }
        catch (error) { console.log(error.message); }
      }
      console.log('still running');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const lines = child.stdout.trim().split('\n');
    expect(lines.pop()).toBe('still running');
    Object.values(DAMAGES).forEach(([, , message], i) => {
      expect(lines[i]).toMatch(message);
      expect(lines[i]).toMatch(/\(run npm run index\)$/);
    });
  }, 30_000);
});

describe('broken jieba files', () => {
  // nodejieba would abort the process on these, so each runs in a child process that must exit with a clear error.
  const tryLoad = (indexDir: string) => {
    const script = `
      const { loadSegmenter } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'search', 'segment.ts'))});
      const { artefactPaths } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src', 'search', 'index-files.ts'))});
      try { loadSegmenter(artefactPaths(${JSON.stringify(indexDir)}).jieba); console.log('loaded'); }
      catch (error) { console.log(error.message); }
    `;
    return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop();
  };
  const copyJieba = (name: string) => {
    const dir = join(temp, `broken-${name}`);
    mkdirSync(join(dir, 'jieba'), { recursive: true });
    for (const file of ['dict.utf8', 'hmm.utf8', 'user.utf8', 'idf.utf8', 'stop.utf8'])
      copyFileSync(join(INDEX_DIR, 'jieba', file), join(dir, 'jieba', file));
    return dir;
  };

  it('names a missing file instead of aborting', () => {
    const dir = copyJieba('missing');
    rmSync(join(dir, 'jieba', 'hmm.utf8'));
    expect(tryLoad(dir)).toMatch(/segmenter: .*hmm\.utf8: cannot read it: .*\(run npm run index\)/);
  }, 30_000);

  it('names the malformed line instead of aborting', () => {
    const dir = copyJieba('malformed');
    writeFileSync(join(dir, 'jieba', 'dict.utf8'), '数字 5000 n\n\n经济 8000 n\n');
    expect(tryLoad(dir)).toMatch(/segmenter: .*dict\.utf8:2: malformed line ""/);
  }, 30_000);
});
