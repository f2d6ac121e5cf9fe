// Whether a run stands as written in the hearing's texts: the pair index gives what reading every text would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_DIR } from '../../src/paths.js';
import { entryTexts } from '../../src/search/entry-texts.js';
import { hearingTextFinder } from '../../src/search/hearing-text.js';

const { refs } = JSON.parse(readFileSync(join(INDEX_DIR, 'search.json'), 'utf8')) as { refs: string[] };
const stored = entryTexts(readFileSync(join(INDEX_DIR, 'texts.bin')), refs.length);
const real = Array.from({ length: stored.length }, (_, i) => stored.at(i));
// Enough texts for common pairs (held by more than 128 texts) and several blocks: the real ones, each also with a
// character of its own in every tenth place, forty times over.
const texts = Array.from({ length: 40 }, (_, copy) =>
  real.map((t) =>
    copy === 0 ? t : [...t].map((c, i) => (i % 10 === copy % 10 ? String.fromCodePoint(0x4e59 + copy) : c)).join(''),
  ),
).flat();
// Last, a text with a run no other text holds, though each of its pairs is common: found in the last block only.
const joined = texts.join('\n');
const pairs = new Map<string, number>();
for (const t of texts)
  for (const pair of new Set([...t].slice(1).map((c, i) => t[i] + c))) pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
const common = [...pairs]
  .filter(([pair, held]) => held > 128 && /^\p{Script=Han}{2}$/u.test(pair))
  .map(([pair]) => pair);
const lateRun =
  common
    .flatMap((ab) => common.filter((bc) => bc[0] === ab[1]).map((bc) => ab + bc[1]))
    .find((run) => !joined.includes(run)) ?? '';
texts.push(`${lateRun}。`);
const everyText = (run: string) => texts.join('\n').includes(run);

describe('the hearing text finder', () => {
  const finds = hearingTextFinder(texts);

  it('says what reading every text says, for runs taken from the texts, changed, and made up', () => {
    const runs: string[] = [];
    // From the real texts and from the last copies' (held only in the last blocks).
    [...real, ...texts.slice(-real.length)].forEach((t, i) => {
      for (let at = 0; at + 6 < t.length; at += 13) {
        const run = t.slice(at, at + 2 + (at % 5));
        runs.push(run, `${run[0]}丙${run.slice(2)}`, [...run].reverse().join(''), run.replace(/./, '乙'));
      }
      runs.push(`${i}号`, '汉融通', '汉溶通', '数字经济', '经济数字', '😀😀');
    });
    expect(runs.length).toBeGreaterThan(1000);
    const answers = runs.map(finds);
    expect(answers).toEqual(runs.map(everyText));
    expect(answers.filter(Boolean).length).toBeGreaterThan(200);
    expect(answers.filter((a) => !a).length).toBeGreaterThan(200);
  });

  it('finds a run made of common pairs in the one text that holds it, in the last block', () => {
    expect(lateRun.length).toBe(3);
    expect(joined.includes(lateRun)).toBe(false);
    expect(finds(lateRun)).toBe(true);
  });

  it('finds a run across two texts only as the joined texts would, and the empty run', () => {
    const run = `${texts[0]!.slice(-3)}\n${texts[1]!.slice(0, 3)}`;
    expect(finds(run)).toBe(everyText(run));
    expect(finds('')).toBe(true);
    expect(finds('汉')).toBe(everyText('汉'));
  });
});
