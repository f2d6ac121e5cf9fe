// Replies to questions about people and order (谁问了数字金融, 人大代表都问了啥, 第三个问题, 最后表态, 深圳的…), read by search/asking.ts.

import { bodyOf, type Entry, personOf } from '../hearing/model.js';
import { type Asking, readAsking } from '../search/asking.js';
import { resolvePerson } from '../search/names.js';
import type { HearingInfo } from './catalogue.js';
import { chooseHearing, newestFirst } from './hearing-choice.js';
import { chineseCount, commands, type Intent } from './intent.js';
import { deptReply } from './intents/dept.js';
import { itemAnswer } from './intents/q.js';
import { themeList } from './intents/topic.js';
import type { Knowledge } from './knowledge.js';
import { displayPerson, type ListLine, type Reply, SHORT_QUESTION_CHARS, shorten, shownId } from './reply.js';
import { answer, echo, notFoundSuggestions } from './steps.js';

/**
 * The reply to a message that asks about a hearing's people, order, sets, the closing or another place; null when
 * it asks none of these (then it is searched as usual). Order and kinds of member belong to one hearing: with several
 * loaded, the one the message picks (see {@link hearingAsked}).
 * @example askingReply(k, { kind: 'question', text: '谁问了数字金融' })?.kind // 'list' (one line: 程宏刚委员, 市地方金融局)
 */
export function askingReply(k: Knowledge, intent: Intent): Reply | null {
  let text: string;
  if (intent.kind === 'question') text = intent.text;
  // 「谁问了数字金融」 reads as /who 数字金融: a topic, not a person, is asked about.
  else if (intent.kind === 'who' && intent.arg && resolvePerson(k.directory, intent.arg).kind === 'none')
    text = `谁问了${intent.arg}`;
  else return null;
  const info = hearingAsked(k, text);
  const roster = info && k.engine.rosterOf(info.hearing.id);
  if (!info || !roster) return null;
  const asking = readAsking(k.engine, roster, text, k.placesOf(info.city));
  return asking ? replyToAsking(k, asking, text, info) : null;
}

/**
 * The hearing a question about people and order is read against: the only one; with several, the one the message
 * picks (a year, a city, a subject, 上次), else the one whose answer the message finds first, else the newest. None
 * when it names a city no hearing is from (the question's reply says which cities there are).
 */
function hearingAsked(k: Knowledge, text: string): HearingInfo | undefined {
  const infos = k.catalogue.hearings;
  if (!k.catalogue.several) return infos[0];
  const choice = chooseHearing(k, text);
  if (choice.outsideCity) return undefined;
  if (choice.hearing) return choice.hearing;
  const found = k.engine.consult(text, { limit: 1 }).answers[0]?.entry;
  return found ? k.catalogue.infoOf(found) : newestFirst(infos)[0];
}

/** The reply to what a message was read to ask of one hearing (`info`). */
export function replyToAsking(k: Knowledge, asking: Asking, text: string, info: HearingInfo): Reply {
  // The bodies and themes of the hearing asked; with one loaded, of all (the lists then name no hearing).
  const asked = k.catalogue.several ? info : null;
  switch (asking.kind) {
    case 'elsewhere':
      return {
        kind: 'not-found',
        what: 'question',
        query: echo(text),
        suggestions: notFoundSuggestions(k),
      };
    case 'closing':
      return asking.entry
        ? itemAnswer(k, asking.entry)
        : { kind: 'not-found', what: 'closing', query: echo(text), suggestions: notFoundSuggestions(k) };
    case 'narrowed':
      return itemAnswer(k, asking.entry);
    case 'beyond':
      return {
        kind: 'list',
        title: `一共只有${chineseCount(asking.count)}个，没有${asking.label.replace(/[个位名条道]$/u, '')}个。`,
        lines: [],
        note: null,
        suggestions: [{ command: commands.list(), label: '全部问题' }],
      };
    case 'position':
      return asking.want === 'item' ? itemAnswer(k, asking.entry) : whoLine(k, asking.entry);
    case 'who':
      return whoLine(k, asking.entry, asking.sure ? '' : '最接近的一问：');
    case 'bodies':
      return deptReply(k, (asked && k.catalogue.keyOf(asked)) ?? '');
    case 'themes':
      return themeList(k, asked);
    case 'set':
      return setList(k, asking.label, asking.entries, asking.people);
    case 'both':
      return answer(
        k,
        'who',
        `${asking.label}：${chineseCount(asking.entries.length)}位都有，各自的问答：`,
        asking.entries,
        [],
        [],
      );
  }
}

/**
 * One line saying who asked an item and which body answered it, with the item to open (`/q 7`): a `list` of that
 * one item, so 「他问的啥」「第一个」 follow it.
 */
export function whoLine(k: Knowledge, entry: Entry, lead = ''): Reply {
  const id = shownId(entry.id, k.catalogue.tagOf(entry));
  const person = displayPerson(personOf(entry));
  const title =
    entry.kind === 'closing'
      ? `${lead}总体回应是${person}（${bodyOf(entry)}）作出的。`
      : `${lead}${id}是${person}问的，${bodyOf(entry)}应询回答。`;
  return { kind: 'list', title, lines: [lineOf(k, entry)], note: null, suggestions: [] };
}

/** Items of a set in order, with the count: 「代表3位，提了3个问题：」. */
function setList(k: Knowledge, label: string, entries: readonly Entry[], people: boolean): Reply {
  const askers = new Set(entries.map((e) => personOf(e).name)).size;
  const count = chineseCount(entries.length);
  // With several hearings loaded, the set is one hearing's: say which.
  const info = k.catalogue.several && entries[0] ? k.catalogue.infoOf(entries[0]) : undefined;
  const from = info ? `${info.date ? `${info.date.slice(0, 4)}年` : ''}「${info.subject}」` : '';
  const title =
    from +
    (label === '全部'
      ? `共${count}个问题，${chineseCount(askers)}位提问：`
      : people
        ? `${label}${chineseCount(askers)}位，共${count}个问题：`
        : `${label}：共${count}个问题：`);
  return { kind: 'list', title, lines: entries.map((e) => lineOf(k, e)), note: null, suggestions: [] };
}

function lineOf(k: Knowledge, entry: Entry): ListLine {
  return {
    key: shownId(entry.id, k.catalogue.tagOf(entry)),
    cells: [
      displayPerson(personOf(entry)),
      `${bodyOf(entry)}应询`,
      entry.kind === 'qa' ? shorten(entry.question, SHORT_QUESTION_CHARS) : '总体回应',
    ],
    command: commands.q(entry.id, k.catalogue.keyOf(entry)),
  };
}
