// Commitment extraction measured against the hand-labelled table: precision and recall, with what was missed and what was extra.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Commitment } from '../src/commitments/model.js';
import { PROJECT_ROOT } from '../src/paths.js';

export const LABELLED_FILE = join(PROJECT_ROOT, 'tests', 'fixtures', 'commitments-labelled.tsv');

/** One labelled commitment: the entry it is in and its clause, verbatim. */
export interface LabelledCommitment {
  id: string;
  text: string;
}

export interface ExtractionScore {
  labelled: number;
  extracted: number;
  /** Extracted passages that are a labelled commitment. */
  matched: number;
  precision: number;
  recall: number;
  missed: LabelledCommitment[];
  extra: Array<Pick<Commitment, 'id' | 'text'>>;
}

/** Reads the table: `id<TAB>clause<TAB>why`, `#` lines are comments. */
export function readLabelled(file = LABELLED_FILE): LabelledCommitment[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [id, text] = line.split('\t');
      if (!id || !text) throw new Error(`${file}: expected id<TAB>clause<TAB>why, got ${JSON.stringify(line)}`);
      return { id, text };
    });
}

/**
 * Pairs extracted passages with labelled commitments of the same entry, each at most once: a pair when one text holds
 * the other (a passage keeps a lead-in such as 下一步, a label may leave it out). Precision = paired passages / passages,
 * recall = paired labels / labels.
 */
export function scoreExtraction(
  extracted: readonly Commitment[],
  labelled: readonly LabelledCommitment[],
): ExtractionScore {
  const free = [...labelled];
  const extra: ExtractionScore['extra'] = [];
  for (const c of extracted) {
    const at = free.findIndex((l) => l.id === c.id && (c.text.includes(l.text) || l.text.includes(c.text)));
    if (at >= 0) free.splice(at, 1);
    else extra.push({ id: c.id, text: c.text });
  }
  const matched = extracted.length - extra.length;
  return {
    labelled: labelled.length,
    extracted: extracted.length,
    matched,
    precision: extracted.length === 0 ? 0 : matched / extracted.length,
    recall: labelled.length === 0 ? 0 : (labelled.length - free.length) / labelled.length,
    missed: free,
    extra,
  };
}

/** The bench's section: the two numbers against their goals, then every miss and every extra, for whoever tunes the rules. */
export function extractionReport(s: ExtractionScore): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    '| commitments (tests/fixtures/commitments-labelled.tsv) | value | goal |',
    '|---|---|---|',
    `| precision: extracted that are labelled (${s.matched} of ${s.extracted}) | ${pct(s.precision)} | ≥ 90% |`,
    `| recall: labelled that are extracted (${s.labelled - s.missed.length} of ${s.labelled}) | ${pct(s.recall)} | ≥ 80% |`,
    '',
    ...(s.missed.length ? ['Missed:', '', ...s.missed.map((m) => `- ${m.id} 「${m.text}」`), ''] : []),
    ...(s.extra.length
      ? ['Extracted but not labelled:', '', ...s.extra.map((m) => `- ${m.id} 「${m.text}」`), '']
      : []),
  ].join('\n');
}
