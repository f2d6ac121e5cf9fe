// The words of every reply, laid out as styled lines; both renderers share it, so console, WeChat and Telegram say the same.
import { type AnswerItem, type CommitmentLine, displayPerson, type Reply, type Suggestion } from './reply.js';
import type { Line, Span, SpanStyle } from './split.js';

/**
 * Lays a reply out as lines. Answer paragraphs are passed through verbatim, one line each; user text appears only
 * inside quotes 「…」, already cut short by the conversation.
 */
export function layoutReply(reply: Reply): Line[] {
  switch (reply.kind) {
    case 'answer': {
      const lines: Line[] = [];
      if (reply.title) lines.push([bold(reply.title)], []);
      reply.items.forEach((item, i) => {
        if (i > 0) lines.push([]);
        lines.push(...itemLines(item));
      });
      if (reply.related.length > 0) {
        lines.push([], [bold('相关：')]);
        for (const r of reply.related)
          lines.push([code(r.command), plain(` ${r.body} · ${r.asker.name} · ${r.short}`)]);
      }
      return [...lines, ...suggestionLines('更多：', reply.suggestions)];
    }
    case 'list':
      return [
        [bold(reply.title)],
        ...reply.lines.map((l): Line => [code(l.key), plain(` ${l.cells.join(' · ')}`)]),
        ...(reply.note ? [[], [plain(reply.note)]] : []),
        ...suggestionLines('更多：', reply.suggestions),
      ];
    case 'commitments':
      return [
        [bold(reply.title)],
        ...reply.items.flatMap((c): Line[] => [[], ...commitmentLines(c)]),
        ...(reply.note ? [[], [plain(reply.note)]] : []),
        ...suggestionLines('更多：', reply.suggestions),
      ];
    case 'help':
      return [
        [bold(reply.title)],
        [plain(reply.meetingLine)],
        [plain('回答均为原文照录，并注明答复单位和提问人。')],
        [],
        [bold(`${reply.themes.length}个主题：`)],
        ...reply.themes.map((t): Line => [code(`/topic ${t.index}`), plain(` ${t.title}`)]),
        [],
        [bold('直接提问，例如：')],
        ...reply.examples.map((e): Line => [code(e.command)]),
        [],
        [bold('命令：')],
        ...reply.commands.map((c): Line => [code(c.command), plain(` ${c.label}`)]),
      ];
    case 'not-found':
      return [[plain(NOT_FOUND_TEXT[reply.what](reply.query))], ...suggestionLines('可以试试：', reply.suggestions)];
    case 'did-you-mean':
      return [
        [plain(`没有找到「${reply.query}」，您是不是要找：`)],
        ...reply.candidates.map((c): Line => [code(c.command), ...(c.label ? [plain(` ${c.label}`)] : [])]),
      ];
    case 'hint':
      return [[plain('请用文字提问，例如「经开区汽车怎么说」。')], ...suggestionLines('也可以：', reply.suggestions)];
    case 'unknown-command':
      return [[plain(`没有 /${reply.command} 这个命令。`)], ...suggestionLines('可用命令：', reply.suggestions)];
    case 'error':
      return [[plain('抱歉，处理这条消息时出了问题，请换个说法再试，或发送 /help。')]];
  }
}

/** One entry in full, in the transcript's own words: 「樊志宏委员提问：…」「经开区管委会应询回答：」 then the answer. */
function itemLines(item: AnswerItem): Line[] {
  const head: Line =
    item.question === null
      ? [bold(`${displayPerson(item.asker)}总体回应：`)]
      : [bold(`${item.id} ${displayPerson(item.asker)}提问：`), plain(item.question)];
  const answerHead: Line[] = item.question === null ? [] : [[bold(`${item.body}应询回答：`)]];
  return [head, ...answerHead, ...item.paragraphs.map((p): Line => [plain(p)])];
}

/** 「…」 verbatim, then where it was said: 「/q 5 经开区管委会应询 · 樊志宏委员提问」. */
function commitmentLines(c: CommitmentLine): Line[] {
  return [[plain(`「${c.text}」`)], [code(c.command), plain(` ${c.body}应询 · ${displayPerson(c.asker)}提问`)]];
}

function suggestionLines(label: string, suggestions: readonly Suggestion[]): Line[] {
  if (suggestions.length === 0) return [];
  const spans: Span[] = [plain(label)];
  suggestions.forEach((s, i) =>
    spans.push(...(i > 0 ? [plain(' · ')] : []), code(s.command), ...(s.label ? [plain(` ${s.label}`)] : [])),
  );
  return [[], spans];
}

const NOT_FOUND_TEXT: Record<Extract<Reply, { kind: 'not-found' }>['what'], (query: string) => string> = {
  question: (q) => `这次专题询问里没有与「${q}」相关的问答。`,
  dept: (q) => `没有找到答复单位「${q}」。`,
  who: (q) => `没有找到提问人「${q}」。`,
  topic: (q) => `没有找到主题「${q}」。`,
  q: (q) => `没有「${q}」这一问。`,
  promises: (q) => `没有找到答复单位「${q}」。`,
};

const span =
  (style: SpanStyle) =>
  (text: string): Span => ({ text, style });
const plain = span('plain');
const bold = span('bold');
const code = span('code');
