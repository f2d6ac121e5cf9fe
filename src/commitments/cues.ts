// Cue detection: the concrete words (numbers, time frames, committing verbs) that make a clause a commitment, each rule named.
import { quotedSpans } from './clauses.js';
import type { Cue, CueKind } from './model.js';

/** A cue with where it was found in the clause. */
export interface FoundCue extends Cue {
  at: number;
}

/**
 * Every cue in one clause, in reading order. Words inside quotation marks are names (“3551光谷人才计划”, “5G提质升格行动”),
 * so only one rule looks inside them: a quoted name that starts with a number (“5151”人才培育工程, “1+12”工作方案)
 * is a numbered programme, which counts as a quantity.
 * @example findCues('每年至少要引进2家数字金融头部企业') // [{kind:'time',text:'每年',at:0}, {kind:'quantity',text:'2家',at:7}]
 */
export function findCues(clause: string): FoundCue[] {
  const quoted = quotedSpans(clause);
  const insideQuote = (at: number) => quoted.some(([from, to]) => at >= from && at < to);
  const cues: FoundCue[] = [];
  for (const rule of RULES) {
    for (const match of clause.matchAll(rule.pattern)) {
      const at = match.index + (match[0].length - (match.groups?.cue ?? match[0]).length);
      if (insideQuote(at)) continue;
      cues.push({ kind: rule.kind, text: match.groups?.cue ?? match[0], at });
    }
  }
  for (const [from, to] of quoted) {
    const number = QUOTED_NUMBER.exec(clause.slice(from, to));
    // Only a programme the clause delivers (实施“5151”人才培育工程) is a target; one it leans on (支持“965”产业体系中的…,
    // 推动“3551光谷人才计划”向…倾斜) is an existing programme's name.
    if (number && DELIVERS.test(clause.slice(0, from - 1))) cues.push({ kind: 'quantity', text: number[0], at: from });
  }
  return dropOverlaps(cues.sort((a, b) => a.at - b.at || b.text.length - a.text.length));
}

interface Rule {
  kind: CueKind;
  /** Global; when it has a `cue` group, only that group is the cue (the rest is context that must be there). */
  pattern: RegExp;
}

const CN_DIGITS = '一二两三四五六七八九十百千万';
// Measure words that count things a body can be held to. 方面 (三个方面的建议) counts points of a speech, not deliverables.
const UNITS = '平方公里|公里|纳米|亿元|万元|亿|万|个(?!方面)|家|名|款|项|座|所|条|户|台|套|倍|%|％';
const CN_UNITS = '平方公里|公里|个(?!方面)|家|名|款|项|座|所|条';

const RULES: Rule[] = [
  // 2家, 50名, 7纳米, 1平方公里, 1-2个; the number must not be glued to a Latin letter (5G is a technology, not an amount).
  {
    kind: 'quantity',
    pattern: new RegExp(`\\d+(?:\\.\\d+)?(?:\\s*[-—–~～至到]\\s*\\d+(?:\\.\\d+)?)?(?:${UNITS})`, 'g'),
  },
  // 一款, 两个, 十家; 一批/一把手/一张网 are not counted: 批 is no number and the others are idioms.
  { kind: 'quantity', pattern: new RegExp(`[${CN_DIGITS}]+(?:${CN_UNITS})`, 'g') },
  // A target of complete coverage (实现农村电商全覆盖) is as checkable as a number.
  { kind: 'quantity', pattern: /全覆盖/g },
  {
    kind: 'time',
    pattern:
      /从?今年(?:开始|起)?|从?明年(?:开始|起)?|今明两年|年内|年底前?|年末|每(?:年|季度|月|周)|下一步|逐步|近期|(?:到|至|于)?20\d\d年(?:底|前|内)?/g,
  },
  // 三年, 3年(内): a span of years; 近年来/年度 carry no number and are not deadlines.
  { kind: 'time', pattern: new RegExp(`(?<![\\d${CN_DIGITS}])[${CN_DIGITS}\\d]{1,2}年(?:内|以内)?(?!来|度|级)`, 'g') },
  // 出台 only with a word that makes it future: 「我市出台的政策措施」 reports the past.
  // 建成 but not 建成区 (the built-up area). 计划 as a noun only appears inside quoted names, which are skipped.
  { kind: 'verb', pattern: /争取|力争|计划|(?:准备|将|拟)出台|打造|建成(?!区)|建好|争创|创建|完成|制定|升级为/g },
  // Launching or carrying out a named programme (开展“5G提质升格行动”, 实施“互联网+农产品”出村进城工程) is checkable;
  // 开展/实施 of work in general (开展精准招商, 深入实施部门联合监管) is not, so only right before a quoted name.
  { kind: 'verb', pattern: /(?<cue>开展|实施)[“「"]/g },
];

/** Verbs that, right before a quoted name, make the clause deliver that programme. */
const DELIVERS = /(?:实施|启动|开展|出台|建成|建设|打造)$/;

/** The leading number of a quoted name: 5151, 1+12, 965 — but not 5 of “5G…”. */
const QUOTED_NUMBER = /^\d+(?:[+＋\-.]\d+)*(?![A-Za-z\d])/;

/** Keeps the first (and, at the same place, the longest) of cues that overlap, so 「从今年开始」 is not also 「今年」. */
function dropOverlaps(cues: FoundCue[]): FoundCue[] {
  const kept: FoundCue[] = [];
  for (const cue of cues) {
    const last = kept[kept.length - 1];
    if (last && cue.at < last.at + last.text.length) continue;
    kept.push(cue);
  }
  return kept;
}
