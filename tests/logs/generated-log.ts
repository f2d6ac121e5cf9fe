// A month of replies made up from a fixed seed (several doors and chat kinds, every tier), for the staff figures' tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnswerLine } from '../../src/logs/answers.js';

const DOORS = ['telegram', 'wechat', 'wecom', 'dingtalk', 'http'] as const;
const CHATS = ['private', 'group'] as const;
const FOLLOW_UPS = ['pick', 'about', 'more', 'commitments', 'elliptical'] as const;

/** mulberry32: a small PRNG, the same numbers for the same seed on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` replies over May 2024 (times spread over the whole day, so some fall on the next day in UTC+8), drawn from
 * `items` (ids as the log holds them) with a skew, so some items are asked far more than others.
 */
export function generatedAnswers(items: readonly string[], count = 3000, seed = 20240501): AnswerLine[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const skewed = () => items[Math.floor(next() ** 2 * items.length)]!;
  const start = Date.parse('2024-04-30T16:00:00.000Z'); // 2024-05-01 00:00 in UTC+8
  const lines: AnswerLine[] = [];
  for (let i = 0; i < count; i++) {
    const time = new Date(start + Math.floor(next() * 31 * 86_400_000)).toISOString();
    const roll = next();
    const base = { time, door: pick(DOORS), chat: pick(CHATS), text: `问题${i}` };
    let line: AnswerLine;
    if (roll < 0.55) {
      const shown = [...new Set([skewed(), ...(next() < 0.2 ? [skewed()] : [])])];
      line = { ...base, reply: 'answer', tier: 'answer', items: shown, hearing: 'h', source: 'search' };
    } else if (roll < 0.7) line = { ...base, reply: 'did-you-mean', tier: 'guess', items: [skewed(), skewed()] };
    else if (roll < 0.82) line = { ...base, reply: 'not-found', tier: 'none', items: [] };
    else if (roll < 0.87) line = { ...base, reply: 'list', tier: 'disliked', items: [skewed()], followUp: 'dislike' };
    else if (roll < 0.93) line = { ...base, reply: 'commitments', tier: 'answer', items: [skewed(), skewed()] };
    else line = { ...base, reply: 'help', items: [] };
    if (next() < 0.1 && line.followUp === undefined) line.followUp = pick(FOLLOW_UPS);
    lines.push(line);
  }
  return lines.sort((a, b) => a.time.localeCompare(b.time));
}

/** Writes lines as the answer log holds them. */
export function writeLog(path: string, lines: readonly object[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}
