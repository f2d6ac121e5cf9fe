// The hearing's people and order as read from its transcript, dialect words, and what a message asks about them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setMessages } from '../../bench/answer-sets.js';
import { AskingWordsSchema, loadAskingWords } from '../../src/hearing/asking.js';
import { loadCities, placesOf } from '../../src/hearing/cities.js';
import type { Hearing } from '../../src/hearing/model.js';
import { DATA_DIR, INDEX_DIR } from '../../src/paths.js';
import { readAsking } from '../../src/search/asking.js';
import { createDialectReader } from '../../src/search/dialect.js';
import { createReadings } from '../../src/search/homophones.js';
import { buildRoster, createNameSpeller } from '../../src/search/roster.js';
import { sharedEngine } from './helpers.js';

const engine = sharedEngine();
const roster = engine.rosters[0]!;
const words = loadAskingWords(join(DATA_DIR, 'asking.json'));
const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

describe('the roster, read from the transcript', () => {
  it('has the 18 askers in order of asking, each with surname, given name, title and kind, then the official', () => {
    expect(roster.askers).toHaveLength(18);
    expect(roster.askers.map((p) => p.position)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(roster.askers[0]).toMatchObject({ name: '龙良文', surname: '龙', given: '良文', kind: '副主任' });
    expect(roster.askers[2]).toMatchObject({ name: '李江颖', title: '代表', kind: '代表' });
    expect(roster.askers[17]).toMatchObject({ name: '项明武', title: '委员', kind: '委员' });
    const official = roster.people.find((p) => p.position === null);
    expect(official).toMatchObject({ name: '汪元程', title: '市政府副市长', kind: '副市长' });
  });

  it('counts the kinds of member as printed: 5 副主任, 10 委员, 3 代表', () => {
    const count = (kind: string) => roster.askers.filter((p) => p.kind === kind).length;
    expect([count('副主任'), count('委员'), count('代表')]).toEqual([5, 10, 3]);
  });

  it('lists the answering bodies in order of first answer', () => {
    expect(roster.bodies.slice(0, 3)).toEqual(['市经信局', '市城建局', '经开区管委会']);
    expect(roster.bodies).toHaveLength(15);
  });

  it('takes its kinds from data, not from a list of people: another table makes other kinds', () => {
    const other = buildRoster(
      roster.hearing,
      { members: [{ kind: '人大的', printed: ['代表', '副主任'], said: ['人大的'] }], notMembers: [], wrongTitles: [] },
      engine.soundsAlike,
    );
    expect(other.askers.filter((p) => p.kind === '人大的')).toHaveLength(8);
  });

  it.each([
    ['王副市长讲了啥', '汪元程'],
    ['李雷委员问的服务业', '李蕾'],
    ['王抗代表问的什么', '王康'],
    ['程局长问的数字金融', '程宏刚'],
    ['朱市长问的那个', '朱库成'],
    ['谭刚义委员的问题', '谭刚毅'],
  ])('%s names %s (by sound, or a wrong title for the only one of that surname)', (text, name) => {
    expect(roster.find(text).flatMap((r) => r.people.map((p) => p.name))).toEqual([name]);
  });

  it.each([
    ['李市长说了什么', 'three 李 and none a 市长'],
    ['张委员问了什么', 'no 张 in the hearing'],
  ])('%s names nobody (%s)', (text) => {
    const references = roster.find(text);
    expect(references).toHaveLength(1);
    expect(references[0]!.people).toEqual([]);
  });

  it('names both 陈 for 陈主任, and spells a misheard name as printed for search', () => {
    expect(roster.find('陈主任问的').flatMap((r) => r.people.map((p) => p.name))).toEqual(['陈光菊', '陈新垓']);
    expect(engine.plain('杨岸委员问的啥')).toBe('杨安委员问的啥');
    expect(engine.plain('胡副主任问的')).toBe('胡副主任问的');
  });
});

describe('names spelled across hearings', () => {
  // Other hearings with the real one's people renamed: each asker bears another's name (same surnames, other titles),
  // or a name that sounds like theirs (汪元程 → 王远成), so a misheard name may fit a person in several hearings.
  const renamed = (hearing: Hearing, name: (name: string, i: number) => string): Hearing => ({
    ...hearing,
    items: hearing.items.map((item, i) => ({ ...item, asker: { ...item.asker, name: name(item.asker.name, i) } })),
    closing: hearing.closing && {
      ...hearing.closing,
      speaker: { ...hearing.closing.speaker, name: name(hearing.closing.speaker.name, -1) },
    },
  });
  const names = roster.hearing.items.map((item) => item.asker.name);
  const soundAlike: Record<string, string> = { 汪: '王', 李: '黎', 胡: '湖', 陈: '程', 杨: '洋' };
  const hearings = [
    roster.hearing,
    ...[1, 5, 11].map((k) => renamed(roster.hearing, (n, i) => (i < 0 ? n : names[(i + k) % names.length]!))),
    renamed(roster.hearing, (n) => (soundAlike[n[0]!] ?? n[0]!) + n.slice(1)),
  ];
  const rosters = hearings.map((h) => buildRoster(h, words, engine.soundsAlike, ['张', '王', '李']));
  const table = JSON.parse(readFileSync(join(INDEX_DIR, 'search.json'), 'utf8')).homophones;
  const spell = createNameSpeller(rosters, words, createReadings(table), ['张', '王', '李']);
  const everyRoster = (text: string) => rosters.reduce((t, r) => r.spellNames(t), text);

  it('spells every development message as asking each hearing in turn would', () => {
    const texts = setMessages().map((m) => engine.analyser.normalise(m.message));
    expect(texts.map(spell)).toEqual(texts.map(everyRoster));
  });

  it.each([
    '王元程副市长讲了啥',
    '王远成讲了啥',
    '李雷委员和湖树华副主任问的',
    '程局长问的数字金融',
    '黎蕾和杨岸委员',
    '张委员问了什么',
    '王副市长讲了啥',
    '朱市长问的那个',
    '谭刚义委员和项明五委员',
    '是哪位委员问的，人大代表怎么说',
    '魏委员和卫委员',
  ])('spells %s as asking each hearing in turn would', (text) => {
    expect(spell(text)).toBe(everyRoster(text));
  });

  it('still spells a misheard name with a title as printed when several hearings are loaded', () => {
    expect(spell('谭刚义委员的问题')).toBe('谭刚毅委员的问题');
  });
});

describe('dialect words', () => {
  const dialect = createDialectReader(words.dialect);
  it.each([
    ['软件名城要搞么斯', '软件名城要做什么'],
    ['农业么样搞撒', '农业怎么样搞'],
    ['冇得钱转型', '没有钱转型'],
    ['有冇讲点样培育', '有没有讲怎样培育'],
    ['统计局有咩评价', '统计局有什么评价'],
    ['成果转化咋整', '成果转化怎么办'],
    ['小企业转型贵不贵', '小企业转型贵'],
    ['汉融通方便不方便', '汉融通方便'],
    ['汉融通方不方便用', '汉融通方便用'],
  ])('%s reads as %s', (typed, standard) => {
    expect(dialect(typed)).toBe(standard);
  });

  it.each(['什么事', '数据系统', '撒谎'])('leaves %s alone (part of another word)', (text) => {
    expect(dialect(text)).toBe(text);
  });

  it('refuses a table with a malformed entry, naming the field', () => {
    expect(AskingWordsSchema.safeParse({ ...words, dialect: [{ say: '' }] }).success).toBe(false);
  });
});

describe('what a message asks about people and order', () => {
  const read = (text: string) => readAsking(engine, roster, text, placesOf(loadCities(), '武汉市'));

  it.each([
    ['哪几位代表提了问题', ['q3', 'q14', 'q17']],
    ['副主任们各问了什么', ['q1', 'q4', 'q9', 'q13', 'q15']],
    ['开发区管委会都答了些啥', ['q5', 'q12', 'q14']],
    ['第四部分有哪些问题', ['q13', 'q14']],
    ['姓陈的都问了什么', ['q4', 'q15']],
    ['总共提了多少个问题', Array.from({ length: 18 }, (_, i) => `q${i + 1}`)],
  ])('%s is a set: %j', (text, expected) => {
    const asking = read(text);
    expect(asking?.kind).toBe('set');
    expect(asking?.kind === 'set' && ids(asking.entries)).toEqual(expected);
  });

  it.each([
    ['第六个问题讲的什么', 'q6', 'item'],
    ['倒数第四个问题是谁问的', 'q15', 'asker'],
    ['最后一位提问的代表问了啥', 'q17', 'item'],
    ['第二个提问的委员是谁', 'q2', 'asker'],
    ['第二个提问的代表是谁', 'q14', 'asker'],
    ['第七个问题哪个单位答的', 'q7', 'body'],
  ])('%s is a position: %s (%s)', (text, id, want) => {
    expect(read(text)).toMatchObject({ kind: 'position', entry: { id }, want });
  });

  it.each(['市长最后咋总结的', '会议快结束时领导怎么表态', '王市长收尾讲了什么'])('%s asks for the closing', (text) => {
    expect(read(text)?.kind).toBe('closing');
  });

  it.each([
    ['广州的人工智能政策有哪些', '广州'],
    ['2021年的专题询问讲了什么', '2021年'],
  ])('%s is about another place or year', (text, place) => {
    expect(read(text)).toEqual({ kind: 'elsewhere', place });
  });

  it('answers a comparison with the hearing’s own city', () => {
    expect(read('武汉跟广州比数字经济差在哪')?.kind).not.toBe('elsewhere');
  });

  it("reads home as the hearing's own city: for a hearing held in 广州, 广州 is home and 武汉 elsewhere", () => {
    const inGuangzhou = placesOf(loadCities(), '广州市');
    expect(readAsking(engine, roster, '广州的人工智能政策有哪些', inGuangzhou)?.kind).not.toBe('elsewhere');
    expect(readAsking(engine, roster, '汉口那边的智慧农业', inGuangzhou)).toEqual({ kind: 'elsewhere', place: '汉口' });
    expect(readAsking(engine, roster, '光谷的算力', placesOf(loadCities(), '武汉市'))?.kind).not.toBe('elsewhere');
  });

  it.each([
    ['谁关心的智慧农业', 'q6', 'asker'],
    ['政府引导基金归哪个部门答', 'q11', 'body'],
  ])('%s asks who about a topic: %s', (text, id, want) => {
    expect(read(text)).toMatchObject({ kind: 'who', entry: { id }, want });
  });

  it('lets a kind of member narrow a topic: 有个副主任问了数据壁垒', () => {
    expect(read('有个副主任问了数据壁垒')).toMatchObject({ kind: 'narrowed', entry: { id: 'q13' } });
  });

  it.each(['汉融通是什么', '经开区汽车怎么说', '朱库成'])('%s asks none of these (searched as before)', (text) => {
    expect(read(text)).toBeNull();
  });
});
