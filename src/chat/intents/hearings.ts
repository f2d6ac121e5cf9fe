// /hearings: the hearings loaded, each with its key, title, date and number of questions.
import { commands } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { ListLine, Reply } from '../reply.js';

/** @example hearings(k).lines.map((l) => l.key) // ['数字经济', '智慧交通'] */
export function hearings(k: Knowledge): Reply {
  return {
    kind: 'list',
    title: `${k.catalogue.hearings.length}场专题询问：`,
    lines: hearingLines(k),
    note: null,
    suggestions: [{ command: commands.topic(), label: '全部主题' }],
  };
}

/** One line per hearing: key · title · date · how many questions; opens its list. */
export function hearingLines(k: Knowledge): ListLine[] {
  return k.catalogue.hearings.map((info) => ({
    key: info.key,
    cells: [info.hearing.title, info.dateLabel, `${info.hearing.items.length}问`].filter((cell) => cell !== ''),
    command: commands.list(info.key),
  }));
}
