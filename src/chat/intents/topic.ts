// /topic: the themes with their questions, or every Q&A under one theme (a number counts within its hearing).
import type { Theme } from '../../hearing/model.js';
import { resolveTheme } from '../../search/names.js';
import type { HearingInfo } from '../catalogue.js';
import { chineseCount, commands, commandText, defineIntent } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { Reply } from '../reply.js';
import { answer, perHearing, replyForName } from '../steps.js';

/** `/topic 2`, `/topic 治理`, `/topic 智慧交通 1`; `/topic` alone lists them. With several hearings `/topic 1` asks which. */
export function topicReply(k: Knowledge, arg: string): Reply {
  const { hearing, rest } = k.catalogue.split(arg);
  if (rest === '') return themeList(k, hearing);
  const scope = k.scopeOf(hearing);
  return replyForName(
    k,
    scope.map((info) => ({ hearing: info, resolution: resolveTheme(k.directoryOf(info), rest) })),
    {
      what: 'topic',
      query: rest,
      candidate: (theme, info) => ({
        command: commands.topic(theme.index, info && k.catalogue.keyOf(info)),
        label: theme.title,
      }),
      none: [{ command: commands.topic(null, hearing?.key), label: themeCount(scope) }],
      found: (theme, info) => themeAnswer(k, info!, theme),
    },
  );
}

/** Every Q&A under one theme, then the next theme and the theme list. */
function themeAnswer(k: Knowledge, info: HearingInfo, theme: Theme): Reply {
  const key = k.catalogue.keyOf(info);
  const entries = themeEntries(info, theme);
  const next = info.hearing.themes.find((t) => t.index === theme.index + 1);
  return answer(
    k,
    'topic',
    `主题${theme.index} ${theme.title}（${entries.length}问）：`,
    entries,
    [],
    [
      ...(next ? [{ command: commands.topic(next.index, key), label: next.title }] : []),
      { command: commands.topic(null, key), label: themeCount([info]) },
    ],
  );
}

/** The themes in order, each with its questions; with several hearings their numbers carry the hearing's key. */
export function themeList(k: Knowledge, hearing: HearingInfo | null): Reply {
  const lines = perHearing(k, hearing, (info) =>
    info.hearing.themes.map((t) => {
      const ids = themeEntries(info, t).map((e) => e.id);
      return {
        key: `${k.catalogue.keyOf(info) ?? ''}${t.index}`,
        cells: [t.title, `${ids.length}问：${ids.join(' ')}`],
        command: commands.topic(t.index, k.catalogue.keyOf(info)),
      };
    }),
  );
  return {
    kind: 'list',
    title: `${lines.length}个主题：`,
    lines,
    note: null,
    suggestions: [{ command: commands.topic(1, k.catalogue.keyOf(k.scopeOf(hearing)[0]!)), label: '' }],
  };
}

function themeEntries(info: HearingInfo, theme: Theme) {
  return info.entries.filter((e) => e.kind === 'qa' && e.theme.index === theme.index);
}

/** 「五个主题」: how many themes these hearings have, as a label. */
function themeCount(scope: readonly HearingInfo[]): string {
  return `${chineseCount(scope.reduce((n, info) => n + info.hearing.themes.length, 0))}个主题`;
}

/** /topic, 主题: by theme. */
export const topic = defineIntent({
  name: 'topic',
  label: '主题',
  aliases: ['主题'],
  // 「主题2」 opens theme 2; 「主题是什么」 is a question.
  glued: (rest) => /^[0-9一二三四五]$/.test(rest),
  description: '全部主题，或某主题下的问答',
  menu: (f) => `${chineseCount(f.themes)}个主题，或某主题下的问答，如 ${commandText('topic', f.examples.topic)}`,
  usage: '[序号或名称]',
  write: (theme?: number | string | null, hearing?: string | null): string =>
    commandText('topic', hearing, theme == null ? null : String(theme)),
  reply: topicReply,
});
