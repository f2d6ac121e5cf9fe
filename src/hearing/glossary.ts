// Glossary: answering bodies with the names people type, domain terms, synonyms and chat words, read from data/glossary.json.

import { z } from 'zod';
import { readJsonFile } from '../json-file.js';

/**
 * What makes a glossary word unusable, or null: an invisible or control character copied in from a web page or a
 * chat (a zero-width space makes 「经信局」 a different word that nobody can type), odd or doubled spaces, nothing at
 * all. `spaces` allows single inner spaces (English phrases); jieba's words may hold none.
 */
export function glossaryTextProblem(text: string, spaces: 'inner' | 'none'): string | null {
  if (text.trim() === '') return 'is empty: delete it or fill it in';
  const odd = ODD_CHARACTER.exec(text);
  if (odd) {
    const char = odd[0];
    const what = CHARACTER_NAMES[char] ?? (/\p{Cc}/u.test(char) ? 'a control character' : 'an invisible character');
    return `${shown(text)} holds ${what} (${codePoint(char)}): delete it`;
  }
  if (text !== text.trim()) return `${shown(text)} starts or ends with a space: delete it`;
  if (spaces === 'none' && text.includes(' ')) return `${shown(text)} holds a space; a name or term is one word`;
  if (text.includes('  ')) return `${shown(text)} holds two spaces in a row`;
  return null;
}

const word = (spaces: 'inner' | 'none') =>
  z.string().superRefine((text, ctx) => {
    const problem = glossaryTextProblem(text, spaces);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

/**
 * A map of words people type → words of the hearing (synonyms, everyday), checked in one pass with zod's own messages
 * (「Expected array, received string」): zod checking each of a few thousand words and lists took a tenth of a second
 * at every start. `tooFew` is the message for a list shorter than `min`.
 */
const wordMap = (min = 0, tooFew = '') =>
  z
    .unknown()
    .superRefine((map, ctx) => {
      const type = (path: (string | number)[], expected: 'object' | 'array' | 'string', value: unknown) =>
        ctx.addIssue({ code: z.ZodIssueCode.invalid_type, path, expected, received: z.getParsedType(value) });
      if (typeof map !== 'object' || map === null || Array.isArray(map)) return type([], 'object', map);
      for (const [key, words] of Object.entries(map)) {
        const problem = glossaryTextProblem(key, 'inner');
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: problem });
        if (!Array.isArray(words)) {
          type([key], 'array', words);
          continue;
        }
        if (words.length < min) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: tooFew });
        words.forEach((target: unknown, i) => {
          if (typeof target !== 'string') return type([key, i], 'string', target);
          const problem = glossaryTextProblem(target, 'inner');
          if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key, i], message: problem });
        });
      }
    })
    .transform((map) => map as Record<string, string[]>);

/** A list of glossary words, checked in one pass like {@link wordMap}. */
const wordList = (spaces: 'inner' | 'none') =>
  z
    .unknown()
    .superRefine((list, ctx) => {
      if (!Array.isArray(list))
        return ctx.addIssue({
          code: z.ZodIssueCode.invalid_type,
          expected: 'array',
          received: z.getParsedType(list),
        });
      list.forEach((text: unknown, i) => {
        if (typeof text !== 'string')
          return ctx.addIssue({
            code: z.ZodIssueCode.invalid_type,
            path: [i],
            expected: 'string',
            received: z.getParsedType(text),
          });
        const problem = glossaryTextProblem(text, spaces);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: problem });
      });
    })
    .transform((list) => list as string[]);

export const AnsweringBodySchema = z.object({
  /** The name as printed in the transcript, e.g. 市经信局. */
  printed: word('inner'),
  /** The official full name, e.g. 武汉市经济和信息化局. */
  official: word('inner'),
  /** Other names people type: 经信局, 光谷, 大数据局… */
  aliases: wordList('inner'),
  /** The city the body belongs to (成都市), for bodies of hearings from other cities; absent: 武汉市. */
  city: word('none').optional(),
});
export type AnsweringBody = z.infer<typeof AnsweringBodySchema>;

export const GlossarySchema = z
  .object({
    bodies: z.array(AnsweringBodySchema).min(1),
    /** Words the segmenter must keep whole (一标三实, 汉融通…). */
    terms: wordList('none'),
    /** What users type → words of the hearing (AI → 人工智能). */
    synonyms: wordMap(),
    /**
     * The everyday wording of the hearing's topics (跑腿 → 跨部门, 卖橙子 → 农产品), the same shape as `synonyms` and
     * read as synonyms; a section of its own so its provenance stays clear (its `$comment`). Optional: none by default.
     */
    everyday: z.preprocess(
      withoutComment,
      wordMap(1, 'maps to no word of the hearing: add the words it stands for, or delete it'),
    ),
    /** Chat phrasing removed from a question before search (怎么说, 吗…). */
    fillers: wordList('inner'),
    /** Words that say nothing about which answer is meant (情况, 方面…). */
    generic: wordList('inner'),
    /** Words that make a new thing of a word after them (数字人民币, 智慧停车): the pair is read as one word. */
    modifiers: wordList('inner').default([]),
    /** How people wrap a question in a chat message; read by src/search/clauses.ts. Optional: none by default. */
    chat: z
      .object({
        /** Words that greet (早上好, 哈喽) and those they greet (各位领导, 群里): a clause of only these is dropped. */
        greetings: wordList('inner'),
        addressees: wordList('inner'),
        /** Thanks and apologies (谢谢, 麻烦, 打扰): a clause with one and no question cue is dropped. */
        courtesies: wordList('inner'),
        /** Clause openers that introduce the writer (我是, 本人): such a clause is dropped unless it asks something. */
        introductions: wordList('inner'),
        /** Phrases that announce a correction (问错了, 纠正一下): removed. */
        corrections: wordList('inner'),
        /** Clause openers that take back what was asked (不是, 我不问): the clause is dropped when another follows. */
        retractions: wordList('inner'),
        /** Common surnames: 张副主任 names someone the hearing does not have, so nobody else's answer is shown. */
        surnames: wordList('inner'),
        /** Words that make a clause ask something (吗, 怎么, 想问). */
        questionCues: wordList('inner'),
      })
      .default({
        greetings: [],
        addressees: [],
        courtesies: [],
        introductions: [],
        corrections: [],
        retractions: [],
        surnames: [],
        questionCues: [],
      }),
  })
  .superRefine((glossary, ctx) => {
    // A name leading to two bodies would send questions to whichever comes last.
    const owner = new Map<string, number>();
    glossary.bodies.forEach((body, i) => {
      const names = [body.printed, body.official, ...body.aliases];
      names.forEach((name, j) => {
        const other = owner.get(name);
        if (other !== undefined && other !== i) {
          const field = j === 0 ? 'printed' : j === 1 ? 'official' : `aliases.${j - 2}`;
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['bodies', i, ...field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))],
            message: `「${name}」 also names ${glossary.bodies[other]!.printed} (bodies.${other}): a name leads to one body`,
          });
        }
        owner.set(name, i);
      });
    });
  })
  // One mechanism: everyday words join the synonyms here, so the index build, the engine and the pages read one table.
  .transform((glossary) => ({ ...glossary, synonyms: mergedWordMaps(glossary.synonyms, glossary.everyday) }));
export type Glossary = z.infer<typeof GlossarySchema>;

/** A word map's entries, a `$comment` (what the section is, where it came from) left out. */
function withoutComment(value: unknown): unknown {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('$comment' in value)) return value;
  const { $comment: _, ...words } = value as Record<string, unknown>;
  return words;
}

/** Both maps in one: a word in both stands for the words of each. */
function mergedWordMaps(
  first: Readonly<Record<string, string[]>>,
  second: Readonly<Record<string, string[]>>,
): Record<string, string[]> {
  const merged: Record<string, string[]> = { ...first };
  for (const [key, targets] of Object.entries(second)) {
    const own = merged[key];
    merged[key] = own ? [...new Set([...own, ...targets])] : targets;
  }
  return merged;
}

/** Reads and validates a glossary file; errors name the file, the entry and the bad field. */
export function loadGlossary(path: string): Glossary {
  return readJsonFile(path, GlossarySchema, {
    room: 'glossary',
    where: (raw, issue) => describePath(raw, issue.path),
  });
}

/**
 * Harmless repetitions a person may want to tidy: a word listed twice, a body name given twice.
 * @example glossaryWarnings(loadGlossary('data/glossary.json')) // ['glossary: generic lists 「谁」 twice']
 */
export function glossaryWarnings(glossary: Glossary): string[] {
  const twice = (list: readonly string[]) => [...new Set(list.filter((w, i) => list.indexOf(w) !== i))];
  return [
    ...(['terms', 'fillers', 'generic'] as const).flatMap((field) =>
      twice(glossary[field]).map((w) => `glossary: ${field} lists 「${w}」 twice`),
    ),
    ...glossary.bodies.flatMap((b) =>
      twice([b.printed, b.official, ...b.aliases]).map((w) => `glossary: ${b.printed} lists the name 「${w}」 twice`),
    ),
    ...Object.entries(glossary.synonyms).flatMap(([key, targets]) =>
      twice(targets).map((w) => `glossary: synonyms.${key} lists 「${w}」 twice`),
    ),
    ...unreadWords(glossary),
  ];
}

/**
 * Synonyms (everyday words among them) the engine never reads as such: a body's name is read as the body, a filler
 * or generic word is dropped before synonyms are looked up, and a filler phrase inside a word (什么 in 什么水平) is
 * cut out of a message before it is read.
 */
function unreadWords(glossary: Glossary): string[] {
  const bodyNames = new Set(glossary.bodies.flatMap((b) => [b.printed, b.official, ...b.aliases]));
  const dropped = new Set([...glossary.fillers, ...glossary.generic]);
  const phrases = glossary.fillers.filter((f) => [...f].length > 1);
  return Object.keys(glossary.synonyms).flatMap((key) => {
    if (bodyNames.has(key))
      return [`glossary: 「${key}」 is a body's name, so its synonyms are never read: delete one of them`];
    if (dropped.has(key))
      return [`glossary: 「${key}」 is a filler or generic word, so its synonyms are never read: delete one of them`];
    const cut = phrases.find((f) => key.includes(f));
    return cut
      ? [`glossary: 「${key}」 holds the filler 「${cut}」, which is cut out of messages: it never matches`]
      : [];
  });
}

/** `bodies.3 (市经信局).aliases.2`: the path with the body's printed name, so the entry is found without counting. */
function describePath(raw: unknown, path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '(top level)';
  path = path.map((p) =>
    typeof p === 'string' ? p.replace(new RegExp(ODD_CHARACTER.source, 'gu'), (c) => `<${codePoint(c)}>`) : p,
  );
  const bodies = (raw as { bodies?: unknown })?.bodies;
  const [head, index, ...rest] = path;
  const printed = Array.isArray(bodies) && typeof index === 'number' ? bodies[index]?.printed : undefined;
  if (head === 'bodies' && typeof printed === 'string' && printed.trim())
    return [`bodies.${index} (${shown(printed)})`, ...rest].join('.');
  return path.join('.');
}

/** The text in 「」 with invisible and control characters written out, so the error shows where they are. */
function shown(text: string): string {
  return `「${text.replace(new RegExp(ODD_CHARACTER.source, 'gu'), (c) => `<${codePoint(c)}>`)}」`;
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Control and format characters, separators other than the plain space, and the Hangul fillers that render empty. */
const ODD_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0]/u;
const CHARACTER_NAMES: Record<string, string> = {
  '\t': 'a tab',
  '\n': 'a line break',
  '\r': 'a carriage return',
  '\u00a0': 'a no-break space',
  '\u00ad': 'a soft hyphen',
  '\u200b': 'a zero-width space',
  '\u200c': 'a zero-width non-joiner',
  '\u200d': 'a zero-width joiner',
  '\u2060': 'a word joiner',
  '\u3000': 'an ideographic (full-width) space',
  '\ufeff': 'a byte-order mark (zero-width no-break space)',
};
