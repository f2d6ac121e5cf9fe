// Splitting long replies into platform messages: whole paragraphs when they fit, sentence or word breaks when not.

/** How a piece of a line looks; renderers decide what each style becomes (Telegram: <b>, <i>, <code>). */
export type SpanStyle = 'plain' | 'bold' | 'italic' | 'code';

export interface Span {
  text: string;
  style: SpanStyle;
}

/** One line (a paragraph, a heading, a list line) made of styled spans; an empty line is a blank line. */
export type Line = Span[];

/** What a renderer's output costs against a platform's limit. */
export interface Measure {
  /** Length of one character once rendered (Telegram: & → &amp; is 5). */
  char(ch: string): number;
  /** Fixed cost of a span of this style (Telegram: <b></b> is 7). */
  span(style: SpanStyle): number;
}

/** Plain text: every UTF-16 unit counts once (the unit Telegram and WeChat count in), styles cost nothing. */
export const PLAIN_MEASURE: Measure = { char: (ch) => ch.length, span: () => 0 };

/**
 * Renders lines into messages of at most `limit` characters each. Lines are never split when they fit in one
 * message; a longer line is cut at a sentence end, else a comma or space, else between Chinese characters, never
 * inside a Latin word or number (unless that word alone is longer than the limit). Every character of the input
 * appears exactly once in the output; blank lines at the edges of a message are dropped.
 * @example splitIntoMessages(lines, 4096, measure, renderLine)
 */
export function splitIntoMessages(
  lines: readonly Line[],
  limit: number,
  measure: Measure,
  render: (line: Line) => string,
): string[] {
  if (!(limit > 0)) throw new RangeError(`split: limit must be a positive number, got ${limit}`);
  const pieces = lines.flatMap((line) => (lineCost(line, measure) <= limit ? [line] : splitLine(line, limit, measure)));
  const messages: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    while (current.length > 0 && current[current.length - 1] === '') current.pop();
    if (current.length > 0) messages.push(current.join('\n'));
    current = [];
    size = 0;
  };
  for (const piece of pieces) {
    const text = render(piece);
    if (text === '' && current.length === 0) continue;
    const cost = lineCost(piece, measure) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + cost > limit) {
      flush();
      if (text === '') continue;
      current.push(text);
      size = lineCost(piece, measure);
      continue;
    }
    current.push(text);
    size += cost;
  }
  flush();
  return messages;
}

/** What a line costs once rendered. */
export function lineCost(line: Line, measure: Measure): number {
  return line.reduce(
    (sum, span) => sum + (span.text === '' ? 0 : measure.span(span.style) + textCost(span.text, measure)),
    0,
  );
}

/** Cuts one line into lines that each cost at most `limit`, preferring good break points. */
export function splitLine(line: Line, limit: number, measure: Measure): Line[] {
  const chars = line.flatMap((span) => [...span.text].map((ch) => ({ ch, style: span.style })));
  const out: Line[] = [];
  let start = 0;
  while (start < chars.length) {
    let cost = 0;
    let style: SpanStyle | undefined;
    let end = start;
    // Longest run from `start` that fits; span overhead is paid whenever the style changes.
    while (end < chars.length) {
      const c = chars[end]!;
      const extra = measure.char(c.ch) + (c.style !== style ? measure.span(c.style) : 0);
      if (cost + extra > limit) break;
      cost += extra;
      style = c.style;
      end++;
    }
    if (end === start) throw new RangeError(`split: limit ${limit} cannot hold even one character`);
    if (end < chars.length)
      end = bestBreak(
        chars.map((c) => c.ch),
        start,
        end,
      );
    out.push(toLine(chars.slice(start, end)));
    start = end;
  }
  return out;
}

/** The best place to cut in (start, end]: after a sentence end in the second half, else a pause, else a safe boundary. */
function bestBreak(chars: string[], start: number, end: number): number {
  const half = start + Math.floor((end - start) / 2);
  for (const rank of [SENTENCE_END, PAUSE]) {
    for (let i = end; i > half; i--) if (rank.test(chars[i - 1]!)) return i;
  }
  for (let i = end; i > start; i--) if (!(WORD.test(chars[i - 1]!) && WORD.test(chars[i]!))) return i;
  return end; // one word longer than the limit: cut it, since nothing may be lost
}

function toLine(chars: Array<{ ch: string; style: SpanStyle }>): Line {
  const line: Line = [];
  for (const { ch, style } of chars) {
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += ch;
    else line.push({ text: ch, style });
  }
  return line;
}

function textCost(text: string, measure: Measure): number {
  let sum = 0;
  for (const ch of text) sum += measure.char(ch);
  return sum;
}

const SENTENCE_END = /[。！？；!?;…]/u;
const PAUSE = /[，、,：:）)」”\s]/u;
/** Characters that make up a Latin word or a number: never cut between two of them. */
const WORD = /[\p{Script=Latin}\p{N}_\-+.@/]/u;
