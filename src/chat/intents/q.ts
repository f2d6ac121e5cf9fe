// /q: one question and its answer in full (5, q5, 第5题, closing); with several hearings, `/q 2` asks which hearing's.

import { bodyOf, type Entry, personOf } from '../../hearing/model.js';
import type { Resolution } from '../../search/names.js';
import { resolveItem } from '../../search/names.js';
import type { HearingInfo } from '../catalogue.js';
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { answer, nextSteps, replyForName } from '../steps.js';
import { questionList } from './list.js';

/** `/q 5`, `/q closing`, `/q 智慧交通 2` or `/q 智慧交通q2`; `/q` alone lists the questions. */
export function qReply(k: Knowledge, arg: string): Reply {
  const { hearing, rest } = k.catalogue.split(arg);
  if (rest === '') return questionList(k, hearing);
  return replyForName(
    k,
    k.scopeOf(hearing).map((info) => ({ hearing: info, resolution: itemIn(k, info, rest) })),
    {
      what: 'q',
      query: rest,
      candidate: (entry) => ({
        command: commands.q(entry.id, k.catalogue.keyOf(entry)),
        label: `${bodyOf(entry)} · ${personOf(entry).name}`,
      }),
      none: [{ command: commands.list(hearing?.key), label: '全部问题' }],
      found: (entry) => itemAnswer(k, entry),
    },
  );
}

/** One entry in full, with what to open next. */
export function itemAnswer(k: Knowledge, entry: Entry): Reply {
  return answer(k, 'q', null, [entry], [], nextSteps(k, entry));
}

function itemIn(k: Knowledge, info: HearingInfo, text: string): Resolution<Entry> {
  const entry = resolveItem(k.directoryOf(info), text);
  return entry ? { kind: 'found', value: entry } : { kind: 'none' };
}

/** What may follow 「问题」 to open one item: a number, q-number or the closing response. */
const ITEM_ARG = /^(?:q?\s*[0-9]+|[一二两三四五六七八九十]+|closing|总体回应)$/i;

/** /q, 问题 5: one item in full. */
export const q = defineIntent({
  name: 'q',
  label: '看这一问全文',
  example: (f) => f.examples.q,
  aliases: ['问题'],
  // 「问题 5」 opens q5, but 「问题 经开区…」 and 「问题」 alone are questions.
  takes: (arg) => ITEM_ARG.test(arg),
  description: '看某一问的完整回答',
  menu: (f) => `看某一问的完整回答，如 ${commandText('q', f.examples.q)}`,
  usage: '<序号>',
  /** `id` is an entry id (`q5`, `closing`) or what a user would type after /q (`5`). */
  write: (id?: string | null, hearing?: string | null): string =>
    commandText('q', hearing, id?.replace(/^q(?=\d)/, '')),
  reply: qReply,
});
