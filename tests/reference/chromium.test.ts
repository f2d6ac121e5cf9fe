// Where Chromium is missing, the browser tests say so in one line and pass outside CI, and fail under CI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { isCI, planChromium } from './chromium.js';

describe('planChromium', () => {
  const only =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);

  it('takes CHROMIUM_PATH first, then chromium or chromium-browser on PATH', () => {
    expect(
      planChromium({ CHROMIUM_PATH: '/opt/c/chrome', PATH: '/usr/bin' }, only('/opt/c/chrome', '/usr/bin/chromium')),
    ).toEqual({ run: true, executablePath: '/opt/c/chrome' });
    expect(planChromium({ PATH: '/bin:/usr/bin' }, only('/usr/bin/chromium'))).toEqual({
      run: true,
      executablePath: '/usr/bin/chromium',
    });
    expect(planChromium({ PATH: '/snap/bin' }, only('/snap/bin/chromium-browser'))).toMatchObject({ run: true });
  });

  it('outside CI, says why it does not run and how to make it run', () => {
    expect(planChromium({ PATH: '/usr/bin' }, only())).toEqual({
      run: false,
      reason: 'no chromium on PATH (nor CHROMIUM_PATH); install chromium (apt-get install -y chromium) to run them',
    });
    expect(planChromium({ CHROMIUM_PATH: '/nowhere', CI: 'false' }, only())).toMatchObject({
      run: false,
      reason: expect.stringMatching(/^CHROMIUM_PATH=\/nowhere does not exist/),
    });
  });

  it('under CI, refuses to go without it', () => {
    expect(() => planChromium({ PATH: '/usr/bin', CI: 'true' }, only())).toThrow(
      /no chromium on PATH \(nor CHROMIUM_PATH\), and CI must run them: install Debian's chromium/,
    );
  });

  it.each([
    ['true', true],
    ['1', true],
    ['', false],
    ['false', false],
    ['0', false],
  ])('CI=%j is CI: %s', (value, expected) => {
    expect(isCI({ CI: value })).toBe(expected);
  });
});

describe('the browser test file on a machine without Chromium', () => {
  // PATH holds node and nothing else, so no chromium can be found.
  const bin = mkdtempSync(join(tmpdir(), 'no-chromium-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  /** Runs vitest on the browser test file alone, as `npm test` would, with that PATH. */
  function runBrowserTests(ci: string | undefined) {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith('VITEST') && key !== 'CI' && key !== 'CHROMIUM_PATH',
      ),
    );
    const run = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'tests/reference/page.browser.test.ts'],
      {
        cwd: PROJECT_ROOT,
        env: { ...env, PATH: bin, NO_COLOR: '1', ...(ci === undefined ? {} : { CI: ci }) },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  }

  it('passes outside CI, saying in one line that it did not run and why', () => {
    const { code, output } = runBrowserTests(undefined);
    expect(code, output).toBe(0);
    const lines = output.split('\n').filter((line) => line.includes('reference browser tests'));
    expect(lines).toEqual([
      'reference browser tests: not run: no chromium on PATH (nor CHROMIUM_PATH); install chromium (apt-get install -y chromium) to run them',
    ]);
  }, 90_000);

  it('fails under CI, naming what to install', () => {
    const { code, output } = runBrowserTests('true');
    expect(code, output).not.toBe(0);
    expect(output).toContain('CI must run them: install Debian');
    expect(output).not.toContain('not run:');
  }, 90_000);
});
