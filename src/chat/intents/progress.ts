// Progress questions (「经开区三年目标完成了吗」): a body, a goal and 完成/落实/进展 wording, answered from the ledger.

import { ledgerLookup } from '../../commitments/follow-up.js';
import { commands } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { commitmentLine } from './promises.js';

/**
 * The ledger's answer to a question about whether a body's goal was met: the commitment(s) it names, verbatim, with
 * due date, status, note and source, saying plainly when nothing is recorded; the body's whole list when no commitment
 * matches the words. Null when the message is no such question (or the body made no commitment): it is searched.
 * @example progressReply(k, '经开区三年目标完成了吗')?.items[0].text // '争取用三年时间在总量上实现较大增长'
 */
export function progressReply(k: Knowledge, text: string): Extract<Reply, { kind: 'commitments' }> | null {
  if (!PROGRESS.test(text) || !GOAL.test(text)) return null;
  const bodies = [...k.engine.read(text).bodies];
  const followed = k.followUps();
  const body = bodies.find((b) => followed.some((f) => f.commitment.body === b));
  if (body === undefined) return null;
  const named = ledgerLookup(followed, body, text);
  const shown = named.length > 0 ? named : followed.filter((f) => f.commitment.body === body);
  const name = k.bodyName(body);
  const unrecorded = shown.every((f) => f.status === null);
  return {
    kind: 'commitments',
    title:
      named.length > 0
        ? `${name}的这项承诺，督办台账的记录：`
        : `没有找到与问题对应的那一条，${name}的承诺共${shown.length}条，督办台账的记录：`,
    items: shown.map((f) => commitmentLine(k, f.commitment, f)),
    note: unrecorded
      ? '督办台账还没有登记进展，无法说明是否完成；以上是答复原文和由原文读出的期限。'
      : '进展以督办台账的登记为准（见进展说明和来源）。',
    suggestions: [
      { command: commands.promises(body), label: '该单位全部承诺' },
      { command: commands.due(), label: '到期的承诺' },
    ],
  };
}

/** Asking whether something was done: 完成了吗, 落实得怎么样, 进展如何, 兑现了没有. */
const PROGRESS = /完成|落实|兑现|进展|进度|做到了|实现了/;
/** What was promised: a goal, a commitment, a task, or a time frame (三年, 2025年). */
const GOAL = /目标|承诺|任务|计划|指标|[\d一二两三四五六七八九十]+年/;
