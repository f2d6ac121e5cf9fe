// Who a speaker label names and in which role: an asker (委员, 代表, 副主任, 一位委员), an answering body or its official,
// or the official who gives the overall response; bare names take their role from the record's introduction.
import { splitPerson } from '../hearing/parse.js';
import { type BodyTable, looksLikeBody, namesTwo } from './bodies.js';

/** The role a speaker label has, and the label with the role the introduction gives a bare name. */
export type SpeakerRole =
  | { role: 'asker'; label: string }
  | { role: 'answerer'; label: string }
  | { role: 'official'; label: string }
  | { role: 'unknown' };

/**
 * Names an introduction gives a role: 「市人大常委会委员张三、李四」, 「市教育局局长王五」 → 李四: 市人大常委会委员李四.
 * @example introRoles(['出席的有市人大常委会委员张三、李四,市教育局局长王五。']).get('王五') // '市教育局局长王五'
 */
export function introRoles(intro: readonly string[]): Map<string, string> {
  const roles = new Map<string, string>();
  for (const paragraph of intro) {
    for (const clause of paragraph.split(/[,;。:()]/)) {
      let title = '';
      for (const part of clause.split('、')) {
        const words = part
          .replace(/\s+/g, '')
          .replace(/^(?:出席的有|参加询问的有|应询的有|到会应询的有|有|包括|以及|和)/, '')
          .replace(/(?:到会应询|应询|到会|列席会议|出席会议|等)$/, '');
        const person = ROLE_AND_NAME.exec(words);
        if (person?.[1]) title = person[1];
        if (person && title && !roles.has(person[2]!)) roles.set(person[2]!, `${title}${person[2]}`);
      }
    }
  }
  return roles;
}

/**
 * The role of a speaker label (reading copy, no colon).
 * @example speakerRole('张三委员', roles, table) // { role: 'asker', label: '张三委员' }
 */
export function speakerRole(label: string, roles: ReadonlyMap<string, string>, table: BodyTable): SpeakerRole {
  if (!SPEAKER.test(label)) return { role: 'unknown' };
  // Two people in one label (张三、李四委员): the role of either, so the caller can refuse it as fitting two people.
  if (namesTwo(label)) {
    for (const part of label.split(/[、与及和]/)) {
      const role = speakerRole(part, roles, table);
      if (role.role !== 'unknown') return { ...role, label };
    }
    return { role: 'unknown' };
  }
  const known = roles.get(label);
  if (known) return speakerRole(known, new Map(), table);
  if (/^另?一位/.test(label) || /(?:委员|代表)$/.test(label) || /^(?:市|区)?人大/.test(label))
    return { role: 'asker', label };
  if (/^(?:市政府)?(?:常务)?副?市长/.test(label) && !looksLikeBody(label.replace(/^市政府/, ''), table))
    return { role: 'official', label };
  if (looksLikeBody(label, table)) return { role: 'answerer', label };
  const person = splitPerson(label);
  if (person.title && /委员|代表|主任/.test(person.title)) return { role: 'asker', label };
  return { role: 'unknown' };
}

/** How a label has to look: a few characters, no punctuation (「在网络建设方面」 passes this, the roles do not). */
const SPEAKER = /^[^\s,.。?!:;“”‘’()【】「」《》0-9]{2,30}$/u;
const ROLE_AND_NAME =
  /^(.*(?:委员|代表|主任|局长|市长|负责人|书记|区长|院长|处长|秘书长|厅长))?(\p{Script=Han}{2,3})$/u;
