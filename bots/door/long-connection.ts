// Long-connection doors (WeCom, DingTalk): one outbound socket, messages answered through answerAddressed, a stop that
// lets the replies being sent go out first.
import type { Conversation } from '../../src/chat/conversation.js';
import type { RateLimiter } from '../../src/chat/rate-limit.js';
import { MARKDOWN_LIMIT, renderMarkdown } from '../../src/chat/render-markdown.js';
import type { AnswerLog, MissesLog } from '../../src/chat/staff-logs.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { type AddressedMessage, type Answering, answerAddressed, type Handled, settle } from './answer.js';
import type { DoorLog } from './log.js';
import { createOutbox } from './outbox.js';
import { createPacer } from './pace.js';
import { type DoorContext, stopped } from './run.js';
import { createSeenIds } from './seen.js';
import { createUnfinishedReplies } from './unfinished.js';

/** What every long-connection door's options carry besides the platform's own credentials and address. */
export interface LongConnectionOptions {
  /** Loaded once per process and shared. Ignored when `conversation` is given. */
  engine?: SearchEngine;
  conversation?: Conversation;
  /** Default: a fresh `createRateLimiter()`. */
  limiter?: RateLimiter;
  misses?: MissesLog;
  answers?: AnswerLog;
  /** Default: lines on stderr, the secret removed. */
  log?: DoorLog;
  /** Bytes of UTF-8 per message; default 2048. */
  messageLimit?: number;
  /** Told what became of every message and event (tests, metrics). */
  onHandled?: (handled: Handled) => void;
  /** `--check`: `start()` rejects at the first failure to connect (its cause named) instead of trying again. */
  check?: boolean;
}

/** A long-connection robot, not yet connected. */
export interface LongConnectionBot<Client> {
  client: Client;
  /** Connects; resolves once the platform has accepted the connection. */
  start(): Promise<void>;
  /** Closes the connection once the replies being sent are out, or after `graceMs` (default 1.5 s). */
  stop(graceMs?: number): Promise<void>;
}

/** What a long-connection door's handlers share. */
export interface LongConnectionDesk {
  answering: Answering;
  log: DoorLog;
  onHandled?: (handled: Handled) => void;
}

/** The answering of one door, and a wait for the replies it is sending. */
export interface TrackedAnswering {
  answering: Answering;
  /** Resolves once every reply being sent is out (or failed), or after `graceMs`. */
  settled(graceMs?: number): Promise<void>;
}

/**
 * Answering with Markdown parts at the platform's pace, every send tracked so that a stop can wait for it.
 * @example const { answering, settled } = trackedAnswering(conversation, log, { perMinute: 30 });
 */
export function trackedAnswering(
  conversation: Conversation,
  log: DoorLog,
  options: { perMinute: number; messageLimit?: number },
): TrackedAnswering {
  const sending = new Set<Promise<unknown>>();
  const outbox = createOutbox({ onError: (error) => log.error(error.message) });
  const messageLimit = options.messageLimit ?? MARKDOWN_LIMIT;
  const answering: Answering = {
    conversation,
    seen: createSeenIds(),
    unfinished: createUnfinishedReplies(),
    pacer: createPacer({ perMinute: options.perMinute }),
    render: (reply) => renderMarkdown(reply, messageLimit),
    outbox: {
      send(chatId, parts, say) {
        const send = outbox.send(chatId, parts, say);
        sending.add(send);
        void send.finally(() => sending.delete(send));
        return send;
      },
    },
  };
  return {
    answering,
    async settled(graceMs = STOP_GRACE_MS) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...sending]),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    },
  };
}

/** One platform event read as a message for the bot and the way to reply to it, or why it is none. */
export type Addressed = { message: AddressedMessage; say: (part: string) => Promise<unknown> } | { error: string };

/**
 * The handler of a platform's message event: `read` turns the event into a message and a way to say each part;
 * the message is answered through `answerAddressed`, and whatever happens is settled (logged, `onHandled`).
 * @example client.on('message', onAddressed(desk, (frame) => readFrame(frame), unknownOf));
 */
export function onAddressed<Event>(
  desk: LongConnectionDesk,
  read: (event: Event) => Addressed,
  unknown: (event: Event) => Pick<Handled, 'messageId' | 'chat'> = () => ({ messageId: '?', chat: 'private' }),
): (event: Event) => Promise<void> {
  const handle = async (event: Event): Promise<Handled> => {
    const addressed = read(event);
    if ('error' in addressed)
      return { messageId: '?', chat: 'private', outcome: 'ignored', reason: addressed.error, parts: 0 };
    return answerAddressed(desk.answering, addressed.message, addressed.say);
  };
  return (event) => settle(handle(event), unknown(event), desk.log, desk.onHandled);
}

/**
 * A long-connection door's `serve`: the bot made with the door's configuration, started, ready with `connected`,
 * answering until the signal, then stopped.
 * @example serve: (context) => serveLongConnection(context, createWecomBot, (c) => `connected as bot ${c.botId}`)
 */
export async function serveLongConnection<Config>(
  context: DoorContext<Config>,
  create: (
    options: Config & Pick<DoorContext<Config>, 'engine' | 'misses' | 'answers' | 'log' | 'check'>,
  ) => LongConnectionBot<unknown>,
  connected: (config: Config) => string,
): Promise<void> {
  const { config, engine, misses, answers, log, signal, check } = context;
  const bot = create({ ...config, engine, misses, answers, log, check });
  try {
    await Promise.race([bot.start(), stopped(signal)]);
    if (!signal.aborted) context.ready(connected(config));
    await stopped(signal);
  } finally {
    await bot.stop();
  }
}

/** Replies being sent when the door stops get this long, inside the door room's two-second stop budget. */
export const STOP_GRACE_MS = 1500;
