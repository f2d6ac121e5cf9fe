// Retrieval quality, table-driven: every line of the development set and of the team's colloquial set.
import { describe, expect, it } from 'vitest';
import { readQueryTable, sharedEngine, type QueryCase } from './helpers.js';

const tables = { 'dev.tsv': readQueryTable('dev.tsv'), 'colloquial.tsv': readQueryTable('colloquial.tsv') };

describe.each(Object.entries(tables))('%s', (_, cases) => {
  const inScope = cases.filter((c) => c.accepted[0] !== 'none');
  const outOfScope = cases.filter((c) => c.accepted[0] === 'none');

  it.each(inScope.map((c): [string, QueryCase] => [c.query, c]))('%s → its answer first', (_, c) => {
    const ids = sharedEngine().search(c.query).map((h) => h.entry.id);
    expect(c.accepted).toContain(ids[0]);
  });

  it.each(outOfScope.map((c) => [c.query]))('%s → nothing', (query) => {
    expect(sharedEngine().search(query).map((h) => h.entry.id)).toEqual([]);
  });
});
