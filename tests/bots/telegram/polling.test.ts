// `npm run telegram` for real: the compiled bot long-polls a Bot API stand-in on 127.0.0.1, answers, and stops on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { alice, BOT_INFO, bob, entitiesOf, SECRET_HALF, TOKEN } from './helpers.js';
import { type StandIn, startStandIn } from './standin.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'telegram.js');
const carol = { id: 9, is_bot: false, first_name: '小陈' };

let standIn: StandIn;
let child: ChildProcess;
let stderr = '';
let exited: Promise<number | null>;
let lastUpdateId = 0;

beforeAll(async () => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first (npm test does)`);
  standIn = await startStandIn(TOKEN, BOT_INFO);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TELEGRAM_') && k !== 'DEBUG'),
  );
  child = spawn(process.execPath, [SCRIPT], {
    cwd: PROJECT_ROOT,
    env: {
      ...env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: standIn.apiRoot,
      HEARING_MISSES_FILE: 'off',
      HEARING_LOG_FILE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.on('data', (d) => (stderr += d));
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  // Polling has begun once the bot asks for updates with a timeout.
  await standIn.waitFor((c) => c.method === 'getUpdates' && Number(c.payload.timeout) > 0, 15_000);
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await standIn?.close();
});

const privateText = (from: typeof alice, text: string) => ({
  message: {
    message_id: Math.floor(Math.random() * 1e6),
    date: 1_700_000_000,
    chat: { id: from.id, type: 'private' as const, first_name: from.first_name },
    from,
    text,
    entities: entitiesOf(text),
  },
});
const sentTo = (chatId: number) =>
  standIn.calls
    .filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId)
    .map((c) => String(c.payload.text));
/** grammY asks for the next batch only after handling the last one: that request is the signal that it is done. */
const handled = (updateId: number) =>
  standIn.waitFor((c) => c.method === 'getUpdates' && Number(c.payload.offset) > updateId, 15_000);

describe('npm run telegram against a Bot API stand-in', () => {
  it('starts: getMe, the command menu in Chinese, deleteWebhook, then long polling', () => {
    const methods = standIn.calls.map((c) => c.method);
    expect(methods.indexOf('getMe')).toBeGreaterThanOrEqual(0);
    expect(methods).toContain('deleteWebhook');
    const menu = standIn.calls.find((c) => c.method === 'setMyCommands')!;
    expect(menu.payload.commands.map((c: { command: string }) => c.command)).toEqual(
      expect.arrayContaining(['start', 'help', 'dept', 'who', 'topic', 'list', 'q']),
    );
    expect(menu.payload.commands.find((c: { command: string }) => c.command === 'dept').description).toMatch(/部门/);
  });

  it("answers 经开区汽车怎么说 with 经开区管委会's answer, /dept 经信局 with all four of 市经信局's, and the weather with not-found", async () => {
    standIn.push(privateText(alice, '经开区汽车怎么说'));
    standIn.push(privateText(bob, '/dept 经信局'));
    const last = standIn.push(privateText(carol, '今天天气怎么样'));
    await handled(last);

    const [car] = sentTo(alice.id);
    expect(car).toContain('<b>经开区管委会应询回答：</b>');
    expect(car).toContain('樊志宏委员提问');

    const dept = sentTo(bob.id).join('\n');
    expect([...dept.matchAll(/<b>q\d+ \S*?(龙良文|李江颖|陈光菊|陈新垓)\S*提问：<\/b>/g)].map((m) => m[1])).toEqual([
      '龙良文',
      '李江颖',
      '陈光菊',
      '陈新垓',
    ]);
    expect(dept.match(/<b>市经信局应询回答：<\/b>/g)).toHaveLength(4);

    expect(sentTo(carol.id)).toHaveLength(1);
    expect(sentTo(carol.id)[0]).toContain('没有与「今天天气怎么样」相关的问答');
    expect(sentTo(carol.id)[0]).not.toContain('应询回答');
    for (const call of standIn.calls.filter((c) => c.method === 'sendMessage'))
      expect(call.payload.parse_mode).toBe('HTML');
  });

  it('answers an inline query and a button press', async () => {
    standIn.push({ inline_query: { id: 'iq-1', from: alice, query: '汉融通', offset: '' } });
    const last = (lastUpdateId = standIn.push({
      callback_query: {
        id: 'cb-1',
        from: alice,
        chat_instance: 'c',
        data: '/q 5',
        message: {
          message_id: 1,
          date: 1_700_000_000,
          chat: { id: alice.id, type: 'private', first_name: alice.first_name },
          from: BOT_INFO,
          text: '……',
        },
      },
    }));
    await handled(last);
    const inline = standIn.calls.find((c) => c.method === 'answerInlineQuery')!;
    expect(inline.payload.inline_query_id).toBe('iq-1');
    expect(inline.payload.results[0].title).toBe('市地方金融局 · 程宏刚委员');
    expect(standIn.calls.find((c) => c.method === 'answerCallbackQuery')?.payload.callback_query_id).toBe('cb-1');
  });

  it('stops cleanly on SIGTERM: confirms the last update, exits 0, and never printed the token', async () => {
    const confirmedBefore = standIn.calls.length;
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
    expect(code).toBe(0);
    // grammY's stop() confirms what it handled, so a restart does not answer the same messages again.
    expect(
      standIn.calls
        .slice(confirmedBefore)
        .filter((c) => c.method === 'getUpdates')
        .map((c) => c.payload),
    ).toEqual([{ offset: lastUpdateId + 1, limit: 1, timeout: 0 }]);
    expect(stderr).toContain('@hearing_bot answering by long polling');
    expect(stderr).not.toContain(SECRET_HALF);
  });
});
