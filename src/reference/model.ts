// The quick reference as data: one hearing's cards, indexes and closing, with each body's names, ready to render.

import type { AnsweringBody, Glossary } from '../hearing/glossary.js';
import {
  CLOSING_BODY,
  type Closing,
  type Hearing,
  type MeetingLine,
  meetingLine,
  type Person,
  type QaItem,
  type Theme,
} from '../hearing/model.js';

/** One answering body as the page shows it: printed name first, then what people also call it. */
export interface ReferenceBody {
  printed: string;
  /** The official full name; equals `printed` when the glossary does not know the body. */
  official: string;
  /** Short names people type (经信局, 光谷…), searched but not shown. */
  aliases: string[];
}

/** One theme with its Q&A items in transcript order. */
export interface ThemeGroup {
  theme: Theme;
  items: QaItem[];
}

/** An index line: a body or an asker and the items that lead to them. */
export interface IndexLine<K> {
  key: K;
  items: QaItem[];
}

/** Everything the page and the Markdown say, derived once from a hearing and the glossary. */
export interface ReferenceModel {
  hearing: Hearing;
  meeting: MeetingLine;
  themes: ThemeGroup[];
  /** Answering bodies in order of first answer; the closing's 市政府 is not among them. */
  byBody: IndexLine<ReferenceBody>[];
  /** Askers in order of first question. */
  byAsker: IndexLine<Person>[];
  closing: Closing | null;
  /** Printed body name → its names; covers every Q&A body and, when there is a closing, 市政府. */
  bodies: ReadonlyMap<string, ReferenceBody>;
}

/**
 * Groups a hearing for the quick reference. Bodies missing from the glossary still get a page entry (with no
 * short names), so a new transcript never silently loses an answer.
 * @example buildReferenceModel(hearing, glossary).byBody[0]?.key.printed // '市经信局'
 */
export function buildReferenceModel(hearing: Hearing, glossary: Glossary): ReferenceModel {
  const known = new Map(glossary.bodies.map((b) => [b.printed, b] as const));
  const printedNames = [...hearing.items.map((item) => item.body), ...(hearing.closing ? [CLOSING_BODY] : [])];
  const bodies = new Map(printedNames.map((printed) => [printed, referenceBody(printed, known.get(printed))] as const));

  const themes = hearing.themes.map((theme) => ({
    theme,
    items: hearing.items.filter((item) => item.theme.index === theme.index),
  }));
  const orphans = hearing.items.filter((item) => !hearing.themes.some((t) => t.index === item.theme.index));
  if (orphans.length > 0)
    throw new Error(
      `reference: ${orphans[0]!.id} is under theme ${orphans[0]!.theme.index}, which hearing ${hearing.id} does not list`,
    );

  return {
    hearing,
    meeting: meetingLine(hearing),
    themes,
    byBody: groupBy(hearing.items, (item) => item.body).map(([printed, items]) => ({
      key: bodies.get(printed)!,
      items,
    })),
    byAsker: groupBy(hearing.items, (item) => `${item.asker.name}\u0000${item.asker.title}`).map(([, items]) => ({
      key: items[0]!.asker,
      items,
    })),
    closing: hearing.closing,
    bodies,
  };
}

function referenceBody(printed: string, known: AnsweringBody | undefined): ReferenceBody {
  return known
    ? { printed, official: known.official, aliases: known.aliases }
    : { printed, official: printed, aliases: [] };
}

/** Groups in order of first appearance (Map keeps insertion order). */
function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const value of values) groups.set(keyOf(value), [...(groups.get(keyOf(value)) ?? []), value]);
  return [...groups];
}
