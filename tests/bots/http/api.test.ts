// The JSON API over real HTTP on 127.0.0.1: the CLI's contracts, the conversation's replies, bad requests, the
// bearer token, CORS and the per-address limit.

import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AskResponseSchema,
  apiJsonSchema,
  ErrorResponseSchema,
  HealthResponseSchema,
  ListResponseSchema,
  SearchResponseSchema,
} from '../../../bots/http/api-schema.js';
import { MAX_BODY_BYTES } from '../../../bots/http/body.js';
import { runCli } from '../../../src/cli.js';
import { INDEX_DIR, PROJECT_ROOT } from '../../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../../src/search/engine.js';
import { artefactPaths } from '../../../src/search/index-files.js';
import { API_TOKEN, startTestDoor } from './helpers.js';

let engine: SearchEngine;
let door: Awaited<ReturnType<typeof startTestDoor>>;
let guarded: Awaited<ReturnType<typeof startTestDoor>>;

beforeAll(async () => {
  engine = loadEngine();
  door = await startTestDoor({}, { engine });
  guarded = await startTestDoor(
    {
      HEARING_API_TOKEN: API_TOKEN,
      HEARING_CORS_ORIGINS: 'https://www.example.org',
      HEARING_API_RATE_PER_MIN: '5',
      HEARING_TRUST_PROXY: '1',
    },
    { engine },
  );
});

afterAll(async () => {
  await door?.close();
  await guarded?.close();
});

/** What `npm run -s cli -- <args>` prints, run in this process. */
async function cli(...args: string[]): Promise<unknown> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (d) => (text += d));
  const code = await runCli(args, {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    engine: () => engine,
  });
  expect(code).toBe(0);
  return JSON.parse(text);
}

const getJson = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${door.url}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
};
const ask = (body: string, type = 'application/json') =>
  getJson('/api/ask', { method: 'POST', body, headers: { 'Content-Type': type } });

describe('the JSON API', () => {
  it.each(['经开区汽车怎么说', '汉融通', '經開區', '今天天气怎么样'])(
    'GET /api/search?q=%s is exactly the CLI’s search --json',
    async (q) => {
      const { status, body } = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(body).toEqual(await cli('search', '--json', q));
    },
  );

  it('answers 经开区汽车怎么说 with q5 first, and the weather with no results', async () => {
    expect((await getJson(`/api/search?q=${encodeURIComponent('经开区汽车怎么说')}`)).body.results[0]).toMatchObject({
      id: 'q5',
      department: '经开区管委会',
      asker: '樊志宏',
    });
    expect((await getJson(`/api/search?q=${encodeURIComponent('今天天气怎么样')}`)).body.results).toEqual([]);
  });

  it('GET /api/list is exactly the CLI’s list --json', async () => {
    const { status, body } = await getJson('/api/list');
    expect(status).toBe(200);
    expect(body).toEqual(await cli('list', '--json'));
    expect(body.items).toHaveLength(18);
  });

  it('POST /api/ask gives the answer as results (the fields search and list use) and its text, verbatim', async () => {
    const { status, body } = await ask(JSON.stringify({ text: '经开区汽车怎么说' }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ query: '经开区汽车怎么说', kind: 'answer', format: 'plain' });
    expect(body.results[0]).toMatchObject({ id: 'q5', department: '经开区管委会', asker: '樊志宏', match: 'answer' });
    expect(body.results[0].answer.join('\n')).toContain('从今年开始每年设计并推出一款大算力7纳米智能座舱芯片');
    expect(body.text).toContain('经开区管委会应询回答：');
    expect(body.text).toContain('从今年开始每年设计并推出一款大算力7纳米智能座舱芯片');
    // The CLI's reply less its chat commands: every line of the API's text is one the CLI prints.
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (d) => (printed += d));
    await runCli(['ask', '经开区汽车怎么说'], { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
    for (const line of body.text.split('\n').filter(Boolean)) expect(printed).toContain(line);
  });

  it('POST /api/ask says kindly when nothing matches', async () => {
    const { body } = await ask(JSON.stringify({ text: '今天天气怎么样' }));
    expect(body.kind).toBe('not-found');
    expect(body.results).toEqual([]);
    expect(body.text).toContain('没有');
  });

  it.each(['plain', 'markdown', 'html'])('POST /api/ask in %s has no chat commands in its text', async (format) => {
    for (const text of ['/topic 2', '经开区汽车怎么说', '今天天气怎么样', '/promises 经开区', '小公司借钱难']) {
      const { status, body } = await ask(JSON.stringify({ text, format }));
      expect(status).toBe(200);
      expect(body.format).toBe(format);
      expect(body.text, text).not.toMatch(/\/(?:q|topic|list|dept|who|help|promises|hearings)\b|更多：/);
      expect(body.text.trim()).not.toBe('');
    }
    const { body } = await ask(JSON.stringify({ text: '经开区汽车怎么说', format }));
    if (format === 'markdown') expect(body.text).toContain('**q5 樊志宏委员提问**');
    if (format === 'html') expect(body.text).toContain('<b>q5 樊志宏委员提问：</b>');
  });

  it('POST /api/ask follows up only on the same caller’s answer ("user"), and without one on none', async () => {
    const as = async (text: string, user?: string) =>
      (await ask(JSON.stringify(user ? { text, user } : { text }))).body;
    expect((await as('汉融通是啥', 'visitor-a')).results[0].id).toBe('q7');
    expect((await as('经开区汽车怎么说', 'visitor-b')).results[0].id).toBe('q5');
    expect((await as('谁问的', 'visitor-a')).text).toContain('程宏刚');
    const b = await as('谁问的', 'visitor-b');
    expect(b.text).toContain('樊志宏');
    expect(b.text).not.toContain('程宏刚');
    // Without "user" nothing is remembered: 「谁问的」 is not about anyone's last answer.
    await as('汉融通是啥');
    const anonymous = await as('谁问的');
    expect(anonymous.text).toBe((await as('谁问的', 'visitor-new')).text);
    expect(anonymous.text).not.toBe((await as('谁问的', 'visitor-a')).text);
  });

  it('GET /healthz is 200 with the index’s input hash', async () => {
    const manifest = JSON.parse(readFileSync(artefactPaths(INDEX_DIR).manifest, 'utf8'));
    const { status, body } = await getJson('/healthz');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', inputHash: manifest.inputHash, state: 'memory' });
  });
});

describe('one published schema for every reply (docs/api.schema.json)', () => {
  it('is the schema the server is checked against', () => {
    const published = JSON.parse(readFileSync(join(PROJECT_ROOT, 'docs', 'api.schema.json'), 'utf8'));
    // If this fails, regenerate the file from bots/http/api-schema.ts (apiJsonSchema()).
    expect(published).toEqual(apiJsonSchema());
  });

  it('every route’s reply fits it, with the same result fields on search, list and ask', async () => {
    const search = await getJson(`/api/search?q=${encodeURIComponent('经开区汽车怎么说')}`);
    SearchResponseSchema.parse(search.body);
    ListResponseSchema.parse((await getJson('/api/list')).body);
    const asked = await ask(JSON.stringify({ text: '经开区汽车怎么说', user: 'schema-check' }));
    AskResponseSchema.parse(asked.body);
    HealthResponseSchema.parse((await getJson('/healthz')).body);
    const fields = (result: object) => Object.keys(result).filter((k) => ['asker', 'department'].includes(k));
    expect(fields(search.body.results[0])).toEqual(['asker', 'department']);
    expect(fields(asked.body.results[0])).toEqual(['asker', 'department']);
    expect(fields((await getJson('/api/list')).body.items[0])).toEqual(['asker', 'department']);
    for (const bad of [() => getJson('/api/search'), () => ask('{'), () => getJson('/api/nothing')])
      ErrorResponseSchema.parse((await bad()).body);
  });
});

describe('bad requests get a JSON error with a 4xx status, and the server keeps serving', () => {
  it.each([
    ['a missing q', () => getJson('/api/search'), 400, /missing q/],
    [
      'a body over 16 KB',
      () => ask(JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) })),
      413,
      /larger than 16384 bytes/,
    ],
    ['a form instead of JSON', () => ask('text=汉融通', 'application/x-www-form-urlencoded'), 415, /application\/json/],
    ['no content type', () => fetch(`${door.url}/api/ask`, { method: 'POST', body: new Uint8Array([1]) }), 415, /none/],
    ['invalid JSON', () => ask('{"text": "汉融通"'), 400, /not valid JSON/],
    ['an empty body', () => ask(''), 400, /empty/],
    ['a JSON array', () => ask('["汉融通"]'), 400, /JSON object/],
    ['text missing', () => ask('{"question": "汉融通"}'), 400, /missing "text"/],
    ['text not a string', () => ask('{"text": 5}'), 400, /must be a string/],
    ['blank text', () => ask('{"text": " \\n "}'), 400, /blank/],
    ['a blank q, as blank text', () => getJson('/api/search?q=%20'), 400, /q is blank/],
    ['an empty q', () => getJson('/api/search?q='), 400, /q is blank/],
    ['a blank user', () => ask('{"text": "汉融通", "user": " "}'), 400, /"user" is blank/],
    ['a user that is not a string', () => ask('{"text": "汉融通", "user": 5}'), 400, /"user" must be a string/],
    ['an unknown format', () => ask('{"text": "汉融通", "format": "pdf"}'), 400, /"format" must be one of plain/],
    ['an unknown path', () => getJson('/api/nothing'), 404, /no such path/],
    ['a wrong method', () => getJson('/api/ask'), 405, /use POST/],
  ])('%s', async (_what, request, status, message) => {
    const response = await request();
    const body = response instanceof Response ? await response.json() : response.body;
    expect(response.status).toBe(status);
    expect(body.error).toMatch(message);
    expect((await getJson('/healthz')).status).toBe(200);
  });

  it('an unencoded query (?q=今天天气, as curl sends it) gets a JSON 400 saying how to encode it', async () => {
    const { port } = new URL(door.url);
    const raw = await new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(Buffer.from('GET /api/search?q=今天天气 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8')),
      );
      socket
        .on('data', (d) => (answer += d))
        .on('end', () => resolve(answer))
        .on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body!).error).toMatch(/percent-encoded as UTF-8: \?q=%E6%B1%89/);
    expect((await getJson('/healthz')).status).toBe(200);
  });

  it('a 405 says which methods are allowed', async () => {
    const response = await fetch(`${door.url}/api/search`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('a body streamed past 16 KB without Content-Length is cut off with 413', async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const response = await fetch(`${door.url}/api/ask`, {
      method: 'POST',
      body: chunks,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });
});

describe('the bearer token, CORS and the per-address limit', () => {
  const call = (path: string, headers: Record<string, string>, init: RequestInit = {}) =>
    fetch(`${guarded.url}${path}`, { ...init, headers });
  const from = (address: string, extra: Record<string, string> = {}) => ({
    'X-Forwarded-For': address,
    Authorization: `Bearer ${API_TOKEN}`,
    ...extra,
  });

  it('refuses /api/* without the right token (401, WWW-Authenticate), serves it with the token', async () => {
    const none = await call('/api/list', { 'X-Forwarded-For': '198.51.100.1' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await none.json()).error).toMatch(/Authorization: Bearer/);
    const wrong = await call('/api/list', { ...from('198.51.100.1'), Authorization: 'Bearer wrong-token' });
    expect(wrong.status).toBe(401);
    expect((await call('/api/list', from('198.51.100.1'))).status).toBe(200);
    // The health check stays open for load balancers.
    expect((await call('/healthz', {})).status).toBe(200);
  });

  it('sends CORS headers to the allowed origin only, and answers its preflight without a token', async () => {
    const allowed = await call('/api/list', from('198.51.100.2', { Origin: 'https://www.example.org' }));
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.example.org');
    const other = await call('/api/list', from('198.51.100.2', { Origin: 'https://evil.example' }));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await call(
      '/api/ask',
      {
        Origin: 'https://www.example.org',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
      { method: 'OPTIONS' },
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    // Without configured origins there are no CORS headers at all.
    const plain = await fetch(`${door.url}/api/list`, { headers: { Origin: 'https://www.example.org' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits each client address (from X-Forwarded-For behind one trusted proxy): 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call('/api/list', from('203.0.113.9'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await call('/api/list', from('203.0.113.9', { Origin: 'https://www.example.org' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://www.example.org');
    expect((await refused.json()).error).toMatch(/too many requests/);
    // Another address has its own budget, and a spoofed left-most entry does not buy a new one.
    expect((await call('/api/list', from('203.0.113.10'))).status).toBe(200);
    expect((await call('/api/list', from('1.1.1.1, 203.0.113.9'))).status).toBe(429);
  });

  it('counts requests without a token too, so guessing the token is limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await call('/api/list', { 'X-Forwarded-For': '203.0.113.50', Authorization: 'Bearer guess' })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
