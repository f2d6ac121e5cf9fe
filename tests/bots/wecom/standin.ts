// A WeCom 智能机器人 long-connection stand-in on 127.0.0.1: the frames @wecom/aibot-node-sdk sends and expects.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * One frame on the wire, as the SDK writes and reads it (`{ cmd, headers: { req_id }, body }`; answers carry
 * `errcode` and `errmsg` instead of a cmd).
 */
export interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: any;
  errcode?: number;
  errmsg?: string;
}

/** Who sends a message in a test: a user, in a private chat or a group. */
export interface From {
  userid?: string;
  /** A group's chatid; omitted for a private (single) chat. */
  chatid?: string;
}

export interface WecomStandinOptions {
  botId: string;
  secret: string;
}

/** The commands the bot may send that the platform answers with a receipt (`errcode: 0`). */
export const REPLY_COMMANDS = new Set([
  'aibot_respond_msg',
  'aibot_respond_welcome_msg',
  'aibot_respond_update_msg',
  'aibot_send_msg',
]);

/**
 * Starts the stand-in. It accepts `aibot_subscribe` with the right bot id and secret (anything else gets an error
 * receipt, as the platform does), answers `ping`, receipts every reply, and pushes `aibot_msg_callback` and
 * `aibot_event_callback` frames when a test asks.
 * @example const wecom = await startWecomStandin({ botId, secret }); new WSClient({ botId, secret, wsUrl: wecom.url })
 */
export async function startWecomStandin(options: WecomStandinOptions) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** Every frame the bot sent, in order (heartbeats included). */
  const received: Frame[] = [];
  const authenticated = new Set<WebSocket>();
  let authentications = 0;
  let connections = 0;
  let refusals = 0;
  let ackFailures: Array<{ errcode: number; errmsg: string }> = [];
  /** Reply frames still to receipt before the connections are cut (see `dropAtReply`); null: never. */
  let repliesBeforeDrop: number | null = null;
  let counter = 0;

  server.on('connection', (socket) => {
    connections++;
    socket.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      received.push(frame);
      const answer = (errcode: number, errmsg: string) =>
        socket.send(JSON.stringify({ headers: { req_id: frame.headers?.req_id }, errcode, errmsg }));
      if (frame.cmd === 'aibot_subscribe') {
        if (frame.body?.bot_id === options.botId && frame.body?.secret === options.secret) {
          authentications++;
          authenticated.add(socket);
          return answer(0, 'ok');
        }
        refusals++;
        return answer(AUTH_FAILED, 'invalid bot_id or secret');
      }
      if (!authenticated.has(socket)) return answer(NOT_AUTHENTICATED, 'not subscribed');
      if (frame.cmd === 'ping') return answer(0, 'ok');
      if (frame.cmd && REPLY_COMMANDS.has(frame.cmd)) {
        if (repliesBeforeDrop !== null && repliesBeforeDrop-- === 0) {
          repliesBeforeDrop = null;
          for (const s of server.clients) s.terminate();
          authenticated.clear();
          return;
        }
        const failure = ackFailures.shift();
        return failure ? answer(failure.errcode, failure.errmsg) : answer(0, 'ok');
      }
    });
    socket.on('close', () => authenticated.delete(socket));
  });

  const push = (frame: Frame) => {
    const open = [...authenticated].filter((s) => s.readyState === s.OPEN);
    if (open.length === 0) throw new Error('wecom stand-in: no authenticated connection to push to');
    for (const socket of open) socket.send(JSON.stringify(frame));
    return frame.headers.req_id;
  };
  const base = (from: From, msgtype: string) => ({
    msgid: `msg${++counter}_${randomBytes(4).toString('hex')}`,
    aibotid: options.botId,
    ...(from.chatid ? { chatid: from.chatid } : {}),
    chattype: from.chatid ? 'group' : 'single',
    from: { userid: from.userid ?? 'zhangsan' },
    create_time: Math.floor(Date.now() / 1000),
    msgtype,
  });
  const reqId = () => `req_${++counter}_${randomBytes(4).toString('hex')}`;

  return {
    url,
    received,
    get connections() {
      return connections;
    },
    /** Accepted `aibot_subscribe` frames, one per (re)connection. */
    get authentications() {
      return authentications;
    },
    get refusals() {
      return refusals;
    },
    /** Pushes a text message; in a group the platform delivers only @-mentions, written into the content. */
    text(content: string, from: From = {}, msgid?: string): string {
      const body = { ...base(from, 'text'), text: { content }, ...(msgid ? { msgid } : {}) };
      return push({ cmd: 'aibot_msg_callback', headers: { req_id: reqId() }, body });
    },
    /** Pushes a voice message with WeCom's transcription of it. */
    voice(content: string, from: From = {}): string {
      const body = { ...base(from, 'voice'), voice: { content } };
      return push({ cmd: 'aibot_msg_callback', headers: { req_id: reqId() }, body });
    },
    /** Pushes an image (or file, video) message: a URL and key the bot should not need. */
    media(msgtype: 'image' | 'file' | 'video', from: From = {}): string {
      const content = { url: 'https://127.0.0.1/encrypted', aeskey: 'unused' };
      return push({
        cmd: 'aibot_msg_callback',
        headers: { req_id: reqId() },
        body: { ...base(from, msgtype), [msgtype]: content },
      });
    },
    /** Pushes an event such as `enter_chat` (a user opens the private chat for the first time today). */
    event(eventtype: string, from: From = {}, fields: Record<string, unknown> = {}): string {
      const body = { ...base(from, 'event'), event: { eventtype, ...fields } };
      return push({ cmd: 'aibot_event_callback', headers: { req_id: reqId() }, body });
    },
    /**
     * What WeCom does when another connection subscribes for the same bot: `disconnected_event` on the old one, then
     * it closes. Here the old connection is every one open now.
     */
    replaced() {
      const old = [...authenticated];
      const body = { ...base({}, 'event'), event: { eventtype: 'disconnected_event' } };
      push({ cmd: 'aibot_event_callback', headers: { req_id: reqId() }, body });
      for (const socket of old) {
        authenticated.delete(socket);
        setTimeout(() => socket.close(1000, 'replaced'), 20);
      }
    },
    /** The reply frames the bot sent for one pushed message, in the order sent. */
    replies(req_id: string): Frame[] {
      return received.filter((f) => f.headers?.req_id === req_id && f.cmd !== undefined && REPLY_COMMANDS.has(f.cmd));
    },
    /** The Markdown of every stream reply to one message, in order. */
    streams(req_id: string): string[] {
      return this.replies(req_id)
        .filter((f) => f.body?.msgtype === 'stream')
        .map((f) => f.body.stream.content as string);
    },
    /** The next receipts (one per reply frame) carry these errors instead of `ok`. */
    failReceipts(...failures: Array<{ errcode: number; errmsg: string }>) {
      ackFailures = [...ackFailures, ...failures];
    },
    /** Receipts the next `n` reply frames, then cuts every connection at the one after, leaving it unreceipted. */
    dropAtReply(n: number) {
      repliesBeforeDrop = n;
    },
    /** Cuts every connection without a close handshake, as a network failure would. */
    drop() {
      for (const socket of server.clients) socket.terminate();
      authenticated.clear();
    },
    async close() {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WecomStandin = Awaited<ReturnType<typeof startWecomStandin>>;

/** Error codes of this stand-in; the real platform's numbers may differ, the SDK only checks for non-zero. */
const AUTH_FAILED = 40001;
const NOT_AUTHENTICATED = 40002;
