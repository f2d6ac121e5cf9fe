// Whether the browser tests can run here: Chromium found, or why not; under CI a missing Chromium is an error.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Run with this Chromium, or do not run, for this reason. */
export type ChromiumPlan = { run: true; executablePath: string } | { run: false; reason: string };

/** The names Debian's and other distributions' packages install the browser under. */
const NAMES = ['chromium', 'chromium-browser'];

/**
 * Finds Chromium: `CHROMIUM_PATH` wins, else `chromium` on `PATH`. On a machine without it the browser tests do not
 * run and say why in one line; under CI (`CI` set, as `.ci/run` does) that would hide a broken page, so it throws.
 * @example const plan = planChromium(process.env); if (plan.run) chromium.launch({ executablePath: plan.executablePath })
 */
export function planChromium(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = existsSync): ChromiumPlan {
  let missing: string;
  if (env.CHROMIUM_PATH) {
    if (exists(env.CHROMIUM_PATH)) return { run: true, executablePath: env.CHROMIUM_PATH };
    missing = `CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist`;
  } else {
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
      for (const name of NAMES) if (exists(join(dir, name))) return { run: true, executablePath: join(dir, name) };
    missing = 'no chromium on PATH (nor CHROMIUM_PATH)';
  }
  if (isCI(env))
    throw new Error(
      `reference browser tests: ${missing}, and CI must run them: install Debian's chromium ` +
        '(apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH',
    );
  return { run: false, reason: `${missing}; install chromium (apt-get install -y chromium) to run them` };
}

/**
 * How the tests launch Debian's Chromium: headless, sandbox off (containers have none), and nothing that reaches the
 * network on its own (updates, sync, background requests), so a test only sees the page's own requests.
 * @example chromium.launch(launchOptions(plan))
 */
export function launchOptions(plan: ChromiumPlan) {
  return {
    executablePath: plan.run ? plan.executablePath : undefined,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

/** CI services set CI=true (GitHub, GitLab, .ci/run); an empty value, 0 or false means not CI. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}
