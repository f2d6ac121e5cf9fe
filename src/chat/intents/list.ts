// /list: every question one a line (of one hearing, or of all grouped by hearing), with the closing responses below.

import type { HearingInfo } from '../catalogue.js';
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import { displayPerson, type Reply, shorten, shownId } from '../reply.js';
import { notFound, perHearing } from '../steps.js';

/** With several hearings, `/list 智慧交通` lists one of them; with one, whatever follows /list is ignored as ever. */
export function listReply(k: Knowledge, arg = ''): Reply {
  if (!k.catalogue.several || arg.trim() === '') return questionList(k, null);
  const { hearing } = k.catalogue.split(arg);
  if (!hearing) return notFound(k, 'hearing', arg, [{ command: commands.hearings(), label: '全部专题询问' }]);
  return questionList(k, hearing);
}

/** The questions of one hearing or of all: id, asker, body, the question cut to one phone line. */
export function questionList(k: Knowledge, hearing: HearingInfo | null): Reply {
  const scope = k.scopeOf(hearing);
  const lines = perHearing(k, hearing, (info) =>
    info.hearing.items.map((e) => ({
      key: shownId(e.id, k.catalogue.tagOf(e)),
      cells: [e.asker.name, e.body, shorten(e.question, LIST_QUESTION_CHARS)],
      command: commands.q(e.id, k.catalogue.keyOf(e)),
    })),
  );
  return {
    kind: 'list',
    title: `全部${lines.length}个问题：`,
    lines,
    note: null,
    suggestions: scope.flatMap(({ hearing: { closing } }) =>
      closing
        ? [
            {
              command: commands.q(closing.id, k.catalogue.keyOf(closing)),
              label: `${displayPerson(closing.speaker)}总体回应`,
            },
          ]
        : [],
    ),
  };
}

const LIST_QUESTION_CHARS = 24;

/** /list, 列表, 目录: every question. */
export const list = defineIntent({
  name: 'list',
  label: '全部问题',
  aliases: ['列表', '问题列表', '全部问题', '目录'],
  /** `arg` names a hearing when several are loaded (`/list 智慧交通`); absent when nothing follows. */
  parse: (arg) => (arg === '' ? { kind: 'list' } : { kind: 'list', arg }),
  description: '全部问题，一行一个',
  menu: (f) => `全部${f.items}个问题，一行一个`,
  usage: '',
  write: (hearing?: string | null): string => commandText('list', hearing),
  reply: listReply,
});
