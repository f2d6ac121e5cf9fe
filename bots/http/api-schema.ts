// The JSON API's replies as one schema: the same result fields on /api/search, /api/list and /api/ask; published as
// docs/api.schema.json (generated from here, checked by the tests).
import { z } from 'zod/v4';

/** One Q&A item as every route names it (search and list keep the CLI's `search --json` / `list --json` fields). */
export const ApiResultSchema = z
  .strictObject({
    id: z.string().describe('q1…q18 in order of appearance, or closing; prefixed with the hearing key when several'),
    hearing: z.string().optional().describe('the hearing’s id (transcript name), only when several are loaded'),
    asker: z.string().describe('the member or deputy who asked, by name (for closing: the official who spoke)'),
    role: z.string().optional().describe('the asker’s title as printed (委员, 市人大常委会副主任…)'),
    department: z.string().describe('the answering body as printed (市经信局…; 市政府 for closing)'),
    theme: z.string().nullable().optional().describe('the theme the question was asked under'),
    question: z.string().nullable().optional().describe('the question as printed'),
    score: z
      .number()
      .optional()
      .describe(
        '/api/search only: the engine’s relevance, higher is better; it orders one response and has no fixed scale ' +
          '(compare scores only within the same response)',
      ),
    match: z
      .enum(['answer', 'guess', 'related'])
      .optional()
      .describe('answer: a confident answer; guess: only likely (「你是不是想问」); related: offered beside an answer'),
    answer: z.array(z.string()).optional().describe('/api/ask only: the answer’s paragraphs, verbatim'),
    link: z
      .string()
      .optional()
      .describe('/api/ask only, with HEARING_PAGE_URL set: the item’s anchor on the published quick reference page'),
  })
  .describe('one Q&A item');
export type ApiResult = z.infer<typeof ApiResultSchema>;

export const SearchResponseSchema = z.strictObject({
  query: z.string(),
  results: z.array(ApiResultSchema).describe('answers first (at most 5), or at most 3 guesses; [] when none'),
});

export const ListResponseSchema = z.strictObject({
  date: z.string().nullable(),
  items: z.array(ApiResultSchema),
  closing: z
    .strictObject({ id: z.string(), speaker: z.string(), role: z.string(), text: z.string() })
    .nullable()
    .describe('the overall response'),
});

/** How /api/ask renders `text`. */
export const ASK_FORMATS = ['plain', 'markdown', 'html'] as const;
export type AskFormat = (typeof ASK_FORMATS)[number];

export const AskResponseSchema = z.strictObject({
  query: z.string().describe('the text asked'),
  kind: z
    .string()
    .describe('what the reply is: answer, list, commitments, help, not-found, did-you-mean, hint, unknown-command'),
  format: z.enum(ASK_FORMATS),
  text: z.string().describe('the whole reply in that format, without chat commands (/q 3, /list…)'),
  results: z.array(ApiResultSchema).describe('the items the reply shows in full, then those offered beside them'),
  link: z
    .string()
    .optional()
    .describe('with HEARING_PAGE_URL set: the first item’s anchor on the quick reference page'),
});

export const HealthResponseSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']).describe('degraded: Redis is not answering; still 200, answers come from memory'),
  inputHash: z.string().describe('index/manifest.json’s inputHash: which data/ the index was built from'),
  state: z.enum(['memory', 'redis']),
  reason: z.string().optional().describe('while degraded: since when and why'),
});

export const ErrorResponseSchema = z.strictObject({
  error: z.string().describe('what to fix, for a person'),
});

/**
 * The published schema: each route's reply, and every error.
 * @example writeFileSync('docs/api.schema.json', `${JSON.stringify(apiJsonSchema(), null, 2)}\n`)
 */
export function apiJsonSchema(): Record<string, unknown> {
  const routes = {
    'GET /api/search': SearchResponseSchema,
    'GET /api/list': ListResponseSchema,
    'POST /api/ask': AskResponseSchema,
    'GET /healthz': HealthResponseSchema,
    'any 4xx or 5xx': ErrorResponseSchema,
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'The hearing bot’s HTTP API: replies by route (generated from bots/http/api-schema.ts)',
    $defs: Object.fromEntries(
      Object.entries(routes).map(([route, schema]) => {
        const { $schema: _drop, ...rest } = z.toJSONSchema(schema);
        return [route, rest];
      }),
    ),
  };
}
