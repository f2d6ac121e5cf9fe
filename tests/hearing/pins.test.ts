// data/pins.json: read and written as staff leave it, every mistake named by entry, every answer checked against the hearings.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHearingData } from '../../src/hearing/hearing-data.js';
import { parseTranscript } from '../../src/hearing/parse.js';
import { type Pin, pinnedEntries, pinnedEntry, pinsPath, readPins, writePins } from '../../src/hearing/pins.js';
import { DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';

const temp = mkdtempSync(join(tmpdir(), 'pins-file-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let files = 0;
/** A pins file holding `text`, in a folder of its own. */
const pinsFile = (text: string) => {
  const path = join(temp, `pins-${files++}.json`);
  writeFileSync(path, text);
  return path;
};
const hearingOf = (file: string) => parseTranscript(readFileSync(file, 'utf8'), basename(file), readHearingData(file));
const digital = hearingOf(join(DATA_DIR, 'hearings', 'digital-economy-2023-09-13.txt'));
const transport = hearingOf(join(PROJECT_ROOT, 'tests', 'fixtures', 'hearings', 'smart-transport-2024-11-20.txt'));

describe('the project', () => {
  it('ships with no pins, so the benchmark and the eval tables measure the search alone', () => {
    expect(readPins(pinsPath(DATA_DIR))).toEqual([]);
  });
});

describe('readPins', () => {
  it('reads no file as no pins, and [] as none', () => {
    expect(readPins(join(temp, 'absent.json'))).toEqual([]);
    expect(readPins(pinsFile('[]\n'))).toEqual([]);
  });

  it('reads the pins as written, the question exactly as typed', () => {
    const pins = [
      { question: '老年人不會用ＡＰＰ怎麼辦？', answer: 'q13' },
      { question: '交通怎么说', answer: 'q2', hearing: 'smart-transport-2024-11-20' },
    ];
    expect(readPins(pinsFile(JSON.stringify(pins)))).toEqual(pins);
  });

  it.each([
    ['[{"question": "老年人怎么办", "answer": "q13"},', 'cannot read it as JSON'],
    ['{"老年人怎么办": "q13"}', 'expected a list of pins, e.g. [{"question": "经信句有啥措施", "answer": "q3"}]'],
    [
      '[{"question": "汉融通", "answer": "q7"}, {"question": "老年人怎么办", "answer": "13"}]',
      'entry 2 (「老年人怎么办」): answer: expected a question id such as "q5", or "closing"',
    ],
    ['[{"question": "  ", "answer": "q13"}]', 'entry 1: question: is empty: write the question as people type it'],
    ['[{"question": "？！…", "answer": "q13"}]', 'entry 1 (「？！…」): question: holds no word'],
    [`[{"question": "${'问'.repeat(201)}", "answer": "q1"}]`, 'entry 1 (「问问问'],
    [
      '[{"question": "老年人怎么办", "answer": "q13", "id": "q13"}]',
      "entry 1 (「老年人怎么办」): Unrecognized key(s) in object: 'id'",
    ],
    ['[{"question": "老年人怎么办"}]', 'entry 1 (「老年人怎么办」): answer: Required'],
  ])('refuses %s, naming the file and the entry', (text, message) => {
    const path = pinsFile(text);
    expect(() => readPins(path)).toThrow(`pins ${path}: `);
    expect(() => readPins(path)).toThrow(message);
  });

  it('says how long a question may be', () => {
    const path = pinsFile(`[{"question": "${'问'.repeat(201)}", "answer": "q1"}]`);
    expect(() => readPins(path)).toThrow('question: is longer than 200 characters');
  });
});

describe('writePins', () => {
  it('writes what readPins reads back, one rename, no temporary file left', () => {
    const dir = mkdtempSync(join(temp, 'write-'));
    const path = join(dir, 'pins.json');
    const pins: Pin[] = [{ question: '老年人不会用APP怎么办', answer: 'q13' }];
    writePins(path, pins);
    expect(readPins(path)).toEqual(pins);
    writePins(path, []);
    expect(readPins(path)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['pins.json']);
  });

  it('refuses to write a pin the file could not be read back with', () => {
    const path = join(temp, 'never.json');
    expect(() => writePins(path, [{ question: '', answer: 'q1' }])).toThrow(`pins ${path}: cannot write it`);
    expect(() => readFileSync(path)).toThrow();
  });
});

describe('pinnedEntry', () => {
  it('finds the answer by id, the closing response too', () => {
    const entry = pinnedEntry({ question: '老年人怎么办', answer: 'q13' }, [digital]);
    expect(entry.kind === 'qa' && entry.body).toBe('市政务服务大数据局');
    expect(pinnedEntry({ question: '总的来说', answer: 'closing' }, [digital]).kind).toBe('closing');
  });

  it('an id the hearing does not have names the ids it has', () => {
    expect(() => pinnedEntry({ question: '老年人怎么办', answer: 'q19' }, [digital])).toThrow(
      'no question q19: hearing digital-economy-2023-09-13 has q1–q18 and closing',
    );
  });

  it('with several hearings, an id both have needs the hearing, and an unknown hearing names the ones there are', () => {
    expect(() => pinnedEntry({ question: '交通怎么说', answer: 'q2' }, [digital, transport])).toThrow(
      'q2 is in 2 hearings (digital-economy-2023-09-13, smart-transport-2024-11-20): name one with "hearing"',
    );
    const entry = pinnedEntry({ question: '停车', answer: 'q2', hearing: 'smart-transport-2024-11-20' }, [
      digital,
      transport,
    ]);
    expect([entry.hearing, entry.id]).toEqual(['smart-transport-2024-11-20', 'q2']);
    expect(() => pinnedEntry({ question: '停车', answer: 'q2', hearing: 'smart' }, [digital, transport])).toThrow(
      'no hearing "smart"; data/hearings/ holds digital-economy-2023-09-13, smart-transport-2024-11-20',
    );
  });

  it('pinnedEntries names the file and the entry whose answer is missing', () => {
    const pins: Pin[] = [
      { question: '汉融通', answer: 'q7' },
      { question: '老年人怎么办', answer: 'q99' },
    ];
    expect(pinnedEntries('data/pins.json', pins.slice(0, 1), [digital]).map((p) => p.entry.id)).toEqual(['q7']);
    expect(() => pinnedEntries('data/pins.json', pins, [digital])).toThrow(
      'pins data/pins.json: entry 2 (「老年人怎么办」): no question q99',
    );
  });
});
