// What a record says about itself: its title, its subject, the city that held it and the day.
import type { Paragraph } from './model.js';

/**
 * The city: the one named with its People's Congress or government (成都市人大常委会, 武汉市人民政府), else the
 * city named most often (武汉 in 「武汉经济社会…」); null when none is named.
 * @example cityOf(['9月13日,成都市人大常委会举行…']) // '成都市'
 */
export function cityOf(texts: readonly string[]): string | null {
  const all = texts.join('\n');
  const formal = /(\p{Script=Han}{2,3}?)市(?:第?[一二三四五六七八九十]+届)?(?:人大|人民代表大会|人民政府|政府)/u.exec(
    all,
  );
  if (formal && !/^(?:本|全|该|我)/.test(formal[1]!)) return `${formal[1]}市`;
  const counts = new Map<string, number>();
  for (const match of all.matchAll(/(\p{Script=Han}{2})(?:市|经济|人大)/gu)) {
    const name = match[1]!;
    if (KNOWN_CITIES.includes(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? `${best[0]}市` : null;
}

/**
 * The day with its year, YYYY-MM-DD; null when the text prints none with a year.
 * @example dateOf(['2024年6月5日,…']) // '2024-06-05'
 */
export function dateOf(texts: readonly string[]): string | null {
  const printed = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(texts.join('\n'));
  if (!printed) return null;
  return `${printed[1]}-${printed[2]!.padStart(2, '0')}-${printed[3]!.padStart(2, '0')}`;
}

/** The month and day printed without a year (9月13日), to check a `--date` against. */
export function printedMonthDay(texts: readonly string[]): { month: number; day: number } | null {
  const printed = /(\d{1,2})月(\d{1,2})日/.exec(texts.join('\n'));
  return printed ? { month: Number(printed[1]), day: Number(printed[2]) } : null;
}

/** The title line without the dashes some records print around it. */
export function titleOf(first: Paragraph | undefined): string {
  return (first?.text ?? '')
    .replace(/^[—-]+/, '')
    .replace(/[—-]+$/, '')
    .trim();
}

/**
 * What the hearing was about: the quoted words of the title (「加快发展数字经济」), else the title without
 * 「专题询问…」.
 * @example subjectOf('——市人大常委会“加快发展数字经济”专题询问摘录') // '加快发展数字经济'
 */
export function subjectOf(title: string): string {
  const quoted = /[“「"『]([^”」"』]{2,40})[”」"』]/.exec(title);
  if (quoted) return quoted[1]!;
  const bare = title
    .replace(/^.*?(?:人大常委会|常委会)/, '')
    .replace(/(?:专题询问|询问).*$/, '')
    .replace(/^(?:开展|举行|关于)/, '')
    .trim();
  return (bare || title).slice(0, 40);
}

// Cities named without 市 in running text (「武汉经济…」); a formal 「X市人大」 names any other.
const KNOWN_CITIES = ['武汉', '北京', '上海', '天津', '重庆', '广州', '深圳', '成都', '杭州', '南京', '长沙', '郑州'];
