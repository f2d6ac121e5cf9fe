// /closing: the overall response that closed the hearing (总体回应), in full; with several hearings, each one's.

import type { Entry } from '../../hearing/model.js';
import type { Resolution } from '../../search/names.js';
import type { HearingInfo } from '../catalogue.js';
import { commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { replyForName } from '../steps.js';
import { itemAnswer } from './q.js';

/**
 * `/closing`, `总体回应`, `/closing 智慧交通` (one hearing's); anything else after it is a label and is ignored.
 * @example closingReply(k, '').kind // 'answer': 市政府副市长汪元程's overall response
 */
export function closingReply(k: Knowledge, arg: string): Reply {
  const { hearing } = k.catalogue.split(arg);
  return replyForName(
    k,
    k.scopeOf(hearing).map((info) => ({ hearing: info, resolution: closingOf(info) })),
    {
      what: 'q',
      query: arg === '' ? '总体回应' : arg,
      candidate: (_, info) => ({ command: commandText('closing', info && k.catalogue.keyOf(info)), label: '' }),
      none: [{ command: commandText('list', hearing?.key), label: '全部问题' }],
      found: (entry) => itemAnswer(k, entry),
    },
  );
}

function closingOf(info: HearingInfo): Resolution<Entry> {
  return info.hearing.closing ? { kind: 'found', value: info.hearing.closing } : { kind: 'none' };
}

/** /closing, 总体回应, 收尾, 最后讲话: the overall response. */
export const closing = defineIntent({
  name: 'closing',
  label: '总体回应',
  aliases: ['总体回应', '收尾', '最后讲话'],
  description: '总体回应：会议最后的讲话',
  usage: '',
  write: (hearing?: string | null): string => commandText('closing', hearing),
  reply: closingReply,
});
