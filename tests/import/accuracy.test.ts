// The bench's import-accuracy section: computed on the fixtures without running the whole bench.
import { describe, expect, it } from 'vitest';
import { importAccuracyReport, importScores } from '../../bench/import-accuracy.js';
import { CASES } from './expected.js';

describe('import accuracy (bench section)', () => {
  const scores = importScores();

  it('scores every fixture and the project transcript', () => {
    expect(scores.map((s) => s.file)).toEqual([...CASES.map((c) => c.file), 'digital-economy-2023-09-13.txt']);
  });

  it('reads every pair, asker and body right, with no pair made up', () => {
    for (const s of scores)
      expect([s.file, s.read, s.pairs, s.askers, s.bodies]).toEqual([
        s.file,
        s.expected,
        s.expected,
        s.expected,
        s.expected,
      ]);
  });

  it('reports a row per record and the total', () => {
    const report = importAccuracyReport(scores);
    const total = scores.reduce((n, s) => n + s.expected, 0);
    expect(report).toContain(`| **all** | ${total}/${total} | ${total}/${total} | ${total}/${total} | 0 |`);
    expect(report.split('\n')).toHaveLength(scores.length + 3);
  });
});
