// The HTTP door's server: routes by path and method, guards /api/* (CORS, per-address limit, bearer token), turns
// every refusal into a 4xx with a message that says how to fix it, and never lets one request take the process down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Conversation } from '../../src/chat/conversation.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { closeServer, HttpProblem, listen, SERVER_TIMEOUTS } from '../door/http.js';
import { type DoorLog, describeError, withoutRepeats } from '../door/log.js';
import { type ApiRoutesOptions, apiRoutes } from './api.js';
import { bearerMatches } from './bearer.js';
import type { CallbackAnswerer } from './callback.js';
import { clientAddress } from './client-address.js';
import { corsHeaders } from './cors.js';
import type { HttpConfig } from './env.js';
import { HttpError } from './http-error.js';
import type { KeyLimiter } from './limiter.js';
import { type Answer, JSON_TYPE, type Route, TEXT_TYPE } from './route.js';
import { wechatMpRoute } from './wechat-mp.js';
import { wecomAppRoute } from './wecom-app.js';

export interface HttpDoorOptions {
  config: HttpConfig;
  engine: SearchEngine;
  conversation: Conversation;
  /** For /api/ask calls without `user`: remembers nothing. */
  anonymousConversation: Conversation;
  /** Answers the callbacks' messages (shared state, paging, per-sender limit). */
  answerer: CallbackAnswerer;
  /** Per client address on /api/*. */
  apiLimiter: KeyLimiter;
  inputHash: string;
  stateHealth: ApiRoutesOptions['stateHealth'];
  log: DoorLog;
  /** Milliseconds since the epoch. Default `Date.now`; tests of the official vectors set it to 2014. */
  now?: () => number;
}

export interface HttpDoor {
  readonly server: Server;
  /** Starts listening on the configured host and port; resolves to the address actually bound (port 0 = any free). */
  listen(): Promise<{ host: string; port: number; url: string }>;
  /** Stops taking connections, lets requests in flight finish (at most `graceMs`, default 1.5 s), closes the rest. */
  close(graceMs?: number): Promise<void>;
}

/**
 * @example
 * const door = createHttpDoor({ config, engine, conversation, answerer, apiLimiter, inputHash, stateHealth, log });
 * const { url } = await door.listen();
 */
export function createHttpDoor(options: HttpDoorOptions): HttpDoor {
  const { config, log } = options;
  const now = options.now ?? Date.now;
  const routes = apiRoutes(options);
  // Refusals come from the internet: a flood of identical ones is counted, not printed line by line.
  const callbackLog = { info: withoutRepeats(log.info, Date.now), debug: (line: string) => log.debug('%s', line) };
  if (config.wechatMp) {
    const route = wechatMpRoute({ config: config.wechatMp, answerer: options.answerer, now, log: callbackLog });
    routes.set('/wechat/mp', route);
  }
  if (config.wecom) {
    routes.set(
      '/wecom/app',
      wecomAppRoute({ config: config.wecom, answerer: options.answerer, now, log: callbackLog }),
    );
  }

  /** /api/*: the limit first (it also slows down guessing the token), then the token. */
  const guardApi = async (req: IncomingMessage) => {
    const verdict = await options.apiLimiter.take(clientAddress(req, config.trustProxyHops));
    if (!verdict.allowed) {
      throw new HttpError(429, `too many requests; try again in ${verdict.retryAfterSeconds} s`, {
        'Retry-After': String(verdict.retryAfterSeconds),
      });
    }
    if (config.apiToken && !bearerMatches(req.headers.authorization, config.apiToken)) {
      throw new HttpError(401, 'send the API token as Authorization: Bearer <HEARING_API_TOKEN>', {
        'WWW-Authenticate': 'Bearer',
      });
    }
  };

  const dispatch = async (req: IncomingMessage, url: URL): Promise<Answer> => {
    const api = url.pathname.startsWith('/api/');
    if (api) await guardApi(req);
    const route: Route | undefined = routes.get(url.pathname);
    if (!route) throw new HttpError(404, `no such path: ${url.pathname}`);
    const handler = route[req.method as keyof Route];
    if (!handler) {
      const allow = Object.keys(route).join(', ');
      throw new HttpError(405, `${req.method} is not allowed here; use ${allow}`, { Allow: allow });
    }
    return handler(req, url);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://door');
    } catch {
      url = new URL('http://door/');
    }
    const api = url.pathname.startsWith('/api/');
    const preflight = api && req.method === 'OPTIONS';
    const cors = api ? corsHeaders(req.headers.origin, config.corsOrigins, preflight) : {};
    let answer: Answer;
    if (preflight) {
      answer = { status: 204, type: TEXT_TYPE, body: '' };
    } else {
      try {
        answer = await dispatch(req, url);
      } catch (error) {
        if (!(error instanceof HttpProblem)) log.error(`${req.method} ${url.pathname}: ${describeError(error)}`);
        answer = errorAnswer(error, api || url.pathname === '/healthz' || !routes.has(url.pathname));
      }
    }
    send(res, answer, cors);
    log.debug('%s %s %d %s ms', req.method, url.pathname, answer.status, (performance.now() - started).toFixed(1));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log.error(describeError(error));
      if (!res.headersSent) send(res, errorAnswer(error, true), {});
      else res.destroy();
    });
  });
  // Slow clients must not hold sockets for ever; WeChat itself gives up after 5 s.
  Object.assign(server, SERVER_TIMEOUTS);
  // A request Node's parser refuses never reaches a route: it still gets a JSON error saying what to fix.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const body = JSON.stringify({ error: clientErrorMessage(error.code) });
    socket.end(
      'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });

  return {
    server,
    async listen() {
      try {
        const { port } = await listen(server, config.port, config.host);
        const host = config.host.includes(':') ? `[${config.host}]` : config.host;
        return { host: config.host, port, url: `http://${host}:${port}` };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new Error(`${config.host}:${config.port} is in use; set HEARING_HTTP_PORT to a free port`);
        if (code === 'EADDRNOTAVAIL')
          throw new Error(`${config.host} is not an address of this machine; check HEARING_HTTP_HOST`);
        throw error;
      }
    },
    close: (graceMs = 1_500) => closeServer(server, graceMs),
  };
}

/** Why Node refused a request, for its sender; a raw 汉 in the URL is the common case (curl sends it unencoded). */
function clientErrorMessage(code: string | undefined): string {
  if (code === 'HPE_INVALID_URL' || code === 'HPE_INVALID_PATH')
    return (
      'the URL holds characters that must be percent-encoded as UTF-8: ?q=%E6%B1%89%E8%9E%8D%E9%80%9A for ?q=汉融通 ' +
      "(encodeURIComponent, or curl -G --data-urlencode 'q=汉融通')"
    );
  return `malformed HTTP request (${code ?? 'unknown'})`;
}

function errorAnswer(error: unknown, asJson: boolean): Answer {
  const status = error instanceof HttpProblem ? error.status : 500;
  const message = error instanceof HttpProblem ? error.message : 'internal error; the operator’s log says more';
  const headers = error instanceof HttpError ? error.headers : {};
  return asJson
    ? { status, type: JSON_TYPE, body: JSON.stringify({ error: message }), headers }
    : { status, type: TEXT_TYPE, body: message, headers };
}

function send(res: ServerResponse, answer: Answer, cors: Record<string, string>): void {
  res.writeHead(answer.status, {
    'Content-Type': answer.type,
    'Content-Length': Buffer.byteLength(answer.body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...cors,
    ...answer.headers,
  });
  res.end(answer.body);
}
