// /who: the askers with their titles, or everything one person asked (in every hearing, grouped by hearing).

import { bodyOf, personOf } from '../../hearing/model.js';
import { resolvePerson, unique } from '../../search/names.js';
import type { HearingInfo } from '../catalogue.js';
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import { displayPerson, type Reply } from '../reply.js';
import { answer, perHearing, replyForName } from '../steps.js';

/** `/who 朱库成`, `/who 智慧交通 周敏` (one hearing), `/who` alone for the list. */
export function whoReply(k: Knowledge, arg: string): Reply {
  const { hearing, rest } = k.catalogue.split(arg);
  if (rest === '') return personList(k, hearing);
  const key = hearing?.key;
  const directory = k.directoryOf(hearing);
  return replyForName(k, [{ hearing, resolution: resolvePerson(directory, rest) }], {
    what: 'who',
    query: rest,
    candidate: (name) => {
      const entry = directory.entries.find((e) => personOf(e).name === name)!;
      return { command: commands.who(name, key), label: `${displayPerson(personOf(entry))} · ${bodyOf(entry)}` };
    },
    none: [{ command: commands.who(null, key), label: '全部提问人' }],
    found: (name) => personAnswer(k, name, hearing),
  });
}

/** Everything one person asked (or, for the official who closed, the closing response); in one hearing, or in all. */
export function personAnswer(k: Knowledge, name: string, hearing: HearingInfo | null): Reply {
  const entries = k.directoryOf(hearing).entries.filter((e) => personOf(e).name === name);
  const person = displayPerson(personOf(entries[0]!));
  // One question answered by two bodies is two entries but one question.
  const questions = unique(entries.flatMap((e) => (e.kind === 'qa' ? [`${e.hearing}#${e.line}`] : []))).length;
  const title = questions === 0 ? null : `${person}提了${questions}个问题：`;
  return answer(k, 'who', title, entries, [], [{ command: commands.who(null, hearing?.key), label: '全部提问人' }]);
}

/** The askers in order of asking, with their titles and what each asked, and the official who closed. */
function personList(k: Knowledge, hearing: HearingInfo | null): Reply {
  const lines = perHearing(k, hearing, (info) =>
    unique(info.entries.map((e) => personOf(e).name)).map((name) => {
      const entries = info.entries.filter((e) => personOf(e).name === name);
      return {
        key: name,
        cells: [
          personOf(entries[0]!).title,
          entries.map((e) => (e.kind === 'closing' ? '总体回应' : `${e.id} 答：${bodyOf(e)}`)).join('；'),
        ],
        command: commands.who(name, k.catalogue.keyOf(info)),
      };
    }),
  );
  return {
    kind: 'list',
    title: askersTitle(k, hearing),
    lines,
    note: null,
    suggestions: [{ command: commands.who(k.scopeOf(hearing)[0]!.examples.who), label: '' }],
  };
}

/** 「18位提问人，另有总体回应：」: the members who asked, counted apart from the official who gave the overall response. */
function askersTitle(k: Knowledge, hearing: HearingInfo | null): string {
  const entries = k.scopeOf(hearing).flatMap((info) => info.entries);
  const askers = unique(entries.flatMap((e) => (e.kind === 'qa' ? [personOf(e).name] : []))).length;
  return `${askers}位提问人${entries.some((e) => e.kind === 'closing') ? '，另有总体回应' : ''}：`;
}

/** /who, 谁问了, 提问人: by asker. */
export const who = defineIntent({
  name: 'who',
  label: '提问人',
  aliases: ['谁问了', '提问人'],
  // 「谁问了朱库成」: a name glued on is still a name.
  glued: () => true,
  description: '按提问人看问题',
  menu: (f) => `按提问人看问题，如 ${commandText('who', f.examples.who)}`,
  usage: '[姓名]',
  write: (name?: string | null, hearing?: string | null): string => commandText('who', hearing, name),
  reply: whoReply,
});
