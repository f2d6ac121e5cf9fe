// The chat commands in-process through streams (no TTY): ask, the console chat, misses; plus `ask` as a real process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { PROMPT } from '../../src/commands/chat.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { loadEngine } from '../../src/search/engine.js';

const engine = loadEngine();
const dir = mkdtempSync(join(tmpdir(), 'chat-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let missesFile = '';
beforeEach(() => {
  missesFile = join(dir, `misses-${Math.random().toString(36).slice(2)}.jsonl`);
  vi.stubEnv('HEARING_MISSES_FILE', missesFile);
});

async function run(argv: string[], input?: string) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  if (input !== undefined) stdin.end(input);
  const code = await runCli(argv, { stdin, stdout, stderr, engine: () => engine });
  return { code, out, err };
}

describe('ask', () => {
  it('/dept 经信局 prints all four answers of 市经信局 with their askers', async () => {
    const { code, out } = await run(['ask', '/dept 经信局']);
    expect(code).toBe(0);
    expect([...out.matchAll(/^q\d+ \S*?(龙良文|李江颖|陈光菊|陈新垓)\S*提问：/gm)].map((m) => m[1])).toEqual([
      '龙良文',
      '李江颖',
      '陈光菊',
      '陈新垓',
    ]);
    expect(out.match(/^市经信局应询回答：$/gm)).toHaveLength(4);
  });

  it("「經開區汽車怎麼說」 prints 经开区管委会's answer, naming 樊志宏", async () => {
    const { out } = await run(['ask', '經開區汽車怎麼說']);
    expect(out).toMatch(
      /^q5 樊志宏委员提问：经开区将如何推动汽车产业与数字经济加快融合发展\?\n经开区管委会应询回答：\n聚焦车规级芯片/,
    );
  });

  it('「今天天气怎么样」 prints a not-found reply and records the miss', async () => {
    const { code, out } = await run(['ask', '今天天气怎么样']);
    expect(code).toBe(0);
    expect(out).toMatch(/^这次专题询问里没有与「今天天气怎么样」相关的问答。/);
    expect(out).not.toMatch(/应询回答/);
    expect(JSON.parse(readFileSync(missesFile, 'utf8'))).toMatchObject({ chat: 'console', text: '今天天气怎么样' });
  });

  it('joins several arguments into one message', async () => {
    expect((await run(['ask', '/dept', '光谷'])).out).toContain('q12 杨安委员提问：');
  });

  it('needs a message', async () => {
    const { code, err } = await run(['ask', '  ']);
    expect(code).toBe(2);
    expect(err).toBe('cli: usage: ask "<question or command>"\n');
  });
});

describe('chat (the console chat)', () => {
  it('answers each line like the bots, prompts again, and quits on end of input (Ctrl-D)', async () => {
    const { code, out } = await run(['chat'], '经开区汽车怎么说\n\n/who 朱库成\n今天天气怎么样\n');
    expect(code).toBe(0);
    expect(out).toMatch(/^市人大常委会“加快发展数字经济”专题询问摘录\n直接输入问题/);
    expect(out).toContain('q5 樊志宏委员提问：');
    expect(out).toContain('q13 市人大常委会副主任朱库成提问：');
    expect(out).toContain('这次专题询问里没有与「今天天气怎么样」相关的问答。');
    expect(out.split(PROMPT)).toHaveLength(6); // one prompt at start, one after each of the 4 lines, then 再见
    expect(out.trimEnd().endsWith('再见。')).toBe(true);
    expect(out.indexOf('q5 樊志宏')).toBeLessThan(out.indexOf('q13 市人大'));
  });

  it('prints exactly what ask prints for the same message', async () => {
    const asked = (await run(['ask', '/topic 4'])).out.trim();
    const chatted = (await run(['chat'], '/topic 4\n')).out;
    expect(chatted).toContain(asked);
  });

  it('follows up on what it just answered: who asked, another body, the commitments', async () => {
    const { out } = await run(['chat'], '经开区汽车怎么说\n谁问的\n那东湖高新区呢\n有什么数字\n');
    const replies = out.split(PROMPT).slice(1, 5);
    expect(replies[0]).toContain('q5 樊志宏委员提问：');
    expect(replies[1]).toMatch(/^q5是樊志宏委员问的，经开区管委会应询回答。/);
    expect(replies[2]).toContain('q12 杨安委员提问：');
    expect(replies[3]).toMatch(/^q12 东湖高新区管委会的承诺与目标，共\d+条（原文摘录）：/);
  });

  it('survives junk lines', async () => {
    const { code, out } = await run(['chat'], `${'x'.repeat(30_000)}\n\u0000\u0001\n😀\n<b>\n`);
    expect(code).toBe(0);
    expect(out).toContain('请用文字提问');
    expect(out).toContain('「<b>」');
  });
});

describe('misses', () => {
  it('prints the most frequent unanswered questions', async () => {
    for (const q of ['房价', '今天天气怎么样', '房价', '/dept 教育局']) await run(['ask', q]);
    const { code, out } = await run(['misses']);
    expect(code).toBe(0);
    expect(
      out
        .split('\n')
        .slice(2, 5)
        .map((l) => l.split('\t').filter((_, i) => i !== 2 && i !== 3)),
    ).toEqual([
      ['2', 'none', '房价'],
      ['1', 'none', '/dept 教育局'],
      ['1', 'none', '今天天气怎么样'],
    ]);
    const json = JSON.parse((await run(['misses', '--json', '--top', '1'])).out);
    expect(json).toMatchObject({ file: missesFile, total: 4, top: [{ text: '房价', count: 2 }] });
  });

  it('says so when nothing is recorded, or when the log is off', async () => {
    expect((await run(['misses'])).out).toBe(`no unanswered questions recorded in ${missesFile}\n`);
    vi.stubEnv('HEARING_MISSES_FILE', 'off');
    await run(['ask', '房价']);
    expect((await run(['misses'])).err).toMatch(/switched off/);
  });

  it.each([['--top'], ['--top', '0'], ['extra']])('rejects bad arguments %j', async (...args) => {
    expect((await run(['misses', ...args])).code).toBe(2);
  });
});

describe('ask as a whole process (compiled)', () => {
  const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
  // How long the whole process takes is measured by `npm run bench` (whole process: … ask).
  it('answers as a compiled process', () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does it first)`);
    const result = spawnSync(process.execPath, [CLI, 'ask', '经开区汽车怎么说'], {
      encoding: 'utf8',
      env: { ...process.env, HEARING_MISSES_FILE: 'off' },
      timeout: 15_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('经开区管委会应询回答：');
  });
});
