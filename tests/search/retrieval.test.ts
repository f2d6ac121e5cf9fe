// Retrieval quality, table-driven: the development set and the team's colloquial set exactly, the held-out set as users would judge it.
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { type QueryCase, readFixtureTable, sharedEngine } from './helpers.js';

const ids = (query: string) =>
  sharedEngine()
    .search(query)
    .map((h) => h.entry.id);
const split = (cases: QueryCase[]) => ({
  inScope: cases.filter((c) => c.accepted[0] !== 'none'),
  outOfScope: cases.filter((c) => c.accepted[0] === 'none'),
});

describe.each([['dev.tsv'], ['colloquial.tsv']])('%s', (name) => {
  const { inScope, outOfScope } = split(readFixtureTable(name));

  it.each(inScope.map((c): [string, QueryCase] => [c.query, c]))('%s → its answer first', (_, c) => {
    expect(c.accepted).toContain(ids(c.query)[0]);
  });

  it.each(outOfScope.map((c) => [c.query]))('%s → nothing', (query) => {
    expect(ids(query)).toEqual([]);
  });
});

describe('dev.tsv typed in Traditional characters (Taiwan)', () => {
  const toTraditional = Converter({ from: 'cn', to: 'twp' });
  const { inScope, outOfScope } = split(readFixtureTable('dev.tsv'));

  it.each(inScope.map((c): [string, QueryCase] => [toTraditional(c.query), c]))('%s → its answer first', (query, c) => {
    expect(c.accepted).toContain(ids(query)[0]);
  });

  it.each(outOfScope.map((c) => [toTraditional(c.query)]))('%s → nothing', (query) => {
    expect(ids(query)).toEqual([]);
  });
});

describe('heldout.tsv', () => {
  const { inScope, outOfScope } = split(readFixtureTable('heldout.tsv'));

  it.each(inScope.map((c): [string, QueryCase] => [c.query, c]))(
    '%s → its answer first, or silence, never another answer',
    (_, c) => {
      const first = ids(c.query)[0];
      if (first !== undefined) expect(c.accepted).toContain(first);
    },
  );

  it.each(outOfScope.map((c) => [c.query]))('%s → nothing', (query) => {
    expect(ids(query)).toEqual([]);
  });

  it('answers at least 90% of the in-scope questions with an accepted answer first', () => {
    const answered = inScope.filter((c) => c.accepted.includes(ids(c.query)[0] ?? ''));
    expect(answered.length / inScope.length).toBeGreaterThanOrEqual(0.9);
  });
});
