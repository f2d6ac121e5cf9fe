// /promises: what each body committed to (numbers, deadlines, committing verbs), counted per body or quoted verbatim.

import type { FollowUp } from '../../commitments/follow-up.js';
import type { Commitment } from '../../commitments/model.js';
import { bodyOf, type Entry } from '../../hearing/model.js';
import { resolveBody, unique } from '../../search/names.js';
import type { HearingInfo } from '../catalogue.js';
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import { type CommitmentLine, type Reply, shownId } from '../reply.js';
import { perHearing, replyForName } from '../steps.js';

/** `/promises 经开区`, `/promises 智慧交通 市经信局` (one hearing); `/promises` alone counts them per body. */
export function promisesReply(k: Knowledge, arg: string): Reply {
  const { hearing, rest } = k.catalogue.split(arg);
  if (rest === '') return promisesPerBody(k, hearing);
  const key = hearing?.key;
  const normalise = k.engine.analyser.normalise;
  return replyForName(k, [{ hearing, resolution: resolveBody(rest, k.directoryOf(hearing).bodies, { normalise }) }], {
    what: 'promises',
    query: rest,
    candidate: (body) => ({ command: commands.promises(body, key), label: k.officialName(body) ?? '' }),
    none: [{ command: commands.promises(null, key), label: '各单位的承诺' }],
    found: (body) => bodyPromises(k, body, hearing),
  });
}

/** Bodies in the order they first answered, each with its count; those with none named in the note. */
function promisesPerBody(k: Knowledge, hearing: HearingInfo | null): Reply {
  const scope = k.scopeOf(hearing);
  const all = commitmentsIn(k, hearing);
  const lines = perHearing(k, hearing, (info) =>
    unique(info.entries.map(bodyOf)).flatMap((body) => {
      const mine = all.filter((c) => c.hearing === info.hearing.id && c.body === body);
      if (mine.length === 0) return [];
      const ids = unique(mine.map((c) => c.id));
      return [
        {
          key: body,
          cells: [`${mine.length}条`, ids.join(' ')],
          command: commands.promises(body, k.catalogue.keyOf(info)),
        },
      ];
    }),
  );
  const bodies = unique(scope.flatMap((info) => info.entries.map(bodyOf)));
  const withAny = bodies.filter((b) => all.some((c) => c.body === b));
  const without = bodies.filter((b) => !withAny.includes(b));
  const wanted = resolveBody(scope[0]!.examples.promises, k.directoryOf(hearing).bodies, {
    normalise: k.engine.analyser.normalise,
  });
  const example = wanted.kind === 'found' && withAny.includes(wanted.value) ? wanted.value : withAny[0];
  return {
    kind: 'list',
    title: `承诺与目标：${withAny.length}个答复单位共${all.filter((c) => withAny.includes(c.body)).length}条（带数字、时限或承诺用语的原文）：`,
    lines,
    note: `发送「${commands.promises('单位名')}」看该单位的承诺原文。${without.length > 0 ? `答复中没有摘出承诺的：${without.join('、')}。` : ''}`,
    suggestions: example ? [{ command: commands.promises(example), label: '' }] : [],
  };
}

/**
 * One body's commitments, verbatim, each with the question it answers, its due date and its status in the ledger;
 * grouped by hearing when several.
 */
export function bodyPromises(k: Knowledge, body: string, hearing: HearingInfo | null): Reply {
  const mine = commitmentsIn(k, hearing).filter((c) => c.body === body);
  const name = k.bodyName(body);
  const answered = k.directoryOf(hearing).entries.filter((e) => bodyOf(e) === body);
  const followed = new Map(k.followUps().map((f) => [f.commitment, f]));
  const items = mine.map((c) => commitmentLine(k, c, followed.get(c)));
  return {
    kind: 'commitments',
    title: mine.length > 0 ? `${name}的承诺与目标，共${mine.length}条（原文摘录）：` : `${name}的承诺与目标：`,
    items,
    note: mine.length > 0 ? null : '答复中没有摘出带数字、时限或承诺用语的句子，可以看完整回答。',
    suggestions: [
      ...(mine.length > 0 ? [] : answered.map((e) => ({ command: commands.q(e.id, k.catalogue.keyOf(e)), label: '' }))),
      { command: commands.promises(null, hearing?.key), label: '各单位的承诺' },
    ],
  };
}

/**
 * The commitments made in answer to these entries (「有什么数字」 after an answer): verbatim, in order, or a note that
 * the answer has none, with the body's own commitments to look at instead.
 * @example entryPromises(k, [q5]).kind // 'commitments'
 */
export function entryPromises(k: Knowledge, entries: readonly Entry[]): Reply {
  const mine = k.commitments().filter((c) => entries.some((e) => e.hearing === c.hearing && e.id === c.id));
  const bodies = unique(entries.map(bodyOf));
  const what = `${entries.map((e) => shownId(e.id, k.catalogue.tagOf(e))).join('、')} ${bodies.join('、')}`;
  return {
    kind: 'commitments',
    title: mine.length > 0 ? `${what}的承诺与目标，共${mine.length}条（原文摘录）：` : `${what}的承诺与目标：`,
    items: mine.map((c) => commitmentLine(k, c)),
    note: mine.length > 0 ? null : '这一回答中没有摘出带数字、时限或承诺用语的句子。',
    suggestions: [
      ...bodies.map((body) => ({ command: commands.promises(body), label: '' })),
      { command: commands.promises(), label: '各单位的承诺' },
    ],
  };
}

/**
 * A commitment as a reply quotes it, with the command that opens the answer it comes from and, when given, its
 * follow-up (due date, overdue, the ledger's status, note and source).
 */
export function commitmentLine(k: Knowledge, c: Commitment, f?: FollowUp): CommitmentLine {
  const from = k.catalogue.tagOf(c);
  return {
    id: c.id,
    ...(from ? { from } : {}),
    body: c.body,
    asker: c.asker,
    text: c.text,
    command: commands.q(c.id, k.catalogue.keyOf(c)),
    ...(f ? { followUp: followUpOf(f) } : {}),
  };
}

function followUpOf(f: FollowUp): NonNullable<CommitmentLine['followUp']> {
  const { note, source } = f.entry ?? {};
  return {
    due: f.due,
    recurring: f.recurring,
    overdue: f.overdue,
    status: f.status,
    ...(note ? { note } : {}),
    ...(source ? { source } : {}),
  };
}

/** The commitments of the hearings a command covers. */
function commitmentsIn(k: Knowledge, hearing: HearingInfo | null) {
  const ids = new Set(k.scopeOf(hearing).map((info) => info.hearing.id));
  return k.commitments().filter((c) => ids.has(c.hearing));
}

/** /promises, 承诺, 目标: what each body committed to. */
export const promises = defineIntent({
  name: 'promises',
  label: '承诺与目标',
  aliases: ['承诺与目标', '承诺', '目标'],
  description: '各单位的承诺与目标（数字、时限）',
  menu: (f) => `各单位的承诺与目标（数字、时限），如 ${commandText('promises', f.examples.promises)}`,
  usage: '[部门]',
  write: (body?: string | null, hearing?: string | null): string => commandText('promises', hearing, body),
  reply: promisesReply,
});
