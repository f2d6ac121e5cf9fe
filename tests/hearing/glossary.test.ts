// The glossary: every answering body has an entry, names lead to one body only, and a broken file says what is wrong.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { glossaryWarnings, loadGlossary } from '../../src/hearing/glossary.js';
import { bodyOf } from '../../src/hearing/model.js';
import { DATA_DIR } from '../../src/paths.js';
import { sharedEngine } from '../search/helpers.js';

const glossary = loadGlossary(join(DATA_DIR, 'glossary.json'));
const temp = mkdtempSync(join(tmpdir(), 'glossary-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('data/glossary.json', () => {
  it('has an entry for every body that answered', () => {
    const printed = new Set(glossary.bodies.map((b) => b.printed));
    for (const entry of sharedEngine().entries) expect(printed, bodyOf(entry)).toContain(bodyOf(entry));
  });

  it('never gives one name to two bodies', () => {
    const owner = new Map<string, string>();
    for (const b of glossary.bodies) {
      for (const name of [b.printed, b.official, ...b.aliases]) {
        expect(owner.get(name) ?? b.printed, `${name} names both ${owner.get(name)} and ${b.printed}`).toBe(b.printed);
        owner.set(name, b.printed);
      }
    }
  });

  it.each([
    ['经信局', '市经信局'],
    ['市经济和信息化局', '市经信局'],
    ['发改委', '市发改委'],
    ['发展改革委', '市发改委'],
    ['市发展和改革委员会', '市发改委'],
    ['市场监管局', '市市场监管局'],
    ['市场监督管理局', '市市场监管局'],
    ['大数据局', '市政务服务大数据局'],
    ['市政务服务和大数据管理局', '市政务服务大数据局'],
    ['东湖高新区', '东湖高新区管委会'],
    ['光谷', '东湖高新区管委会'],
    ['经开区', '经开区管委会'],
    ['武汉经济技术开发区', '经开区管委会'],
    ['临空港', '临空港开发区管委会'],
    ['网安基地', '临空港开发区管委会'],
    ['国资委', '市政府国资委'],
    ['统计局', '市统计局'],
  ])('%s is a name of %s', (name, printed) => {
    const body = glossary.bodies.find((b) => b.printed === printed)!;
    expect([body.printed, body.official, ...body.aliases]).toContain(name);
  });

  it.each([
    ['not JSON', '{bodies', /glossary .*bad\.json: cannot read it as JSON/],
    [
      'no bodies',
      '{"bodies": [], "terms": [], "synonyms": {}, "fillers": [], "generic": []}',
      /glossary .*bad\.json: bodies: /,
    ],
    [
      'a body without its official name',
      '{"bodies": [{"printed": "甲局", "aliases": []}], "terms": [], "synonyms": {}, "fillers": [], "generic": []}',
      /bodies\.0 \(「甲局」\)\.official: Required/,
    ],
  ])('rejects a glossary with %s, naming the file and field', (_, content, message) => {
    const file = join(temp, 'bad.json');
    writeFileSync(file, content);
    expect(() => loadGlossary(file)).toThrow(message);
  });
});

describe('glossary validation', () => {
  const original = JSON.parse(readFileSync(join(DATA_DIR, 'glossary.json'), 'utf8'));
  const edited = (edit: (g: typeof original) => void) => {
    const copy = structuredClone(original);
    edit(copy);
    const file = join(temp, 'edited.json');
    writeFileSync(file, JSON.stringify(copy, null, 2));
    return file;
  };

  it('accepts data/glossary.json, English phrases with single spaces included', () => {
    expect(() => loadGlossary(join(DATA_DIR, 'glossary.json'))).not.toThrow();
    expect(() => loadGlossary(edited((g) => (g.synonyms['digital economy'] = ['数字经济'])))).not.toThrow();
  });

  // What a copy from a web page or a chat brings in: each makes a name nobody can type, so it must stop the build.
  it.each([
    [
      'a zero-width space in an alias',
      (g: any) => g.bodies[0].aliases.push('经信\u200b局'),
      /bodies\.0 \(「市经信局」\)\.aliases\.\d+: 「经信<U\+200B>局」 holds a zero-width space \(U\+200B\)/,
    ],
    [
      'a byte-order mark in a term',
      (g: any) => g.terms.push('\ufeff汉融通'),
      /terms\.\d+: 「<U\+FEFF>汉融通」 holds a byte-order mark/,
    ],
    ['a tab in a term', (g: any) => g.terms.push('汉融\t通'), /terms\.\d+: 「汉融<U\+0009>通」 holds a tab/],
    [
      'a full-width space in a filler',
      (g: any) => g.fillers.push('怎么\u3000说'),
      /fillers\.\d+: .* holds an ideographic \(full-width\) space/,
    ],
    [
      'a no-break space in a synonym',
      (g: any) => (g.synonyms.AI = ['人工\u00a0智能']),
      /synonyms\.AI\.0: .* holds a no-break space/,
    ],
    [
      'a zero-width joiner in a synonym key',
      (g: any) => (g.synonyms['A\u200dI'] = ['人工智能']),
      /synonyms\.A<U\+200D>I: .* holds a zero-width joiner/,
    ],
    ['an empty alias', (g: any) => g.bodies[1].aliases.push(''), /bodies\.1 \(「.+」\)\.aliases\.\d+: is empty/],
    ['a blank alias', (g: any) => g.bodies[1].aliases.push('  '), /bodies\.1 \(「.+」\)\.aliases\.\d+: is empty/],
    [
      'an alias with a trailing space',
      (g: any) => g.bodies[1].aliases.push('城建 '),
      /aliases\.\d+: 「城建 」 starts or ends with a space/,
    ],
    ['a term with a space', (g: any) => g.terms.push('汉 融通'), /terms\.\d+: 「汉 融通」 holds a space/],
    [
      'one name for two bodies',
      (g: any) => g.bodies[2].aliases.push('经信局'),
      /bodies\.2 \(「.+」\)\.aliases\.\d+: 「经信局」 also names 市经信局 \(bodies\.0\)/,
    ],
  ])('refuses %s, naming the file, the entry and the character', (_, edit, message) => {
    const file = edited(edit);
    expect(() => loadGlossary(file)).toThrow(message);
    expect(() => loadGlossary(file)).toThrow(`glossary ${file}: `);
  });

  it('warns about harmless repetitions instead of refusing them', () => {
    const glossary = loadGlossary(edited((g) => g.terms.push(g.terms[0])));
    expect(glossaryWarnings(glossary)).toContain(`glossary: terms lists 「${original.terms[0]}」 twice`);
  });
});

describe('glossary terms', () => {
  it('are all words of the hearing (a word people type but the hearing lacks belongs in synonyms)', () => {
    const text = sharedEngine()
      .hearings.map((h) => JSON.stringify(h))
      .join('\n');
    expect(glossary.terms.filter((t) => !text.includes(t))).toEqual([]);
  });
});

describe('the everyday section', () => {
  const original = JSON.parse(readFileSync(join(DATA_DIR, 'glossary.json'), 'utf8'));
  const written = (edit: (g: typeof original) => void) => {
    const copy = structuredClone(original);
    edit(copy);
    const file = join(temp, 'everyday.json');
    writeFileSync(file, JSON.stringify(copy, null, 2));
    return file;
  };

  it('says where it came from, and is read as synonyms (its $comment is no word)', () => {
    expect(original.everyday.$comment).toMatch(/transcript.*never taken from an evaluation set/s);
    expect(glossary.synonyms.跑腿).toContain('跨部门');
    expect(glossary.synonyms).not.toHaveProperty('$comment');
    expect(glossary.everyday).not.toHaveProperty('$comment');
  });

  it('adds to the synonyms a word has already: it then stands for the words of both', () => {
    const file = written((g) => {
      g.synonyms.菜篮子 = ['农产品'];
      g.everyday.菜篮子 = ['便民生活圈', '农产品'];
    });
    expect(loadGlossary(file).synonyms.菜篮子).toEqual(['农产品', '便民生活圈']);
  });

  it('may be left out', () => {
    const file = written((g) => delete g.everyday);
    expect(loadGlossary(file).synonyms).toEqual(original.synonyms);
  });

  it.each([
    ['a list instead of a table', (g: any) => (g.everyday = ['跑腿']), /: everyday: Expected object, received array/],
    [
      'a word mapped to text, not a list',
      (g: any) => (g.everyday.跑腿 = '跨部门'),
      /: everyday\.跑腿: Expected array, received string/,
    ],
    [
      'a word mapped to nothing',
      (g: any) => (g.everyday.跑腿 = []),
      /: everyday\.跑腿: maps to no word of the hearing/,
    ],
    [
      'a zero-width space in a word',
      (g: any) => (g.everyday['跑\u200b腿'] = ['跨部门']),
      /: everyday\.跑<U\+200B>腿: .* holds a zero-width space/,
    ],
    ['an empty hearing word', (g: any) => (g.everyday.跑腿 = ['']), /: everyday\.跑腿\.0: is empty/],
  ])('refuses %s, naming the file and the word', (_, edit, message) => {
    const file = written(edit);
    expect(() => loadGlossary(file)).toThrow(message);
    expect(() => loadGlossary(file)).toThrow(`glossary ${file}: `);
  });

  it('warns of a word the engine would never read as written there', () => {
    const file = written((g) => {
      g.everyday.光谷 = ['东湖高新区'];
      g.everyday.差在哪里 = ['发达城市'];
      g.everyday.算什么水平 = ['现状'];
    });
    expect(glossaryWarnings(loadGlossary(file))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/「光谷」 is a body's name/),
        expect.stringMatching(/「差在哪里」 is a filler or generic word/),
        expect.stringMatching(/「算什么水平」 holds the filler 「什么」/),
      ]),
    );
    expect(glossaryWarnings(glossary)).toEqual([]);
  });
});
