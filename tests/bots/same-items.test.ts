// One question, five doors: console (`ask`), Telegram, WeChat, WeCom and DingTalk show the same items, in order.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingtalkBot, type DingtalkBot } from '../../bots/dingtalk.js';
import type { Handled } from '../../bots/door/answer.js';
import { createTelegramBot } from '../../bots/telegram.js';
import { createWecomBot, type WecomBot } from '../../bots/wecom.js';
import { createRateLimiter } from '../../src/chat/rate-limit.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { collectingLog } from './collecting-log.js';
import {
  type DingtalkStandin,
  robotMessage,
  type SessionWebhooks,
  startDingtalkStandin,
  startSessionWebhooks,
} from './dingtalk/standin.js';
import { BOT_INFO, privateChat, recordApi, TOKEN, textUpdate } from './telegram/helpers.js';
import { engine, startBot as startWechatBot, stopBots as stopWechatBots } from './wechat/helpers.js';
import { startWecomStandin, type WecomStandin } from './wecom/standin.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli.js');

/** Real questions of every kind: searches, a name, commands, the closing response, one the hearing does not cover. */
const QUESTIONS = [
  '经开区汽车怎么说',
  '汉融通',
  '智算中心',
  '软件名城怎么样',
  '经信局',
  '/dept 经信局',
  '/who 朱库成',
  '/topic 2',
  '/q closing',
  '今天天气怎么样',
];

/** No door may fall silent for being asked ten questions in a row: this test is about content. */
const generous = () =>
  createRateLimiter({ user: { capacity: 100, refillMs: 1 }, chat: { capacity: 100, refillMs: 1 } });

/**
 * The items a reply shows, in order, read from what a person sees: each item shown in full (「q5 樊志宏委员提问：」, or
 * 「…总体回应：」 for the closing response) and each related item offered (「/q 10 市商务局 · …」).
 */
function itemsIn(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split('\n')) {
    const head = /^(q\d+) \S+?提问：/.exec(line);
    if (head) items.push(head[1]!);
    else if (/^\S+总体回应：$/.test(line)) items.push('closing');
    const related = /^\/q (\d+|closing) \S+ · /.exec(line);
    if (related) items.push(related[1] === 'closing' ? 'closing' : `q${related[1]}`);
  }
  return items;
}

/** Markdown as read: quote marks, bold marks and escapes gone. */
const fromMarkdown = (parts: readonly string[]) =>
  parts
    .join('\n\n')
    .replace(/^> /gm, '')
    .replace(/(?<!\\)\*\*/g, '')
    .replace(/\\(.)/g, '$1');
/** Telegram HTML as read: tags gone, entities decoded. */
const fromHtml = (parts: readonly string[]) =>
  parts
    .join('\n')
    .replace(/<\/?(?:b|i|code)>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

async function waitFor(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let wecom: WecomStandin;
let wecomBot: WecomBot;
let dingtalk: DingtalkStandin;
let hooks: SessionWebhooks;
let dingtalkBot: DingtalkBot;
const handled: Handled[] = [];

beforeAll(async () => {
  wecom = await startWecomStandin({ botId: 'aibSameItems', secret: 'same-items-secret-1' });
  wecomBot = createWecomBot({
    botId: 'aibSameItems',
    secret: 'same-items-secret-1',
    wsUrl: wecom.url,
    engine,
    limiter: generous(),
    log: collectingLog().log,
    onHandled: (h) => handled.push(h),
  });
  await wecomBot.start();
  dingtalk = await startDingtalkStandin({ clientId: 'dingsame', clientSecret: 'same-items-secret-2' });
  hooks = await startSessionWebhooks();
  dingtalkBot = createDingtalkBot({
    clientId: 'dingsame',
    clientSecret: 'same-items-secret-2',
    gatewayUrl: dingtalk.gatewayUrl,
    engine,
    limiter: generous(),
    log: collectingLog().log,
    onHandled: (h) => handled.push(h),
  });
  await dingtalkBot.start();
});

afterAll(async () => {
  await wecomBot?.stop(100);
  await dingtalkBot?.stop(100);
  await stopWechatBots();
  await wecom?.close();
  await dingtalk?.close();
  await hooks?.close();
});

/** What each door shows for one question, as text a person reads. */
const doors = {
  async console(question: string) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'ask', question], { cwd: PROJECT_ROOT });
    return stdout;
  },
  async telegram(question: string) {
    const bot = createTelegramBot({ token: TOKEN, botInfo: BOT_INFO, engine, limiter: generous() });
    const api = recordApi(bot);
    await bot.handleUpdate(textUpdate(question, { chat: privateChat() }));
    return fromHtml(api.texts());
  },
  async wechat(question: string) {
    const { alice, me, say } = await startWechatBot({ limiter: generous() });
    const { replies } = await say(alice, question, me);
    return replies.map((r) => r.text).join('\n');
  },
  async wecom(question: string) {
    const before = handled.length;
    const reqId = wecom.text(question, { userid: 'same-items' });
    await waitFor(() => handled.length > before, 'the WeCom door');
    return fromMarkdown(wecom.streams(reqId));
  },
  async dingtalk(question: string) {
    const before = handled.length;
    const session = `same${before}`;
    dingtalk.robot(robotMessage({ content: question, sessionWebhook: hooks.url(session) }));
    await waitFor(() => handled.length > before, 'the DingTalk door');
    return fromMarkdown(hooks.markdown(session));
  },
};

describe('the same question through every door', () => {
  it.each(QUESTIONS)('%s', async (question) => {
    const items = Object.fromEntries(
      await Promise.all(
        Object.entries(doors).map(async ([door, ask]) => [door, itemsIn(await ask(question))] as const),
      ),
    );
    if (question === '今天天气怎么样') expect(items.console).toEqual([]);
    else expect(items.console!.length, `console shows no item for ${question}`).toBeGreaterThan(0);
    for (const door of Object.keys(doors)) expect(items[door], door).toEqual(items.console);
  });
});
