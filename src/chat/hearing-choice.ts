// Several hearings: which one a message picks (a year, a subject, 上次/去年那次), a city none is from, and the newest
// hearing's answer first with the others that also answer named 「另见」.

import type { SearchHit } from '../search/engine.js';
import type { HearingInfo } from './catalogue.js';
import { commands } from './intent.js';
import type { Knowledge } from './knowledge.js';
import type { Suggestion } from './reply.js';

/** What a message says about which hearing it asks: one picked, a city outside them all, or nothing. */
export interface HearingChoice {
  /** The hearing it picks; null: all of them. */
  hearing: HearingInfo | null;
  /** The message without the words that picked it (2022年的, 上次), for the search. */
  rest: string;
  /** A city the message names that no loaded hearing is from (南京 when only Wuhan's are loaded); null otherwise. */
  outsideCity: string | null;
}

/**
 * Reads which hearing a message asks about. With one hearing loaded only a city outside it counts. A year picks the
 * hearing held that year (a year no hearing has is content: 到2025年); 上次 picks the newest, 去年那次/前年那次 the one
 * held that year counting from today; a city only one hearing is from picks it; the full subject picks its hearing
 * (「优化营商环境」).
 * @example chooseHearing(k, '2022年那次企业开办怎么说').hearing?.subject // '优化营商环境'
 */
export function chooseHearing(k: Knowledge, text: string): HearingChoice {
  const infos = k.catalogue.hearings;
  const outsideCity = cityOutside(k, text);
  if (!k.catalogue.several) return { hearing: null, rest: text, outsideCity };
  const byYear = (year: number) => infos.filter((h) => h.date?.startsWith(String(year)));
  const year = YEAR.exec(text);
  if (year) {
    const held = byYear(Number(year[1]));
    if (held.length === 1) return { hearing: held[0]!, rest: strip(text, year[0]), outsideCity };
  }
  const relative = RELATIVE.exec(text);
  // 去年 alone is content (去年增长了多少); 去年那次 is a hearing.
  if (relative && (relative[1]!.startsWith('上') || relative[2])) {
    const back = relative[1] === '去年' ? 1 : relative[1] === '前年' ? 2 : 0;
    const held = back === 0 ? newestFirst(infos).slice(0, 1) : byYear(Number(k.today().slice(0, 4)) - back);
    if (held.length === 1) return { hearing: held[0]!, rest: strip(text, relative[0]), outsideCity };
  }
  const fromCity = infos.filter((h) => k.cities.cities.some((c) => text.includes(c) && h.city.startsWith(c)));
  if (fromCity.length === 1) return { hearing: fromCity[0]!, rest: text, outsideCity };
  const folded = text.replace(/\s+/g, '');
  const bySubject = infos.filter((h) => folded.includes(h.subject));
  if (bySubject.length === 1) return { hearing: bySubject[0]!, rest: text, outsideCity };
  return { hearing: null, rest: text, outsideCity };
}

/** The hearings, the newest first (undated ones last, in loading order). */
export function newestFirst(infos: readonly HearingInfo[]): HearingInfo[] {
  return [...infos].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}

/**
 * Confident hits arranged by the newest-first rule: the best hit of the newest hearing that answers, its other hits as
 * related, and one 「另见」 line for each other hearing that also answers, naming its year, subject and item.
 * @example arrangeHits(k, hits).seeAlso[0]?.label // '2022年「优化营商环境」q3'
 */
export function arrangeHits(k: Knowledge, hits: readonly SearchHit[]): { hits: SearchHit[]; seeAlso: Suggestion[] } {
  if (!k.catalogue.several || hits.length === 0) return { hits: [...hits], seeAlso: [] };
  const answering = newestFirst(k.catalogue.hearings).filter((info) =>
    hits.some((h) => h.entry.hearing === info.hearing.id),
  );
  const [newest, ...others] = answering;
  const seeAlso = others.map((info) => {
    const best = hits.find((h) => h.entry.hearing === info.hearing.id)!.entry;
    const year = info.date ? `${info.date.slice(0, 4)}年` : '';
    return { command: commands.q(best.id, info.key), label: `${year}「${info.subject}」${best.id}` };
  });
  return { hits: hits.filter((h) => h.entry.hearing === newest!.hearing.id), seeAlso };
}

/**
 * The city a message is about when no loaded hearing is from it: exactly one city named, and none of theirs. Several
 * named (「跑去上海、北京办活动拉企业来汉」) are places on the way, not what is asked about.
 */
function cityOutside(k: Knowledge, text: string): string | null {
  const loaded = new Set(k.catalogue.hearings.map((h) => h.city.replace(/市$/, '')));
  const named = k.cities.cities.filter((city) => text.includes(city));
  if (named.length !== 1 || loaded.has(named[0]!)) return null;
  return named[0]!;
}

function strip(text: string, words: string): string {
  const rest = text.replace(words, ' ').replace(/\s+/g, ' ').trim();
  return /[\p{L}\p{N}]/u.test(rest) ? rest : text;
}

/** 2022年的, 2022年那次, 2022年专题询问里: a year as a hearing's. */
const YEAR = /(20\d\d)\s*年(?:的|那次|那场|专题询问|询问)?(?:里|上|中)?/;
/** 上次, 上一次, 去年那次, 前年那场. */
const RELATIVE = /(上一?次|去年|前年)(那次|那场|的那次|那一次|的专题询问|专题询问)?(?:里|上|中)?/;
