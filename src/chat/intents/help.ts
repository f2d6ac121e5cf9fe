// /start, /help: what the hearings are, their themes, example questions and the commands, all from the data.

import { meetingLineWithYear } from '../../hearing/model.js';
import { unique } from '../../search/names.js';
import { commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { hearingLines } from './hearings.js';
import { intentTable } from './index.js';

/** @example helpReply(k).examples[0]?.command // '经开区汽车怎么说' */
export function helpReply(k: Knowledge): Reply {
  const infos = k.catalogue.hearings;
  const one = infos.length === 1 ? infos[0]! : null;
  const first = infos[0]!;
  return {
    kind: 'help',
    title: one ? one.hearing.title : `${infos.length}场专题询问：`,
    meetingLine: one ? meetingLineWithYear(one.hearing) : '',
    hearings: one ? [] : hearingLines(k),
    themes: infos.flatMap((info) =>
      info.hearing.themes.map((t) => ({ command: commands.topic(t.index, k.catalogue.keyOf(info)), label: t.title })),
    ),
    commands: intentTable()
      .filter((m) => m.name !== 'start' && (!m.severalHearingsOnly || k.catalogue.several))
      .map((m) => ({
        command: commandText(m.name, 'example' in m && m.example ? m.example(k.facts) : null),
        label: m.label,
      })),
    followUps: FOLLOW_UPS,
    examples: [
      ...unique(infos.map((info) => info.examples.questions[0]!)),
      commands.dept(first.examples.dept),
      commands.who(first.examples.who),
    ].map((command) => ({ command, label: '' })),
  };
}

/** What one can say after an answer or a list, for /help (read by `src/chat/cues.ts`). */
const FOLLOW_UPS = ['谁问的', '哪个部门答的', '有什么数字', '还有呢', '不对', '2'];

/** /start: what a new chat is greeted with, the same reply as /help. */
export const start = defineIntent({
  name: 'start',
  label: '开始',
  aliases: ['开始'],
  parse: () => ({ kind: 'help' }),
  description: '开始：专题询问讲了什么、怎么问',
  menu: (f) => `开始：${f.hearings > 1 ? '这几场' : '这次'}专题询问讲了什么、怎么问`,
  usage: '',
  write: () => commandText('start'),
  reply: helpReply,
});

/** /help: usage and example questions. */
export const help = defineIntent({
  name: 'help',
  label: '用法',
  aliases: ['帮助', '使用帮助', '用法'],
  parse: () => ({ kind: 'help' }),
  description: '帮助：用法和提问示例',
  usage: '',
  write: () => commandText('help'),
  reply: helpReply,
});
