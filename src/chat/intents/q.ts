// /q: one question and its answer in full (5, q5, 第5题, closing); with several hearings, `/q 2` asks which hearing's.

import { bodyOf, type Entry, personOf } from '../../hearing/model.js';
import type { Resolution } from '../../search/names.js';
import { resolveItem } from '../../search/names.js';
import type { HearingInfo } from '../catalogue.js';
import { commands } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { questionList } from './list.js';
import { answer, followUps, settle } from './steps.js';

/** `/q 5`, `/q closing`, `/q 智慧交通 2` or `/q 智慧交通q2`; `/q` alone lists the questions. */
export function q(k: Knowledge, arg: string): Reply {
  const { hearing, rest } = k.catalogue.split(arg);
  if (rest === '') return questionList(k, hearing);
  return settle(
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
  return answer(k, 'q', null, [entry], [], followUps(k, entry));
}

function itemIn(k: Knowledge, info: HearingInfo, text: string): Resolution<Entry> {
  const entry = resolveItem(k.directoryOf(info), text);
  return entry ? { kind: 'found', value: entry } : { kind: 'none' };
}
