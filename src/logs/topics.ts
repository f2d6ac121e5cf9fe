// Misses grouped into topics by the words they share, for a committee choosing what to ask about next.
import type { SearchEngine } from '../search/engine.js';
import type { Miss } from './misses.js';
import { dayOf } from './period.js';

/** One topic: the misses that share its words. */
export interface MissTopic {
  /** Its most telling words, most telling first: 「停车 · 充电桩」. */
  name: string;
  words: string[];
  size: number;
  /** First and last day asked (UTC+8). */
  first: string;
  last: string;
  /** Up to three different questions, most recent first. */
  examples: string[];
}

/**
 * The content words of a question as topics compare them: the engine's segmentation (jieba with the hearing's
 * dictionary, fillers and stop words removed) of the normalised text (Traditional → Simplified, width, case), each
 * glossary synonym folded into the word it stands for (大模型 → 人工智能), a Chinese word of three characters or more
 * with its first and last two (停车场 → 停车, 车场), single characters left out.
 * @example topicWords(engine)('停車場收費') // ['停车场', '停车', '车场', '收费']
 */
export function topicWords(engine: Pick<SearchEngine, 'analyser' | 'glossary'>): (text: string) => string[] {
  const { normalise } = engine.analyser;
  const canonical = new Map<string, string>();
  for (const [word, targets] of Object.entries(engine.glossary.synonyms))
    if (targets[0]) canonical.set(normalise(word), normalise(targets[0]));
  return (text) => [
    ...new Set(
      engine.analyser
        .queryWords(text)
        // 停车场 and 停车位 share 停车, 数据安全 and 网络安全 share 安全: a longer word brings its ends.
        .flatMap(withEnds)
        .map((w) => canonical.get(w) ?? w)
        .filter((w) => [...w].length > 1),
    ),
  ];
}

/**
 * Topics, biggest first. Greedy by shared words: the word most misses share (but not so common that it says nothing:
 * at most half of them) makes a topic of every miss that has it; those misses are taken, and the next word goes on.
 * A miss that shares no word with another is a topic of its own. Each topic is named by its words weighted by how
 * often they occur in it and how rare they are elsewhere.
 * @example missTopics(misses, topicWords(engine)).slice(0, 10)
 */
export function missTopics(misses: readonly Miss[], wordsOf: (text: string) => string[]): MissTopic[] {
  const words = misses.map((m) => wordsOf(m.text));
  const frequency = new Map<string, number>();
  for (const list of words) for (const w of list) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const common = Math.max(2, Math.floor(misses.length / 2));
  const seeds = [...frequency]
    .filter(([, n]) => n >= 2 && n <= common)
    .sort(([a, x], [b, y]) => y - x || [...b].length - [...a].length || a.localeCompare(b));
  const taken = new Set<number>();
  const groups: number[][] = [];
  for (const [seed] of seeds) {
    const members = words.flatMap((list, i) => (!taken.has(i) && list.includes(seed) ? [i] : []));
    if (members.length < 2) continue;
    for (const i of members) taken.add(i);
    groups.push(members);
  }
  misses.forEach((_, i) => {
    if (!taken.has(i)) groups.push([i]);
  });
  const idf = (w: string) => Math.log((misses.length + 1) / (frequency.get(w) ?? 1));
  return groups
    .map((members) => topicOf(members, misses, words, idf))
    .sort((a, b) => b.size - a.size || b.last.localeCompare(a.last) || a.name.localeCompare(b.name));
}

function topicOf(members: number[], misses: readonly Miss[], words: string[][], idf: (w: string) => number): MissTopic {
  const inTopic = new Map<string, number>();
  for (const i of members) for (const w of words[i]!) inTopic.set(w, (inTopic.get(w) ?? 0) + 1);
  // A word the topic shares beats one a single question brought; then the rarer across all misses.
  const telling = [...inTopic]
    .filter(([, n]) => members.length === 1 || n >= 2)
    .map(([w, n]) => ({ w, score: n * (1 + idf(w)) }))
    .sort((a, b) => b.score - a.score || a.w.localeCompare(b.w))
    .slice(0, NAME_WORDS)
    .map((x) => x.w);
  const days = members.map((i) => dayOf(misses[i]!.time)).sort();
  const newestFirst = [...members].sort((a, b) => misses[b]!.time.localeCompare(misses[a]!.time));
  const examples: string[] = [];
  for (const i of newestFirst) {
    const text = misses[i]!.text.replace(/\s+/g, ' ').trim();
    if (!examples.includes(text)) examples.push(text);
    if (examples.length === EXAMPLES) break;
  }
  const name = telling.length > 0 ? telling.join(' · ') : (examples[0] ?? '');
  return { name, words: telling, size: members.length, first: days[0]!, last: days.at(-1)!, examples };
}

/** A word, and for a Chinese word of three characters or more its first two and last two characters. */
function withEnds(word: string): string[] {
  const chars = [...word];
  if (chars.length < 3 || !/^\p{Script=Han}+$/u.test(word)) return [word];
  return [word, chars.slice(0, 2).join(''), chars.slice(-2).join('')];
}

/** A topic is named by up to this many words. */
const NAME_WORDS = 3;
/** Examples shown per topic. */
const EXAMPLES = 3;
