// Records written as a news feature: quoted questions and answers with the attribution before or after the quote,
// anonymous askers, questions in reported speech, answers only reported (unplaced), 一是/二是 answers, sub-headings.

import { CLOSING_BODY, type Person } from '../hearing/model.js';
import { DEBRIS, splitPerson } from '../hearing/parse.js';
import { answererOf, type BodyTable, namesTwo } from './bodies.js';
import { answeredPair, type ImportedClosing, type Paragraph, type Unplaced } from './model.js';
import { speakerRole } from './speakers.js';
import type { TurnReading } from './turns.js';

/**
 * Reads the paragraphs after the title as a news feature.
 * @example readNews(paragraphs, table).items[0].answerer // '市发改委主任王五'
 */
export function readNews(paragraphs: readonly Paragraph[], table: BodyTable): TurnReading {
  const result: TurnReading = {
    shape: 'news-feature',
    intro: [],
    items: [],
    closing: null,
    unplaced: [],
    problems: [],
    turns: 0,
  };
  const roles = new Map<string, string>();
  let theme: string | null = null;
  let question: { asker: Person; text: string[]; line: number; answered: boolean; paragraphs: Unplaced[] } | null =
    null;
  let current: string[] | null = null;
  const started = () => result.items.length > 0 || question !== null || theme !== null;
  // A question nobody answered in words: not a pair; its paragraphs are listed as unplaced.
  const dropUnanswered = () => {
    if (question && !question.answered) result.unplaced.push(...question.paragraphs);
  };

  for (const paragraph of paragraphs) {
    const { text, reading, line } = paragraph;
    if (DEBRIS.test(reading)) continue;
    if (reading.length <= 25 && !/[,。?!;:“”]/.test(reading)) {
      dropUnanswered();
      theme = reading.replace(/[—-]+$/, '').trim();
      question = null;
      current = null;
      continue;
    }
    const quotes = quotesIn(reading);
    // A question in reported speech: the sentences before the first quote, or the whole paragraph when it has none.
    const narrative = quotes.length === 0 ? reading : reading.slice(0, quotes[0]!.start);
    let sentenceStart = 0;
    let reportedAny = false;
    for (const sentence of narrative.split(/(?<=。)/)) {
      const end = sentenceStart + sentence.length;
      const complete = quotes.length === 0 || sentence.endsWith('。');
      const asker = complete ? reportedAsker(sentence, roles, table) : null;
      if (asker) {
        dropUnanswered();
        result.turns++;
        reportedAny = true;
        const words = text.slice(sentenceStart, quotes.length === 0 ? text.length : end).trim();
        if (namesTwo(asker)) {
          result.problems.push(`line ${line}: 「${asker}」 fits two people: say which one asked`);
          question = null;
        } else {
          question = { asker: splitPerson(asker), text: [words], line, answered: false, paragraphs: [{ line, text }] };
        }
        current = null;
        if (quotes.length === 0) break;
      }
      sentenceStart = end;
    }
    const indirect = quotes.length === 0 && !reportedAny ? INDIRECT_ANSWER.exec(reading) : null;
    const indirectSpeaker = indirect?.[1]?.replace(LEAD, '') ?? '';
    if (indirect && question && speakerRole(indirectSpeaker, roles, table).role === 'answerer') {
      // 「市文旅局局长牛二回应说,今年将…」: the answer's words as the reporter gives them, after the attribution.
      const answerer = answererOf(indirectSpeaker, table)!;
      result.turns++;
      const item = answeredPair(result.items, theme, question, answerer, [text.slice(indirect[0].length).trim()]);
      result.items.push(item);
      current = item.answer;
      continue;
    }
    if (quotes.length === 0) {
      if (reportedAny) {
        continue;
      } else if (REPORTED_ANSWER.test(reading) && question && !question.answered) {
        result.unplaced.push(...question.paragraphs, { line, text });
        question = null;
        current = null;
      } else if (current && CONTINUATION.test(reading)) {
        current.push(text);
      } else if (!started()) {
        result.intro.push(text);
      } else {
        result.unplaced.push({ line, text });
        current = null;
      }
      continue;
    }
    let placedAny = reportedAny;
    for (const [k, quote] of quotes.entries()) {
      const before = reading.slice(quotes[k - 1]?.end ?? 0, quote.start);
      const afterEnd = quotes[k + 1]?.start ?? reading.length;
      const after = reading.slice(quote.end, afterEnd).split('。')[0]!;
      const words = text.slice(quote.start + 1, quote.closed ? quote.end - 1 : quote.end).trim();
      const attributed = ATTRIBUTION_BEFORE.exec(lastClause(before)) ?? ATTRIBUTION_AFTER.exec(after);
      const speaker = attributed?.[1]?.replace(LEAD, '').replace(/(?:就|针对|围绕|关于).*$/, '') ?? null;
      const role = speaker ? speakerRole(speaker, roles, table) : { role: 'unknown' as const };
      if (speaker && namesTwo(speaker)) {
        result.turns++;
        result.problems.push(`line ${line}: 「${speaker}」 fits two people: say which one spoke`);
        current = null;
        continue;
      }
      if (role.role === 'asker') {
        dropUnanswered();
        result.turns++;
        question = { asker: splitPerson(speaker!), text: [words], line, answered: false, paragraphs: [{ line, text }] };
        current = null;
        placedAny = true;
      } else if (question && (role.role === 'answerer' || (role.role === 'official' && !question.answered))) {
        const answerer = answererOf(speaker!, table) ?? { body: CLOSING_BODY, answerer: speaker };
        result.turns++;
        const item = answeredPair(result.items, theme, question, answerer, [words]);
        result.items.push(item);
        current = item.answer;
        placedAny = true;
      } else if (role.role === 'official' && result.items.length > 0) {
        question = null;
        const closing: ImportedClosing = { speaker: splitPerson(speaker!), paragraphs: [words], line };
        result.closing = closing;
        current = closing.paragraphs;
        placedAny = true;
      } else if (current && !speaker) {
        current.push(words);
        placedAny = true;
      } else if (question && !question.answered && !speaker) {
        question.text.push(words);
        placedAny = true;
      }
    }
    if (!placedAny) {
      if (!started()) result.intro.push(text);
      else result.unplaced.push({ line, text });
    }
  }
  dropUnanswered();
  return result;
}

/** The asker of a question in reported speech, or null. */
function reportedAsker(sentence: string, roles: ReadonlyMap<string, string>, table: BodyTable): string | null {
  for (const pattern of [REPORTED_ON, REPORTED_ASKED]) {
    const speaker = pattern.exec(sentence)?.[1]?.replace(LEAD, '');
    // One person, named with a title, or an unnamed 一位委员: not 「常委会组成人员和人大代表」 asking together.
    const person = speaker ? splitPerson(speaker) : null;
    const unnamed = /^另?一位/.test(speaker ?? '');
    if (!person || (!unnamed && (!person.title || [...person.name].length > 4))) continue;
    if (speakerRole(speaker!, roles, table).role === 'asker') return speaker!;
  }
  return null;
}

/** The quotes of a paragraph; one left open runs to its end (a quote continued in the next paragraph). */
function quotesIn(reading: string): Array<{ start: number; end: number; closed: boolean }> {
  const quotes: Array<{ start: number; end: number; closed: boolean }> = [];
  let at = reading.indexOf('“');
  while (at >= 0) {
    const close = reading.indexOf('”', at + 1);
    // A short quote is a name or a phrase (“5G提质升格行动”), not a question or an answer.
    if (close >= 0 && close - at < 12) {
      at = reading.indexOf('“', close + 1);
      continue;
    }
    quotes.push({ start: at, end: close < 0 ? reading.length : close + 1, closed: close >= 0 });
    if (close < 0) break;
    at = reading.indexOf('“', close + 1);
  }
  return quotes;
}

/** The words after the last comma or full stop: where an attribution before a quote starts. */
function lastClause(text: string): string {
  const cut = Math.max(text.lastIndexOf(','), text.lastIndexOf('。'), text.lastIndexOf(';'));
  return text.slice(cut + 1);
}

const ADVERBS =
  '(?:补充|先后|分别|率先|首先|接着|随即|紧接着|继续|又|再次|当即|立即|坦诚|详细|逐一|现场|也|则|直接|一针见血地|开门见山地)*';
const VERBS =
  '(?:开门见山|直言|发问|问道|提问|追问|询问|质询|问|回答说|回答|答复|回应|表示|介绍说|介绍|坦言|解释说|解释|作答|答道|说道|说)';
const WHERE = '(?:在[^,。]{0,8}(?:中|时|上))?';
const ATTRIBUTION_BEFORE = new RegExp(`^([^,。?!:;“”]{2,30}?)${WHERE}${ADVERBS}${VERBS}[道]?[:,]?$`);
const ATTRIBUTION_AFTER = new RegExp(`^[,]?([^,。?!:;“”]{2,30}?)${WHERE}${ADVERBS}${VERBS}`);
const LEAD = /^(?:随后|接着|紧接着|此外|会上|同时|最后|对此|面对提问|针对提问)/;
// 「另一位代表就……是否到位?并要求…作答」, 「针对…问题,市人大代表杨三提出询问」.
const REPORTED_ON =
  /^(?:[^,。]{0,20},)?([^,。?!:;“”就]{2,30}?)(?:就|针对|围绕|关于)[^。]*(?:[?]|提问|询问|发问|追问|质询|作答|回答)/;
const REPORTED_ASKED = new RegExp(
  `(?:^|,)([^,。?!:;“”]{2,30}?)${ADVERBS}(?:提出询问|提出质询|提出疑问|提问|询问|发问|追问)。?$`,
);
// 「市文旅局局长牛二回应说,今年将…」: an answer in indirect speech, its words after the comma.
const INDIRECT_ANSWER = new RegExp(
  `^(?:[^,。]{0,20},)?([^,。?!:;“”]{2,30}?)${WHERE}${ADVERBS}(?:回应说|回答说|介绍说|解释说|表示|回应|回答|介绍|答复|说)[,:]`,
);
const REPORTED_ANSWER = /(?:一一)?(?:作了|作出|进行了|做了)?(?:回答|答复|回应|作答)。?$/;
const CONTINUATION = /^(?:[一二三四五六七八九十]是|其次|此外|同时|另外|最后|首先|再次)/;
