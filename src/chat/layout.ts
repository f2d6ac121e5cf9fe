// The words of every reply, laid out as styled lines; both renderers share it, so console, WeChat and Telegram say the same.

import { statusLabel } from '../commitments/follow-up.js';
import { chineseDate } from '../hearing/model.js';
import { commands } from './intent.js';
import {
  type AnswerItem,
  type CommitmentFollowUp,
  type CommitmentLine,
  displayPerson,
  type HearingTag,
  type Reply,
  type Suggestion,
  shownId,
} from './reply.js';
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
      const heading = headings();
      reply.items.forEach((item, i) => {
        if (i > 0) lines.push([]);
        lines.push(...heading(item.from), ...itemLines(item));
      });
      for (const also of reply.seeAlso ?? []) lines.push([plain(`另见 ${also.label} `), code(also.command)]);
      if (reply.related.length > 0) {
        lines.push([], [bold('相关：')]);
        for (const r of reply.related)
          lines.push([code(r.command), plain(` ${r.body} · ${r.asker.name} · ${r.short}`)]);
      }
      return [...lines, ...suggestionLines('更多：', reply.suggestions)];
    }
    case 'list': {
      const heading = headings(true);
      return [
        [bold(reply.title)],
        ...reply.lines.flatMap((l): Line[] => [...heading(l.from), [code(l.key), plain(` ${l.cells.join(' · ')}`)]]),
        ...(reply.note ? [[], [plain(reply.note)]] : []),
        ...suggestionLines('更多：', reply.suggestions),
      ];
    }
    case 'commitments': {
      const heading = headings();
      return [
        [bold(reply.title)],
        ...reply.items.flatMap((c): Line[] => [[], ...heading(c.from), ...commitmentLines(c)]),
        ...(reply.note ? [[], [plain(reply.note)]] : []),
        ...suggestionLines('更多：', reply.suggestions),
      ];
    }
    // At most a dozen lines with one hearing: the themes are one /topic away.
    case 'help':
      return [
        [bold(reply.title)],
        ...(reply.meetingLine ? [[plain(reply.meetingLine)]] : []),
        ...reply.hearings.map((h): Line => [code(h.key), plain(` ${h.cells.join(' · ')}`)]),
        [plain('回答均为原文照录，并注明答复单位和提问人。')],
        ...suggestionLines('直接提问，例如：', reply.examples),
        ...suggestionLines('命令：', reply.commands.slice(0, HELP_COMMANDS_PER_LINE)),
        ...(reply.commands.length > HELP_COMMANDS_PER_LINE
          ? [suggestionSpans('', reply.commands.slice(HELP_COMMANDS_PER_LINE))]
          : []),
        [],
        [plain(`看过回答或列表后可以接着问：${reply.followUps.map((f) => `「${f}」`).join('')}。`)],
      ];
    case 'not-found':
      return [
        [plain(NOT_FOUND_TEXT[reply.what](reply.query, reply.scope ?? '这次专题询问'))],
        ...suggestionLines('可以试试：', reply.suggestions),
      ];
    case 'did-you-mean':
      return [
        [
          plain(
            reply.reason === 'guess'
              ? '你是不是想问：'
              : reply.reason === 'several-hearings'
                ? `「${reply.query}」在几场专题询问里都有，您要找的是：`
                : `没有找到「${reply.query}」，您是不是要找：`,
          ),
        ],
        ...reply.candidates.map((c): Line => [code(c.command), ...(c.label ? [plain(` ${c.label}`)] : [])]),
      ];
    case 'hint':
      return [[plain(`请用文字提问，例如「${reply.example}」。`)], ...suggestionLines('也可以：', reply.suggestions)];
    case 'nothing-to-follow':
      return [[plain(`还没有可以接着问的回答。先提一个问题，例如「${reply.example}」，再问「谁问的」「还有呢」。`)]];
    case 'acknowledgement':
      return [[plain('好的，有问题随时问我。')]];
    case 'introduction':
      return [
        [plain(`我是「${reply.title}」的问答助手。`)],
        [plain('回答都从询问实录原文照录，并注明答复单位和提问人。')],
        [plain(`直接提问，例如「${reply.example}」；发送 ${commands.help()} 看用法。`)],
      ];
    case 'rate-limited':
      return [[plain(`您问得有点快，请${reply.retryAfterSeconds}秒后再问。`)]];
    case 'unknown-command':
      return [[plain(`没有 /${reply.command} 这个命令。`)], ...suggestionLines('可用命令：', reply.suggestions)];
    case 'error':
      return [[plain(`抱歉，处理这条消息时出了问题，请换个说法再试，或发送 ${commands.help()}。`)]];
  }
}

/** One entry in full, in the transcript's own words: 「樊志宏委员提问：…」「经开区管委会应询回答：」 then the answer. */
function itemLines(item: AnswerItem): Line[] {
  const head: Line =
    item.question === null
      ? [bold(`${displayPerson(item.asker)}总体回应：`)]
      : [bold(`${shownId(item.id, item.from)} ${displayPerson(item.asker)}提问：`), plain(item.question)];
  const answerHead: Line[] = item.question === null ? [] : [[bold(`${item.body}应询回答：`)]];
  const source: Line[] = item.link ? [[plain(`原文：${item.link}`)]] : [];
  return [head, ...answerHead, ...item.paragraphs.map((p): Line => [plain(p)]), ...source];
}

/**
 * 「…」 verbatim, then where it was said: 「/q 5 经开区管委会应询 · 樊志宏委员提问」, then, when followed up, its due
 * date and the ledger's status (「到期 2026年9月13日 · 已逾期 · 台账尚未登记进展」) with the note and source.
 */
function commitmentLines(c: CommitmentLine): Line[] {
  return [
    [plain(`「${c.text}」`)],
    [code(c.command), plain(` ${c.body}应询 · ${displayPerson(c.asker)}提问`)],
    ...(c.followUp ? followUpLines(c.followUp) : []),
  ];
}

function followUpLines(f: CommitmentFollowUp): Line[] {
  const due = f.due === null ? '未写明期限' : `到期 ${chineseDate(f.due)}${f.recurring ? '（每年）' : ''}`;
  const lines: Line[] = [
    [
      plain(`${due}${f.overdue ? ' · ' : ''}`),
      ...(f.overdue ? [bold('已逾期')] : []),
      plain(` · ${statusLabel(f.status)}`),
    ],
  ];
  if (f.note) lines.push([plain(`进展：${f.note}`)]);
  if (f.source) lines.push([plain(`来源：${f.source}`)]);
  return lines;
}

function suggestionLines(label: string, suggestions: readonly Suggestion[]): Line[] {
  if (suggestions.length === 0) return [];
  return [[], suggestionSpans(label, suggestions)];
}

/** 「更多：/dept 市经信局 · /list 全部问题」: each command, then its label, on one line. */
function suggestionSpans(label: string, suggestions: readonly Suggestion[]): Line {
  const spans: Span[] = label ? [plain(label)] : [];
  suggestions.forEach((s, i) =>
    spans.push(...(i > 0 ? [plain(' · ')] : []), code(s.command), ...(s.label ? [plain(` ${s.label}`)] : [])),
  );
  return spans;
}

/** /help's commands take two lines: a phone shows four or five on one. */
const HELP_COMMANDS_PER_LINE = 5;

/**
 * Headings between groups from different hearings (several loaded): a heading each time the hearing changes. In lists
 * the first group's heading follows the title directly; between entries and commitments a blank line already stands.
 */
function headings(blankBefore = false): (from: HearingTag | null | undefined) => Line[] {
  let last: string | undefined;
  let first = true;
  return (from) => {
    if (!from || from.key === last) return [];
    const gap = blankBefore && !first ? [[]] : [];
    last = from.key;
    first = false;
    return [...gap, [bold(from.heading)]];
  };
}

const NOT_FOUND_TEXT: Record<Extract<Reply, { kind: 'not-found' }>['what'], (query: string, scope: string) => string> =
  {
    question: (q, scope) => `${scope}里没有与「${q}」相关的问答。`,
    hearing: (q) => `没有找到专题询问「${q}」。`,
    dept: (q) => `没有找到答复单位「${q}」。`,
    who: (q) => `没有找到提问人「${q}」。`,
    topic: (q) => `没有找到主题「${q}」。`,
    q: (q) => `没有「${q}」这一问。`,
    promises: (q) => `没有找到答复单位「${q}」。`,
    city: (q, scope) => `这里的专题询问都是${scope}的，没有关于「${q}」的问答。`,
    closing: (_, scope) => `${scope}的记录里没有市领导的总体回应。`,
  };

const span =
  (style: SpanStyle) =>
  (text: string): Span => ({ text, style });
const plain = span('plain');
const bold = span('bold');
const code = span('code');
