// The trimmed jieba files segment the hearing exactly as jieba's full dictionary and HMM model do (checked in a child process).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseDictionary, trimHmmModel } from '../../src/index-build/dictionary.js';
import { INDEX_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { artefactPaths } from '../../src/search/index-files.js';
import { loadSegmenter } from '../../src/search/segment.js';
import { sharedEngine } from '../search/helpers.js';

// Loads nodejieba's full default files (about 3 s) with our user dictionary, and cuts each line read from stdin.
const FULL_JIEBA_CHILD = `
  const nodejieba = require('nodejieba');
  nodejieba.load({ userDict: process.argv[1] });
  const lines = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(lines.map((l) => [nodejieba.cut(l, true), nodejieba.cutForSearch(l, true)])));
`;

describe('trimmed jieba files', () => {
  it('cut every paragraph of the hearing as the full dictionary and HMM model do', () => {
    const engine = sharedEngine();
    const paths = artefactPaths(INDEX_DIR).jieba;
    const lines = engine.entries
      .flatMap((e) => [e.kind === 'qa' ? e.question : '', ...(e.kind === 'qa' ? e.answer : e.paragraphs)])
      .filter(Boolean)
      .map(engine.analyser.normalise);
    const full = JSON.parse(
      execFileSync(process.execPath, ['-e', FULL_JIEBA_CHILD, paths.userDict], {
        cwd: PROJECT_ROOT,
        input: JSON.stringify(lines),
        encoding: 'utf8',
      }),
    );
    const trimmed = loadSegmenter(paths);
    expect(lines.map((l) => [trimmed.cut(l), trimmed.cutForSearch(l)])).toEqual(full);
  }, 60_000);
});

describe('trimHmmModel', () => {
  const model = [
    '#prob_start',
    '-0.26 -3.14e+100 -3.14e+100 -1.46',
    '#B',
    '甲:-1.0,乙:-2.0,丙:-3.0',
    '#E',
    '乙:-1.5,丁:-2.5',
  ].join('\n');
  const dictionary = ['甲乙 100 n', '甲 50 n', '丙 1 n', '丁 50 n'].join('\n');

  it('keeps the header lines, the characters of the text and the most frequent ones', () => {
    expect(trimHmmModel(model, parseDictionary(dictionary), '丙', 1)).toBe(
      ['#prob_start', '-0.26 -3.14e+100 -3.14e+100 -1.46', '#B', '甲:-1.0,丙:-3.0', '#E', ''].join('\n'),
    );
    expect(trimHmmModel(model, parseDictionary(dictionary), '', 4)).toBe(model);
  });
});
