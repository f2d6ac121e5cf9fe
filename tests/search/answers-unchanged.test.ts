// The engine answers every development message as it did before the scale work (tests/fixtures/answers-before.json, made by bench/record-answers.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerIds, setMessages } from '../../bench/answer-sets.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { sharedEngine } from './helpers.js';

const before = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'answers-before.json'), 'utf8'),
) as Record<string, string>;

describe('answers before and after', () => {
  const messages = setMessages();

  it('reads every set the fixture recorded from tests/fixtures', () => {
    const keys = new Set(messages.map((m) => m.key));
    const missing = Object.keys(before).filter((k) => k.startsWith('fixtures/') && !keys.has(k));
    expect(missing).toEqual([]);
  });

  it('gives every development message the same answers and guesses, in the same order', () => {
    const engine = sharedEngine();
    const now = Object.fromEntries(
      messages.filter((m) => m.key in before).map((m) => [m.key, answerIds(engine, m.message)]),
    );
    const expected = Object.fromEntries(Object.keys(now).map((k) => [k, before[k]]));
    expect(now).toEqual(expected);
  });
});
