// The pins of data/pins.json as the index stores them: keyed by the normalised question, one question pinned once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Pin } from '../../src/hearing/pins.js';
import { pinIndexOf } from '../../src/index-build/pins.js';
import { INDEX_DIR } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';
import { artefactPaths } from '../../src/search/index-files.js';

const REF = (id: string) => `digital-economy-2023-09-13#${id}`;

describe('pinIndexOf', () => {
  const normalise = loadEngine().analyser.normalise;
  const hearings = JSON.parse(readFileSync(artefactPaths(INDEX_DIR).hearings, 'utf8'));
  it('keys each pin by its question after normalisation, in code-point order', () => {
    const pins: Pin[] = [
      { question: '老年人不會用ＡＰＰ怎麼辦？', answer: 'q13' },
      { question: '总的来说', answer: 'closing' },
    ];
    expect(pinIndexOf('data/pins.json', pins, hearings, normalise)).toEqual({
      总的来说: REF('closing'),
      老年人不会用app怎么办: REF('q13'),
    });
  });

  it('refuses two pins of one question, naming both entries', () => {
    const pins: Pin[] = [
      { question: '老年人不会用APP怎么办', answer: 'q13' },
      { question: '汉融通', answer: 'q7' },
      { question: '老年人不會用ＡＰＰ怎麼辦？', answer: 'q4' },
    ];
    expect(() => pinIndexOf('data/pins.json', pins, hearings, normalise)).toThrow(
      'pins data/pins.json: entry 3 (「老年人不會用ＡＰＰ怎麼辦？」) is the same question as entry 1 (「老年人不会用APP怎么办」) once ' +
        'Traditional characters, width, case and punctuation are set aside: keep one of them',
    );
  });
});
