// A record's text → its reading: the shape recognised, title, city, date, the pairs, the closing and what is unplaced.
import { bodyTable, type KnownBodies } from './bodies.js';
import { ImportError } from './errors.js';
import { hasTraditional, readingOf } from './fold.js';
import { cityOf, dateOf, titleOf } from './meta.js';
import type { Paragraph, Reading } from './model.js';
import { readNews } from './news.js';
import { readTurns } from './turns.js';

/**
 * Reads a record. Both recognisers read it; the one that finds more turns decides the shape. Throws an
 * {@link ImportError} listing every problem (no pairs, a question without answer, a speaker fitting two people).
 * @param bodies the bodies table (data/glossary.json `bodies`) and the home city
 * @example recognise('…\n张三委员问:…?\n市教育局局长王五:…', { bodies, home: '武汉市' }).items[0].body // '市教育局'
 */
export function recognise(text: string, bodies: KnownBodies, file = 'the record'): Reading {
  const paragraphs = paragraphsOf(text);
  const [first, ...rest] = paragraphs;
  const title = titleOf(first);
  const everything = paragraphs.map((p) => p.reading);
  const city = cityOf(everything);
  const table = bodyTable(bodies, city);
  const turns = readTurns(rest, table);
  const news = readNews(rest, table);
  const newsWins =
    news.items.length > turns.items.length ||
    (news.items.length === turns.items.length &&
      news.turns + news.problems.length > turns.turns + turns.problems.length);
  const chosen = newsWins ? news : turns;
  if (chosen.items.length === 0 && chosen.problems.length === 0)
    chosen.problems.push(
      'no question and answer found (looked for 「…提问:」/「…应询回答:」, 「张三委员问:」, 「问:」/「答:」 and quoted questions with who asked)',
    );
  if (chosen.problems.length > 0) throw new ImportError(chosen.problems.map((p) => `${file}: ${p}`));
  return {
    shape: chosen.shape,
    title,
    city,
    date: dateOf([first?.reading ?? '', ...chosen.intro.map(readingOf)]),
    intro: chosen.intro,
    items: chosen.items,
    closing: chosen.closing,
    unplaced: chosen.unplaced.sort((a, b) => a.line - b.line),
    traditional: hasTraditional(text),
  };
}

/** The non-empty lines of the text, trimmed, with their 1-based line numbers and reading copies. */
export function paragraphsOf(text: string): Paragraph[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ line: i + 1, text: raw.trim() }))
    .filter((p) => p.text !== '')
    .map((p) => ({ ...p, reading: readingOf(p.text) }));
}
