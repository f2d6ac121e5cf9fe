// The blind everyday-wording table (tests/fixtures/everyday.tsv) reads and points at real items; its score is held
// in tests/chat/eval-sets.test.ts and reported by `npx tsx bench/kinds.ts`.
import { describe, expect, it } from 'vitest';
import { EVERYDAY_TABLE } from '../../bench/kinds.js';
import { readKindTable } from '../../bench/labelled.js';
import { sharedEngine } from '../search/helpers.js';

const lines = readKindTable(EVERYDAY_TABLE, 'everyday.tsv');
const entryIds = new Set(sharedEngine().entries.map((e) => e.id));
const idsOf = (label: (typeof lines)[number]['label']) => (label.kind === 'first' ? label.ids : []);

describe('tests/fixtures/everyday.tsv', () => {
  it('has only the two kinds, everyday lines naming items and everyday_none lines labelled none', () => {
    const misfiled = lines.filter((l) =>
      l.group === 'everyday' ? l.label.kind !== 'first' : l.group !== 'everyday_none' || l.label.kind !== 'none',
    );
    expect(misfiled.map((l) => `${l.at} ${l.group} ${JSON.stringify(l.label)}`)).toEqual([]);
    expect(lines.filter((l) => l.group === 'everyday_none').length).toBeGreaterThanOrEqual(25);
  });

  it('names only items the hearing has', () => {
    const unknown = lines.flatMap((l) =>
      idsOf(l.label)
        .filter((id) => !entryIds.has(id))
        .map((id) => `${l.at} ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('asks about every item and the closing at least three times', () => {
    const thin = [...entryIds].filter((id) => lines.filter((l) => idsOf(l.label).includes(id)).length < 3);
    expect(thin).toEqual([]);
    expect(entryIds.size).toBe(19);
  });

  it('has each message once, each 6 to 60 characters long', () => {
    const texts = lines.map((l) => l.text);
    expect(texts.length - new Set(texts).size).toBe(0);
    expect(texts.filter((t) => [...t].length < 6 || [...t].length > 60)).toEqual([]);
  });
});
