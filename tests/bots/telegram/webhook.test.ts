// The webhook as anyone who can reach its port meets it: bad targets, bad bodies, huge bodies and slow sends
// end that request, never the bot; Telegram gets its answer in time and replies follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../bots/telegram.js';
import { chunked, freePort, postHead, rawRequest } from '../raw-http.js';
import { BOT_INFO, entitiesOf, SECRET_HALF, TOKEN } from './helpers.js';
import { type StandIn, startStandIn } from './standin.js';

const SECRET = 'hook_secret';
const HOOK = '/tg/hook';

let standIn: StandIn;
let port: number;
let stop: () => void;
let running: Promise<number>;
const lines: string[] = [];
let nextUpdateId = 1;

beforeAll(async () => {
  standIn = await startStandIn(TOKEN, BOT_INFO);
  port = await freePort();
  running = main({
    env: {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: standIn.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://bot.example.org${HOOK}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_WEBHOOK_PORT: String(port),
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
      HEARING_MISSES_FILE: 'off',
      HEARING_LOG_FILE: 'off',
    },
    until: new Promise<void>((resolve) => (stop = resolve)),
    write: (line) => lines.push(line),
  });
  await standIn.waitFor((c) => c.method === 'setWebhook');
});

afterAll(async () => {
  stop?.();
  await running;
  await standIn?.close();
});

/** A private message from user `chat` as Telegram would post it. */
function updateBody(text: string, chat = 7): string {
  return JSON.stringify({
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: 1_700_000_000,
      chat: { id: chat, type: 'private', first_name: 'x' },
      from: { id: chat, is_bot: false, first_name: 'x' },
      text,
      entities: entitiesOf(text),
    },
  });
}

const post = (body: string, secret = SECRET, path = HOOK) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body,
  });

const repliesTo = (chat: number) =>
  standIn.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chat).map((c) => c.payload.text);

/** The bot is still up: a fresh question from a fresh chat is answered. */
async function stillAnswers(chat: number): Promise<void> {
  expect((await post(updateBody('汉融通', chat))).status).toBe(200);
  const reply = await standIn.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === chat);
  expect(reply.payload.text).toContain('市地方金融局应询回答');
}

describe('the webhook', () => {
  it('sets the webhook with its secret and answers an update that carries it; refuses the rest', async () => {
    const set = standIn.calls.find((c) => c.method === 'setWebhook')!;
    expect(set.payload).toMatchObject({ url: `https://bot.example.org${HOOK}`, secret_token: SECRET });
    expect((await post(updateBody('经开区汽车怎么说'), 'wrong')).status).toBe(401);
    expect((await post(updateBody('经开区汽车怎么说'), SECRET, '/elsewhere')).status).toBe(404);
    expect((await post(updateBody('经开区汽车怎么说', 100))).status).toBe(200);
    await standIn.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === 100);
    expect(repliesTo(100)[0]).toContain('经开区管委会应询回答');
    expect(lines.join('\n')).toContain(`answering on a webhook, 127.0.0.1:${port}${HOOK}`);
  });

  it('answers a malformed request target with 400, with or without the secret, and keeps running', async () => {
    for (const target of ['http://[x/tg/hook', 'http://[x', '//[::1', `${HOOK}?%zz`, 'http://a b/tg/hook']) {
      const head = postHead(target, 2, { 'X-Telegram-Bot-Api-Secret-Token': SECRET });
      const answer = await rawRequest(port, head, '{}');
      expect([400, 404], target).toContain(answer.status);
    }
    await stillAnswers(101);
  });

  it.each([
    ['malformed JSON', '{"update_id": 1, "message": '],
    ['an empty body', ''],
    ['null', 'null'],
    ['a number', '42'],
    ['an array', '[{"update_id": 5}]'],
    ['an update without update_id', '{"message": {"text": "hi"}}'],
    ['an update_id that is no number', '{"update_id": "7"}'],
  ])('answers %s (with the secret) with 400 and keeps running', async (_, body) => {
    const answer = await rawRequest(
      port,
      postHead(HOOK, Buffer.byteLength(body), { 'X-Telegram-Bot-Api-Secret-Token': SECRET }),
      body,
    );
    expect(answer.status).toBe(400);
    await stillAnswers(200 + nextUpdateId);
  });

  it('refuses a body over the limit with 413, by its stated length or while streaming, without holding it', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'a');
    const rss = process.memoryUsage().rss;
    for (let i = 0; i < 20; i++) {
      const answer = await rawRequest(
        port,
        postHead(HOOK, big.length, { 'X-Telegram-Bot-Api-Secret-Token': SECRET }),
        big,
      );
      expect(answer.status).toBe(413);
    }
    const streamed = await rawRequest(
      port,
      postHead(HOOK, 'chunked', { 'X-Telegram-Bot-Api-Secret-Token': SECRET }),
      chunked(big),
    );
    expect(streamed.status).toBe(413);
    // Twenty 5 MB posts once took the process to 380 MB; refused unread, they cost next to nothing.
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    await stillAnswers(300);
  });

  it('answers Telegram in time when sending is slow, and sends the reply after', async () => {
    standIn.behave('sendMessage', (p) => (p.chat_id === 400 ? { delayMs: 4000 } : undefined));
    try {
      const started = Date.now();
      const answer = await post(updateBody('经开区汽车怎么说', 400));
      expect(answer.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      // Meanwhile other chats are answered as usual.
      await stillAnswers(401);
      const reply = await standIn.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === 400, 8000);
      expect(reply.payload.text).toContain('经开区管委会应询回答');
    } finally {
      standIn.behave('sendMessage', () => undefined);
    }
  });

  it('handles an update Telegram posts twice once, and answers both posts with 200', async () => {
    const body = updateBody('汉融通', 500);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    await standIn.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === 500);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(repliesTo(500)).toHaveLength(1);
  });

  it('never printed the token or the secret', () => {
    expect(lines.join('\n')).not.toContain(SECRET_HALF);
  });
});
