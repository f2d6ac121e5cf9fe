// The production start stops on SIGTERM whoever sends it: `node dist/bots/<door>.js` and `npm run <door>` both leave
// no process behind (checked by pid) and no server answering (checked on the port).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/paths.js';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'bots', 'http.js');
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/** Starts `command` with the HTTP door on a free loopback port; resolves once it says where it listens. */
async function start(command: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first (npm test does)`);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(HEARING_|WECHAT_|WECOM_|DEBUG$)/.test(k)),
  );
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...env, HEARING_HTTP_HOST: '127.0.0.1', HEARING_HTTP_PORT: '0', HEARING_MISSES_FILE: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child.pid!);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 30 s:\n${output}`)), 30_000);
    const read = (data: Buffer) => {
      output += data;
      const ready = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
  return { child, port };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERMs `child` and waits for every pid in `pids` to be gone, at most `ms`. */
async function stopAll(child: ChildProcess, pids: number[], ms = 5000): Promise<number[]> {
  child.kill('SIGTERM');
  const end = Date.now() + ms;
  while (pids.some(alive) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  return pids.filter(alive);
}

describe('production start', () => {
  it('node dist/bots/http.js: SIGTERM leaves no process and no server', async () => {
    const { child, port } = await start(process.execPath, [SCRIPT]);
    expect(await answers(port)).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    expect(await stopAll(child, [child.pid!])).toEqual([]);
    expect(await exited).toBe(0);
    expect(await answers(port)).toBe(false);
  });

  it('npm run http: SIGTERM to npm stops the server too', async () => {
    const { child, port } = await start('npm', ['run', '--silent', 'http']);
    const spawned = [child.pid!, ...childrenOf(child.pid!)];
    for (const pid of [...spawned]) spawned.push(...childrenOf(pid));
    started.push(...spawned);
    expect(spawned.length).toBeGreaterThan(1);
    expect(await answers(port)).toBe(true);
    expect(await stopAll(child, spawned)).toEqual([]);
    expect(await answers(port)).toBe(false);
  });
});
