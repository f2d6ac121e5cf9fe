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
