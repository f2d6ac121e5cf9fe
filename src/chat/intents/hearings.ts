// /hearings: the hearings loaded, each with its key, title, city, date and number of questions.
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { ListLine, Reply } from '../reply.js';

/** @example hearingsReply(k).lines.map((l) => l.key) // ['数字经济', '智慧交通'] */
export function hearingsReply(k: Knowledge): Reply {
  return {
    kind: 'list',
    title: `${k.catalogue.hearings.length}场专题询问：`,
    lines: hearingLines(k),
    note: null,
    suggestions: [{ command: commands.topic(), label: '全部主题' }],
  };
}

/** One line per hearing: key · title · city · date · how many questions; opens its list. */
export function hearingLines(k: Knowledge): ListLine[] {
  return k.catalogue.hearings.map((info) => ({
    key: info.key,
    cells: [info.hearing.title, info.city, info.dateLabel, `${info.hearing.items.length}问`].filter(
      (cell) => cell !== '',
    ),
    command: commands.list(info.key),
  }));
}

/** /hearings: offered only when several hearings are loaded. */
export const hearings = defineIntent({
  name: 'hearings',
  label: '全部专题询问',
  aliases: ['询问列表'],
  parse: () => ({ kind: 'hearings' }),
  description: '各场专题询问：标题、城市、日期和问题数',
  usage: '',
  severalHearingsOnly: true,
  write: () => commandText('hearings'),
  reply: hearingsReply,
});
