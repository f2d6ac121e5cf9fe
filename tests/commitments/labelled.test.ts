// The hand-labelled commitments table the bench measures extraction against: verbatim, in the right answer, scored fairly.
import { describe, expect, it } from 'vitest';
import { readLabelled, scoreExtraction } from '../../bench/commitments.js';
import { commitmentsOf } from '../../src/commitments/extract.js';
import { paragraphsOf } from '../../src/hearing/model.js';
import { hearing } from './helpers.js';

const labelled = readLabelled();
const entries = [...hearing.items, ...(hearing.closing ? [hearing.closing] : [])];

describe('tests/fixtures/commitments-labelled.tsv', () => {
  it('quotes every commitment verbatim from the answer of the entry it names, each once', () => {
    expect(labelled.length).toBeGreaterThan(20);
    for (const { id, text } of labelled) {
      const entry = entries.find((e) => e.id === id);
      expect(entry, id).toBeDefined();
      expect(
        paragraphsOf(entry!).some((p) => p.includes(text)),
        `${id} 「${text}」`,
      ).toBe(true);
    }
    expect(new Set(labelled.map((l) => `${l.id}\t${l.text}`)).size).toBe(labelled.length);
  });

  it('scores a passage against a label of the same entry when one holds the other, each label once', () => {
    const q5 = commitmentsOf(hearing.items.find((i) => i.id === 'q5')!, hearing.date);
    const labels = [
      { id: 'q5', text: '争取用三年时间在总量上实现较大增长' },
      { id: 'q5', text: '用三年时间' },
      { id: 'q7', text: '计划建设1平方公里的武汉智能汽车软件园' },
      { id: 'q5', text: '不存在的承诺' },
    ];
    const score = scoreExtraction(q5, labels);
    expect(score.matched).toBe(1);
    expect(score.extracted).toBe(q5.length);
    expect(score.precision).toBeCloseTo(1 / q5.length);
    expect(score.recall).toBeCloseTo(1 / 4);
    expect(score.missed.map((m) => m.text)).toEqual([
      '用三年时间',
      '计划建设1平方公里的武汉智能汽车软件园',
      '不存在的承诺',
    ]);
  });
});
