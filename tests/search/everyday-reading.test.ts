// How the engine weighs the words of an everyday message: counts, jieba's glued pairs, lone characters and words that
// stand for several items of the hearing.
import { describe, expect, it } from 'vitest';
import { sharedEngine } from './helpers.js';

const groups = (message: string) => sharedEngine().read(message).groups;
const weightOf = (message: string, word: string) => groups(message).find((g) => g.word === word)?.weight;

describe('reading an everyday message', () => {
  it('reads a count (三四个, 好几趟) as no word at all', () => {
    const words = groups('跑了三四个窗口，来回好几趟').map((g) => g.word);
    expect(words).not.toContain('三四个');
    expect(words).not.toContain('好几趟');
  });

  it('reads a count the hearing holds (两个 of 两个方面) as no word either: 陈主任问的那两个 asks for her items', () => {
    expect(groups('陈主任问的那两个').map((g) => g.word)).toEqual([]);
    expect(
      sharedEngine()
        .search('陈主任问的那两个问题')
        .map((h) => h.entry.id),
    ).toEqual(['q4', 'q15']);
  });

  it('reads a pair jieba glued from a word and a character that says nothing as the word, not as a rare topic', () => {
    // 建得怎么样: jieba keeps 建得, which general Chinese does not have; 得 says nothing.
    const read = groups('城市三维地图建得怎么样了');
    expect(read.map((g) => g.word)).not.toContain('建得');
    expect(read.find((g) => g.word === '建')?.rare).toBeFalsy();
  });

  it('reads 政府 as the party a message asks (政府有没有, 政府会不会, 政府那边), not as a topic', () => {
    // Every answer comes from a government body: asked to act, 政府 says nothing about which. As a topic it is read.
    for (const message of ['中小企业想转型，政府会不会给点支持', '小厂想上管理软件，政府那边有补贴吗'])
      expect(groups(message).map((g) => g.word)).not.toContain('政府');
    expect(sharedEngine().consult('中小企业想转型，政府会不会给点支持').answers[0]?.entry.id).toBe('q4');
    expect(groups('政府投的钱都去哪了').map((g) => g.word)).toContain('政府');
    expect(sharedEngine().consult('政府引导基金投了哪些').answers[0]?.entry.id).toBe('q11');
  });

  it("reads the hearing's own city's parts and nicknames (汉口, 江城) as the city itself, except those naming a body (光谷)", () => {
    expect(groups('汉口的软件产业怎么发展').map((g) => g.word)).not.toContain('汉口');
    expect(sharedEngine().consult('江城的软件产业怎么发展').answers[0]?.entry.id).toBe('q3');
    expect([...sharedEngine().read('光谷那边的龙头企业').bodies]).toEqual(['东湖高新区管委会']);
  });

  it("reads the writer's introduction when the question names no topic of its own (有什么支持), and only then", () => {
    const words = (message: string) => groups(message).map((g) => g.word);
    expect(words('我们是做农产品的合作社，政府有什么支持')).toContain('农产品');
    expect(words('我们是做农产品的合作社，汉融通是啥')).not.toContain('农产品');
  });

  it('weighs a lone character the hearing holds (做, 家) at most 1', () => {
    for (const [message, word] of [
      ['做APP的小公司借不到钱', '做'],
      ['老人在家没人照顾', '家'],
    ] as const) {
      const weight = weightOf(message, word);
      expect(weight, word).toBeDefined();
      expect(weight!, word).toBeLessThanOrEqual(1);
    }
  });

  it('weighs a word that stands for several items below one that stands for one', () => {
    // 小公司 is 中小企业 (q4, q9, q15) and 小微 (q7); 借不到钱 is 融资, said only in q7.
    const several = weightOf('小公司借不到钱', '小公司')!;
    const one = weightOf('小公司借不到钱', '借不到钱')!;
    expect(several).toBeLessThan(one);
    expect(groups('小公司借不到钱').find((g) => g.word === '借不到钱')?.terms).toEqual(['融资']);
  });
});

describe('a spoken yes-or-no question', () => {
  it('asks about the word it repeats: 转型贵不贵 is no question about 低成本 (不贵)', () => {
    expect(groups('小企业转型贵不贵').map((g) => g.word)).not.toContain('不贵');
    expect(
      sharedEngine()
        .search('小企业转型贵不贵')
        .map((h) => h.entry.id),
    ).not.toContain('q9');
  });
});

describe('a glossary word that stands for a word the hearing lacks', () => {
  it('stands for what the glossary maps that word to, not for every hearing word inside it', () => {
    // 一网通办 → 政务服务, which the hearing never says; the glossary maps 政务服务 onward (智慧政务, 政务). Cut into
    // 政务 and 服务 instead, it matched every answer about 服务 and answered first with 服务业 (q8), then four more.
    const termsOf = (word: string) => groups(word).find((g) => g.word === word)?.terms;
    expect(termsOf('一网通办')).toEqual(termsOf('政务服务'));
    expect(termsOf('一网通办')).not.toContain('服务');
    const answers = sharedEngine().search('有人提到了一网通办');
    expect(answers.length).toBeGreaterThan(0);
    for (const hit of answers) expect(JSON.stringify(hit.entry)).toContain('政务');
  });

  it('weighs the words people ask what comes next or how far along with (后面, 安排, 进度) as nothing', () => {
    expect(groups('智能网联汽车后面怎么安排').map((g) => g.word)).toEqual(['智能网联汽车']);
    expect(groups('汉融通现在进度如何').map((g) => g.word)).toEqual(['汉融通']);
    for (const message of ['汉融通有什么亮点', '监管的思路是什么', '国企数字化转型有什么做法'])
      expect(
        groups(message).every((g) => g.terms.length > 0),
        message,
      ).toBe(true);
  });
});
