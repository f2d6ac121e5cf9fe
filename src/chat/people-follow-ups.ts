// Follow-ups about people and lists: 他问的啥, 她是什么职务, 全名叫啥, 这个部门还答了啥, 另外那位, 倒数第二个, 中间那个,
// 有具体数字吗: read against the last person, body or list the conversation showed.
import { bodyOf, type Entry, paragraphsOf } from '../hearing/model.js';
import { atPosition, readPosition } from '../search/asking.js';
import { unique } from '../search/names.js';
import { isHearingWord } from '../search/read-message.js';
import { whoLine } from './asking.js';
import type { HearingInfo } from './catalogue.js';
import { readCourtesy } from './courtesy.js';
import { entryOfCommand, type FollowedUp, unchanged } from './follow-ups.js';
import { bodyAnswer } from './intents/dept.js';
import { entryPromises } from './intents/promises.js';
import { itemAnswer } from './intents/q.js';
import { personAnswer } from './intents/who.js';
import type { Knowledge } from './knowledge.js';
import type { Recollection } from './memory.js';

/**
 * The reply to a follow-up about the last person, body or list, or null when the message is no such follow-up (it is
 * then read as before: 「2」「谁问的」「还有呢」, or on its own).
 * @example followPeople(k, '他全名叫啥', memoryAfterQ5)?.reply // one line naming 樊志宏委员 and 经开区管委会
 */
export function followPeople(k: Knowledge, message: string, memory: Recollection): FollowedUp | null {
  const text = k.engine
    .plain(message)
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .trim();
  if (text === '' || [...text].length > MAX_FOLLOW_UP_CHARS) return null;
  // 你是谁, 谢谢 are said to the bot, whatever was shown before.
  if (readCourtesy(message)) return null;
  const cues = k.engine.asking.cues;
  const cueWords = Object.values(cues).flat();
  const has = (list: readonly string[]) => list.some((w) => text.includes(w));
  const shown = entriesOf(k, memory.shown);
  const offered = entriesOf(k, memory.offered);
  // The list a position counts in: a list's lines, or several items shown in full (/dept, /who).
  const list = memory.source === 'list' ? offered : shown.length > 1 ? shown : [];
  const keep = unchanged(memory);
  const want = has(cues.body) ? 'body' : has(cues.asker) || has(cues.fullName) ? 'asker' : 'item';

  const position = list.length > 1 ? readPosition(text, cues) : null;
  if (position && !has(cues.section) && !/问题|提问/.test(text)) {
    const entry = atPosition(list, position);
    if (!entry) return null;
    // 第二个有什么目标: that item's commitments.
    const figures = want === 'item' && has(cues.goals) && !/问题|提问|问了|问过/.test(text.slice(position.end));
    const reply = figures ? entryPromises(k, [entry]) : want === 'item' ? itemAnswer(k, entry) : whoLine(k, entry);
    // The list stays: 「第三个」 after 「第二个」 still counts in it.
    return { reply, carry: { source: memory.source, offered: memory.offered, pending: memory.pending } };
  }

  // The one person or body the last reply was about.
  const focus = shown.length === 1 ? shown[0] : shown.length === 0 && offered.length === 1 ? offered[0] : undefined;
  if (has(cues.other)) {
    const others = unique([...shown.slice(1), ...offered]).filter((e) => e !== shown[0]);
    const other = others[0];
    return other ? { reply: itemAnswer(k, other) } : null;
  }
  if (!focus || !aboutFocus(k, text, focus, cueWords)) return null;
  // 其他 holds 他 but points at no one.
  const pointed = cues.pronouns.some((w) => text.replace(/其他|其它/g, '').includes(w));
  // 她还问了别的吗 points at the person; 代表都问了啥 asks a set of its own.
  if (has(cues.askerMore) && pointed && focus.kind === 'qa' && !/部门|单位/.test(text))
    return { reply: personAnswer(k, focus.asker.name, hearingOf(k, focus)) };
  if (has(cues.bodyMore) && (pointed || has(cues.body) || /部门|单位/.test(text)))
    return { reply: bodyAnswer(k, bodyOf(focus), hearingOf(k, focus)) };
  if (has(cues.identity)) return { reply: itemAnswer(k, focus) };
  if (want !== 'item') {
    // 谁问的房价 asks who asked about something the hearing lacks, not who asked the answer shown.
    if (lacksTopic(k, text, cueWords)) return null;
    return { reply: whoLine(k, focus), carry: keep };
  }
  // 总共问了多少个 counts the hearing's questions; 示范区打算建几个 asks the item's figures.
  // 数字鸿沟怎么填 holds 数字 but asks about a topic the hearing lacks.
  if (has(cues.goals) && !/问题|提问|问了|问过/.test(text) && !lacksTopic(k, text, cueWords))
    return { reply: entryPromises(k, [focus]), carry: keep };
  if (pointed && has(cues.asked)) return { reply: itemAnswer(k, focus) };
  // 具体怎么做, 在哪建 after an answer: how, where or why, with nothing of its own to ask about, asks about the answer.
  if (has(cues.howMore) && !lacksTopic(k, text, cueWords)) return { reply: itemAnswer(k, focus) };
  return null;
}

/**
 * Whether a message stays on the item in focus: it names no topic, body or person of its own beyond the item's
 * (「示范区打算建几个」 after the answer that holds 示范区; not 「那政府引导基金呢」 after another item).
 */
function aboutFocus(k: Knowledge, text: string, focus: Entry, cueWords: readonly string[]): boolean {
  // 武汉的数字经济 after an answer of 南京's hearing asks about another place.
  if (k.placesOf(k.catalogue.infoOf(focus).city).elsewhere.some((p) => text.includes(p))) return false;
  const reading = k.engine.read(text);
  const own = [focus.kind === 'qa' ? focus.question : '', ...paragraphsOf(focus)].join('\n');
  const body = bodyOf(focus);
  if ([...reading.bodies].some((b) => b !== body)) return false;
  // Someone named who did not ask it (那陈新垓副主任问的呢 after 陈光菊's item) asks about their own item.
  if (reading.people.size > 0 && !reading.people.has(focus)) return false;
  // 那数字金融呢 names a topic of its own, though 数字 alone would ask for figures; 培养 after an answer about 培育 is
  // the answer's own word, as the glossary reads it.
  // A lone character (做 of 具体怎么做) names nothing.
  return reading.groups
    .filter(isHearingWord)
    .every((g) => own.includes(g.word) || g.terms.some((t) => own.includes(t)) || cueWords.includes(g.word));
}

/** Whether a message names a word the hearing lacks besides the words that ask (全名, 名字: part of a cue). */
function lacksTopic(k: Knowledge, text: string, cueWords: readonly string[]): boolean {
  const cued = (word: string) => cueWords.some((w) => w.includes(word) || word.includes(w));
  return k.engine
    .read(text)
    .groups.some((g) => g.terms.length === 0 && [...g.word].length > 1 && !/^[他她它]/.test(g.word) && !cued(g.word));
}

/** The hearing of an entry when several are loaded (a body's other answers are looked up in it); null with one. */
function hearingOf(k: Knowledge, entry: Entry): HearingInfo | null {
  return k.catalogue.several ? k.catalogue.infoOf(entry) : null;
}

/** The entries of our own `/q` commands, in order. */
function entriesOf(k: Knowledge, commandList: readonly string[]): Entry[] {
  return unique(commandList.flatMap((c) => entryOfCommand(k, c) ?? []));
}

/** A follow-up is short; a longer message asks something of its own. */
const MAX_FOLLOW_UP_CHARS = 20;
