// How chat messages ask about people, order, kinds of members, the closing and other places: data/asking.json, checked.
import { z } from 'zod';
import { readJsonFile } from '../json-file.js';

const words = z.array(z.string().trim().min(1));

/** One regional word and the standard word(s) it stands for; `notAfter`/`notBefore` hold characters that make it part of another word. */
export const DialectWordSchema = z
  .object({
    say: z.string().trim().min(1),
    means: z.string(),
    notAfter: z.string().optional(),
    notBefore: z.string().optional(),
  })
  .strict();
export type DialectWord = z.infer<typeof DialectWordSchema>;

/** A kind of member (副主任, 委员, 代表, 副市长): the printed title ending that makes one, and the titles people use. */
export const MemberKindSchema = z
  .object({ kind: z.string().trim().min(1), printed: words.min(1), said: words.min(1) })
  .strict();
export type MemberKind = z.infer<typeof MemberKindSchema>;

/** The party a message asks (政府), as a word right before one that asks (有没有, 打算): not a topic there. */
export const AskedPartySchema = z.object({ words, before: words }).strict();
export type AskedParty = z.infer<typeof AskedPartySchema>;

export const AskingWordsSchema = z
  .object({
    $comment: z.string().optional(),
    dialect: z.array(DialectWordSchema),
    members: z.array(MemberKindSchema),
    /** Words that hold a member's title but name someone else (企业代表, 班主任, 政协委员): no kind of member. */
    notMembers: words,
    /** Kinds of answering body (开发区管委会): the printed name ending that makes one, and the words people use. */
    bodyKinds: z.array(MemberKindSchema),
    /** Titles people give a member by mistake: with a surname only one person has, they still mean that person. */
    wrongTitles: words,
    /** Words that ask for the overall response: one strong word, or two weak ones together. */
    closing: z.object({ strong: words, weak: words }).strict(),
    askedParty: AskedPartySchema,
    /** A word for answering bodies and one asking for several (答复单位有哪些): the list of bodies. */
    bodySets: z.object({ words, asks: words }).strict(),
    /** Before a count (前三个, 最后两位): the first or the last so many, asked as a set. */
    ranges: z.object({ first: words, last: words }).strict(),
    /** Words that make a message naming another place (data/cities.json) a comparison with home (武汉和苏州比). */
    comparisons: words,
    cues: z
      .object({
        asker: words,
        body: words,
        set: words,
        count: words,
        section: words,
        /** Section words that mean a whole theme; the others (那块) need a word for questions too (那块问了啥). */
        wholeSection: words,
        questions: words,
        surname: words,
        indefinite: words,
        first: words,
        last: words,
        fromEnd: words,
        middle: words,
        items: words,
        people: words,
        /** Follow-ups: words pointing at the last person or body, and what is asked about them. */
        pronouns: words,
        fullName: words,
        identity: words,
        bodyMore: words,
        /** What else the person in focus asked (她还问了别的吗): their items, not their answering body's. */
        askerMore: words,
        asked: words,
        goals: words,
        /** How, where or why with nothing else (具体怎么做, 在哪建): about the answer shown. */
        howMore: words,
        other: words,
      })
      .strict(),
  })
  .strict();
export type AskingWords = z.infer<typeof AskingWordsSchema>;

/** Reads and validates data/asking.json; errors name the file and the field. */
export function loadAskingWords(path: string): AskingWords {
  return readJsonFile(path, AskingWordsSchema, { room: 'asking' });
}
