// Commitment extraction: finds, in every answer and the closing response, the verbatim clauses that promise something concrete.
import { createHash } from 'node:crypto';
import { bodyOf, type Entry, type Hearing, paragraphsOf, personOf } from '../hearing/model.js';
import { type Clause, clausesOf } from './clauses.js';
import { type FoundCue, findCues } from './cues.js';
import { readDue } from './due.js';
import type { Commitment, Cue } from './model.js';

/**
 * Why a clause is or is not (part of) a commitment; every verdict but `commitment` and `continuation` leaves it out.
 * - `no-cue`: no number, time frame or committing verb (做大做强, 狠抓思想认识…)
 * - `slogan`: a heading of at most {@link SLOGAN_MAX_LENGTH} characters with no number (打造名品, 打造新机构)
 * - `already-done`: in a sentence that reports what has been done (目前已经制定…,…,打造…等), which is not a promise
 * - `aspiration`: only a verb whose object is a figure of speech (打造发展高地, 打造…高速公路)
 * - `vague`: only a verb, and its object is an amount without a number (打造一批特色园区, 突破更多核心技术)
 * - `continuation`: a number list that goes on from the clause before (…,100名企业一把手,500家…)
 */
export type Verdict = 'commitment' | 'continuation' | 'no-cue' | 'slogan' | 'already-done' | 'aspiration' | 'vague';

/** One clause with the cues found in it and the verdict; offsets are within the paragraph. */
export interface ClauseVerdict extends Clause {
  cues: FoundCue[];
  verdict: Verdict;
}

/** A verbatim span of one paragraph that is a commitment, with its cues in reading order. */
export interface Passage {
  text: string;
  start: number;
  cues: Cue[];
}

/**
 * Every commitment of every hearing, in transcript order (hearing, entry, paragraph, position). Deterministic.
 * @example extractCommitments(hearings).filter((c) => c.body === '市地方金融局')[0].text // '每年至少要引进2家数字金融头部企业'
 */
export function extractCommitments(hearings: readonly Hearing[]): Commitment[] {
  return hearings.flatMap((h) =>
    [...h.items, ...(h.closing ? [h.closing] : [])].flatMap((entry) => commitmentsOf(entry, h.date)),
  );
}

/** The commitments of one Q&A item or closing response; `hearingDate` (ISO, null when unknown) anchors the due dates. */
export function commitmentsOf(entry: Entry, hearingDate: string | null): Commitment[] {
  const asker = personOf(entry);
  const keys = new Set<string>();
  return paragraphsOf(entry).flatMap((paragraph, index) =>
    commitmentPassages(paragraph).map(({ text, start, cues }) => {
      const timeFrames = cues.filter((c) => c.kind === 'time').map((c) => c.text);
      const key = uniqueKey(commitmentKey(entry.hearing, entry.id, text), keys);
      return {
        key,
        hearing: entry.hearing,
        id: entry.id,
        body: bodyOf(entry),
        asker: { name: asker.name, title: asker.title },
        paragraph: index,
        start,
        text,
        cues,
        quantities: cues.filter((c) => c.kind === 'quantity').map((c) => c.text),
        timeFrames,
        dueFromText: readDue(timeFrames, hearingDate),
      };
    }),
  );
}

/**
 * The ledger's id of a commitment: the entry and six hex digits of a hash of hearing, entry and clause. It depends on
 * nothing else, so a rebuild, another commitment found or lost, or a reordered hearing list leaves it as it was.
 * @example commitmentKey('digital-economy-2023-09-13', 'q5', '争取用三年时间在总量上实现较大增长') // 'q5-…'
 */
export function commitmentKey(hearing: string, entryId: string, text: string): string {
  const hash = createHash('sha256').update(`${hearing}\n${entryId}\n${text}`).digest('hex');
  return `${entryId}-${hash.slice(0, 6)}`;
}

/** The same clause said twice in one answer gets `-2`, `-3`… in order, so each keeps an id of its own. */
function uniqueKey(key: string, taken: Set<string>): string {
  let unique = key;
  for (let n = 2; taken.has(unique); n++) unique = `${key}-${n}`;
  taken.add(unique);
  return unique;
}

/** The commitments of one paragraph: commitment clauses, each with the number-list clauses that continue it. */
export function commitmentPassages(paragraph: string): Passage[] {
  const passages: Array<{ start: number; end: number; cues: Cue[] }> = [];
  for (const clause of classifyClauses(paragraph)) {
    const cues = clause.cues.map(({ kind, text }) => ({ kind, text }));
    if (clause.verdict === 'commitment') passages.push({ start: clause.start, end: clause.end, cues });
    else if (clause.verdict === 'continuation') {
      const last = passages[passages.length - 1]!;
      last.end = clause.end;
      last.cues.push(...cues);
    }
  }
  return passages.map(({ start, end, cues }) => ({ text: paragraph.slice(start, end), start, cues }));
}

/**
 * Every clause of a paragraph with its cues and verdict: the explanation of what was taken and what was left out.
 * A clause that is only a time frame (下一步,) is read together with the clause it introduces.
 */
export function classifyClauses(paragraph: string): ClauseVerdict[] {
  const verdicts: ClauseVerdict[] = [];
  // 已经 governs the rest of its sentence: 「目前已经制定A,探索开展B,打造C等」 reports all three.
  let reportedSentence = -1;
  for (const clause of withLeadIns(paragraph, clausesOf(paragraph))) {
    const cues = findCues(clause.text).map((c) => ({ ...c, at: c.at + clause.start }));
    if (ALREADY_DONE.test(clause.text)) reportedSentence = clause.sentence;
    const previous = verdicts[verdicts.length - 1];
    const continues =
      previous !== undefined &&
      previous.sentence === clause.sentence &&
      (previous.verdict === 'commitment' || previous.verdict === 'continuation') &&
      cues[0]?.kind === 'quantity' &&
      cues[0].at === clause.start &&
      !cues.some((c) => c.kind === 'verb');
    verdicts.push({
      ...clause,
      cues,
      verdict: continues ? 'continuation' : verdictOf(clause.text, cues, reportedSentence === clause.sentence),
    });
  }
  return verdicts;
}

function verdictOf(text: string, cues: readonly FoundCue[], reported: boolean): Verdict {
  if (cues.length === 0) return 'no-cue';
  if (reported) return 'already-done';
  const counted = cues.some((c) => c.kind === 'quantity');
  if (!counted && [...text].length <= SLOGAN_MAX_LENGTH) return 'slogan';
  if (cues.every((c) => c.kind === 'verb') && ASPIRATIONS.some((a) => text.includes(a))) return 'aspiration';
  if (cues.every((c) => c.kind === 'verb') && VAGUE_AMOUNT.test(text)) return 'vague';
  return 'commitment';
}

/** Joins a clause that is nothing but time frames (下一步, 从今年开始) to the next clause of its sentence. */
function withLeadIns(paragraph: string, clauses: readonly Clause[]): Clause[] {
  const joined: Clause[] = [];
  let leadIn: Clause | null = null;
  for (const clause of clauses) {
    if (leadIn && leadIn.sentence === clause.sentence) {
      joined.push({ ...clause, start: leadIn.start, text: paragraph.slice(leadIn.start, clause.end) });
      leadIn = null;
      continue;
    }
    if (leadIn) joined.push(leadIn);
    leadIn = isOnlyTime(clause.text) ? clause : null;
    if (!leadIn) joined.push(clause);
  }
  if (leadIn) joined.push(leadIn);
  return joined;
}

function isOnlyTime(text: string): boolean {
  const cues = findCues(text);
  return cues.length > 0 && cues.every((c) => c.kind === 'time') && cues.map((c) => c.text).join('') === text;
}

/** Headings in these answers run four or five characters (统筹谋划, 打造名品, 打造新机构); real targets are longer. */
export const SLOGAN_MAX_LENGTH = 5;
const ALREADY_DONE = /已经|业已/;
/** Amounts nobody can count afterwards: a batch, more, several. */
const VAGUE_AMOUNT = /一批|更多|若干|一些/;
/** Objects of 打造 that are figures of speech or city-wide aims, not something a body can deliver and be checked on. */
const ASPIRATIONS = ['高地', '高速公路', '一线城市', '合力'];
