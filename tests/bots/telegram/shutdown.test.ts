// Long polling as an operator meets it: chats answered side by side, each in order; SIGTERM in the middle of a batch
// finishes the update in hand, confirms exactly what was handled and exits within 2 s; nothing is answered twice.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { User } from 'grammy/types';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { BOT_INFO, entitiesOf, TOKEN } from './helpers.js';
import { type StandIn, startStandIn } from './standin.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'telegram.js');
const GROUP = { id: -100300, type: 'supergroup' as const, title: '数字经济学习群' };
const members: User[] = Array.from({ length: 10 }, (_, i) => ({ id: 500 + i, is_bot: false, first_name: `成员${i}` }));

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const standIns: StandIn[] = [];
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first (npm test does)`);
});

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(standIns.splice(0).map((s) => s.close()));
});

async function standIn(): Promise<StandIn> {
  const s = await startStandIn(TOKEN, BOT_INFO);
  standIns.push(s);
  return s;
}

/** `npm run telegram` against the stand-in; resolves once it long-polls. */
async function startBot(s: StandIn): Promise<Running> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TELEGRAM_') && k !== 'DEBUG'),
  );
  const polls = s.calls.filter((c) => c.method === 'getUpdates').length;
  const child = spawn(process.execPath, [SCRIPT], {
    cwd: PROJECT_ROOT,
    env: {
      ...env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: s.apiRoot,
      HEARING_MISSES_FILE: 'off',
      HEARING_LOG_FILE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  await s.waitFor((c) => c.method === 'getUpdates' && s.calls.filter((x) => x.method === 'getUpdates').length > polls);
  return { child, output: () => output, exited };
}

/** `/q n` from member n-1 in the group: a question whose answer names its item, so replies can be counted per item. */
function ask(s: StandIn, n: number, chat: { id: number; type: 'supergroup' | 'private' } = GROUP): number {
  const text = `/q ${n}`;
  const from = members[(n - 1) % members.length]!;
  return s.push({
    message: {
      message_id: 1000 + n,
      date: 1_700_000_000,
      chat: chat.type === 'private' ? { id: from.id, type: 'private', first_name: from.first_name } : GROUP,
      from,
      text,
      entities: entitiesOf(text),
    },
  } as never);
}

/** How many replies each item got: { 1: 1, 2: 1, … }. */
function repliesPerItem(s: StandIn): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const call of s.calls.filter((c) => c.method === 'sendMessage')) {
    const item = /<b>Q(\d+) /i.exec(String(call.payload.text))?.[1];
    if (item) counts[Number(item)] = (counts[Number(item)] ?? 0) + 1;
  }
  return counts;
}

describe('SIGTERM during a batch of long-polling updates', () => {
  it('finishes the update in hand, confirms what was handled, exits within 2 s; a restart answers the rest once', async () => {
    const s = await standIn();
    // Each send takes 0.8 s: ten questions in one group would keep a bot busy for 8 s.
    s.behave('sendMessage', () => ({ delayMs: 800 }));
    const first = await startBot(s);
    const ids = Array.from({ length: 10 }, (_, i) => ask(s, i + 1));
    await s.waitFor((c) => c.method === 'sendMessage');
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const { code, at } = await first.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(2000);
    // The last word to Telegram confirms the one update handled, no more and no less.
    const answered = Object.keys(repliesPerItem(s)).length;
    expect(answered).toBe(1);
    const confirmations = s.calls.filter((c) => c.method === 'getUpdates').map((c) => Number(c.payload.offset ?? 0));
    expect(confirmations.at(-1)).toBe(ids[0]! + 1);
    expect(first.output()).toContain(`confirmed up to update #${ids[0]}; 9 left for Telegram to deliver again`);

    s.behave('sendMessage', () => undefined);
    const second = await startBot(s);
    const deadline = Date.now() + 10_000;
    while (Object.keys(repliesPerItem(s)).length < 10 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(repliesPerItem(s)).toEqual(Object.fromEntries(ids.map((_, i) => [i + 1, 1])));
  });

  it('a second signal ends the process at once', async () => {
    const s = await standIn();
    s.behave('sendMessage', () => ({ delayMs: 10_000 }));
    const bot = await startBot(s);
    ask(s, 1);
    await s.waitFor((c) => c.method === 'sendMessage');
    bot.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    const { code, signal, at } = await bot.exited;
    expect(code ?? signal).not.toBe(0);
    expect(at - signalled).toBeLessThan(500);
  });
});

describe('chats side by side', () => {
  it("one chat's 429 (retry after 3 s) does not hold another chat's answer; each chat keeps its order", async () => {
    const s = await standIn();
    const slowChat = members[0]!.id;
    let refused = false;
    s.behave('sendMessage', (p) => {
      if (p.chat_id !== slowChat || refused) return undefined;
      refused = true;
      return {
        fail: { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
      };
    });
    const bot = await startBot(s);
    const pushed = Date.now();
    ask(s, 1, { id: slowChat, type: 'private' }); // member 0, private chat: refused once, answered after 3 s
    ask(s, 11, { id: slowChat, type: 'private' }); // member 0 again: must come after q1
    ask(s, 2, { id: members[1]!.id, type: 'private' });
    const other = await s.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === members[1]!.id);
    expect(Date.now() - pushed).toBeLessThan(1500);
    expect(other.payload.text).toMatch(/<b>Q2 /i);
    const deadline = Date.now() + 10_000;
    const slowReplies = () =>
      s.calls
        .filter((c) => c.method === 'sendMessage' && c.payload.chat_id === slowChat)
        .map((c) => /<b>Q(\d+) /i.exec(String(c.payload.text))?.[1]);
    while (slowReplies().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // q1 was refused once and sent again, then q11: the chat's order holds.
    expect(slowReplies()).toEqual(['1', '1', '11']);
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  });
});
