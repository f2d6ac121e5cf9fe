// Running a door: wrong configuration or arguments (exit 2), a failed start (1), --check, the stop and its 2 s budget.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEnv } from '../../../bots/door/env.js';
import { type Door, type DoorContext, runDoor, stopped } from '../../../bots/door/run.js';
import type { SearchEngine } from '../../../src/search/engine.js';

interface Config {
  token: string;
}

/** A door whose serve does what `serve` says; the engine is a stand-in (these tests never search). */
function testDoor(serve: (context: DoorContext<Config>) => Promise<void>): Door<Config> {
  return {
    name: 'test',
    docs: 'README.md, "Test"',
    configure: (env) => ({ token: parseEnv('test', z.object({ TEST_TOKEN: z.string() }), env).TEST_TOKEN }),
    secrets: (config) => [{ name: 'token', value: config.token }],
    serve,
  };
}

const env = { TEST_TOKEN: 'secret_token_value', HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off' };
const engine = () => ({}) as SearchEngine;

/** Serves until told to stop, then stops after `stopMs`. */
const patient =
  (stopMs = 0) =>
  async ({ signal, ready, log }: DoorContext<Config>) => {
    ready('listening, token secret_token_value');
    log.info('holding secret_token_value');
    await stopped(signal);
    await new Promise((resolve) => setTimeout(resolve, stopMs));
  };

async function run(door: Door<Config>, options: Parameters<typeof runDoor>[1] = {}) {
  const lines: string[] = [];
  const code = await runDoor(door, { env, argv: [], engine, write: (l) => lines.push(l), ...options });
  return { code, text: lines.join('\n') };
}

describe('runDoor', () => {
  it('refuses a wrong environment with exit code 2 and the problems, before serving', async () => {
    let served = false;
    const { code, text } = await run(
      testDoor(async () => {
        served = true;
      }),
      { env: {} },
    );
    expect(code).toBe(2);
    expect(served).toBe(false);
    expect(text).toMatch(/^test: cannot start, check the environment:\n {2}TEST_TOKEN: Required/);
  });

  it('refuses an unknown argument with exit code 2', async () => {
    const { code, text } = await run(testDoor(patient()), { argv: ['--chek'] });
    expect(code).toBe(2);
    expect(text).toContain('unknown argument --chek');
  });

  it('--check: serves, says ready, stops and exits 0, secrets replaced', async () => {
    const { code, text } = await run(testDoor(patient()), { argv: ['--check'] });
    expect(code).toBe(0);
    expect(text).toMatch(/test: ready: listening, token <token>\n.*test: check passed/);
    expect(text).toContain('test: stopped');
    expect(text).not.toContain('secret_token_value');
  });

  it('stops when told and exits 0', async () => {
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const running = run(testDoor(patient(50)), { until });
    setTimeout(stop, 50);
    expect((await running).code).toBe(0);
  });

  it('gives up on a stop that takes longer than its budget: exit code 1 and a line saying so', async () => {
    const started = Date.now();
    const { code, text } = await run(testDoor(patient(10_000)), { argv: ['--check'], stopWithinMs: 300 });
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(text).toContain('did not stop within 0.3 s');
  });

  it('a failed start is exit code 1 with the reason', async () => {
    const { code, text } = await run(
      testDoor(async () => {
        throw new Error('platform refused the token secret_token_value');
      }),
    );
    expect(code).toBe(1);
    expect(text).toContain('test: error: cannot start: platform refused the token <token>');
  });
});
