// Records whose turns carry a speaker label: labelled lines (…提问: / …应询回答:), name + colon, bare name + colon and
// 问/答 blocks; finds each turn, even several in one paragraph, and pairs questions with their answers.
import { CLOSING_BODY } from '../hearing/model.js';
import { DEBRIS, splitPerson } from '../hearing/parse.js';
import { answererOf, type BodyTable, namesTwo } from './bodies.js';
import {
  answeredPair,
  type ImportedClosing,
  type ImportedPair,
  type Paragraph,
  type Shape,
  type Unplaced,
} from './model.js';
import { introRoles, speakerRole } from './speakers.js';

/** A turn: who speaks, in which role, and where its words start in the paragraph. */
interface Turn {
  /** `official`: the mayor or a vice-mayor, who answers a pending question or else gives the overall response. */
  role: 'question' | 'answer' | 'closing' | 'official';
  /** The speaker label (reading copy); null for a 问/答 marker with no speaker of its own. */
  speaker: string | null;
  shape: Shape;
  /** Where the label starts and the words start. */
  start: number;
  wordsAt: number;
}

/** What the label recogniser read; `problems` make the import refuse the record. */
export interface TurnReading {
  shape: Shape;
  intro: string[];
  items: ImportedPair[];
  closing: ImportedClosing | null;
  unplaced: Unplaced[];
  problems: string[];
  /** How many labelled turns were found: the recogniser with more wins. */
  turns: number;
}

/**
 * Reads the paragraphs after the title.
 * @example readTurns(paragraphs, table).items[0].body // '市教育局'
 */
export function readTurns(paragraphs: readonly Paragraph[], table: BodyTable): TurnReading {
  // Bare names get their roles from the introduction, which ends at the first turn: read it up to the first line
  // that starts with a bare name or a turn, then find the first turn knowing those names.
  const startsTurn = (roles: ReadonlyMap<string, string>) => (p: Paragraph, i: number) =>
    turnsIn(p, roles, table).some((t) => t.start === 0) ||
    isHeading(paragraphs, i, table, roles) ||
    speakerLine(paragraphs, i, roles, table) !== null;
  const bare = paragraphs.findIndex((p, i) => BARE_NAME.test(p.reading) || startsTurn(new Map())(p, i));
  const roles = introRoles(paragraphs.slice(0, bare < 0 ? paragraphs.length : bare).map((p) => p.reading));
  const firstTurn = paragraphs.findIndex(startsTurn(roles));
  const introEnd = firstTurn < 0 ? paragraphs.length : firstTurn;
  const intro = paragraphs.slice(0, introEnd);
  const result: TurnReading = {
    shape: 'labelled',
    intro: intro.map((p) => p.text),
    items: [],
    closing: null,
    unplaced: [],
    problems: [],
    turns: 0,
  };
  const shapes = new Map<Shape, number>();
  let theme: string | null = null;
  let question: { asker: ReturnType<typeof splitPerson>; text: string[]; line: number; answered: boolean } | null =
    null;
  let current: { paragraphs: string[] } | null = null;
  let pendingSpeaker: string | null = null;

  const requireAnswered = () => {
    if (question && !question.answered)
      result.problems.push(`line ${question.line}: the question by ${question.asker.name} has no answer`);
  };

  for (let i = introEnd; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!;
    const { text, reading, line } = paragraph;
    if (DEBRIS.test(reading)) continue;
    if (isHeading(paragraphs, i, table, roles)) {
      requireAnswered();
      theme = reading.replace(/[—-]+$/, '').trim();
      question = null;
      current = null;
      continue;
    }
    const speaker = speakerLine(paragraphs, i, roles, table);
    if (speaker) {
      pendingSpeaker = speaker;
      continue;
    }
    const turns = turnsIn(paragraph, roles, table);
    const head = turns[0]?.start ?? text.length;
    if (head > 0) {
      const before = text.slice(0, head).trim();
      if (current) current.paragraphs.push(before);
      else if (question && !question.answered) question.text.push(before);
      else result.unplaced.push({ line, text: before });
    }
    for (const [k, turn] of turns.entries()) {
      const words = text.slice(turn.wordsAt, turns[k + 1]?.start ?? text.length).trim();
      const label = turn.speaker ?? pendingSpeaker;
      pendingSpeaker = null;
      result.turns++;
      shapes.set(turn.shape, (shapes.get(turn.shape) ?? 0) + 1);
      if (label && namesTwo(label)) {
        result.problems.push(`line ${line}: 「${label}」 fits two people: give each their own line`);
        current = null;
        continue;
      }
      if (turn.role === 'question') {
        requireAnswered();
        const asker = label ? splitPerson(roles.get(label) ?? label) : null;
        if (!asker) {
          result.problems.push(`line ${line}: the question has no asker (no name before 问 or on the line above)`);
          question = null;
          current = null;
          continue;
        }
        question = { asker, text: words ? [words] : [], line, answered: false };
        current = null;
      } else if (turn.role === 'answer' || (turn.role === 'official' && question && !question.answered)) {
        const spoken = label ? (roles.get(label) ?? label) : null;
        const answerer = spoken
          ? (answererOf(spoken, table) ?? (turn.role === 'official' ? { body: CLOSING_BODY, answerer: spoken } : null))
          : null;
        if (!question) {
          result.unplaced.push({ line, text: text.slice(turn.start).trim() });
          current = null;
          continue;
        }
        if (!answerer) {
          result.problems.push(`line ${line}: the answer names no body (${spoken ? `「${spoken}」` : 'no speaker'})`);
          current = null;
          continue;
        }
        const item = answeredPair(result.items, theme, question, answerer, words ? [words] : []);
        result.items.push(item);
        current = { paragraphs: item.answer };
      } else {
        requireAnswered();
        question = null;
        const closing: ImportedClosing = {
          speaker: splitPerson(roles.get(label ?? '') ?? label ?? ''),
          paragraphs: words ? [words] : [],
          line,
        };
        result.closing = closing;
        current = { paragraphs: closing.paragraphs };
      }
    }
  }
  requireAnswered();
  for (const item of result.items)
    if (item.answer.length === 0) result.problems.push(`line ${item.line}: the answer by ${item.body} is empty`);
  result.shape = [...shapes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'labelled';
  if (shapes.has('labelled')) result.shape = 'labelled';
  return result;
}

/** The turns that start in a paragraph: at its start, or after a sentence ends (several turns in one paragraph). */
function turnsIn(paragraph: Paragraph, roles: ReadonlyMap<string, string>, table: BodyTable): Turn[] {
  const turns: Turn[] = [];
  const { reading } = paragraph;
  for (let at = 0; at < reading.length; at++) {
    if (at > 0 && !SENTENCE_END.test(reading[at - 1]!)) continue;
    const turn = turnAt(reading, at, roles, table);
    if (turn) {
      turns.push(turn);
      at = turn.wordsAt - 1;
    }
  }
  return turns;
}

function turnAt(reading: string, at: number, roles: ReadonlyMap<string, string>, table: BodyTable): Turn | null {
  // A label is short: looking a little way ahead keeps a long paragraph from being copied at every sentence.
  const rest = reading.slice(at, at + LOOK_AHEAD);
  const turn = (role: Turn['role'], speaker: string | null, shape: Shape, length: number): Turn => ({
    role,
    speaker,
    shape,
    start: at,
    wordsAt: at + length,
  });
  const labelled = LABELLED.exec(rest);
  if (labelled) {
    const role = labelled[2] === '提问' ? 'question' : /回应|表态/.test(labelled[2]!) ? 'closing' : 'answer';
    return turn(role, compact(labelled[1]!), 'labelled', labelled[0].length);
  }
  const marker = QA_MARKER.exec(rest);
  if (marker) {
    const role = marker[1] === '问' || marker[2] === '问' ? 'question' : 'answer';
    const inside = marker[3] ?? null;
    const after = SPEAKER_LABEL.exec(rest.slice(marker[0].length));
    if (!inside && after && speakerRole(compact(after[1]!), roles, table).role !== 'unknown')
      return turn(role, compact(after[1]!), 'qa-blocks', marker[0].length + after[0].length);
    return turn(role, inside ? compact(inside) : null, 'qa-blocks', marker[0].length);
  }
  const asked = NAMED_QUESTION.exec(rest);
  if (asked && speakerRole(compact(asked[1]!), roles, table).role === 'asker')
    return turn('question', compact(asked[1]!), 'name-colon', asked[0].length);
  const spoken = SPEAKER_LABEL.exec(rest);
  if (spoken) {
    const label = compact(spoken[1]!);
    const role = speakerRole(label, roles, table);
    const shape: Shape = roles.has(label) ? 'bare-name' : 'name-colon';
    if (role.role === 'asker') return turn('question', label, shape, spoken[0].length);
    if (role.role === 'answerer') return turn('answer', label, shape, spoken[0].length);
    if (role.role === 'official') return turn('official', label, shape, spoken[0].length);
  }
  return null;
}

/**
 * The speaker named on a line of its own before a 问:/答: line: 「张明委员:」, 「询问人:市人大常委会委员 孙一」,
 * 「应询人:市科技局局长 钱二」; null for any other line.
 */
function speakerLine(
  paragraphs: readonly Paragraph[],
  i: number,
  roles: ReadonlyMap<string, string>,
  table: BodyTable,
): string | null {
  const { reading } = paragraphs[i]!;
  if (!QA_MARKER.test(paragraphs[i + 1]?.reading ?? '')) return null;
  const named = ROLE_LINE.exec(reading) ?? SPEAKER_ALONE.exec(reading);
  const label = named ? compact(named[1]!) : null;
  return label && speakerRole(label, roles, table).role !== 'unknown' ? label : null;
}

/**
 * A theme or sub-heading: a short line ending in 「——」, or a short line without punctuation followed by a question
 * (「一、学位供给」 or 「学位供给」, as news features print them).
 */
function isHeading(
  paragraphs: readonly Paragraph[],
  i: number,
  table: BodyTable,
  roles: ReadonlyMap<string, string> = new Map(),
): boolean {
  const { reading } = paragraphs[i]!;
  if (reading.length > 40 || /[,。?!;:“”]/.test(reading)) return false;
  if (/[—-]{2}$/.test(reading)) return true;
  if (reading.length > 25) return false;
  const next = paragraphs[i + 1];
  const alone = SPEAKER_ALONE.exec(reading);
  if (next === undefined || (alone && speakerRole(compact(alone[1]!), roles, table).role !== 'unknown')) return false;
  return (
    turnsIn(next, roles, table).some((t) => t.start === 0 && t.role === 'question') ||
    (speakerLine(paragraphs, i + 1, roles, table) !== null && /^(?:问|【问】)/.test(paragraphs[i + 2]?.reading ?? ''))
  );
}

// A speaker label: a few characters without punctuation; spaces inside are allowed (「市人大代表 郑三 提问」) and dropped.
const S = '([^\\s,.。?!:;“”‘’()【】「」][^,.。?!:;“”‘’()【】「」]{1,33}?)';
const compact = (label: string) => label.replace(/\s+/g, '');
const ROLE_LINE = /^(?:询问人|提问人|应询人|答复人|回答人|应询单位|答复单位)\s*:\s*(.{2,34})$/;
const LABELLED = new RegExp(`^${S}(提问|应询回答|应询答复|回答|总体回应|表态发言)[:]`);
const QA_MARKER = /^(?:【(问|答)】|(问|答)(?:\(([^()]{2,30})\))?:)/;
const NAMED_QUESTION = new RegExp(`^${S}(?:问|询问|追问|发问):`);
const SPEAKER_LABEL = new RegExp(`^${S}:`);
const SPEAKER_ALONE = new RegExp(`^${S}:?$`);
const LOOK_AHEAD = 80;
const BARE_NAME = /^\p{Script=Han}{2,3}:/u;
const SENTENCE_END = /[。?!”」)]/;
