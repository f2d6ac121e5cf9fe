// The JSON API over real HTTP on 127.0.0.1: the CLI's contracts, the conversation's replies, bad requests, the
// bearer token, CORS and the per-address limit.

import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../bots/http/body.js';
import { runCli } from '../../src/cli.js';
import { INDEX_DIR } from '../../src/paths.js';
import { loadEngine, type SearchEngine } from '../../src/search/engine.js';
import { artefactPaths } from '../../src/search/index-files.js';
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
  it.each(['经开区汽车怎么说', '汉融通', '經開區', '今天天气怎么样', ''])(
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

  it('POST /api/ask gives the Reply model and its plain rendering, the same text as the CLI’s ask', async () => {
    const { status, body } = await ask(JSON.stringify({ text: '经开区汽车怎么说' }));
    expect(status).toBe(200);
    expect(body.reply.kind).toBe('answer');
    expect(body.reply.items[0]).toMatchObject({ id: 'q5', body: '经开区管委会' });
    expect(body.text).toContain('经开区管委会应询回答：');
    expect(body.text).toContain('从今年开始每年设计并推出一款大算力7纳米智能座舱芯片');
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (d) => (printed += d));
    await runCli(['ask', '经开区汽车怎么说'], { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
    expect(`${body.text}\n`).toBe(printed);
  });

  it('POST /api/ask says kindly when nothing matches', async () => {
    const { body } = await ask(JSON.stringify({ text: '今天天气怎么样' }));
    expect(body.reply.kind).toBe('not-found');
    expect(body.text).toContain('没有');
  });

  it('GET /healthz is 200 with the index’s input hash', async () => {
    const manifest = JSON.parse(readFileSync(artefactPaths(INDEX_DIR).manifest, 'utf8'));
    const { status, body } = await getJson('/healthz');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', inputHash: manifest.inputHash, state: 'memory' });
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
    ['an unknown path', () => getJson('/api/nothing'), 404, /no such path/],
    ['a wrong method', () => getJson('/api/ask'), 405, /use POST/],
  ])('%s', async (_what, request, status, message) => {
    const response = await request();
    const body = response instanceof Response ? await response.json() : response.body;
    expect(response.status).toBe(status);
    expect(body.error).toMatch(message);
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
