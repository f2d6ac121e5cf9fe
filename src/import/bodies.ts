// The answering body in a speaker's words (市发改委主任王五 → 市发改委, with the person kept), named as the bodies table prints it.
import type { AnsweringBody } from '../hearing/glossary.js';

/** The body and the person who spoke for it. */
export interface Answerer {
  body: string;
  /** The speaker as printed when a person is named with the body; null when only the body is. */
  answerer: string | null;
}

/** The bodies the import knows: the glossary's table and the city of a body or record that names none. */
export interface KnownBodies {
  /** data/glossary.json `bodies`. */
  bodies: readonly AnsweringBody[];
  /** data/cities.json `home`, as the index build reads it (武汉市). */
  home: string;
}

/**
 * The bodies table as the import uses it: short, printed and full names → the printed name, for one city (a record
 * that names none is the home city's, as is a body without a city).
 * @example bodyTable({ bodies: glossary.bodies, home: '武汉市' }, '武汉市').printedName('经信局') // '市经信局'
 */
export function bodyTable({ bodies, home }: KnownBodies, city: string | null) {
  const names = new Map<string, string>();
  for (const body of bodies) {
    if ((body.city ?? home) !== (city ?? home)) continue;
    const cityName = (body.city ?? home).replace(/市$/, '');
    for (const name of [body.printed, body.official, ...body.aliases]) {
      const bare = name.replace(new RegExp(`^${cityName}市?`), '').replace(/^市/, '');
      for (const variant of [name, bare, `市${bare}`, `${cityName}市${bare}`, `${cityName}${bare}`])
        if (!names.has(variant)) names.set(variant, body.printed);
    }
  }
  return {
    /** The printed name of a body the table knows, else the name as given. */
    printedName: (name: string): string => names.get(name) ?? name,
  };
}
export type BodyTable = ReturnType<typeof bodyTable>;

/**
 * Splits a speaker into body and person: the body is what precedes the first title word (主任, 局长, 负责人…).
 * Null when no body can be told (a bare name, a title without a body).
 * @example answererOf('市发改委主任王五', table) // { body: '市发改委', answerer: '市发改委主任王五' }
 * @example answererOf('市经信局', table) // { body: '市经信局', answerer: null }
 */
export function answererOf(speaker: string, table: BodyTable): Answerer | null {
  const title = TITLE_WORD.exec(speaker);
  const body = title ? speaker.slice(0, title.index) : speaker;
  if (!BODY_END.test(body) && table.printedName(body) === body) return null;
  return { body: table.printedName(body), answerer: title ? speaker : null };
}

/** Whether a speaker names two people or bodies (张三、李四委员; 市发改委主任王五和市经信局局长赵六). */
export function namesTwo(speaker: string): boolean {
  // Titles listed before one name (市人大常委会委员、财经委主任委员刘明; 党组书记、主任王五) are one person.
  const parts = speaker.split('、');
  if (parts.length > 1 && parts.slice(0, -1).some((part) => !ENDS_WITH_TITLE.test(part))) return true;
  const withoutTitleRuns = parts.join('');
  if (/[与及]/.test(withoutTitleRuns)) return true;
  return /(?:委员|代表|局长|主任|市长|负责人)\p{Script=Han}{2,3}和|^\p{Script=Han}{2,3}和\p{Script=Han}{2,3}(?:委员|代表)$/u.test(
    withoutTitleRuns,
  );
}

/** Whether the words name a body or its official (for telling an answer's speaker from an asker). */
export function looksLikeBody(speaker: string, table: BodyTable): boolean {
  return answererOf(speaker, table) !== null;
}

const TITLE_WORD =
  /(?:党组书记|党委书记|副书记|书记|常务副局长|副局长|局长|常务副主任|副主任|主任|常务副市长|副市长|市长|副区长|区长|副院长|院长|副处长|处长|有关负责人|主要负责人|负责人|副总经理|总经理|董事长|副秘书长|秘书长|一级巡视员|二级巡视员|巡视员|总工程师|副厅长|厅长|主要负责同志|相关负责人)/;
const ENDS_WITH_TITLE = new RegExp(`(?:${TITLE_WORD.source}|委员|代表|组长|主任委员)$`);
const BODY_END = /(?:局|委|办|厅|政府|管委会|区|中心|院|署|公司|集团|部|所|站|行|处|馆)$/;
