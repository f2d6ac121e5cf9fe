// `cli pin`: staff pin, re-pin, list and remove questions in data/pins.json; bad input gets a clear message and exit code.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { type Command, type CommandIO, UsageError } from '../../src/commands/io.js';
import { createPinCommand } from '../../src/commands/pin.js';
import { pinsPath, readPins } from '../../src/hearing/pins.js';
import { DATA_DIR, INDEX_DIR, PROJECT_ROOT } from '../../src/paths.js';

const temp = mkdtempSync(join(tmpdir(), 'cli-pin-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let copies = 0;
/** A copy of data/ and index/, and the pin command working on it. */
const project = () => {
  const root = join(temp, `p${copies++}`);
  cpSync(DATA_DIR, join(root, 'data'), { recursive: true });
  cpSync(INDEX_DIR, join(root, 'index'), { recursive: true });
  const data = join(root, 'data');
  return { data, pins: pinsPath(data), pin: createPinCommand({ dataDir: data, indexDir: join(root, 'index') }) };
};

/** Standard streams to read back, and an engine the command must never ask for: the index is stale while pinning. */
function streams() {
  const out = { stdout: '', stderr: '' };
  const stdout = new PassThrough().on('data', (d) => (out.stdout += d));
  const stderr = new PassThrough().on('data', (d) => (out.stderr += d));
  const io: CommandIO = {
    stdin: new PassThrough(),
    stdout,
    stderr,
    engine: () => {
      throw new Error('pin loaded the engine');
    },
  };
  return { io, out };
}

/** Runs a pin command bound to a copy, with cli.ts's exit codes: 2 for a wrong command line, 1 for other errors. */
async function run(pin: Command, ...args: string[]) {
  const { io, out } = streams();
  let code: number;
  try {
    code = await pin(args, io);
  } catch (error) {
    code = error instanceof UsageError ? 2 : 1;
    out.stderr += (error as Error).message;
  }
  return { code, out: out.stdout, err: out.stderr };
}

const ELDERLY = '老年人不会用APP怎么办';
/** 201 characters: one more than a pin may hold. */
const LONG = `${'问'.repeat(200)}吗`;

describe('pin', () => {
  it('pins a question, stored as typed; says which answer that is and to run npm run index', async () => {
    const { pin, pins } = project();
    const { code, out } = await run(pin, ELDERLY, 'q13');
    expect(code).toBe(0);
    const [first, second] = out.split('\n');
    // The question of q13, cut short, so the person pinning sees it is the answer they meant.
    expect(first).toMatch(
      /^pinned 「老年人不会用APP怎么办」 → q13 市政务服务大数据局 · 市人大常委会副主任朱库成提问：「当前,数据壁垒、信息孤岛.*…」$/,
    );
    expect(second).toBe(`in ${pins}; run npm run index to apply it`);
    expect(readPins(pins)).toEqual([{ question: ELDERLY, answer: 'q13' }]);
  });

  it('takes 13, Q13 and closing; an unquoted question of several words is one question', async () => {
    const { pin, pins } = project();
    expect((await run(pin, '汉融通', '7')).code).toBe(0);
    expect((await run(pin, '总的来说', 'closing')).out).toContain('→ closing 市政府 · 市政府副市长汪元程总体回应');
    expect((await run(pin, '老年人', '不会用APP', '怎么办', 'Q13')).code).toBe(0);
    expect(readPins(pins)).toEqual([
      { question: '汉融通', answer: 'q7' },
      { question: '总的来说', answer: 'closing' },
      { question: '老年人 不会用APP 怎么办', answer: 'q13' },
    ]);
  });

  it('re-pinning the same question in another form replaces its pin; the same pin again changes nothing', async () => {
    const { pin, pins } = project();
    await run(pin, '汉融通', 'q7');
    await run(pin, ELDERLY, 'q13');
    const again = await run(pin, '老年人不會用ＡＰＰ怎麼辦？', 'q13');
    expect(again).toMatchObject({ code: 0, out: `「${ELDERLY}」 is already pinned to q13; nothing changed\n` });
    const moved = await run(pin, '老年人不會用ＡＰＰ怎麼辦？', 'q4');
    expect(moved.out).toMatch(/^pinned 「老年人不會用ＡＰＰ怎麼辦？」 → q4 市经信局 .* \(was q13\)\n/);
    expect(readPins(pins)).toEqual([
      { question: '汉融通', answer: 'q7' },
      { question: '老年人不會用ＡＰＰ怎麼辦？', answer: 'q4' },
    ]);
  });

  it.each([
    [['', 'q13'], 'pin: the question is empty: write the question as people type it'],
    [['  ', 'q13'], 'pin: the question is empty'],
    [['？！', 'q13'], 'pin: the question holds no word, only punctuation or symbols'],
    [[LONG, 'q1'], 'pin: the question is longer than 200 characters'],
    [[ELDERLY, 'q19'], 'pin: no question q19: hearing digital-economy-2023-09-13 has q1–q18 and closing'],
    [[ELDERLY, '第13题'], 'pin: "第13题": expected a question id such as "q5", or "closing"'],
    [
      [ELDERLY, 'q13', '--hearing', 'smart'],
      'pin: no hearing "smart"; data/hearings/ holds digital-economy-2023-09-13',
    ],
    [[ELDERLY], 'usage: pin "<question>" <q5 | closing>'],
    [[], 'usage: pin'],
    [['--list', ELDERLY], 'usage: pin'],
    [[ELDERLY, 'q13', '--force'], 'usage: pin'],
    [['--remove'], 'usage: pin'],
  ])('refuses %j with exit code 2 and writes nothing', async (args, message) => {
    const { pin, pins } = project();
    const before = readFileSync(pins, 'utf8');
    const { code, err, out } = await run(pin, ...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
    expect(readFileSync(pins, 'utf8')).toBe(before);
  });

  it('a malformed pins file is refused naming the file and the entry (exit 1), for pin, --list and --remove', async () => {
    const { pin, pins } = project();
    writeFileSync(pins, '[{"question": "汉融通", "answer": "q7"}, {"question": "老年人怎么办", "answer": 13}]');
    for (const args of [[ELDERLY, 'q13'], ['--list'], ['--remove', '汉融通']]) {
      const { code, err } = await run(pin, ...args);
      expect(code, args.join(' ')).toBe(1);
      expect(err).toBe(`pins ${pins}: entry 2 (「老年人怎么办」): answer: Expected string, received number`);
    }
  });
});

describe('pin --list', () => {
  it('lists each pin with its answer and body, and says when the index does not hold them yet', async () => {
    const { pin } = project();
    expect((await run(pin, '--list')).out).toMatch(/^no pinned questions in .*pins\.json\n$/);
    await run(pin, ELDERLY, 'q13');
    await run(pin, '总的来说', 'closing');
    const { code, out } = await run(pin, '--list');
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^2 pinned question\(s\) in .*pins\.json:$/),
      `q13\t市政务服务大数据局\t${ELDERLY}`,
      'closing\t市政府\t总的来说',
      'index/ does not hold them yet (data/pins.json changed since npm run index built it): run npm run index',
      '',
    ]);
  });

  it('--json for tools', async () => {
    const { pin, pins } = project();
    await run(pin, ELDERLY, 'q13');
    expect(JSON.parse((await run(pin, '--list', '--json')).out)).toEqual({
      file: pins,
      indexed: false,
      pins: [
        { question: ELDERLY, answer: 'q13', hearing: 'digital-economy-2023-09-13', department: '市政务服务大数据局' },
      ],
    });
  });

  it('a pin whose answer the transcript no longer has is listed with the problem, not hidden', async () => {
    const { pin, pins } = project();
    writeFileSync(pins, JSON.stringify([{ question: ELDERLY, answer: 'q30' }]));
    const { code, out } = await run(pin, '--list');
    expect(code).toBe(0);
    expect(out).toContain(
      `q30\t${ELDERLY}\t(no question q30: hearing digital-economy-2023-09-13 has q1–q18 and closing)`,
    );
  });
});

describe('pin --remove', () => {
  it('removes the pin of the question in any form, and only that one', async () => {
    const { pin, pins } = project();
    await run(pin, '汉融通', 'q7');
    await run(pin, ELDERLY, 'q13');
    const { code, out } = await run(pin, '--remove', '老年人不會用ＡＰＰ怎麼辦');
    expect(code).toBe(0);
    expect(out).toBe(`unpinned 「${ELDERLY}」 (was q13) in ${pins}\nrun npm run index to apply it\n`);
    expect(readPins(pins)).toEqual([{ question: '汉融通', answer: 'q7' }]);
  });

  it('a question that is not pinned: exit code 2, says how to see the pins', async () => {
    const { pin } = project();
    const { code, err } = await run(pin, '--remove', ELDERLY);
    expect(code).toBe(2);
    expect(err).toMatch(/^pin: no pin for 「老年人不会用APP怎么办」 in .*pins\.json \(pin --list shows the pins\)$/);
  });
});

describe('terminal escapes typed into a question are shown, never sent to the terminal', () => {
  // Clear the screen, set the window title, colour red, a C1 CSI and a right-to-left override.
  const TYPED = '\u001b[2J\u001b]0;pwned\u0007\u001b[31m汉融通\u009b1m\u202e';
  const SHOWN = '\\u001b[2J\\u001b]0;pwned\\u0007\\u001b[31m汉融通\\u009b1m\\u202e';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must never reach the terminal
  const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

  it('in pin, pin --list, pin --list --json, pin --remove and their errors; the file keeps the question as typed', async () => {
    const { pin, pins } = project();
    const outputs = [
      await run(pin, TYPED, 'q7'),
      await run(pin, TYPED, 'q7'),
      await run(pin, '--list'),
      await run(pin, '--list', '--json'),
      await run(pin, ELDERLY, '\u001b[31mq7'),
      await run(pin, ELDERLY, 'q7', '--hearing', '\u009b2J'),
      await run(pin, '--remove', `${TYPED}吗`),
    ];
    for (const { out, err } of outputs) expect(out + err).not.toMatch(raw);
    expect(outputs[0]!.out).toContain(`pinned 「${SHOWN}」 → q7`);
    expect(outputs[1]!.out).toContain(`「${SHOWN}」 is already pinned`);
    expect(outputs[2]!.out).toContain(`q7\t市地方金融局\t${SHOWN}`);
    expect(JSON.parse(outputs[3]!.out).pins[0].question).toBe(TYPED);
    expect(outputs[4]!.err).toContain('pin: "\\u001b[31mq7": expected a question id');
    expect(outputs[5]!.err).toContain('pin: no hearing "\\u009b2J"');
    expect(outputs[6]!.err).toContain(`no pin for 「${SHOWN}吗」`);
    expect(readPins(pins)).toEqual([{ question: TYPED, answer: 'q7' }]);
    const removed = await run(pin, '--remove', TYPED);
    expect(removed.out).toContain(`unpinned 「${SHOWN}」`);
    expect(removed.out).not.toMatch(raw);
  });
});

describe('staff pinning at the same time', () => {
  it('ten `cli pin` processes at once keep all ten pins, and each says pinned', async () => {
    const { data, pins } = project();
    const index = join(dirname(data), 'index');
    // Each child is a separate process running the command as `cli pin` would, on the same copy of data/.
    const script = (question: string, id: string) =>
      `import { createPinCommand } from ${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'src/commands/pin.ts')).href)};
       const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, engine: () => { throw new Error('no engine'); } };
       process.exitCode = await createPinCommand(${JSON.stringify({ dataDir: data, indexDir: index })})(${JSON.stringify([question, id])}, io);`;
    const children = Array.from({ length: 10 }, (_, i) =>
      runNode(['--import', 'tsx', '--input-type=module', '-e', script(`同时钉住的问题${i}`, `q${i + 1}`)]),
    );
    const results = await Promise.all(children);
    for (const { code, out, err } of results) {
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toMatch(/^pinned 「同时钉住的问题\d」/);
    }
    expect(readPins(pins)).toHaveLength(10);
    expect(new Set(readPins(pins).map((p) => p.answer))).toEqual(
      new Set(Array.from({ length: 10 }, (_, i) => `q${i + 1}`)),
    );
    // Nothing is left beside the file: no lock, no temporary file.
    expect(readdirSync(data).filter((name) => name.startsWith('pins.json'))).toEqual(['pins.json']);
  }, 120_000);
});

/** One `node` child process: its exit code and output. */
function runNode(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('several hearings', () => {
  const several = () => {
    const copy = project();
    const name = 'smart-transport-2024-11-20';
    for (const ext of ['txt', 'json'])
      cpSync(
        join(PROJECT_ROOT, 'tests', 'fixtures', 'hearings', `${name}.${ext}`),
        join(copy.data, 'hearings', `${name}.${ext}`),
      );
    return copy;
  };

  it('an id both hearings have needs --hearing (its id or its key); the pin then names its hearing', async () => {
    const { pin, pins } = several();
    const ambiguous = await run(pin, '停车怎么办', 'q2');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('q2 is in 2 hearings (digital-economy-2023-09-13, smart-transport-2024-11-20)');
    expect((await run(pin, '停车怎么办', 'q2', '--hearing', '交通')).err).toBe(
      'pin: no hearing "交通"; data/hearings/ holds digital-economy-2023-09-13, smart-transport-2024-11-20',
    );
    const byKey = await run(pin, '停车怎么办', 'q2', '--hearing', '智慧交通');
    expect(byKey.out).toMatch(/^pinned 「停车怎么办」 → smart-transport-2024-11-20#q2 市交通运输局 · /);
    await run(pin, '汉融通', 'q18');
    expect(readPins(pins)).toEqual([
      { question: '停车怎么办', answer: 'q2', hearing: 'smart-transport-2024-11-20' },
      { question: '汉融通', answer: 'q18', hearing: 'digital-economy-2023-09-13' },
    ]);
    const list = (await run(pin, '--list')).out;
    expect(list).toContain('smart-transport-2024-11-20#q2\t市交通运输局\t停车怎么办');
  });
});

describe('cli pin', () => {
  it('is a command of the CLI, listed in its usage, and works on the project (which ships with no pins)', async () => {
    const { io, out } = streams();
    expect(await runCli(['pin', '--list'], io)).toBe(0);
    expect(out.stdout).toBe(`no pinned questions in ${pinsPath(DATA_DIR)}\n`);
    const help = streams();
    await runCli(['help'], help.io);
    expect(help.out.stderr).toContain('pin "<question>" <q5|closing>');
  });

  it('a wrong command line exits with 2 and the usage; the project keeps its pins file as it was', async () => {
    const before = readFileSync(pinsPath(DATA_DIR), 'utf8');
    for (const args of [['pin'], ['pin', ELDERLY, 'q99']]) {
      const { io, out } = streams();
      expect(await runCli(args, io)).toBe(2);
      expect(out.stderr).toMatch(/^cli: (usage: pin|pin: no question q99)/);
    }
    expect(readFileSync(pinsPath(DATA_DIR), 'utf8')).toBe(before);
  });
});
