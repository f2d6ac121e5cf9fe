// Answering-body names: resolves what people type (经开区, 经信局, 武汉市经济和信息化局) to a glossary body, with did-you-mean.
import type { AnsweringBody } from '../hearing/glossary.js';

/** The body a name stands for, or the closest printed names when it stands for none. */
export type BodyResolution = { body: AnsweringBody; suggestions?: undefined } | { body: null; suggestions: string[] };

/**
 * Resolves a typed name by its printed name, official name or any alias (width, case and spaces ignored).
 * When none matches exactly, `suggestions` holds up to {@link MAX_SUGGESTIONS} printed names that contain the input,
 * are contained in it, or are at most a third of its length in edits away — closest first.
 * @example resolveBody('经开区', glossary.bodies).body?.printed // '经开区管委会'
 * @example resolveBody('发改局', glossary.bodies).suggestions // ['市发改委']
 */
export function resolveBody(name: string, bodies: readonly AnsweringBody[]): BodyResolution {
  const wanted = fold(name);
  const namesOf = (b: AnsweringBody) => [b.printed, b.official, ...b.aliases].map(fold);
  const exact = bodies.find((b) => namesOf(b).includes(wanted));
  if (exact) return { body: exact };
  if (!wanted) return { body: null, suggestions: [] };
  const scored = bodies
    .map((b) => ({ printed: b.printed, distance: Math.min(...namesOf(b).map((n) => closeness(wanted, n))) }))
    .filter((s) => s.distance <= Math.floor([...wanted].length / 3))
    .sort((a, b) => a.distance - b.distance);
  return { body: null, suggestions: [...new Set(scored.map((s) => s.printed))].slice(0, MAX_SUGGESTIONS) };
}

export const MAX_SUGGESTIONS = 3;

/** 0 when one name contains the other (经信 ⊂ 经信局), else the edit distance. */
function closeness(a: string, b: string): number {
  if (b.includes(a) || a.includes(b)) return 0;
  return editDistance([...a], [...b]);
}

function editDistance(a: string[], b: string[]): number {
  // previous[j] = edits between a[0, i) and b[0, j); one row kept at a time.
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 0; i < a.length; i++) {
    const current = [i + 1];
    for (let j = 0; j < b.length; j++) {
      current.push(Math.min(previous[j + 1]! + 1, current[j]! + 1, previous[j]! + (a[i] === b[j] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function fold(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
