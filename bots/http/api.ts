// The JSON API: /api/search and /api/list give exactly the CLI's `search --json` and `list --json`, /api/ask the
// conversation's reply with its plain rendering, /healthz the index's input hash.
import { z } from 'zod';
import type { Conversation } from '../../src/chat/conversation.js';
import { listJson } from '../../src/commands/list.js';
import { searchJson } from '../../src/commands/search.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { readJsonBody } from './body.js';
import { HttpError } from './http-error.js';
import { wholeText } from './paging.js';
import { json, type Route } from './route.js';

export interface ApiRoutesOptions {
  engine: SearchEngine;
  conversation: Conversation;
  /** manifest.json's inputHash: which data the index was built from. */
  inputHash: string;
  /** Where shared state lives, for /healthz. */
  stateKind: 'memory' | 'redis';
}

/** The body of POST /api/ask. */
export const AskBodySchema = z.object(
  {
    text: z
      .string({ required_error: 'missing "text"', invalid_type_error: '"text" must be a string' })
      .refine((t) => t.trim() !== '', '"text" is blank; send a question or a command such as /help'),
  },
  { invalid_type_error: 'the body must be a JSON object such as {"text": "经开区汽车怎么说"}' },
);

/**
 * Path → route for the API and the health check.
 * @example const routes = apiRoutes({ engine, conversation, inputHash, stateKind: 'memory' });
 */
export function apiRoutes(options: ApiRoutesOptions): Map<string, Route> {
  const { engine, conversation } = options;
  return new Map<string, Route>([
    [
      '/healthz',
      { GET: async () => json(200, { status: 'ok', inputHash: options.inputHash, state: options.stateKind }) },
    ],
    [
      '/api/search',
      {
        async GET(_req, url) {
          const q = url.searchParams.get('q');
          if (q === null) throw new HttpError(400, 'missing q: call /api/search?q=<question>, e.g. ?q=汉融通');
          return json(200, searchJson(engine, q));
        },
      },
    ],
    ['/api/list', { GET: async () => json(200, listJson(engine)) }],
    [
      '/api/ask',
      {
        async POST(req) {
          const { text } = await readJsonBody(req, AskBodySchema);
          const outcome = conversation.respond({ text, chat: 'private', userId: 'api', chatId: 'api' });
          if (!outcome.reply) throw new HttpError(400, `nothing to answer (${outcome.silence}); send a question`);
          const link = outcome.reply.kind === 'answer' ? outcome.reply.items[0]?.link : undefined;
          return json(200, { reply: outcome.reply, text: wholeText(outcome.reply), ...(link ? { link } : {}) });
        },
      },
    ],
  ]);
}
