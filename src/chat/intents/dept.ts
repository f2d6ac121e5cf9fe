// /dept: the answering bodies with their counts, or everything one body answered (in every hearing, grouped).

import { bodyOf } from '../../hearing/model.js';
import { resolveBody, unique } from '../../search/names.js';
import type { HearingInfo } from '../catalogue.js';
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { answer, perHearing, replyForName } from '../steps.js';

/** `/dept 经信局`, `/dept 智慧交通 市经信局` (one hearing), `/dept` alone for the list. */
export function deptReply(k: Knowledge, arg: string): Reply {
  const { hearing, rest } = k.catalogue.split(arg);
  if (rest === '') return bodyList(k, hearing);
  const key = hearing?.key;
  const found = resolveBody(rest, k.directoryOf(hearing).bodies, { normalise: k.engine.analyser.normalise });
  return replyForName(k, [{ hearing, resolution: found }], {
    what: 'dept',
    query: rest,
    candidate: (body) => ({ command: commands.dept(body, key), label: k.officialName(body) ?? '' }),
    none: [{ command: commands.dept(null, key), label: '全部答复单位' }],
    found: (body) => bodyAnswer(k, body, hearing),
  });
}

/** Everything one body answered, in transcript order; in one hearing, or in all. */
export function bodyAnswer(k: Knowledge, body: string, hearing: HearingInfo | null): Reply {
  const key = hearing?.key;
  const entries = k.directoryOf(hearing).entries.filter((e) => bodyOf(e) === body);
  // A body the glossary knows but no loaded hearing heard from (市政府 in a record without the overall response).
  if (entries.length === 0)
    return {
      kind: 'not-found',
      what: 'dept',
      query: body,
      suggestions: [{ command: commands.dept(null, key), label: '全部答复单位' }],
    };
  // The city whose body it is, when the bodies of one printed name all answered in hearings of one city.
  const cities = new Set(entries.map((e) => k.catalogue.infoOf(e).city));
  const city = cities.size === 1 ? [...cities][0] : undefined;
  return answer(
    k,
    'dept',
    `${k.bodyName(body, city)}回答了${entries.length}个问题：`,
    entries,
    [],
    [
      { command: commands.dept(null, key), label: '全部答复单位' },
      { command: commands.list(key), label: '全部问题' },
    ],
  );
}

/** The bodies in the order they first answered, each with how many answers and which. */
function bodyList(k: Knowledge, hearing: HearingInfo | null): Reply {
  const lines = perHearing(k, hearing, (info) =>
    unique(info.entries.map(bodyOf)).map((body) => {
      const entries = info.entries.filter((e) => bodyOf(e) === body);
      return {
        key: body,
        cells: [
          entries.some((e) => e.kind === 'closing') ? '总体回应' : `${entries.length}问`,
          entries.map((e) => e.id).join(' '),
        ],
        command: commands.dept(body, k.catalogue.keyOf(info)),
      };
    }),
  );
  const example = k.scopeOf(hearing)[0]!.examples.dept;
  return {
    kind: 'list',
    title: `${unique(lines.map((l) => l.key)).length}个答复单位：`,
    lines,
    note: null,
    suggestions: [{ command: commands.dept(example), label: '' }],
  };
}

/** /dept, 部门: by answering body. */
export const dept = defineIntent({
  name: 'dept',
  label: '答复单位',
  aliases: ['部门'],
  description: '按部门看回答',
  menu: (f) => `按部门看回答，如 ${commandText('dept', f.examples.dept)}`,
  usage: '[部门]',
  write: (body?: string | null, hearing?: string | null): string => commandText('dept', hearing, body),
  reply: deptReply,
});
