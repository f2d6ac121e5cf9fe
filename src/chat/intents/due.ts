// /due: the commitments overdue or falling due within 90 days, oldest first, each verbatim with its body, status and /q n.

import { DUE_HORIZON_DAYS, dueList } from '../../commitments/follow-up.js';
import { chineseDate } from '../../hearing/model.js';
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { commitmentLine } from './promises.js';

/**
 * `/due`, 到期, 督办, 快到期的承诺: what the ledger's staff should chase today. With several hearings, every hearing's.
 * @example dueReply(k).title // '截至2026年10月1日，已逾期1条，90天内到期2条（原文摘录，按到期日排列）：'
 */
export function dueReply(k: Knowledge): Reply {
  const today = k.today();
  const due = dueList(k.commitments(), k.ledger(), today);
  const overdue = due.filter((f) => f.overdue).length;
  const suggestions = [{ command: commands.promises(), label: '各单位的承诺' }];
  if (due.length === 0)
    return {
      kind: 'commitments',
      title: `截至${chineseDate(today)}，没有已逾期或${DUE_HORIZON_DAYS}天内到期的承诺。`,
      items: [],
      note: null,
      suggestions,
    };
  return {
    kind: 'commitments',
    title: `截至${chineseDate(today)}，已逾期${overdue}条，${DUE_HORIZON_DAYS}天内到期${due.length - overdue}条（原文摘录，按到期日排列）：`,
    items: due.map((f) => commitmentLine(k, f.commitment, f)),
    note: '进展由工作人员登记在督办台账中（npm run -s cli -- promises set）。',
    suggestions,
  };
}

/** /due, 到期, 督办, 快到期的承诺: the due list. */
export const due = defineIntent({
  name: 'due',
  aliases: ['快到期的承诺', '到期的承诺', '到期', '督办'],
  // Whatever follows after a space is ignored; glued words (「督办工作怎么开展」) make a question.
  parse: () => ({ kind: 'due' }),
  description: '督办：已逾期和90天内到期的承诺',
  label: '到期的承诺',
  usage: '',
  write: () => commandText('due'),
  reply: dueReply,
});
