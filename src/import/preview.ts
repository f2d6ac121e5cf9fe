// The preview of a reading: the JSON other tools rely on, and the text a person checks before writing.
import type { Person } from '../hearing/model.js';
import type { Reading } from './model.js';

/** The `--json` preview (a contract: see ARCHITECTURE.md). */
export interface PreviewJson {
  shape: string;
  title: string;
  city: string | null;
  date: string | null;
  items: Array<{ n: number; asker: Person; body: string; answerer: string | null; question: string; answer: string }>;
  closing: { speaker: Person; text: string } | null;
  unplaced: Array<{ line: number; text: string }>;
}

/**
 * The reading as the `--json` preview: question and answer paragraphs joined by line breaks.
 * @example previewJson(reading).items[0].asker // { name: '张三', title: '委员' }
 */
export function previewJson(reading: Reading): PreviewJson {
  return {
    shape: reading.shape,
    title: reading.title,
    city: reading.city,
    date: reading.date,
    items: reading.items.map((item) => ({
      n: item.n,
      asker: item.asker,
      body: item.body,
      answerer: item.answerer,
      question: item.question.join('\n'),
      answer: item.answer.join('\n'),
    })),
    closing: reading.closing ? { speaker: reading.closing.speaker, text: reading.closing.paragraphs.join('\n') } : null,
    unplaced: reading.unplaced.map(({ line, text }) => ({ line, text })),
  };
}

/** The kind of asker a person reads as: 副主任, 委员, 代表, or the words of an unnamed one (一位委员). */
export function askerKind(asker: Person): string {
  if (/^另?一位/.test(asker.name)) return asker.name;
  if (/副主任$/.test(asker.title)) return '副主任';
  if (/主任$/.test(asker.title)) return '主任';
  if (/代表/.test(asker.title)) return '代表';
  if (/委员/.test(asker.title)) return '委员';
  return asker.title || '—';
}

/**
 * The preview as text: shape, title, city, date, each pair on two lines, the closing, every unplaced paragraph.
 * @example previewText(reading).split('\n')[0] // 'shape: news-feature'
 */
export function previewText(reading: Reading): string {
  const lines = [
    `shape: ${reading.shape}${reading.traditional ? ' (Traditional characters read; names written in Simplified)' : ''}`,
    `title: ${reading.title}`,
    `city:  ${reading.city ?? '(not named in the text)'}`,
    `date:  ${reading.date ?? '(no year in the text: give --date YYYY-MM-DD)'}`,
    `pairs: ${reading.items.length}`,
  ];
  let theme: string | null = null;
  for (const item of reading.items) {
    if (item.theme && item.theme !== theme) lines.push(`  【${(theme = item.theme)}】`);
    const asker = /^另?一位/.test(item.asker.name)
      ? item.asker.name
      : `${item.asker.name} (${item.asker.title || '—'}, ${askerKind(item.asker)})`;
    const person = item.answerer ? ` — ${item.answerer}` : '';
    lines.push(`  ${item.n}. ${asker} → ${item.body}${person}  [line ${item.line}]`);
    lines.push(`     问: ${firstWords(item.question.join(''))}`);
    lines.push(`     答: ${firstWords(item.answer.join(''))}`);
  }
  if (reading.closing) {
    const { speaker, paragraphs } = reading.closing;
    lines.push(`closing: ${speaker.title}${speaker.name}: ${firstWords(paragraphs.join(''))}`);
  }
  lines.push(`unplaced: ${reading.unplaced.length}`);
  for (const { line, text } of reading.unplaced) lines.push(`  line ${line}: ${text}`);
  return `${lines.join('\n')}\n`;
}

function firstWords(text: string): string {
  const chars = [...text];
  return chars.length > FIRST_WORDS ? `${chars.slice(0, FIRST_WORDS).join('')}…` : text;
}

const FIRST_WORDS = 24;
