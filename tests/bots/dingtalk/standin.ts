// DingTalk Stream-mode stand-ins on 127.0.0.1: the gateway, the WebSocket pushing robot messages, session webhooks.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** The robot topic, as `dingtalk-stream` exports it (TOPIC_ROBOT). */
export const ROBOT_TOPIC = '/v1.0/im/bot/messages/get';

/** A frame the stand-in pushes: `dingtalk-stream`'s DWClientDownStream. */
export interface DownStream {
  specVersion: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  headers: {
    appId?: string;
    connectionId?: string;
    contentType: string;
    messageId: string;
    time: string;
    topic: string;
  };
  data: string;
}

/** A frame the client sends back: an ACK of a callback or event, or the answer to a ping. */
export interface UpStream {
  code: number;
  headers: { messageId: string; contentType?: string; topic?: string };
  message: string;
  data: string;
}

/** The body `POST /v1.0/gateway/connections/open` receives from `DWClient.getEndpoint()`. */
export interface OpenConnection {
  clientId: string;
  clientSecret: string;
  ua: string;
  subscriptions: Array<{ type: string; topic: string }>;
}

/** What a test says about one robot message; everything else is filled in as DingTalk would. */
export interface RobotMessageInput {
  /** The text as DingTalk delivers it (in groups the robot's own @name is already cut, leaving a space). */
  content: string;
  /** A group conversation; omitted for a private chat. */
  group?: { id: string; title: string };
  senderStaffId?: string;
  senderNick?: string;
  msgId?: string;
  sessionWebhook: string;
  /** Milliseconds since the epoch; default 90 minutes from now, as DingTalk gives. */
  sessionWebhookExpiredTime?: number;
  msgtype?: string;
}

/** The JSON DingTalk puts in `data` of a robot CALLBACK (`RobotTextMessage` plus the group fields). */
export function robotMessage(input: RobotMessageInput) {
  const now = Date.now();
  const group = input.group;
  return {
    conversationId: group?.id ?? `cid_private_${input.senderStaffId ?? 'manager1'}`,
    ...(group ? { conversationTitle: group.title, isInAtList: true, atUsers: [{ dingtalkId: ROBOT_USER_ID }] } : {}),
    chatbotCorpId: 'dingcorp',
    chatbotUserId: ROBOT_USER_ID,
    msgId: input.msgId ?? `msg${randomBytes(8).toString('hex')}`,
    senderNick: input.senderNick ?? '王科长',
    isAdmin: false,
    senderStaffId: input.senderStaffId ?? 'manager1',
    sessionWebhookExpiredTime: input.sessionWebhookExpiredTime ?? now + 90 * 60_000,
    createAt: now,
    senderCorpId: 'dingcorp',
    conversationType: group ? '2' : '1',
    senderId: `$:LWCP_v1:$${input.senderStaffId ?? 'manager1'}`,
    sessionWebhook: input.sessionWebhook,
    robotCode: 'dingrobot',
    msgtype: input.msgtype ?? 'text',
    ...((input.msgtype ?? 'text') === 'text' ? { text: { content: input.content } } : {}),
  };
}

export interface DingtalkStandinOptions {
  clientId: string;
  clientSecret: string;
}

/**
 * The Stream gateway: `POST /v1.0/gateway/connections/open` checks the client id and secret and returns a WebSocket
 * endpoint with a one-time ticket; the WebSocket then carries CALLBACK frames out and ACKs back, SYSTEM pings and
 * the `disconnect` notice.
 * @example
 * const dingtalk = await startDingtalkStandin({ clientId, clientSecret });
 * new StreamClient({ clientId, clientSecret, gatewayUrl: dingtalk.gatewayUrl });
 */
export async function startDingtalkStandin(options: DingtalkStandinOptions) {
  const tickets = new Set<string>();
  /** Every open-connection request, in order. */
  const opens: OpenConnection[] = [];
  /** Every frame the client sent back, in order. */
  const upstream: UpStream[] = [];
  const sockets = new Set<WebSocket>();
  let connections = 0;
  let refusals = 0;
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== GATEWAY_PATH) return json(res, 404, { code: 'NotFound' });
    const body = (await readJson(req)) as OpenConnection | undefined;
    if (!body) return json(res, 400, { code: 'InvalidParameter', message: 'body must be JSON' });
    opens.push(body);
    if (body.clientId !== options.clientId || body.clientSecret !== options.clientSecret) {
      refusals++;
      return json(res, 401, { code: 'InvalidAuthentication', message: 'clientId or clientSecret is invalid' });
    }
    const ticket = randomBytes(12).toString('hex');
    tickets.add(ticket);
    const { port } = http.address() as AddressInfo;
    return json(res, 200, { endpoint: `ws://127.0.0.1:${port}${STREAM_PATH}`, ticket });
  });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== STREAM_PATH || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections++;
      sockets.add(ws);
      ws.on('message', (data) => {
        try {
          upstream.push(JSON.parse(String(data)));
        } catch {
          // not a frame: ignored, as the gateway would
        }
      });
      ws.on('close', () => sockets.delete(ws));
    });
  });
  await listen(http);
  const { port } = http.address() as AddressInfo;
  let counter = 0;

  const push = (frame: DownStream) => {
    const open = [...sockets].filter((s) => s.readyState === s.OPEN);
    if (open.length === 0) throw new Error('dingtalk stand-in: no open stream connection to push to');
    for (const socket of open) socket.send(JSON.stringify(frame));
    return frame.headers.messageId;
  };
  const frame = (type: DownStream['type'], topic: string, data: unknown, messageId?: string): DownStream => ({
    specVersion: '1.0',
    type,
    headers: {
      appId: 'app1',
      connectionId: 'conn1',
      contentType: 'application/json',
      messageId: messageId ?? `stream_${++counter}_${randomBytes(4).toString('hex')}`,
      time: String(Date.now()),
      topic,
    },
    data: JSON.stringify(data),
  });

  return {
    gatewayUrl: `http://127.0.0.1:${port}${GATEWAY_PATH}`,
    opens,
    upstream,
    get connections() {
      return connections;
    },
    get refusals() {
      return refusals;
    },
    get open() {
      return [...sockets].filter((s) => s.readyState === s.OPEN).length;
    },
    /**
     * Pushes a robot message on the robot topic; returns the stream messageId the ACK must name. Pass `messageId`
     * to redeliver a frame exactly as before (DingTalk redelivers what was not acknowledged).
     */
    robot(data: ReturnType<typeof robotMessage>, messageId?: string): string {
      return push(frame('CALLBACK', ROBOT_TOPIC, data, messageId));
    },
    /** The ACKs received for one pushed frame. */
    acks(messageId: string): UpStream[] {
      return upstream.filter((f) => f.headers?.messageId === messageId);
    },
    /** Sends anything at all on every open connection (malformed frames), as text or as a binary message. */
    raw(data: string | Buffer) {
      const open = [...sockets].filter((s) => s.readyState === s.OPEN);
      if (open.length === 0) throw new Error('dingtalk stand-in: no open stream connection to push to');
      for (const socket of open) socket.send(data);
    },
    /** A SYSTEM ping; the client must answer with code 200 and the same data. */
    ping(): string {
      return push(frame('SYSTEM', 'ping', { opaque: randomBytes(4).toString('hex') }));
    },
    /** What DingTalk does before it closes a connection (e.g. on a gateway restart): tell, then close. */
    disconnect() {
      for (const socket of sockets) {
        socket.send(JSON.stringify(frame('SYSTEM', 'disconnect', { reason: 'server restart' })));
        socket.close(1000, 'disconnect');
      }
    },
    /** Cuts every connection without a close handshake, as a network failure would. */
    drop() {
      for (const socket of sockets) socket.terminate();
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
    },
  };
}

export type DingtalkStandin = Awaited<ReturnType<typeof startDingtalkStandin>>;

/** How a session answers a post: DingTalk's own `{ errcode: 0 }`, or a failure. */
export type SessionAnswer = { status: number; body: unknown };

/** One reply the bot posted to a session webhook. */
export interface SessionPost {
  session: string;
  body: any;
  headers: IncomingMessage['headers'];
}

/**
 * The session webhooks (`https://oapi.dingtalk.com/robot/sendBySession?session=…`): each robot message carries
 * one, valid for a while, and replies are posted to it. `answer(session, …)` makes a session fail.
 * @example const hooks = await startSessionWebhooks(); robotMessage({ content, sessionWebhook: hooks.url('s1') })
 */
export async function startSessionWebhooks() {
  const posts: SessionPost[] = [];
  const answers = new Map<string, SessionAnswer[]>();
  const http: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const session = url.searchParams.get('session') ?? '';
    if (req.method !== 'POST' || url.pathname !== SESSION_PATH || session === '')
      return json(res, 404, { errcode: 404, errmsg: 'not found' });
    const body = await readJson(req);
    posts.push({ session, body, headers: req.headers });
    const queued = answers.get(session);
    const answer = queued && queued.length > 1 ? queued.shift()! : queued?.[0];
    if (answer) return json(res, answer.status, answer.body);
    return json(res, 200, { errcode: 0, errmsg: 'ok' });
  });
  await listen(http);
  const { port } = http.address() as AddressInfo;
  return {
    posts,
    url: (session: string) => `http://127.0.0.1:${port}${SESSION_PATH}?session=${session}`,
    /** The Markdown of each reply posted to one session, in order. */
    markdown(session: string): string[] {
      return posts.filter((p) => p.session === session).map((p) => p.body?.markdown?.text as string);
    },
    /** The session answers these, one per post, the last one for every post after. */
    answer(session: string, ...sequence: SessionAnswer[]) {
      answers.set(session, sequence);
    },
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
    },
  };
}

export type SessionWebhooks = Awaited<ReturnType<typeof startSessionWebhooks>>;

/** An encrypted id, as DingTalk gives the robot in `chatbotUserId` and `atUsers`. */
export const ROBOT_USER_ID = '$:LWCP_v1:$robot';
const GATEWAY_PATH = '/v1.0/gateway/connections/open';
const STREAM_PATH = '/connect';
const SESSION_PATH = '/robot/sendBySession';

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}
