// A small Bot API stand-in on 127.0.0.1 for tests: getMe, getUpdates with offsets and long polling, and recorded calls.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Update, UserFromGetMe } from 'grammy/types';

export interface StandInCall {
  method: string;
  payload: Record<string, any>;
}

/** How the stand-in answers one call: after a pause, and/or with an error as Telegram would send it. */
export interface Behaviour {
  delayMs?: number;
  fail?: { error_code: number; description: string; parameters?: { retry_after?: number } };
}

export interface StandIn {
  /** http://127.0.0.1:<port> — the value for TELEGRAM_API_ROOT. */
  apiRoot: string;
  /** Every call, recorded when it arrives (before any pause). */
  calls: StandInCall[];
  /** From now on, calls of `method` are answered as `behaviour(payload)` says; undefined: at once, successfully. */
  behave(method: string, behaviour: (payload: Record<string, any>) => Behaviour | undefined): void;
  /** Queues an update (its update_id is assigned here) and wakes a waiting getUpdates; returns the id. */
  push(update: Omit<Update, 'update_id'>): number;
  /** Resolves when a call matching `test` has been recorded; rejects after `ms`. */
  waitFor(test: (call: StandInCall) => boolean, ms?: number): Promise<StandInCall>;
  close(): Promise<void>;
}

/**
 * Speaks just enough of the Bot API for grammY's long polling: updates below the requested offset count as
 * confirmed and are dropped, as Telegram does; getUpdates with a timeout waits for new updates.
 */
export async function startStandIn(token: string, me: UserFromGetMe): Promise<StandIn> {
  const calls: StandInCall[] = [];
  let queue: Update[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let wake: Array<() => void> = [];
  const watchers: Array<() => void> = [];
  const behaviours = new Map<string, (payload: Record<string, any>) => Behaviour | undefined>();

  const results: Record<string, (p: Record<string, any>) => Promise<unknown> | unknown> = {
    getMe: () => me,
    deleteWebhook: () => true,
    setWebhook: () => true,
    setMyCommands: () => true,
    answerInlineQuery: () => true,
    answerCallbackQuery: () => true,
    sendMessage: (p) => ({
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: p.chat_id, type: 'private' },
      from: me,
      text: p.text,
    }),
    getUpdates: async (p) => {
      const offset = Number(p.offset ?? 0);
      if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
      const timeout = Math.min(Number(p.timeout ?? 0), 30);
      if (queue.length === 0 && timeout > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeout * 1000);
          wake.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return queue.slice(0, Number(p.limit ?? 100));
    },
  };

  const server: Server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!match) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (decodeURIComponent(match[1]!) !== token)
      return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const payload = await readJson(req);
    calls.push({ method, payload });
    for (const watch of [...watchers]) watch();
    const result = results[method];
    if (!result) return send(404, { ok: false, error_code: 404, description: `Not Found: method ${method}` });
    const behaviour = behaviours.get(method)?.(payload);
    if (behaviour?.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (behaviour?.fail)
      return void (res.destroyed || send(behaviour.fail.error_code, { ok: false, ...behaviour.fail }));
    const value = await result(payload);
    if (!res.destroyed) send(200, { ok: true, result: value });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    behave(method, behaviour) {
      behaviours.set(method, behaviour);
    },
    push(update) {
      const full = { ...update, update_id: nextUpdateId++ } as Update;
      queue.push(full);
      const waiting = wake;
      wake = [];
      for (const w of waiting) w();
      return full.update_id;
    },
    waitFor(test, ms = 10_000) {
      const found = calls.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`stand-in: no matching call within ${ms} ms; calls: ${calls.map((c) => c.method).join(', ')}`),
            ),
          ms,
        );
        const watch = () => {
          const hit = calls.find(test);
          if (!hit) return;
          clearTimeout(timer);
          watchers.splice(watchers.indexOf(watch), 1);
          resolve(hit);
        };
        watchers.push(watch);
      });
    },
    async close() {
      for (const w of wake) w();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  if (body === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    return { raw: body };
  }
}
