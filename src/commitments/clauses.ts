// Clause splitting: cuts an answer paragraph at sentence and comma boundaries, keeping offsets so quotes stay verbatim.
/** One clause of a paragraph: `paragraph.slice(start, end) === text`, delimiters excluded. */
export interface Clause {
  text: string;
  start: number;
  end: number;
  /** 0-based sentence of the paragraph the clause belongs to; clauses only ever join within one sentence. */
  sentence: number;
}

/**
 * Splits a paragraph into clauses: sentences end at 。；;！？!?：: and clauses at ，, — but never inside quotation marks
 * (“5G+工业互联网”, 「…」, 《…》), whose punctuation belongs to a name, not to the sentence.
 * @example clausesOf('做优主体,每年至少要引进2家数字金融头部企业。').map((c) => c.text) // ['做优主体', '每年至少要引进2家数字金融头部企业']
 */
export function clausesOf(paragraph: string): Clause[] {
  const clauses: Clause[] = [];
  let sentence = 0;
  let from = 0;
  let depth = 0;
  let asciiQuoteOpen = false;
  const close = (to: number) => {
    const raw = paragraph.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) clauses.push({ text, start: from + lead, end: from + lead + text.length, sentence });
  };
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i]!;
    if (OPENING.has(ch)) depth++;
    else if (CLOSING.has(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '"') asciiQuoteOpen = !asciiQuoteOpen;
    if (depth > 0 || asciiQuoteOpen) continue;
    const endsSentence = SENTENCE_END.has(ch);
    if (endsSentence || CLAUSE_END.has(ch)) {
      close(i);
      from = i + 1;
      if (endsSentence) sentence++;
    }
  }
  close(paragraph.length);
  return clauses;
}

/** Spans of text inside quotation marks, as [start, end) offsets of the quoted text (marks excluded). */
export function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const open: number[] = [];
  let ascii: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPENING.has(ch)) open.push(i + 1);
    else if (CLOSING.has(ch) && open.length) spans.push([open.pop()!, i]);
    else if (ch === '"') {
      if (ascii === null) ascii = i + 1;
      else {
        spans.push([ascii, i]);
        ascii = null;
      }
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

const SENTENCE_END = new Set(['。', '；', ';', '！', '!', '？', '?', '：', ':']);
const CLAUSE_END = new Set(['，', ',']);
const OPENING = new Set(['“', '「', '『', '《', '‘', '（', '(']);
const CLOSING = new Set(['”', '」', '』', '》', '’', '）', ')']);
