// References to people, resolved from the parsed hearing: who each fits, and what the engine answers with them.
import { describe, expect, it } from 'vitest';
import { sharedEngine } from './helpers.js';

const references = (message: string) =>
  sharedEngine()
    .consult(message)
    .people.map((r) => [r.text, r.people.map((p) => p.name)]);

describe('consult().people', () => {
  it.each([
    ['胡副主任问的那个问题市里怎么答的', [['胡副主任', ['胡树华']]]],
    ['邹委员的问题', [['邹委员', ['邹薇']]]],
    ['汪副市长最后怎么说', [['汪副市长', ['汪元程']]]],
    ['市长最后表态了吗', [['市长', ['汪元程']]]],
    ['姓王的代表问了什么', [['姓王的代表', ['王康']]]],
    ['第一个提问的是谁', [['第一个提问的', ['龙良文']]]],
    ['最后一个提问的委员', [['最后一个提问的委员', ['项明武']]]],
    ['第二位代表问的', [['第二位代表', ['王康']]]],
    ['汪元程副市长讲的三个狠抓', [['汪元程副市长', ['汪元程']]]],
    [
      '陈光菊和陈新垓问了什么',
      [
        ['陈光菊', ['陈光菊']],
        ['陈新垓', ['陈新垓']],
      ],
    ],
  ])('%s → %j', (message, expected) => {
    expect(references(message)).toEqual(expected);
  });

  it('shows every person a reference fits, with their entries (陈副主任: 陈光菊 and 陈新垓)', () => {
    const { answers, people } = sharedEngine().consult('陈副主任问了什么');
    expect(people).toHaveLength(1);
    expect(people[0]!.people.map((p) => [p.name, p.title, p.entries.map((e) => e.id)])).toEqual([
      ['陈光菊', '市人大常委会副主任', ['q4']],
      ['陈新垓', '市人大常委会副主任', ['q15']],
    ]);
    expect(answers.map((h) => h.entry.id).sort()).toEqual(['q15', 'q4']);
  });

  it.each([
    ['李代表问了什么', ['李江颖', '李鸣']],
    ['三位代表分头问了什么', ['李江颖', '王康', '李鸣']],
    ['副主任们关心什么', ['龙良文', '陈光菊', '胡树华', '朱库成', '陈新垓']],
  ])('%s fits several people: %j', (message, names) => {
    expect(references(message)).toEqual([[expect.any(String), names]]);
  });

  it.each(['张副主任问了啥', '李副主任讲了什么', '姓赵的委员', '第二十个提问的'])(
    '%s refers to nobody in the hearing',
    (message) => {
      expect(references(message)).toEqual([[expect.any(String), []]]);
      expect(sharedEngine().consult(message).answers).toEqual([]);
    },
  );

  it.each(['市委书记说了什么', '以光芯屏端网为代表的产业', '城市长远发展', '委员会', '老百姓关心什么'])(
    '%s refers to no one',
    (message) => {
      expect(references(message)).toEqual([]);
    },
  );
});

describe('read()', () => {
  it('lists the entries of the people a reference names, so a bare reference routes like a name', () => {
    const reading = sharedEngine().read('胡副主任问的那个');
    expect([...reading.people].map((e) => e.id)).toEqual(['q9']);
    expect(reading.groups).toEqual([]);
    expect(reading.references[0]?.text).toBe('胡副主任');
  });
});
