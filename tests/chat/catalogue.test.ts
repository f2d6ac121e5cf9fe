// Each hearing's labels file (key, subject, date, examples): read and checked, derived when missing, keys split off.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCatalogue, type LabelsFile, readHearingLabels } from '../../src/chat/catalogue.js';
import { loadGlossary } from '../../src/hearing/glossary.js';
import { parseTranscript } from '../../src/hearing/parse.js';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { foldName } from '../../src/search/names.js';

const transcript = (dir: string, name: string) =>
  parseTranscript(readFileSync(join(dir, 'hearings', `${name}.txt`), 'utf8'), `${name}.txt`);
const digital = transcript(DATA_DIR, 'digital-economy-2023-09-13');
const transport = transcript(join(PROJECT_ROOT, 'tests', 'fixtures'), 'smart-transport-2024-11-20');
const options = {
  bodies: loadGlossary(join(DATA_DIR, 'glossary.json')).bodies,
  normalise: foldName,
  homeCity: '武汉市',
};

const temp = mkdtempSync(join(tmpdir(), 'hearing-labels-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
/** A data folder holding one labels file for the digital-economy hearing. */
function labelsDir(name: string, content: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, 'hearings'), { recursive: true });
  writeFileSync(join(dir, 'hearings', `${digital.id}.json`), content);
  return dir;
}
const labelled = (labels: LabelsFile['labels']): Map<string, LabelsFile> =>
  new Map([[digital.id, { labels, file: 'data/hearings/x.json' }]]);

describe('readHearingLabels', () => {
  it('reads the shipped file: key, subject, date and examples', () => {
    const labels = readHearingLabels([digital]).get(digital.id)!.labels;
    expect(labels).toMatchObject({
      key: '数字经济',
      date: '2023-09-13',
      examples: { questions: ['经开区汽车怎么说'] },
    });
  });

  it('a hearing without a file has none (its labels are derived)', () => {
    expect(readHearingLabels([transport], join(temp, 'nowhere')).size).toBe(0);
  });

  it.each([
    ['not JSON', '{ key: 数字经济 }', /hearing-labels-.*\.json: cannot read it as JSON/],
    ['a key that looks like a question', '{ "key": "q5" }', /: key: must not look like a question/],
    ['a key too long to type', '{ "key": "加快发展数字经济专题询问" }', /: key: a short key of 1–8 Chinese characters/],
    ['no real day', '{ "key": "数字经济", "date": "2023-02-30" }', /: date: no such day/],
    ['a US date', '{ "key": "数字经济", "date": "09/13/2023" }', /: date: expected a date as YYYY-MM-DD/],
    ['a misspelt field', '{ "key": "数字经济", "exmaples": {} }', /Unrecognized key\(s\) in object: 'exmaples'/],
  ])('refuses %s, naming the file and the field', (name, content, message) => {
    expect(() => readHearingLabels([digital], labelsDir(name, content))).toThrow(message);
  });
});

describe('createCatalogue', () => {
  it('derives what a hearing without a labels file lacks: key and subject from the title, day, examples', () => {
    const [info] = createCatalogue([transport], new Map(), options).hearings;
    expect(info).toMatchObject({
      key: '智慧交通',
      subject: '智慧交通',
      date: null,
      dateLabel: '11月20日',
      tag: { key: '智慧交通', heading: '「智慧交通」专题询问（11月20日）' },
      examples: { dept: '市经信局', who: '朱库成', topic: '1', q: '1', promises: '市经信局' },
    });
    expect(info!.examples.questions).toEqual(['智慧停车平台建设进展如何？']);
  });

  it('with one hearing splits nothing off an argument and tags nothing', () => {
    const catalogue = createCatalogue([digital], readHearingLabels([digital]), options);
    expect(catalogue.several).toBe(false);
    expect(catalogue.split('数字经济 2')).toEqual({ hearing: null, rest: '数字经济 2' });
    expect(catalogue.tagOf(digital.items[0]!)).toBeNull();
    expect(catalogue.keyOf(digital.items[0]!)).toBeNull();
  });

  it('with several splits a leading key off, glued or spaced, and leaves other words alone', () => {
    const catalogue = createCatalogue([digital, transport], readHearingLabels([digital]), options);
    const split = (arg: string) => {
      const { hearing, rest } = catalogue.split(arg);
      return [hearing?.key ?? null, rest];
    };
    expect(split('智慧交通 2')).toEqual(['智慧交通', '2']);
    expect(split('智慧交通q2')).toEqual(['智慧交通', 'q2']);
    expect(split('智 慧交通：市经信局')).toEqual(['智慧交通', '市经信局']);
    expect(split('数字经济')).toEqual(['数字经济', '']);
    expect(split('市经信局')).toEqual([null, '市经信局']);
    expect(catalogue.tagOf(transport.items[0]!)).toEqual({
      key: '智慧交通',
      heading: '「智慧交通」专题询问（11月20日）',
    });
  });

  it('refuses two hearings with one key, saying which', () => {
    const same = new Map([
      [digital.id, { labels: { key: '询问', examples: {} }, file: 'a.json' }],
      [transport.id, { labels: { key: '询问', examples: {} }, file: 'b.json' }],
    ]);
    expect(() => createCatalogue([digital, transport], same, options)).toThrow(
      /digital-economy-2023-09-13 and smart-transport-2024-11-20 share the key 「询问」/,
    );
  });

  it.each([
    [{ dept: '教育局' }, /examples\.dept 「教育局」 names no answering body of this hearing; use one of 市经信局、/],
    [{ who: '张三' }, /examples\.who 「张三」 is no asker of this hearing; use one of 龙良文、/],
    [{ topic: '6' }, /examples\.topic 「6」 is no theme number of this hearing \(1–5\)/],
    [{ q: '19' }, /examples\.q 「19」 is no question number of this hearing \(1–18\)/],
  ])('refuses examples that name nothing in the hearing: %j', (examples, message) => {
    expect(() => createCatalogue([digital], labelled({ key: '数字经济', examples }), options)).toThrow(message);
  });
});
