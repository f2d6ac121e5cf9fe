// /api/ask's reply: the conversation's Reply as the API's results and as text in the format asked for, without the
// chat commands (/q 3, 更多：/topic 2 · /list) that mean nothing on a web page.
import { layoutReply } from '../../src/chat/layout.js';
import { markdownLine } from '../../src/chat/render-markdown.js';
import { renderPlainLine } from '../../src/chat/render-plain.js';
import { renderHtmlLine } from '../../src/chat/render-telegram.js';
import type { Reply } from '../../src/chat/reply.js';
import type { Line } from '../../src/chat/split.js';
import type { ApiResult, AskFormat } from './api-schema.js';

/**
 * The reply as one text: its lines with every command taken out, and the lines that only offered commands dropped.
 * @example apiText(reply, 'markdown')
 */
export function apiText(reply: Reply, format: AskFormat): string {
  const render = format === 'markdown' ? markdownLine : format === 'html' ? renderHtmlLine : renderPlainLine;
  // Paragraphs (runs of lines between empty ones), each line rendered, commands taken out.
  const paragraphs: string[][] = [[]];
  for (const line of layoutReply(reply)) {
    if (line.every((span) => span.text === '')) paragraphs.push([]);
    const words = withoutCommands(line);
    if (words?.some((span) => span.text !== '')) paragraphs.at(-1)!.push(render(words));
  }
  const blocks = paragraphs.filter((lines) => lines.length > 0);
  // Markdown joins single line breaks, so there every line is its own block (as render-markdown.ts does); a web page
  // ignores them, so HTML gets paragraphs and <br>.
  if (format === 'markdown') return blocks.flat().join('\n\n');
  if (format === 'html') return blocks.map((lines) => `<p>${lines.join('<br>\n')}</p>`).join('\n');
  return blocks.map((lines) => lines.join('\n')).join('\n\n');
}

/**
 * The items the reply shows in full (`match: "answer"`, with the answer's paragraphs), then those offered beside them
 * (`match: "related"`); [] for replies that show no item.
 */
export function apiResults(reply: Reply): ApiResult[] {
  if (reply.kind !== 'answer') return [];
  const shown = reply.items.map(
    (item): ApiResult => ({
      id: item.id,
      ...(item.from ? { hearing: item.hearing } : {}),
      asker: item.asker.name,
      role: item.asker.title,
      department: item.body,
      theme: item.theme,
      question: item.question,
      match: 'answer',
      answer: item.paragraphs,
      ...(item.link ? { link: item.link } : {}),
    }),
  );
  const related = reply.related.map(
    (item): ApiResult => ({
      id: item.id,
      asker: item.asker.name,
      role: item.asker.title,
      department: item.body,
      match: 'related',
    }),
  );
  return [...shown, ...related];
}

/**
 * A line without its command spans; null for a line that offers commands (更多：/topic 3 … · /list …, 可以试试：…):
 * without them its labels lead nowhere.
 */
function withoutCommands(line: Line): Line | null {
  if (!line.some((span) => span.style === 'code')) return line;
  if (line[0]?.style !== 'code' && /^[^\s·：:]{1,6}[：:]$/.test(line[0]?.text ?? '')) return null;
  const words = line.filter((span) => span.style !== 'code');
  if (words.every((span) => /^[\s·：:]*$/.test(span.text))) return null;
  // The space that stood between the command and its label goes with the command.
  const [first, ...rest] = words;
  return [{ ...first!, text: first!.text.replace(/^\s+/, '') }, ...rest];
}
