// The CLI contract other tools rely on, run as a real process from the compiled code (`npm test` builds it first).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli.js');

function cli(args: string[], input = '') {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does it first)`);
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: PROJECT_ROOT,
    input,
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('search --json', () => {
  it('prints the best matches with asker, department, score and match', () => {
    const run = cli(['search', '--json', '经开区汽车怎么说']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.query).toBe('经开区汽车怎么说');
    expect(out.results[0]).toMatchObject({ id: 'q5', asker: '樊志宏', department: '经开区管委会', match: 'answer' });
    expect(typeof out.results[0].score).toBe('number');
    expect(out.results.length).toBeLessThanOrEqual(5);
  });

  it('marks what the bot would only offer as 「你是不是想问」 with match "guess", after any answers', () => {
    const run = cli(['search', '--json', '工厂装机器人换人有没有补贴']);
    expect(run.code).toBe(0);
    const results: { id: string; match: string }[] = JSON.parse(run.stdout).results;
    expect(results[0]).toMatchObject({ id: 'q11', match: 'guess' });
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results.every((r) => r.match === 'guess')).toBe(true);
  });

  it.each(['数字经济', '汉融通', '工厂装机器人换人有没有补贴', '陈副主任问了什么'])(
    '%j lists no answer after a guess',
    (query) => {
      const matches: string[] = JSON.parse(cli(['search', '--json', query]).stdout).results.map(
        (r: { match: string }) => r.match,
      );
      expect(matches.length).toBeGreaterThan(0);
      const firstGuess = matches.indexOf('guess');
      expect(firstGuess === -1 ? [] : matches.slice(firstGuess)).not.toContain('answer');
    },
  );
});

describe('search --jsonl', () => {
  it('answers one line per query, in order, empty lines with empty results', () => {
    const run = cli(['search', '--jsonl'], '汉融通\n\n光谷\n今天天气怎么样\n');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['汉融通', '', '光谷', '今天天气怎么样']);
    expect(lines.map((l) => l.results.map((r: { id: string }) => r.id)[0] ?? null)).toEqual(['q7', null, 'q12', null]);
    expect(lines.flatMap((l) => l.results.map((r: { match: string }) => r.match))).toContain('answer');
  });
});

describe('list --json', () => {
  it('lists the 18 items with theme, asker, role, department and question, and the closing response', () => {
    const run = cli(['list', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.date).toBe('2023-09-13');
    expect(out.items).toHaveLength(18);
    expect(out.items[12]).toEqual({
      id: 'q13',
      theme: '加快提升数字化治理能力',
      asker: '朱库成',
      role: '市人大常委会副主任',
      department: '市政务服务大数据局',
      question: '当前,数据壁垒、信息孤岛现象依然存在,如何有效提升群众和市场主体的获得感和满意度?',
    });
    expect(out.closing).toMatchObject({ id: 'closing', speaker: '汪元程' });
  });
});

describe('errors', () => {
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['search'], /usage: search --json/],
    [['search', '--xml', 'q'], /usage: search --json/],
    [['list', '--yaml'], /usage: list/],
  ])('%j exits 2 with a message on stderr', (args, message) => {
    const run = cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
