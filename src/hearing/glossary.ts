// Glossary: answering bodies with the names people type, domain terms, synonyms and chat words, read from data/glossary.json.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const AnsweringBodySchema = z.object({
  /** The name as printed in the transcript, e.g. 市经信局. */
  printed: z.string().min(1),
  /** The official full name, e.g. 武汉市经济和信息化局. */
  official: z.string().min(1),
  /** Other names people type: 经信局, 光谷, 大数据局… */
  aliases: z.array(z.string().min(1)),
});
export type AnsweringBody = z.infer<typeof AnsweringBodySchema>;

export const GlossarySchema = z.object({
  bodies: z.array(AnsweringBodySchema).min(1),
  /** Words the segmenter must keep whole (一标三实, 汉融通…). */
  terms: z.array(z.string().min(1)),
  /** What users type → words of the hearing (AI → 人工智能). */
  synonyms: z.record(z.string().min(1), z.array(z.string().min(1))),
  /** Chat phrasing removed from a question before search (怎么说, 吗…). */
  fillers: z.array(z.string().min(1)),
  /** Words that say nothing about which answer is meant (情况, 方面…). */
  generic: z.array(z.string().min(1)),
  /** How people wrap a question in a chat message; read by src/search/clauses.ts. Optional: none by default. */
  chat: z
    .object({
      /** Words that greet (早上好, 哈喽) and those they greet (各位领导, 群里): a clause of only these is dropped. */
      greetings: z.array(z.string().min(1)),
      addressees: z.array(z.string().min(1)),
      /** Thanks and apologies (谢谢, 麻烦, 打扰): a clause with one and no question cue is dropped. */
      courtesies: z.array(z.string().min(1)),
      /** Clause openers that introduce the writer (我是, 本人): such a clause is dropped unless it asks something. */
      introductions: z.array(z.string().min(1)),
      /** Phrases that announce a correction (问错了, 纠正一下): removed. */
      corrections: z.array(z.string().min(1)),
      /** Clause openers that take back what was asked (不是, 我不问): the clause is dropped when another follows. */
      retractions: z.array(z.string().min(1)),
      /** Common surnames: 张副主任 names someone the hearing does not have, so nobody else's answer is shown. */
      surnames: z.array(z.string().min(1)),
      /** Words that make a clause ask something (吗, 怎么, 想问). */
      questionCues: z.array(z.string().min(1)),
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
});
export type Glossary = z.infer<typeof GlossarySchema>;

/** Reads and validates a glossary file; errors name the file and the bad field. */
export function loadGlossary(path: string): Glossary {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`glossary ${path}: cannot read it as JSON (${(error as Error).message})`);
  }
  const parsed = GlossarySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`glossary ${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}
