// The glossary: every answering body has an entry, names lead to one body only, and a broken file says what is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/hearing/glossary.js';
import { bodyOf } from '../../src/hearing/model.js';
import { DATA_DIR } from '../../src/search/artefacts.js';
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
      /bodies\.0\.official/,
    ],
  ])('rejects a glossary with %s, naming the file and field', (_, content, message) => {
    const file = join(temp, 'bad.json');
    writeFileSync(file, content);
    expect(() => loadGlossary(file)).toThrow(message);
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
