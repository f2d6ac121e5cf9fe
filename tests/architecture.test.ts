// The rooms of src/ and bots/ and which may import which (README, Architecture): every import of every .ts file checked.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';

/**
 * Each room and the rooms it may import (besides itself and the shared files below). Adding a room is one line here
 * and one in the README's table. `bots/*` stands for every platform: `bots/<name>/` and `bots/<name>.ts`.
 */
const RULES: Record<string, readonly string[]> = {
  'src/hearing': [],
  'src/search': ['src/hearing'],
  'src/commitments': ['src/hearing', 'src/search'],
  'src/index-build': ['src/search', 'src/hearing', 'src/commitments'],
  'src/import': ['src/hearing'],
  // The logs read replies (the chat's reply model and the ports it calls) and escape the stats page as the reference does;
  // the stats page shows the commitments' timeline.
  'src/logs': ['src/chat', 'src/search', 'src/hearing', 'src/reference', 'src/commitments'],
  'src/chat': ['src/search', 'src/hearing', 'src/commitments'],
  'src/reference': ['src/search', 'src/hearing', 'src/commitments'],
  'src/commands': [
    'src/chat',
    'src/search',
    'src/hearing',
    'src/commitments',
    'src/index-build',
    'src/import',
    'src/logs',
    'src/reference',
  ],
  'bots/door': ['src/chat', 'src/search', 'src/logs'],
  'bots/*': ['bots/door', 'src/chat', 'src/search', 'src/logs'],
};

/** Imports a platform needs beyond the rule for every platform, each with its reason. */
const EXCEPTIONS: Record<string, readonly string[]> = {
  // The JSON API answers with the very shapes of `cli search --json` and `cli list --json` (one contract, one writer).
  'bots/http': ['src/commands'],
  // The reminders send the commitments' due list, read from index/ and the ledger, with no conversation in between.
  'bots/remind': ['src/commitments', 'src/hearing'],
};

/**
 * Files at the top of src/ that every room may use: errors, paths, reading JSON files, writing a file several processes
 * change (under a lock). `src/cli.ts` belongs to the commands.
 */
const SHARED = new Set(['src/errors.ts', 'src/paths.ts', 'src/json-file.ts', 'src/locked-file.ts']);

/** The room of a file (paths relative to the project, with forward slashes), or the shared file itself. */
function roomOf(file: string): string {
  if (SHARED.has(file)) return file;
  if (file === 'src/cli.ts') return 'src/commands';
  const [top, second = ''] = file.split('/');
  if (top === 'src') return `src/${second}`;
  return `bots/${second.replace(/\.ts$/, '')}`;
}

/** The rule that applies to a room: its own line, or the one for every platform. */
const ruleOf = (room: string): readonly string[] | undefined =>
  RULES[room] ?? (room.startsWith('bots/') ? [...(RULES['bots/*'] ?? []), ...(EXCEPTIONS[room] ?? [])] : undefined);

/** Every relative import of every .ts file under the folders: `[from file, to file]`, paths relative to `root`. */
function importsOf(root: string, folders: readonly string[]): Array<[string, string]> {
  const files = folders.flatMap((folder) =>
    (readdirSync(join(root, folder), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `${folder}/${f.replaceAll('\\', '/')}`),
  );
  return files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    // import … from '…', export … from '…', import '…', import('…'): the specifier of each.
    return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(([, specifier]) => {
      const target = relative(root, resolve(root, dirname(file), specifier!)).replaceAll('\\', '/');
      return [file, target.replace(/\.js$/, '.ts')] as [string, string];
    });
  });
}

/** The imports that break the rules, as `from → to (room → room)`. */
function brokenRules(imports: ReadonlyArray<readonly [string, string]>): string[] {
  return imports.flatMap(([from, to]) => {
    const [a, b] = [roomOf(from), roomOf(to)];
    if (a === b || SHARED.has(b)) return [];
    if (SHARED.has(a)) return [`${from} → ${to} (a shared file imports ${b})`];
    const allowed = ruleOf(a);
    if (allowed === undefined) return [`${from} → ${to} (${a} is no room of the table: add its line)`];
    if (b.startsWith('bots/') && a.startsWith('src/')) return [`${from} → ${to} (src/ never imports bots/)`];
    return allowed.includes(b) ? [] : [`${from} → ${to} (${a} may not import ${b})`];
  });
}

/** Every cycle between rooms, each as `a → b → … → a`, found by a depth-first search of the room graph. */
function roomCycles(imports: ReadonlyArray<readonly [string, string]>): string[] {
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of imports) {
    const [a, b] = [roomOf(from), roomOf(to)];
    if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }
  const cycles = new Set<string>();
  const visit = (room: string, path: string[]) => {
    const at = path.indexOf(room);
    if (at >= 0) {
      const cycle = path.slice(at);
      // One name per cycle whatever room it was entered from: start at its smallest room.
      const start = cycle.indexOf([...cycle].sort()[0]!);
      const turned = [...cycle.slice(start), ...cycle.slice(0, start)];
      cycles.add([...turned, turned[0]].join(' → '));
      return;
    }
    for (const next of graph.get(room) ?? []) visit(next, [...path, room]);
  };
  for (const room of graph.keys()) visit(room, []);
  return [...cycles].sort();
}

const imports = importsOf(PROJECT_ROOT, ['src', 'bots']);

describe('the rooms of src/ and bots/', () => {
  it('reads the imports of every file (the check has something to check)', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(imports).toContainEqual(['src/search/engine.ts', 'src/hearing/model.ts']);
  });

  it('no import breaks the rules table', () => {
    expect(brokenRules(imports)).toEqual([]);
  });

  it('no cycle between rooms', () => {
    expect(roomCycles(imports)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('catch an upward import, src/ importing bots/, one platform importing another, and an unknown room', () => {
    expect(
      brokenRules([
        ['src/hearing/model.ts', 'src/search/engine.ts'],
        ['src/chat/reply.ts', 'bots/door/run.ts'],
        ['bots/telegram.ts', 'bots/wechat/config.ts'],
        ['src/stats/page.ts', 'src/hearing/model.ts'],
        ['bots/telegram.ts', 'src/chat/reply.ts'],
        ['src/search/engine.ts', 'src/errors.ts'],
      ]),
    ).toEqual([
      'src/hearing/model.ts → src/search/engine.ts (src/hearing may not import src/search)',
      'src/chat/reply.ts → bots/door/run.ts (src/ never imports bots/)',
      'bots/telegram.ts → bots/wechat/config.ts (bots/telegram may not import bots/wechat)',
      'src/stats/page.ts → src/hearing/model.ts (src/stats is no room of the table: add its line)',
    ]);
  });

  it('find a cycle between two rooms, once', () => {
    expect(
      roomCycles([
        ['src/search/build.ts', 'src/commitments/load.ts'],
        ['src/commitments/load.ts', 'src/search/artefacts.ts'],
        ['src/chat/reply.ts', 'src/search/engine.ts'],
      ]),
    ).toEqual(['src/commitments → src/search → src/commitments']);
  });
});
