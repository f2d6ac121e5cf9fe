// The answer log: one line per reply with door, chat kind, tier and items shown, and nothing that says who asked.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { createAnswerLog, readAnswers } from '../../src/logs/answers.js';
import { answerLogPathFromEnv, DEFAULT_ANSWER_LOG_FILE } from '../../src/logs/env.js';
import { createMissesLog } from '../../src/logs/misses.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { sharedEngine } from '../search/helpers.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'answers-'));
  dirs.push(dir);
  return join(dir, 'answers.jsonl');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const at = new Date('2024-05-01T08:00:00.000Z');
const USER = 'user-7731942';
const CHAT = 'chat-5518203';

const talk = (path: string | null, door = 'telegram') => {
  const answers = createAnswerLog({ path, door, now: () => at });
  const conversation = createConversation({ engine: sharedEngine(), answers, now: () => at });
  const say = async (text: string, chat: 'private' | 'group' = 'private') =>
    await conversation.respond({ text: `${text}`, chat, userId: USER, chatId: CHAT, addressed: true });
  return { say, answers };
};

describe('createAnswerLog', () => {
  it('logs an answer with its door, chat kind, tier, items, hearing and question, and no user or chat id', async () => {
    const path = tempFile();
    const { say, answers } = talk(path);
    const { reply } = await say('汉融通是什么');
    expect(reply?.kind).toBe('answer');
    await answers.flush();
    const [line] = await readAnswers(path);
    const shown = reply?.kind === 'answer' ? reply.items.map((i) => i.id) : [];
    expect(line).toEqual({
      time: at.toISOString(),
      door: 'telegram',
      chat: 'private',
      reply: 'answer',
      tier: 'answer',
      items: shown,
      hearing: expect.any(String),
      source: 'search',
      text: '汉融通是什么',
    });
  });

  it('a question nothing matches is tier none, a guess is guess, 「不对」 after an answer is disliked with the item', async () => {
    const path = tempFile();
    const { say, answers } = talk(path);
    await say('今天晚饭吃什么好呢');
    await say('汉融通是什么');
    await say('不对');
    await answers.flush();
    const lines = await readAnswers(path);
    expect(lines.map((l) => l.tier)).toEqual(['none', 'answer', 'disliked']);
    expect(lines[2]!.items[0]).toBe(lines[1]!.items[0]);
    expect(lines[2]!.followUp).toBe('dislike');
  });

  it('「谢谢」「有用」 or 👍 right after an answer is liked with the item; thanks with nothing shown, or 收到, is not', async () => {
    const path = tempFile();
    const { say, answers } = talk(path);
    await say('谢谢'); // nothing shown yet
    await say('汉融通是什么');
    await say('谢谢，很有用！');
    await say('经开区汽车怎么说', 'group');
    await say('👍', 'group'); // addressed to the bot in a group: no reply there, but the answer helped
    await say('收到');
    await answers.flush();
    const lines = await readAnswers(path);
    // A courtesy reply is no answer: it has no tier.
    expect(lines.map((l) => l.tier ?? '-')).toEqual(['-', 'answer', 'liked', 'answer', 'liked', '-']);
    expect(lines[2]!.items[0]).toBe(lines[1]!.items[0]);
    expect(lines[4]).toMatchObject({ chat: 'group', items: [lines[3]!.items[0]] });
  });

  it('neither log ever holds a user id or a chat id, in any chat kind, whatever was asked', async () => {
    const path = tempFile();
    const missesPath = join(dirname(path), 'misses.jsonl');
    const answers = createAnswerLog({ path, door: 'wechat', now: () => at });
    const misses = createMissesLog({ path: missesPath, now: () => at });
    const conversation = createConversation({ engine: sharedEngine(), answers, misses, now: () => at });
    const questions = [
      '汉融通',
      '/help',
      '/list',
      '谁问的',
      '2',
      '@机器人 数据安全',
      '不对',
      '今天晚饭吃什么',
      '/dept 不存在的局',
    ];
    for (const text of questions)
      for (const chat of ['private', 'group'] as const)
        await conversation.respond({ text, chat, userId: USER, chatId: CHAT, addressed: true });
    await Promise.all([answers.flush(), misses.flush()]);
    const logged = [readFileSync(path, 'utf8'), readFileSync(missesPath, 'utf8')];
    expect(logged[0]!.split('\n').filter(Boolean).length).toBeGreaterThan(10);
    expect(logged[1]!.split('\n').filter(Boolean).length).toBeGreaterThan(1);
    for (const file of logged)
      for (const secret of [USER, CHAT, 'userId', 'chatId', 'user', 'name']) expect(file).not.toContain(secret);
    expect(new Set((await readAnswers(path)).map((l) => l.chat))).toEqual(new Set(['private', 'group']));
  });

  it('cuts the question to 200 characters', async () => {
    const path = tempFile();
    const { say, answers } = talk(path);
    await say(`汉融通${'很长的问题'.repeat(100)}`);
    await answers.flush();
    expect([...(await readAnswers(path))[0]!.text]).toHaveLength(200);
  });

  it('switched off (null path), it writes nothing; a throwing disk never reaches the reply', async () => {
    const path = tempFile();
    talk(null).say('汉融通');
    expect(existsSync(path)).toBe(false);
    const errors: string[] = [];
    const broken = createAnswerLog({
      path,
      door: 'http',
      fs: {
        append: () => {
          throw new Error('EROFS: read-only file system');
        },
        mkdir: () => {},
      },
      onError: (e) => errors.push(e.message),
    });
    const conversation = createConversation({ engine: sharedEngine(), answers: broken });
    expect(
      (await conversation.respond({ text: '汉融通', chat: 'private', userId: 'u', chatId: 'c' })).reply?.kind,
    ).toBe('answer');
    expect(errors).toEqual([`answers: cannot write ${path}: EROFS: read-only file system`]);
  });
});

describe('answerLogPathFromEnv', () => {
  it.each([
    [{}, DEFAULT_ANSWER_LOG_FILE],
    [{ HEARING_LOG_FILE: '/srv/answers.jsonl' }, '/srv/answers.jsonl'],
    [{ HEARING_LOG_FILE: 'off' }, null],
    [{ HEARING_LOG_FILE: ' ' }, null],
  ])('%j → %j', (env, path) => {
    expect(answerLogPathFromEnv(env)).toBe(path);
  });

  it('defaults to var/answers.jsonl, which git ignores', () => {
    expect(DEFAULT_ANSWER_LOG_FILE).toBe(join(PROJECT_ROOT, 'var', 'answers.jsonl'));
  });
});
