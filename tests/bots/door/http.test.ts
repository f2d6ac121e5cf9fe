// HTTP for doors that receive requests: bodies bounded, JSON checked, targets parsed safely, one failure per request.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closeServer,
  guarded,
  HttpProblem,
  listen,
  readJson,
  requestPath,
  respond,
  sameSecret,
} from '../../../bots/door/http.js';
import { chunked, postHead, rawRequest } from '../raw-http.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => closeServer(s)));
});

/** A server that echoes `{ text }` bodies up to 64 bytes, and logs what went wrong. */
async function echo(): Promise<{ port: number; errors: string[] }> {
  const errors: string[] = [];
  const server = createServer(
    guarded(
      async (req, res) => {
        if (requestPath(req) === '/boom') throw new Error('a bug');
        const body = await readJson(req, z.object({ text: z.string() }), 64);
        respond(res, 200, body);
      },
      (line) => errors.push(line),
    ),
  );
  servers.push(server);
  const { port } = await listen(server, 0, '127.0.0.1');
  return { port, errors };
}

describe('requestPath', () => {
  it('decodes the path and gives undefined for a target that cannot be parsed', () => {
    expect(requestPath({ url: '/tg/hook?x=1' })).toBe('/tg/hook');
    expect(requestPath({ url: '/%E9%97%AE' })).toBe('/问');
    expect(requestPath({ url: 'http://example.org/a' })).toBe('/a');
    for (const url of ['http://[x/tg/hook', '/%zz', 'http://a b/']) expect(requestPath({ url })).toBeUndefined();
  });
});

describe('readJson and guarded', () => {
  it.each([
    { what: 'good JSON', body: '{"text":"汉融通"}', status: 200 },
    { what: 'malformed JSON', body: '{"text":', status: 400 },
    { what: 'an empty body', body: '', status: 400 },
    { what: 'null', body: 'null', status: 400 },
    { what: 'the wrong shape', body: '{"text":5}', status: 400 },
    { what: 'too large a body', body: JSON.stringify({ text: 'x'.repeat(100) }), status: 413 },
  ])('answers $what with $status', async ({ body, status }) => {
    const { port } = await echo();
    const answer = await rawRequest(port, postHead('/', Buffer.byteLength(body)), body);
    expect(answer.status).toBe(status);
    if (status === 200) expect(JSON.parse(answer.body)).toEqual({ text: '汉融通' });
    else expect(JSON.parse(answer.body).error).toBeTruthy();
  });

  it('refuses a streamed body once it passes the limit, and still answers', async () => {
    const { port } = await echo();
    const answer = await rawRequest(port, postHead('/', 'chunked'), chunked(Buffer.alloc(1024 * 1024, 'a'), 1000));
    expect(answer.status).toBe(413);
  });

  it('ends a request whose handler fails with 500 and one log line; the server goes on', async () => {
    const { port, errors } = await echo();
    expect((await rawRequest(port, postHead('/boom', 2), '{}')).status).toBe(500);
    expect(errors).toEqual(['POST request failed: a bug']);
    expect((await rawRequest(port, postHead('/', 12), '{"text":"x"}')).status).toBe(200);
  });

  it('HttpProblem carries its status', () => {
    expect(new HttpProblem(413, 'too large').status).toBe(413);
  });
});

describe('sameSecret', () => {
  it('accepts the secret only, whatever the length of what was sent', () => {
    expect(sameSecret('hook_secret', 'hook_secret')).toBe(true);
    expect(sameSecret('hook_secreT', 'hook_secret')).toBe(false);
    expect(sameSecret('', 'hook_secret')).toBe(false);
    expect(sameSecret(undefined, 'hook_secret')).toBe(false);
    expect(sameSecret(['hook_secret'], 'hook_secret')).toBe(false);
  });
});
