// The conversation a door talks to: the one handed in (tests), or one on the loaded engine with the shared limits.
import { type Conversation, createConversation } from '../../src/chat/conversation.js';
import { pageUrlFromEnv } from '../../src/chat/page-links.js';
import { createRateLimiter, type RateLimiter } from '../../src/chat/rate-limit.js';
import type { AnswerLog, MissesLog } from '../../src/chat/staff-logs.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';
import type { DoorLog } from './log.js';

/** What a door's options may carry for its conversation; each part has a default. */
export interface ConversationParts {
  conversation?: Conversation;
  engine?: SearchEngine;
  limiter?: RateLimiter;
  misses?: MissesLog;
  answers?: AnswerLog;
  now?: () => Date;
}

/**
 * `parts.conversation`, or a new one whose errors go to the door's log.
 * @example const conversation = doorConversation(options, log);
 */
export function doorConversation(parts: ConversationParts, log: Pick<DoorLog, 'error'>): Conversation {
  return (
    parts.conversation ??
    createConversation({
      engine: parts.engine ?? loadEngine(),
      limiter: parts.limiter ?? createRateLimiter(),
      misses: parts.misses,
      answers: parts.answers,
      pageUrl: pageUrlFromEnv(process.env),
      now: parts.now,
      onError: (error) => log.error(error.message),
    })
  );
}
