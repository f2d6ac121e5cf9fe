// The conversation: one incoming message → one Reply (or the reason for silence), the same for every door.
import type { Ledger } from '../commitments/ledger.js';
import type { Commitment } from '../commitments/model.js';
import { messageOf } from '../errors.js';
import type { SearchEngine } from '../search/engine.js';
import { askingReply } from './asking.js';
import { praises } from './courtesy.js';
import { type Cue, readCue } from './cues.js';
import { worthSaying } from './etiquette.js';
import { entryOfCommand, type FollowedUp, followUp } from './follow-ups.js';
import { type CommandName, cleanMessage, commandMenu, commandText, type Intent, parseIntent } from './intent.js';
import { replyTo } from './intents/index.js';
import { createKnowledge, type Knowledge } from './knowledge.js';
import { type ConversationMemory, createMemory, memoryKey, type Recollection } from './memory.js';
import type { IncomingMessage, Outcome, Silence } from './message.js';
import { withPageLinks } from './page-links.js';
import { followPeople } from './people-follow-ups.js';
import type { RateLimiter } from './rate-limit.js';
import { recollect } from './recollect.js';
import { type AnswerItem, answerItemOf, type Reply, shorten, shownId } from './reply.js';
import { type AnswerLog, type MissesLog, type MissTier, NO_ANSWER_LOG, NO_MISSES_LOG } from './staff-logs.js';
import { exampleQuestion, hint } from './steps.js';

export type { IncomingMessage, Outcome, Silence } from './message.js';

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
  /**
   * The follow-up ledger (status, corrected due date, note, source per commitment), read on each /due, /promises and
   * progress question so a `promises set` shows at once. Default: `HEARING_LEDGER_FILE`, else data/ledger.json.
   */
  ledger?: () => Ledger;
  /** Today as an ISO date, for what is due and overdue. Default: `HEARING_TODAY`, else the machine's date. */
  today?: () => string;
  /** Omit for no limit (console, `ask`); bots pass `createRateLimiter()`. */
  limiter?: RateLimiter;
  /** Where unanswered questions go; default: nowhere. */
  misses?: MissesLog;
  /** Where every reply goes for staff's statistics (src/logs/answers.ts); default: nowhere. */
  answers?: AnswerLog;
  /** The published quick reference page (`pageUrlFromEnv`): each answer ends with a link to its item there. */
  pageUrl?: string | null;
  /** Clock for the misses log and the memory's expiry. Default: the real time. */
  now?: () => Date;
  /**
   * What each conversation remembers of its last replies, for follow-ups (「2」「谁问的」「还有呢」「不对」「那光谷呢」).
   * Default: `createMemory()`, in this process (5000 conversations, 5 minutes of silence, 20 turns). Replicas share
   * one with `createSharedMemory(redisStore(redis))`; `respond()` loads the conversation's memory from it first.
   */
  memory?: ConversationMemory;
  /** Told about bugs inside this layer; the user gets a short apology. Default: one line on stderr. */
  onError?: (error: ConversationError) => void;
  /** Other good matches offered under the best one. Default 4. */
  relatedLimit?: number;
}

export interface Conversation {
  /**
   * The reply to one message, or the reason to stay silent (empty message, rate-limited, group chatter, media in a
   * group). Never rejects. Every door calls it the same way; with a memory shared by replicas (Redis) it first brings
   * in what this conversation remembers, so a follow-up reaching another replica follows the answer the first gave.
   * `reply.kind === 'answer'` is a confident answer; 'not-found' means nothing in the hearing matches.
   * @example const { reply } = await conversation.respond({ text: '经开区汽车怎么说', chat: 'private', userId: '1', chatId: '1' });
   */
  respond(message: IncomingMessage): Promise<Outcome>;
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
 * const { reply } = await conversation.respond(message);
 * if (reply) for (const part of renderPlain(reply)) await say(part);
 */
export function createConversation(options: ConversationOptions): Conversation {
  const { engine, limiter } = options;
  const misses = options.misses ?? NO_MISSES_LOG;
  const answers = options.answers ?? NO_ANSWER_LOG;
  const now = options.now ?? (() => new Date());
  const memory = options.memory ?? createMemory();
  const onError = options.onError ?? ((error: ConversationError) => process.stderr.write(`${error.message}\n`));
  const knowledge = createKnowledge({
    engine,
    commitments: options.commitments,
    dataDir: options.dataDir,
    relatedLimit: options.relatedLimit,
    ledger: options.ledger,
    today: options.today,
  });

  /** Let through, or silence; where the user would be told, the notice once per limited stretch (every door sends it). */
  const limited = (message: IncomingMessage): Outcome | null => {
    if (!limiter) return null;
    const admission = limiter.admit(
      { userId: String(message.userId), chatId: String(message.chatId) },
      { chatOnly: message.button === true, notify: message.chat !== 'group' },
    );
    if (admission.admitted) return null;
    if (!admission.notice) return silent('rate-limited');
    const retryAfterSeconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    return { reply: { kind: 'rate-limited', retryAfterSeconds } };
  };

  const report = (message: IncomingMessage | undefined, text: string, error: unknown) => {
    try {
      onError(new ConversationError({ chat: message?.chat ?? 'private', text }, error));
    } catch {
      // the error handler itself failed: nothing more to do
    }
  };

  /**
   * Questions nobody could answer, for staff: the wording, the chat kind and the tier (nothing found, only guesses,
   * an answer marked wrong with its id), never who asked.
   */
  const recordMiss = (message: IncomingMessage, intent: Intent, turn: Turn, recalled: Recollection | undefined) => {
    const miss = missOf(knowledge, intent, turn, recalled);
    if (!miss) return;
    // The reply goes out whatever the log does.
    try {
      misses.record({ chat: message.chat, time: now(), ...miss });
    } catch (error) {
      report(message, message.text, error);
    }
  };

  /** The reply to a message: a follow-up of what this member was just shown, or the message read on its own. */
  const converse = (
    message: IncomingMessage,
    text: string,
    intent: Intent,
    recalled: Recollection | undefined,
  ): Turn | null => {
    const cue =
      intent.kind === 'question' || intent.kind === 'q'
        ? readCue(cleanMessage(text), knowledge.engine.analyser.normalise)
        : null;
    // In a group only the member who asked follows up (each has their own memory), and only when addressed. A
    // question staff pinned is answered as pinned, whatever came before it.
    const mayFollow =
      recalled !== undefined &&
      (message.chat !== 'group' || message.addressed !== false) &&
      knowledge.engine.pins.entryFor(text) === undefined;
    // 他问的啥, 全名叫啥, 倒数第二个, 有具体数字吗: about the last person, body or list shown.
    const aboutPeople =
      mayFollow && (intent.kind === 'question' || intent.kind === 'q') ? followPeople(knowledge, text, recalled) : null;
    if (aboutPeople) return { ...aboutPeople, cue };
    if (cue && cue.kind !== 'elliptical') {
      const followed = mayFollow ? followUp(knowledge, cue, recalled) : null;
      if (followed) return { ...followed, cue };
      // 「2」「不对」 with nothing to follow: in a group it was said to someone else.
      if (message.chat === 'group' && intent.kind === 'question') return null;
      // In a private chat, one line saying there is nothing to follow yet, not the whole help.
      if (intent.kind === 'question')
        return { reply: { kind: 'nothing-to-follow', example: exampleQuestion(knowledge) }, cue };
    }
    const reply = askingReply(knowledge, intent) ?? replyTo(intent, knowledge);
    if (reply === null) return { reply, cue };
    // A message that stands on its own is answered on its own: 「那农业呢」 is a question about 农业.
    if (cue?.kind === 'elliptical' && mayFollow && !(reply.kind === 'answer' && reply.source === 'search')) {
      const followed = followUp(knowledge, cue, recalled);
      if (followed) return { ...followed, cue };
    }
    return { reply, cue, fresh: true };
  };

  /** What the conversation remembers after a reply; a memory that fails costs the follow-up, not the reply. */
  const remember = (
    key: string,
    recalled: Recollection | undefined,
    reply: Reply,
    turn: Turn,
    intent: Intent,
    at: number,
  ) => {
    try {
      const question = turn.fresh ? messageText(intent) : undefined;
      memory.keep(key, recollect(recalled, reply, { now: at, carry: turn.carry, question }));
    } catch (error) {
      report(undefined, '', error);
    }
  };

  /** The reply to a message once its conversation's memory is in. */
  const answer = (message: IncomingMessage): Outcome => {
    const text = typeof message?.text === 'string' ? message.text : '';
    try {
      if (message?.media) {
        if (message.chat === 'group') return silent('media');
        return limited(message) ?? { reply: hint(knowledge) };
      }
      const intent = parseIntent(text);
      if (intent.kind === 'empty') return silent('empty');
      const key = memoryKey(message);
      const at = now().getTime();
      const recalled = memory.recall(key, at);
      const turn = converse(message, text, intent, recalled);
      if (turn === null) return silent('etiquette');
      const { reply } = turn;
      if (reply === null) return silent('empty');
      const liked = likedOf(knowledge, text, reply, recalled, message);
      if (!worthSaying(intent, reply, message)) {
        // 「谢谢」 in a group gets no reply, but staff still learn the answer helped.
        if (liked) answers.record({ chat: message.chat, text, reply, time: now(), liked });
        return silent('etiquette');
      }
      const refused = limited(message);
      if (refused) return refused;
      remember(key, recalled, reply, turn, intent, at);
      recordMiss(message, intent, turn, recalled);
      const followUp = turn.fresh ? undefined : turn.cue?.kind;
      answers.record({ chat: message.chat, text, reply, time: now(), followUp, disliked: turn.disliked, liked });
      return { reply: withPageLinks(reply, options.pageUrl) };
    } catch (error) {
      report(message, text, error);
      return message?.addressed === false ? silent('etiquette') : { reply: { kind: 'error' } };
    }
  };

  /** Brings in what the conversation remembers when replicas share the memory; a store that fails costs the follow-up. */
  const recall = async (message: IncomingMessage) => {
    try {
      await memory.load?.(memoryKey(message));
    } catch (error) {
      report(undefined, '', error);
    }
  };

  const first = knowledge.catalogue.hearings[0]!;
  return {
    async respond(message) {
      await recall(message);
      return answer(message);
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

/**
 * 「谢谢」「有用」👍 right after an answer, from the member who was shown it: the item thanked for, as shown (`q5`).
 */
function likedOf(
  k: Knowledge,
  text: string,
  reply: Reply,
  recalled: Recollection | undefined,
  message: IncomingMessage,
): string | undefined {
  if (reply.kind !== 'acknowledgement' || !praises(text) || recalled === undefined) return undefined;
  if (message.chat === 'group' && message.addressed === false) return undefined;
  const entry = recalled.shown.map((command) => entryOfCommand(k, command)).find((e) => e !== undefined);
  return entry ? shownId(entry.id, k.catalogue.tagOf(entry)) : undefined;
}

/** The question in a message, without mentions, noise and commands' slashes. */
function parseIntentText(text: string): string {
  const intent = parseIntent(text);
  return intent.kind === 'question' ? intent.text : 'arg' in intent ? (intent.arg ?? '') : '';
}

/** One message's reply (null: silence) with how it came about: a follow-up (its cue) or read on its own. */
type Turn = Partial<Omit<FollowedUp, 'reply'>> & { reply: Reply | null; cue: Cue | null; fresh?: boolean };

/**
 * The misses-log line a turn makes, if any: a question (or a name) nothing matched is `none`, one that got only
 * 「你是不是想问」 is `guess` with the first item offered, 「不对」 is `disliked` with the item marked wrong. A follow-up
 * phrase read on its own (「不对」 with nothing before it) is no question about the hearing and is not kept.
 */
function missOf(
  k: Knowledge,
  intent: Intent,
  turn: Turn,
  recalled: Recollection | undefined,
): { text: string; tier: MissTier; answer?: string } | undefined {
  const { reply } = turn;
  if (reply === null) return undefined;
  const text = messageText(intent);
  // Staff need the question that got the wrong answer, not the 「不对」 that said so.
  if (turn.disliked) return { text: recalled?.question ?? text, tier: 'disliked', answer: turn.disliked };
  // 「那房价呢」 read on its own is a question like any other; 「不对」 read on its own is none.
  if (!turn.fresh || (turn.cue && turn.cue.kind !== 'elliptical')) return undefined;
  if (reply.kind === 'not-found' && MISSES_WORTH_KEEPING.has(reply.what)) return { text, tier: 'none' };
  if (reply.kind === 'did-you-mean' && reply.reason === 'guess') {
    const guess = reply.candidates[0] && entryOfCommand(k, reply.candidates[0].command);
    return { text, tier: 'guess', ...(guess ? { answer: shownId(guess.id, k.catalogue.tagOf(guess)) } : {}) };
  }
  return undefined;
}

/** What a message said, for staff: a question's text, a command as written (`/dept 经心局`). */
function messageText(intent: Intent): string {
  return intent.kind === 'question' ? intent.text : 'arg' in intent ? commandText(intent.kind, intent.arg) : '';
}

/** Not-founds staff can act on (a glossary alias, a synonym); a wrong theme or question number is not one. */
const MISSES_WORTH_KEEPING = new Set<Extract<Reply, { kind: 'not-found' }>['what']>([
  'question',
  'dept',
  'who',
  'promises',
]);

const silent = (silence: Silence): Outcome => ({ reply: null, silence });
