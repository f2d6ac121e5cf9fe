// The conversation: one incoming message → one Reply (or silence), the same for console, Telegram and WeChat.
import { loadCommitments } from '../commitments/load.js';
import type { Commitment } from '../commitments/model.js';
import { answeringBodies, resolveBody } from '../hearing/bodies.js';
import { bodyOf, type Entry, personOf, type Theme } from '../hearing/model.js';
import type { SearchEngine } from '../search/engine.js';
import { COMMANDS, type Intent, parseIntent } from './intent.js';
import { type ChatKind, type MissesLog, NO_MISSES_LOG } from './misses.js';
import type { RateLimiter } from './rate-limit.js';
import {
  type AnswerItem,
  answerItemOf,
  type CommitmentLine,
  commandFor,
  displayPerson,
  type ListLine,
  type Reply,
  relatedItemOf,
  type Suggestion,
  shorten,
} from './reply.js';
import { type Directory, nearMissNames, resolveItem, resolvePerson, resolveTheme } from './resolve.js';

/** One message as an adapter hands it over. */
export interface IncomingMessage {
  text: string;
  chat: ChatKind;
  /** Platform user id; used only for rate limiting, never logged. */
  userId: string;
  chatId: string;
  /**
   * Whether the message was meant for the bot (private chat, console, @mention, reply to the bot). Default true.
   * When false (plain group chatter), only a confident answer to something that reads as a question, or a command,
   * gets a reply; everything else is silence.
   */
  addressed?: boolean;
  /**
   * A message with no text that a person sent instead of typing (image, voice, sticker, file). In private chats it gets
   * the short "please ask in words" hint; in groups silence.
   */
  media?: boolean;
}

/** Why the conversation stayed silent, so doors can log it: never a reply they build themselves. */
export type Silence = 'empty' | 'etiquette' | 'rate-limited' | 'media';

/**
 * What became of one message: a reply to send, or the reason for silence.
 * @example const { reply, silence } = conversation.respond(message); if (reply) send(renderPlain(reply));
 */
export type Outcome = { reply: Reply; silence?: undefined } | { reply: null; silence: Silence };

export interface ConversationOptions {
  /** Loaded once per process and shared: loading costs ~80 ms. */
  engine: SearchEngine;
  /**
   * What each body committed to, for /promises (`loadCommitments()`). Default: read from index/ on the first /promises,
   * so adapters that never pass it still answer it, and start-up never pays for it.
   */
  commitments?: readonly Commitment[];
  /** Omit for no limit (console, `ask`); bots pass `createRateLimiter()`. */
  limiter?: RateLimiter;
  /** Where unanswered questions go; default: nowhere. */
  misses?: MissesLog;
  /** Clock for the misses log. Default: the real time. */
  now?: () => Date;
  /** Told about bugs inside this layer; the user gets a short apology. Default: one line on stderr. */
  onError?: (error: ConversationError) => void;
  /** Other good matches offered under the best one. Default 4. */
  relatedLimit?: number;
}

export interface Conversation {
  /**
   * The reply to one message, or the reason to stay silent (empty message, rate-limited, group chatter, media in a
   * group). Never throws.
   * `reply.kind === 'answer'` is a confident answer; 'not-found' means nothing in the hearing matches.
   * @example const reply = conversation.respond({ text: '经开区汽车怎么说', chat: 'private', userId: '1', chatId: '1' });
   */
  respond(message: IncomingMessage): Outcome;
  /**
   * Up to `limit` entries that answer a question, in full, best first (for Telegram inline results); [] when none.
   * @example conversation.matches('汉融通').map((item) => item.id) // ['q7']
   */
  matches(text: string, limit?: number): AnswerItem[];
}

/** A failure inside the conversation layer, with the message (cut short) that caused it. */
export class ConversationError extends Error {
  override name = 'ConversationError';
  constructor(
    readonly incoming: Pick<IncomingMessage, 'chat' | 'text'>,
    override readonly cause: unknown,
  ) {
    super(
      `conversation: cannot reply to ${incoming.chat} message ${JSON.stringify(shorten(incoming.text, 60))}: ${(cause as Error)?.message ?? String(cause)}`,
    );
  }
}

/**
 * Does this text read as a question? (怎么说, 如何, 什么, 吗, ？…; Simplified, Traditional or full-width.) Used to
 * decide whether an un-addressed group message deserves an answer.
 * @example hasQuestionCue('经开区汽车怎么说') // true
 */
export function hasQuestionCue(text: string): boolean {
  return QUESTION_CUE.test(String(text).normalize('NFKC'));
}

/**
 * @example
 * const conversation = createConversation({ engine: loadEngine(), limiter: createRateLimiter() });
 * const reply = conversation.respond(message);
 * if (reply) for (const part of renderPlain(reply)) await say(part);
 */
export function createConversation(options: ConversationOptions): Conversation {
  const { engine, limiter } = options;
  const misses = options.misses ?? NO_MISSES_LOG;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: ConversationError) => process.stderr.write(`${error.message}\n`));
  const relatedLimit = options.relatedLimit ?? 4;
  const hearing = engine.hearings[0]!;
  const directory: Directory = {
    entries: engine.entries,
    bodies: answeringBodies(engine.glossary.bodies, engine.entries.map(bodyOf)),
    themes: hearing.themes,
    normalise: engine.analyser.normalise,
    terms: engine.glossary.terms,
  };
  let commitments = options.commitments;
  const allCommitments = (): readonly Commitment[] => (commitments ??= loadCommitments());
  const officialName = new Map(engine.glossary.bodies.map((b) => [b.printed, b.official]));

  // ---- replies per intent ----

  const help = (): Reply => ({
    kind: 'help',
    title: hearing.title,
    meetingLine: hearing.meetingLine,
    themes: [...hearing.themes],
    commands: COMMANDS.filter((c) => c.command !== 'start').map((c) => ({
      command: `/${c.command}${c.usage ? ` ${c.usage}` : ''}`,
      label: c.description,
    })),
    examples: EXAMPLES.map((e) => ({ command: e, label: '' })),
  });

  const allItems = (): Reply => {
    const items = engine.entries.filter((e) => e.kind === 'qa');
    const closing = engine.entries.find((e) => e.kind === 'closing');
    return {
      kind: 'list',
      title: `全部${items.length}个问题：`,
      lines: items.map((e) => ({
        key: e.id,
        cells: [personOf(e).name, bodyOf(e), shorten(e.kind === 'qa' ? e.question : '', LIST_QUESTION_CHARS)],
        command: commandFor(e.id),
      })),
      note: null,
      suggestions: closing
        ? [{ command: commandFor(closing.id), label: `${displayPerson(personOf(closing))}总体回应` }]
        : [],
    };
  };

  const answer = (
    source: Extract<Reply, { kind: 'answer' }>['source'],
    title: string | null,
    entries: Entry[],
    related: Entry[],
    suggestions: Suggestion[],
  ): Extract<Reply, { kind: 'answer' }> => ({
    kind: 'answer',
    source,
    coverage: 1,
    title,
    items: entries.map(answerItemOf),
    related: related.map(relatedItemOf),
    suggestions,
  });

  const dept = (arg: string): Reply => {
    if (arg === '') {
      const bodies = [...new Set(engine.entries.map(bodyOf))];
      const lines: ListLine[] = bodies.map((body) => {
        const entries = engine.entries.filter((e) => bodyOf(e) === body);
        return {
          key: body,
          cells: [
            entries.some((e) => e.kind === 'closing') ? '总体回应' : `${entries.length}问`,
            entries.map((e) => e.id).join(' '),
          ],
          command: `/dept ${body}`,
        };
      });
      return {
        kind: 'list',
        title: `${bodies.length}个答复单位：`,
        lines,
        note: null,
        suggestions: [{ command: '/dept 市经信局', label: '' }],
      };
    }
    const found = resolveBody(arg, directory.bodies, { normalise: directory.normalise });
    if (found.kind === 'did-you-mean')
      return {
        kind: 'did-you-mean',
        what: 'dept',
        query: echo(arg),
        candidates: found.candidates.map((b) => ({ command: `/dept ${b}`, label: officialName.get(b) ?? '' })),
      };
    if (found.kind === 'none') return notFound('dept', arg, [{ command: '/dept', label: '全部答复单位' }]);
    return bodyAnswer(found.value);
  };

  const bodyAnswer = (body: string): Reply => {
    const entries = engine.entries.filter((e) => bodyOf(e) === body);
    const official = officialName.get(body);
    const title = `${body}${official && official !== body ? `（${official}）` : ''}回答了${entries.length}个问题：`;
    return answer(
      'dept',
      title,
      entries,
      [],
      [
        { command: '/dept', label: '全部答复单位' },
        { command: '/list', label: '全部问题' },
      ],
    );
  };

  const who = (arg: string): Reply => {
    if (arg === '') {
      const people = [...new Set(engine.entries.map((e) => personOf(e).name))];
      const lines: ListLine[] = people.map((name) => {
        const entries = engine.entries.filter((e) => personOf(e).name === name);
        const person = personOf(entries[0]!);
        return {
          key: name,
          cells: [
            person.title,
            entries.map((e) => (e.kind === 'closing' ? '总体回应' : `${e.id} 答：${bodyOf(e)}`)).join('；'),
          ],
          command: `/who ${name}`,
        };
      });
      return {
        kind: 'list',
        title: `${people.length}位提问人和总体回应：`,
        lines,
        note: null,
        suggestions: [{ command: '/who 朱库成', label: '' }],
      };
    }
    const found = resolvePerson(directory, arg);
    if (found.kind === 'did-you-mean') {
      return {
        kind: 'did-you-mean',
        what: 'who',
        query: echo(arg),
        candidates: found.candidates.map((name) => {
          const entry = engine.entries.find((e) => personOf(e).name === name)!;
          return { command: `/who ${name}`, label: `${displayPerson(personOf(entry))} · ${bodyOf(entry)}` };
        }),
      };
    }
    if (found.kind === 'none') return notFound('who', arg, [{ command: '/who', label: '全部提问人' }]);
    return personAnswer(found.value);
  };

  const personAnswer = (name: string): Reply => {
    const entries = engine.entries.filter((e) => personOf(e).name === name);
    const person = displayPerson(personOf(entries[0]!));
    const title = entries.every((e) => e.kind === 'closing')
      ? null
      : `${person}提了${entries.filter((e) => e.kind === 'qa').length}个问题：`;
    return answer('who', title, entries, [], [{ command: '/who', label: '全部提问人' }]);
  };

  const topic = (arg: string): Reply => {
    if (arg === '') {
      const lines: ListLine[] = hearing.themes.map((t) => {
        const ids = themeEntries(t).map((e) => e.id);
        return {
          key: String(t.index),
          cells: [t.title, `${ids.length}问：${ids.join(' ')}`],
          command: `/topic ${t.index}`,
        };
      });
      return {
        kind: 'list',
        title: `${hearing.themes.length}个主题：`,
        lines,
        note: null,
        suggestions: [{ command: '/topic 1', label: '' }],
      };
    }
    const found = resolveTheme(directory, arg);
    if (found.kind === 'did-you-mean')
      return {
        kind: 'did-you-mean',
        what: 'topic',
        query: echo(arg),
        candidates: found.candidates.map((t) => ({ command: `/topic ${t.index}`, label: t.title })),
      };
    if (found.kind === 'none') return notFound('topic', arg, [{ command: '/topic', label: '五个主题' }]);
    const entries = themeEntries(found.value);
    const next = hearing.themes.find((t) => t.index === found.value.index + 1);
    return answer(
      'topic',
      `主题${found.value.index} ${found.value.title}（${entries.length}问）：`,
      entries,
      [],
      [
        ...(next ? [{ command: `/topic ${next.index}`, label: next.title }] : []),
        { command: '/topic', label: '五个主题' },
      ],
    );
  };

  const themeEntries = (theme: Theme): Entry[] =>
    engine.entries.filter((e) => e.kind === 'qa' && e.hearing === hearing.id && e.theme.index === theme.index);

  const item = (arg: string): Reply => {
    if (arg === '') return allItems();
    const entry = resolveItem(directory, arg);
    if (!entry) return notFound('q', arg, [{ command: '/list', label: '全部问题' }]);
    return answer('q', null, [entry], [], followUps(entry));
  };

  const question = (text: string): Reply => {
    if (!/[\p{L}\p{N}]/u.test(text)) return NON_TEXT_HINT;
    // A bare name (「经信局」, 「朱库成」) means everything that body answered or that person asked.
    const { bodies, people, groups } = engine.explain(text);
    // Nothing but chat words (你好, 大家好, 谢谢): say what the bot can do instead of "nothing matches".
    if (groups.length === 0 && bodies.size === 0 && people.size === 0) return help();
    if (groups.every((g) => g.weight === 0)) {
      const names = new Set([...people].map((e) => personOf(e).name));
      if (bodies.size === 1 && names.size === 0) return bodyAnswer([...bodies][0]!);
      if (bodies.size === 0 && names.size === 1) return personAnswer([...names][0]!);
    }
    const hits = engine.search(text, { limit: 1 + relatedLimit });
    const best = hits[0];
    if (!best) {
      const nearMisses = nearMissNames(directory, text).map(
        (m): Suggestion => ({
          command: m.kind === 'body' ? `/dept ${m.name}` : m.kind === 'person' ? `/who ${m.name}` : m.name,
          label: '',
        }),
      );
      return notFound('question', text, nearMisses.length > 0 ? nearMisses : NOT_FOUND_SUGGESTIONS);
    }
    return {
      ...answer(
        'search',
        null,
        [best.entry],
        hits.slice(1).map((h) => h.entry),
        followUps(best.entry),
      ),
      coverage: best.coverage,
    };
  };

  const followUps = (entry: Entry): Suggestion[] => {
    const body = bodyOf(entry);
    const more = engine.entries.filter((e) => bodyOf(e) === body).length > 1;
    return [
      ...(more ? [{ command: `/dept ${body}`, label: '' }] : []),
      ...(entry.kind === 'qa' ? [{ command: `/topic ${entry.theme.index}`, label: '' }] : []),
      { command: '/list', label: '' },
    ];
  };

  const promises = (arg: string): Reply => {
    if (arg === '') return promisesPerBody();
    const found = resolveBody(arg, directory.bodies, { normalise: directory.normalise });
    if (found.kind === 'did-you-mean')
      return {
        kind: 'did-you-mean',
        what: 'promises',
        query: echo(arg),
        candidates: found.candidates.map((b) => ({ command: `/promises ${b}`, label: officialName.get(b) ?? '' })),
      };
    if (found.kind === 'none') return notFound('promises', arg, [{ command: '/promises', label: '各单位的承诺' }]);
    return bodyPromises(found.value);
  };

  /** Bodies in the order they first answered, each with its count; those with none named in the note. */
  const promisesPerBody = (): Reply => {
    const all = allCommitments();
    const bodies = [...new Set(engine.entries.map(bodyOf))];
    const withAny = bodies.filter((b) => all.some((c) => c.body === b));
    const lines: ListLine[] = withAny.map((body) => {
      const mine = all.filter((c) => c.body === body);
      return {
        key: body,
        cells: [`${mine.length}条`, [...new Set(mine.map((c) => c.id))].join(' ')],
        command: `/promises ${body}`,
      };
    });
    const without = bodies.filter((b) => !withAny.includes(b));
    const example = withAny.includes(EXAMPLE_PROMISES_BODY) ? EXAMPLE_PROMISES_BODY : withAny[0];
    return {
      kind: 'list',
      title: `承诺与目标：${withAny.length}个答复单位共${all.filter((c) => withAny.includes(c.body)).length}条（带数字、时限或承诺用语的原文）：`,
      lines,
      note: `发送「/promises 单位名」看该单位的承诺原文。${without.length > 0 ? `答复中没有摘出承诺的：${without.join('、')}。` : ''}`,
      suggestions: example ? [{ command: `/promises ${example}`, label: '' }] : [],
    };
  };

  const bodyPromises = (body: string): Reply => {
    const mine = allCommitments().filter((c) => c.body === body);
    const official = officialName.get(body);
    const name = `${body}${official && official !== body ? `（${official}）` : ''}`;
    const answered = engine.entries.filter((e) => bodyOf(e) === body);
    const items: CommitmentLine[] = mine.map((c) => ({
      id: c.id,
      body: c.body,
      asker: c.asker,
      text: c.text,
      command: commandFor(c.id),
    }));
    return {
      kind: 'commitments',
      title: mine.length > 0 ? `${name}的承诺与目标，共${mine.length}条（原文摘录）：` : `${name}的承诺与目标：`,
      items,
      note: mine.length > 0 ? null : '答复中没有摘出带数字、时限或承诺用语的句子，可以看完整回答。',
      suggestions: [
        ...(mine.length > 0 ? [] : answered.map((e) => ({ command: commandFor(e.id), label: '' }))),
        { command: '/promises', label: '各单位的承诺' },
      ],
    };
  };

  const notFound = (
    what: Extract<Reply, { kind: 'not-found' }>['what'],
    query: string,
    suggestions: Suggestion[],
  ): Reply => ({ kind: 'not-found', what, query: echo(query), suggestions });

  const replyTo = (intent: Intent): Reply | null => {
    switch (intent.kind) {
      case 'empty':
        return null;
      case 'help':
        return help();
      case 'list':
        return allItems();
      case 'dept':
        return dept(intent.arg);
      case 'who':
        return who(intent.arg);
      case 'topic':
        return topic(intent.arg);
      case 'q':
        return item(intent.arg);
      case 'promises':
        return promises(intent.arg);
      case 'unknown-command':
        return {
          kind: 'unknown-command',
          command: shorten(intent.command, 32),
          suggestions: [{ command: '/help', label: '' }],
        };
      case 'question':
        return question(intent.text);
    }
  };

  /** Group etiquette for messages not addressed to the bot: speak only when sure it helps. */
  const worthSaying = (intent: Intent, reply: Reply, message: IncomingMessage): boolean => {
    if (message.addressed !== false) return !(reply.kind === 'unknown-command' && message.chat === 'group');
    if (intent.kind === 'question') {
      if (reply.kind !== 'answer' || !hasQuestionCue(intent.text)) return false;
      return reply.coverage >= CONFIDENT_COVERAGE;
    }
    return reply.kind !== 'unknown-command';
  };

  const limited = (message: IncomingMessage): boolean =>
    limiter !== undefined && !limiter.take({ userId: String(message.userId), chatId: String(message.chatId) });

  const report = (message: IncomingMessage | undefined, text: string, error: unknown) => {
    try {
      onError(new ConversationError({ chat: message?.chat ?? 'private', text }, error));
    } catch {
      // the error handler itself failed: nothing more to do
    }
  };

  return {
    respond(message) {
      const text = typeof message?.text === 'string' ? message.text : '';
      try {
        if (message?.media) {
          if (message.chat === 'group') return silent('media');
          return limited(message) ? silent('rate-limited') : { reply: NON_TEXT_HINT };
        }
        const intent = parseIntent(text);
        const reply = replyTo(intent);
        if (reply === null) return silent('empty');
        if (!worthSaying(intent, reply, message)) return silent('etiquette');
        if (limited(message)) return silent('rate-limited');
        if (
          reply.kind === 'not-found' &&
          (reply.what === 'question' || reply.what === 'dept' || reply.what === 'who' || reply.what === 'promises')
        ) {
          // The reply goes out whatever the log does.
          try {
            misses.record({
              chat: message.chat,
              text: intent.kind === 'question' ? intent.text : `/${intent.kind} ${'arg' in intent ? intent.arg : ''}`,
              time: now(),
            });
          } catch (error) {
            report(message, text, error);
          }
        }
        return { reply };
      } catch (error) {
        report(message, text, error);
        return message?.addressed === false ? silent('etiquette') : { reply: { kind: 'error' } };
      }
    },
    matches(text, limit = 10) {
      try {
        return engine.search(parseIntentText(text), { limit }).map((h) => answerItemOf(h.entry));
      } catch (error) {
        report(undefined, text, error);
        return [];
      }
    },
  };
}

/** The question in a message, without mentions, noise and commands' slashes. */
function parseIntentText(text: string): string {
  const intent = parseIntent(text);
  return intent.kind === 'question' ? intent.text : 'arg' in intent ? intent.arg : '';
}

/** User text quoted back is cut short: a reply must not repeat a pasted essay. */
function echo(text: string): string {
  return shorten(text, ECHO_CHARS);
}

const ECHO_CHARS = 30;
const LIST_QUESTION_CHARS = 24;
/** An un-addressed group question is answered only when the best match covers this much of what it says. */
const CONFIDENT_COVERAGE = 0.8;
const EXAMPLES = ['经开区汽车怎么说', '/dept 市经信局', '/who 朱库成'];
const EXAMPLE_PROMISES_BODY = '经开区管委会';
const NOT_FOUND_SUGGESTIONS: Suggestion[] = [
  { command: '/topic', label: '看五个主题' },
  { command: '/dept', label: '看各答复单位' },
  { command: '经开区汽车怎么说', label: '' },
];
const QUESTION_CUE =
  /[?？]|怎么|怎麼|如何|什么|什麼|甚麼|啥|吗|嗎|呢|哪|几|幾|多少|是否|能否|有没有|有沒有|怎样|怎樣|咋|为何|為何|为什么|為什麼|请问|請問/u;

const silent = (silence: Silence): Outcome => ({ reply: null, silence });

/** The reply to a picture, voice message or sticker in a private chat: please ask in words. */
const NON_TEXT_HINT: Reply = {
  kind: 'hint',
  suggestions: [
    { command: '/help', label: '用法' },
    { command: '/list', label: '全部问题' },
  ],
};
