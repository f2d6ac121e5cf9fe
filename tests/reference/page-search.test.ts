// The page's search script (page-search.ts) run in Node: it must show first what the bot answers first, with no browser.
import { join } from 'node:path';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { personOf } from '../../src/hearing/model.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';
import { pageSearchInNode, projectPageInputs, readQueries } from './page-search-node.js';

const { hearing, search } = projectPageInputs();
const page = pageSearchInNode(search, hearing);
const engine = loadEngine();
const botFirst = (query: string) => engine.search(query)[0]?.entry.id;

/**
 * Queries the bot answers, with where the page disagrees about the first card. The page does not correct misheard
 * characters (经信句 → 经信局) as the bot does, so queries the bot answers only through such a correction are left out.
 */
function compare(queries: Iterable<string>): { answered: number; disagreements: string[] } {
  let answered = 0;
  const disagreements: string[] = [];
  for (const query of new Set(queries)) {
    const bot = botFirst(query);
    if (!bot || engine.read(query).corrections.length > 0) continue;
    answered++;
    const shown = page.rank(query)[0];
    if (shown !== bot) disagreements.push(`${query}: bot ${bot}, page ${shown ?? 'nothing'}`);
  }
  return { answered, disagreements };
}

const FIXTURES = ['dev.tsv', 'colloquial.tsv', 'heldout.tsv'].map((f) => join(PROJECT_ROOT, 'tests', 'fixtures', f));
const tableQueries = FIXTURES.flatMap(readQueries);

describe('the page search agrees with the bot', () => {
  it('on every glossary term, alias, synonym, body and person name, and their Taiwan forms', () => {
    const { glossary } = engine;
    const toTaiwan = Converter({ from: 'cn', to: 'twp' });
    const names = [
      ...glossary.bodies.flatMap((b) => [b.printed, b.official, ...b.aliases]),
      ...glossary.terms,
      ...Object.keys(glossary.synonyms),
      ...engine.entries.map((e) => personOf(e).name),
    ];
    const { answered, disagreements } = compare([...names, ...names.map((name) => toTaiwan(name))]);
    expect(answered).toBeGreaterThan(500);
    expect(disagreements).toEqual([]);
  });

  it('on every short phrase of the query tables (up to 6 characters)', () => {
    const { answered, disagreements } = compare(tableQueries.filter((q) => [...q].length <= 6));
    expect(answered).toBeGreaterThan(100);
    expect(disagreements).toEqual([]);
  });

  it('on nearly every question of up to 12 characters', () => {
    const { answered, disagreements } = compare(tableQueries.filter((q) => [...q].length <= 12));
    expect(disagreements.length / answered, disagreements.join('\n')).toBeLessThanOrEqual(0.03);
  });

  it.each([
    ['数据安全', 'q2'],
    ['數據安全', 'q2'],
    ['AI', 'q15'],
    ['智算中心', 'q14'],
  ])('「%s」 → %s (the examples of issue 15)', (query, id) => {
    expect(botFirst(query)).toBe(id);
    expect(page.rank(query)[0]).toBe(id);
  });
});

describe('how the page reads a query', () => {
  it.each([
    ['经开区汽车怎么说', ['经开区', '汽车']],
    ['數據安全', ['数据安全']],
    ['ＣＩＭ平台', ['cim', '平台']],
    ['7nm座舱芯片', ['7', 'nm', '座舱', '芯片']],
    ['资讯', ['资讯']],
    ['軟體名城', ['软件名城']],
    // 怎么办 asks; it is a filler, so only the topic is left.
    ['软件闪退怎么办', ['软件', '闪退']],
  ])('%s → %j', (query, words) => {
    expect(page.queryWords(query)).toEqual(words);
  });

  it.each([
    '',
    '   ',
    '怎么说',
    '👍',
    '\u0001\u0002',
    '量子纠缠火星殖民',
    '今天天气怎么样',
    'constructor',
    '__proto__',
    'toString',
    'constructor 量子',
    '经信局 constructor',
  ])('finds nothing for %j', (query) => {
    expect(page.rank(query)).toEqual([]);
  });

  it('ranks a 30 000-character paste without failing', () => {
    expect(Array.isArray(page.rank('数据'.repeat(15_000)))).toBe(true);
  });
});
