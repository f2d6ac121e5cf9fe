// Reading a chat message the way a person does: its sentences, without greetings, thanks, self-introductions and retractions.
import type { Glossary } from '../hearing/glossary.js';
import { alternation } from './analyse.js';

/** The glossary's chat words (see data/glossary.json `chat`), normalised. */
export type ChatWords = Glossary['chat'];

/**
 * Reads a normalised message into the sentences that may ask something; see {@link createClauseReader}. With
 * `introductions`, self-introductions are kept too: the context of a question that names no topic of its own.
 */
export type ClauseReader = (text: string, options?: { introductions?: boolean }) => string[];

/**
 * Builds a reader that splits a normalised message into sentences and clauses and keeps what may carry the question:
 * - greetings (「各位领导好」), thanks and apologies (「先谢过各位了」, 「不好意思插个话」) and self-introductions
 *   (「我是江岸区一家小公司的」) are dropped, unless the clause also asks something (「麻烦问下…」);
 * - corrections keep what was meant: in 「不是问A，是问B」 or 「刚才问错了，我想问B」 only B is kept;
 * - each remaining sentence comes back with its clauses joined by commas; none when only courtesy is left.
 * @example createClauseReader(words)('各位领导好,我是江岸区的。汉融通是啥?谢谢') // ['汉融通是啥?']
 */
export function createClauseReader(words: ChatWords): ClauseReader {
  const greetings = alternation([...words.greetings, ...words.addressees]);
  const corrections = alternation(words.corrections);
  const courtesy = alternation(words.courtesies, '');
  const introduction = new RegExp(`^(?:${alternation(words.introductions).source})`);
  const retraction = new RegExp(`^(?:${alternation(words.retractions).source})`);
  const asks = questionCue(words);
  const isGreeting = (clause: string) => !LETTER.test(clause.replace(greetings, ''));
  // Voice input runs everything together (各位领导好我是江岸区的想问一下…谢谢): a self-introduction, a question
  // opener (想问, 请问) or thanks inside a clause starts a new one.
  const openers = [
    ...words.introductions,
    ...words.courtesies,
    ...words.questionCues.filter((c) => [...c].length > 1 && /^[想请]/.test(c)),
  ];
  const opener = new RegExp(`(?<=\\p{Script=Han})(?=${alternation(openers).source})`, 'gu');
  return (text, options = {}) => {
    const dropped = (clause: string) =>
      isGreeting(clause) || courtesy.test(clause) || (!options.introductions && introduction.test(clause));
    const clauses: Clause[] = [];
    splitSentences(text).forEach((sentence, index) => {
      for (const raw of sentence.replace(opener, ',').split(CLAUSE_BREAK)) {
        let clause = raw.replace(corrections, ' ').trim();
        if (!LETTER.test(clause)) continue;
        const asking = asks(clause);
        if (!asking && dropped(clause)) continue;
        const taken = retraction.exec(clause)?.[0];
        if (taken) {
          // 「不是问A而是问B」 in one clause: B is the question.
          const instead = INSTEAD.exec(clause.slice(taken.length));
          if (instead) clause = instead[1]!;
        }
        clauses.push({ text: clause, sentence: index, retracted: taken !== undefined && clause.startsWith(taken) });
      }
    });
    // A retracted clause is dropped only when something follows that says what is asked instead.
    const kept = clauses.filter((c, i) => !c.retracted || !clauses.slice(i + 1).some((later) => !later.retracted));
    const sentences = new Map<number, string[]>();
    for (const c of kept) sentences.set(c.sentence, [...(sentences.get(c.sentence) ?? []), c.text]);
    return [...sentences.values()].map((parts) => parts.join(','));
  };
}

/**
 * Whether a clause asks something: a question word (吗, 怎么, 想问), a verb asked as yes-or-no (管不管) or a trailing 没.
 * @example questionCue(words)('我爸妈在农村种地') // false
 */
export function questionCue(words: Pick<ChatWords, 'questionCues'>): (clause: string) => boolean {
  const cue = new RegExp(
    `${alternation(words.questionCues).source}|${REPEATED_QUESTION.source}|${TRAILING_QUESTION.source}`,
    'u',
  );
  return (clause) => cue.test(clause);
}

interface Clause {
  text: string;
  sentence: number;
  retracted: boolean;
}

/**
 * Sentences end at 。!?; or a line break, and at white space between Chinese words (voice input and phones
 * separate sentences with a space); white space inside English (big data) does not end a sentence.
 */
function splitSentences(text: string): string[] {
  return text
    .split(/[。!?;\n]+|(?<![a-z0-9])\s+|\s+(?![a-z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Clauses within a sentence; 、 lists items of one question, so it does not break. */
const CLAUSE_BREAK = /[,~:…]+/;
const LETTER = /[\p{L}\p{N}]/u;
/** 管不管用, 发不发, 有没有: a verb asked as yes-or-no. */
const REPEATED_QUESTION = /(\p{Script=Han})[不没]\1/u;
/** 有这个打算没, 会上提了没: a question asked by ending on 没. */
const TRAILING_QUESTION = /没有?$/;
/** What follows a retraction inside one clause: 不是问A「而是问」B. */
const INSTEAD = /^.+?(?:而是想问|而是问|而是|是想问|是问|我想问|想问|改问|我问的是|要问的是)(.+)$/;
