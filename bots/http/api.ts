// The JSON API: /api/search and /api/list give exactly the CLI's `search --json` and `list --json`, /api/ask the
// conversation's reply as the same results and a text without chat commands, /healthz the index and the state.
import { z } from 'zod';
import type { Conversation } from '../../src/chat/conversation.js';
import { listJson } from '../../src/commands/list.js';
import { searchJson } from '../../src/commands/search.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { apiResults, apiText } from './api-reply.js';
import { ASK_FORMATS } from './api-schema.js';
import { readJsonBody } from './body.js';
import { HttpError } from './http-error.js';
import { json, type Route } from './route.js';

export interface ApiRoutesOptions {
  engine: SearchEngine;
  /** Remembers each caller's last answer (by `user`), for follow-ups such as 「谁问的」 or 「2」. */
  conversation: Conversation;
  /** Remembers nothing: a call without `user` must not follow up on a stranger's answer. */
  anonymousConversation: Conversation;
  /** manifest.json's inputHash: which data the index was built from. */
  inputHash: string;
  /** Where shared state lives and whether it answers, for /healthz (with Redis: a PING within its deadline). */
  stateHealth: () => Promise<StateHealth>;
}

/** What /healthz reports of the state: `reason` while Redis is away and the door answers from its own memory. */
export type StateHealth = { state: 'memory' | 'redis'; ok: true } | { state: 'redis'; ok: false; reason: string };

/** A caller id longer than this is not a session id. */
const MAX_USER_CHARS = 128;

/** The body of POST /api/ask. */
export const AskBodySchema = z.object(
  {
    text: z
      .string({ required_error: 'missing "text"', invalid_type_error: '"text" must be a string' })
      .refine((t) => t.trim() !== '', '"text" is blank; send a question or a command such as /help'),
    /** Who is asking, as the calling site knows them (a session id): their follow-ups follow their own answers. */
    user: z
      .string({ invalid_type_error: '"user" must be a string, e.g. a session id' })
      .trim()
      .min(1, '"user" is blank; leave it out for no follow-ups, or send a session id')
      .max(MAX_USER_CHARS, `"user" is longer than ${MAX_USER_CHARS} characters; send a session id`)
      .optional(),
    format: z
      .enum(ASK_FORMATS, { errorMap: () => ({ message: `"format" must be one of ${ASK_FORMATS.join(', ')}` }) })
      .default('plain'),
  },
  { invalid_type_error: 'the body must be a JSON object such as {"text": "经开区汽车怎么说"}' },
);

/**
 * Path → route for the API and the health check.
 * @example const routes = apiRoutes({ engine, conversation, inputHash, stateHealth });
 */
export function apiRoutes(options: ApiRoutesOptions): Map<string, Route> {
  const { engine, conversation } = options;
  return new Map<string, Route>([
    [
      '/healthz',
      {
        // 200 even when degraded: every replica loses Redis together, and a load balancer that took them all out
        // would stop the answers they still give from their own memory.
        async GET() {
          const health = await options.stateHealth();
          const { inputHash } = options;
          return health.ok
            ? json(200, { status: 'ok', inputHash, state: health.state })
            : json(200, { status: 'degraded', inputHash, state: health.state, reason: health.reason });
        },
      },
    ],
    [
      '/api/search',
      {
        async GET(_req, url) {
          const q = url.searchParams.get('q');
          if (q === null) throw new HttpError(400, 'missing q: call /api/search?q=<question>, e.g. ?q=汉融通');
          // As for a blank "text" on /api/ask: an empty search is a mistake of the caller, not a question.
          if (q.trim() === '') throw new HttpError(400, 'q is blank: call /api/search?q=<question>, e.g. ?q=汉融通');
          return json(200, searchJson(engine, q));
        },
      },
    ],
    ['/api/list', { GET: async () => json(200, listJson(engine)) }],
    [
      '/api/ask',
      {
        async POST(req) {
          const { text, user, format } = await readJsonBody(req, AskBodySchema);
          const outcome = user
            ? await conversation.respond({ text, chat: 'private', userId: `api:${user}`, chatId: `api:${user}` })
            : await options.anonymousConversation.respond({ text, chat: 'private', userId: 'api', chatId: 'api' });
          if (!outcome.reply) throw new HttpError(400, `nothing to answer (${outcome.silence}); send a question`);
          const { reply } = outcome;
          const link = reply.kind === 'answer' ? reply.items[0]?.link : undefined;
          return json(200, {
            query: text,
            kind: reply.kind,
            format,
            text: apiText(reply, format),
            results: apiResults(reply),
            ...(link ? { link } : {}),
          });
        },
      },
    ],
  ]);
}
