// What the chat knows, built once per conversation: hearings with their labels, entries, bodies, people, commitments.
import { type FollowUp, followUps, todayOf } from '../commitments/follow-up.js';
import { type Ledger, ledgerPath, readLedger } from '../commitments/ledger.js';
import { loadCommitments } from '../commitments/load.js';
import type { Commitment } from '../commitments/model.js';
import { type Cities, citiesFile, type HearingPlaces, loadCities, placesOf } from '../hearing/cities.js';
import { bodyOf } from '../hearing/model.js';
import { DATA_DIR } from '../paths.js';
import type { SearchEngine } from '../search/engine.js';
import type { Directory } from '../search/names.js';
import { answeringBodies } from '../search/names.js';
import { type Catalogue, createCatalogue, type HearingInfo, readHearingLabels } from './catalogue.js';
import type { MenuFacts } from './intent.js';

/** Everything an intent may consult; see {@link createKnowledge}. */
export interface Knowledge {
  engine: SearchEngine;
  catalogue: Catalogue;
  /** City names a message may name, and the home city (data/cities.json). */
  cities: Cities;
  /** Where a hearing held in `city` is, as a message names it, and every other place (worked out once per city). */
  placesOf(city: string): HearingPlaces;
  /** Every entry of every hearing and the bodies that answered them, for names (bodies, people) across hearings. */
  directory: Directory;
  /** The directory of one hearing (its entries, bodies and themes), or of all when `hearing` is null. */
  directoryOf(hearing: HearingInfo | null): Directory;
  /** The hearings a command covers: the one it names, or all. */
  scopeOf(hearing: HearingInfo | null): readonly HearingInfo[];
  /**
   * 市经信局（武汉市经济和信息化局）: the printed name, with the official one when it differs; `city` picks among bodies
   * of the same printed name (南京市's 市发改委); without it, the first the glossary lists.
   */
  bodyName(body: string, city?: string): string;
  /** The glossary's official name of a body, if it has one (of `city`'s body of that printed name, when given). */
  officialName(body: string, city?: string): string | undefined;
  /** Every commitment of every hearing, loaded on first use. */
  commitments(): readonly Commitment[];
  /** Every commitment with its ledger status and due date as of today, in transcript order; the ledger read afresh. */
  followUps(): FollowUp[];
  /** The follow-up ledger as it is now (read afresh). */
  ledger(): Ledger;
  /** Today as an ISO date (the injected clock). */
  today(): string;
  /** Counts and examples for menus and help, from the data. */
  facts: MenuFacts;
  /** What a not-found says was searched when several hearings are loaded (这2场专题询问); null with one. */
  scope: string | null;
  /** Other good matches offered under the best one. */
  relatedLimit: number;
}

export interface KnowledgeOptions {
  engine: SearchEngine;
  /** Default: read from index/ on first use. */
  commitments?: readonly Commitment[];
  /** Where `hearings/<id>.json` labels live. Default: the project's data/. */
  dataDir?: string;
  relatedLimit?: number;
  /** The follow-up ledger, read on each use so staff edits show at once. Default: `HEARING_LEDGER_FILE` or data/ledger.json. */
  ledger?: () => Ledger;
  /** Today as an ISO date. Default: `HEARING_TODAY`, else the machine's date. */
  today?: () => string;
  /** Default: the data folder's cities.json, else the project's. */
  cities?: Cities;
}

/**
 * Builds what the intents consult from the engine and each hearing's labels file; throws (naming the file) when a
 * labels file is malformed.
 * @example const knowledge = createKnowledge({ engine: loadEngine() }); knowledge.catalogue.several // false
 */
export function createKnowledge(options: KnowledgeOptions): Knowledge {
  const { engine } = options;
  const normalise = engine.analyser.normalise;
  const cities = options.cities ?? loadCities(citiesFile(options.dataDir ?? DATA_DIR));
  const catalogue = createCatalogue(engine.hearings, readHearingLabels(engine.hearings, options.dataDir), {
    bodies: engine.glossary.bodies,
    normalise,
    homeCity: cities.home,
  });
  const directories = new Map<HearingInfo | null, Directory>();
  const directoryOf = (hearing: HearingInfo | null): Directory => {
    let directory = directories.get(hearing);
    if (!directory) {
      const entries = hearing ? hearing.entries : engine.entries;
      directory = {
        entries,
        bodies: answeringBodies(engine.glossary.bodies, entries.map(bodyOf)),
        // Theme numbers count within one hearing: resolve them per hearing (directoryOf(info)).
        themes: hearing ? hearing.hearing.themes : catalogue.hearings.flatMap((h) => h.hearing.themes),
        normalise,
        terms: engine.glossary.terms,
      };
      directories.set(hearing, directory);
    }
    return directory;
  };
  // Without a city, the first entry of a printed name (Wuhan's come first): another city's 市发改委 must not rename
  // Wuhan's. With one, that city's body (a body without a city is the home city's).
  const official = new Map<string, string>();
  for (const b of engine.glossary.bodies) {
    if (!official.has(b.printed)) official.set(b.printed, b.official);
    const inCity = `${b.city ?? cities.home}|${b.printed}`;
    if (!official.has(inCity)) official.set(inCity, b.official);
  }
  const officialName = (body: string, city?: string) =>
    city === undefined ? official.get(body) : official.get(`${city}|${body}`);
  let commitments = options.commitments;
  const infos = catalogue.hearings;
  const first = infos[0]!;
  const ledger = options.ledger ?? (() => readLedger(ledgerPath()));
  const today = options.today ?? (() => todayOf());
  const places = new Map<string, HearingPlaces>();
  const qualified = (example: string) => (catalogue.several ? `${first.key} ${example}` : example);
  return {
    engine,
    catalogue,
    cities,
    placesOf: (city) => places.get(city) ?? places.set(city, placesOf(cities, city)).get(city)!,
    directory: directoryOf(null),
    directoryOf,
    scopeOf: (hearing) => (hearing ? [hearing] : infos),
    officialName,
    bodyName(body, city) {
      const name = officialName(body, city);
      return `${body}${name && name !== body ? `（${name}）` : ''}`;
    },
    commitments: () => (commitments ??= loadCommitments()),
    followUps() {
      commitments ??= loadCommitments();
      return followUps(commitments, ledger(), today());
    },
    ledger,
    today,
    facts: {
      hearings: infos.length,
      themes: infos.reduce((n, h) => n + h.hearing.themes.length, 0),
      items: infos.reduce((n, h) => n + h.hearing.items.length, 0),
      examples: {
        dept: first.examples.dept,
        who: first.examples.who,
        topic: qualified(first.examples.topic),
        q: qualified(first.examples.q),
        promises: first.examples.promises,
      },
    },
    scope: catalogue.several ? `这${infos.length}场专题询问` : null,
    relatedLimit: options.relatedLimit ?? 4,
  };
}
