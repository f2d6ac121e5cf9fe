// The party a message asks (政府 of 政府有没有补贴, 政府那边打算怎么弄): the one expected to act, not the topic asked about.
import type { AskedParty } from '../hearing/asking.js';
import { alternation } from './analyse.js';

/**
 * Builds the finder from data/asking.json's `askedParty`: which of its words a clause names as the party it asks, that
 * is, right before a word that asks (有没有, 打算, 怎么; after dialect is read). Every answer comes from a government
 * body, so 政府 there says nothing about which one; as a topic (政府引导基金, 政府产业基金) it is still read.
 * @example createAskedPartyFinder({ words: ['政府'], before: ['有没有'] })('中小企业转型政府有没有支持') // Set {'政府'}
 */
export function createAskedPartyFinder(table: AskedParty): (clause: string) => ReadonlySet<string> {
  if (table.words.length === 0 || table.before.length === 0) return () => NONE;
  const any = (words: readonly string[]) => alternation(words, '').source;
  const pattern = new RegExp(`(${any(table.words)})(?=${any(table.before)})`, 'gu');
  return (clause) => {
    const found = new Set<string>();
    for (const match of clause.matchAll(pattern)) found.add(match[1]!);
    return found;
  };
}

const NONE: ReadonlySet<string> = new Set();
