// The conversation: one incoming message → one Reply (or the reason for silence), the same for every door.
import type { Commitment } from '../commitments/model.js';
import { messageOf } from '../errors.js';
import type { SearchEngine } from '../search/engine.js';
import { worthSaying } from './etiquette.js';
import { type CommandName, commandMenu, commandText, type Intent, parseIntent } from './intent.js';
import { replyTo } from './intents/index.js';
import { hint } from './intents/steps.js';
import { createKnowledge } from './knowledge.js';
import type { IncomingMessage, Outcome, Silence } from './message.js';
import { type MissesLog, NO_MISSES_LOG } from './misses.js';
import type { RateLimiter } from './rate-limit.js';
import { type AnswerItem, answerItemOf, type Reply, shorten } from './reply.js';

export type { IncomingMessage, Outcome, RateLimitNotice, Silence } from './message.js';

export interface ConversationOptions {
  /** Loaded once per process and shared: loading costs ~80 ms. */
  engine: SearchEngine;
  /**
   * What each body committed to, for /promises (`loadCommitments()`). Default: read from index/ on the first /promises,
   * so adapters that never pass it still answer it, and start-up never pays for it.
   */
  commitments?: readonly Commitment[];
  /**
   * Where each hearing's labels file (`hearings/<transcript name>.json`: key, subject, date, examples) is read from.
   * Default: the project's data/. A hearing without one gets labels derived from its transcript.
   */
  dataDir?: string;
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
   * @example const { reply } = conversation.respond({ text: '经开区汽车怎么说', chat: 'private', userId: '1', chatId: '1' });
   */
  respond(message: IncomingMessage): Outcome;
  /**
   * Up to `limit` entries that answer a question, in full, best first (for Telegram inline results); [] when none.
   * @example conversation.matches('汉融通').map((item) => item.id) // ['q7']
   */
  matches(text: string, limit?: number): AnswerItem[];
  /**
   * The command menu for the loaded hearings, with their counts and examples (Telegram's setMyCommands).
   * @example await bot.api.setMyCommands(conversation.menu())
   */
  menu(): { command: CommandName; description: string }[];
  /**
   * What the chat is about, for a door's greeting: the hearing's title (or how many hearings) and a question to try.
   * @example `${about.title}\n直接输入问题（例如：${about.example}）`
   */
  readonly about: { title: string; example: string };
}

/** A failure inside the conversation layer, with the message (cut short) that caused it. */
export class ConversationError extends Error {
  override name = 'ConversationError';
  constructor(
    readonly incoming: Pick<IncomingMessage, 'chat' | 'text'>,
    override readonly cause: unknown,
  ) {
    super(
      `conversation: cannot reply to ${incoming.chat} message ${JSON.stringify(shorten(incoming.text, 60))}: ` +
        messageOf(cause),
    );
  }
}

/**
 * @example
 * const conversation = createConversation({ engine: loadEngine(), limiter: createRateLimiter() });
 * const { reply } = conversation.respond(message);
 * if (reply) for (const part of renderPlain(reply)) await say(part);
 */
export function createConversation(options: ConversationOptions): Conversation {
  const { engine, limiter } = options;
  const misses = options.misses ?? NO_MISSES_LOG;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: ConversationError) => process.stderr.write(`${error.message}\n`));
  const knowledge = createKnowledge({
    engine,
    commitments: options.commitments,
    dataDir: options.dataDir,
    relatedLimit: options.relatedLimit,
  });

  /** Let through, or the silence (with a notice, once per limited stretch, where the user would be told). */
  const limited = (message: IncomingMessage): Outcome | null => {
    if (!limiter) return null;
    const admission = limiter.admit(
      { userId: String(message.userId), chatId: String(message.chatId) },
      { chatOnly: message.button === true, notify: message.chat !== 'group' },
    );
    if (admission.admitted) return null;
    if (!admission.notice) return silent('rate-limited');
    const retryAfterSeconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    return { reply: null, silence: 'rate-limited', notice: { kind: 'rate-limited', retryAfterSeconds } };
  };

  const report = (message: IncomingMessage | undefined, text: string, error: unknown) => {
    try {
      onError(new ConversationError({ chat: message?.chat ?? 'private', text }, error));
    } catch {
      // the error handler itself failed: nothing more to do
    }
  };

  /** Questions nobody could answer, for staff: the wording and chat kind, never who asked. */
  const recordMiss = (message: IncomingMessage, intent: Intent, reply: Reply) => {
    if (reply.kind !== 'not-found' || !MISSES_WORTH_KEEPING.has(reply.what)) return;
    const text = intent.kind === 'question' ? intent.text : 'arg' in intent ? commandText(intent.kind, intent.arg) : '';
    // The reply goes out whatever the log does.
    try {
      misses.record({ chat: message.chat, text, time: now() });
    } catch (error) {
      report(message, message.text, error);
    }
  };

  const first = knowledge.catalogue.hearings[0]!;
  return {
    respond(message) {
      const text = typeof message?.text === 'string' ? message.text : '';
      try {
        if (message?.media) {
          if (message.chat === 'group') return silent('media');
          return limited(message) ?? { reply: hint(knowledge) };
        }
        const intent = parseIntent(text);
        const reply = replyTo(intent, knowledge);
        if (reply === null) return silent('empty');
        if (!worthSaying(intent, reply, message)) return silent('etiquette');
        const refused = limited(message);
        if (refused) return refused;
        recordMiss(message, intent, reply);
        return { reply };
      } catch (error) {
        report(message, text, error);
        return message?.addressed === false ? silent('etiquette') : { reply: { kind: 'error' } };
      }
    },
    matches(text, limit = 10) {
      try {
        return engine
          .search(parseIntentText(text), { limit })
          .map((h) => answerItemOf(h.entry, knowledge.catalogue.tagOf(h.entry)));
      } catch (error) {
        report(undefined, text, error);
        return [];
      }
    },
    menu: () => commandMenu(knowledge.facts).map(({ command, description }) => ({ command, description })),
    about: {
      title: knowledge.catalogue.several
        ? `${knowledge.catalogue.hearings.length}场专题询问：${knowledge.catalogue.hearings.map((h) => h.subject).join('、')}`
        : first.hearing.title,
      example: first.examples.questions[0]!,
    },
  };
}

/** The question in a message, without mentions, noise and commands' slashes. */
function parseIntentText(text: string): string {
  const intent = parseIntent(text);
  return intent.kind === 'question' ? intent.text : 'arg' in intent ? (intent.arg ?? '') : '';
}

/** Not-founds staff can act on (a glossary alias, a synonym); a wrong theme or question number is not one. */
const MISSES_WORTH_KEEPING = new Set<Extract<Reply, { kind: 'not-found' }>['what']>([
  'question',
  'dept',
  'who',
  'promises',
]);

const silent = (silence: Silence): Outcome => ({ reply: null, silence });
