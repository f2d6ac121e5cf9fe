// What cannot be read: one clear line per problem on stderr, exit code 1, and nothing written.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hearingsIn, runImport, tempDir } from './helpers.js';

const HEAD = '某市人大常委会“社区食堂”专题询问\n2024年1月2日,某市人大常委会举行专题询问。\n';

const CASES: Array<{ what: string; file: string; bytes: () => Buffer | string; line: RegExp }> = [
  {
    what: 'no pairs found',
    file: 'notice.txt',
    bytes: () => `${HEAD}会议听取了市政府的报告。\n会议还审议了其他事项。\n`,
    line: /^import: notice\.txt: no question and answer found/,
  },
  {
    what: 'a labelled question line with no answer',
    file: 'unanswered.txt',
    bytes: () =>
      `${HEAD}布点——\n市人大常委会委员张三提问:食堂布点如何规划?\n市民政局应询回答:按十五分钟生活圈布点。\n` +
      '李四委员提问:老人用餐补贴何时发放?\n运营——\n王五代表提问:食堂如何持续运营?\n市商务局应询回答:引入社会力量运营。\n',
    line: /^import: unanswered\.txt: line 6: the question by 李四 has no answer$/,
  },
  {
    what: 'an attribution that fits two people',
    file: 'two-askers.txt',
    bytes: () =>
      `${HEAD}“社区食堂价格谁来定,标准是什么?”市人大常委会委员张三、李四先后发问。\n` +
      '市民政局局长王五回答:“由街道会同运营方定价,报民政部门备案。”\n' +
      '“食堂的食品安全如何保障,有没有抽检?”市人大代表赵六追问。\n' +
      '市市场监管局局长钱七回答:“每月抽检一次,结果向社会公布。”\n',
    line: /^import: two-askers\.txt: line 3: 「市人大常委会委员张三、李四」 fits two people/,
  },
  { what: 'an empty file', file: 'empty.txt', bytes: () => '', line: /^import: empty\.txt: the file is empty$/ },
  {
    what: 'a file of spaces and line breaks',
    file: 'blank.txt',
    bytes: () => ' \n\n \n',
    line: /^import: blank\.txt: the file holds no text/,
  },
  {
    what: 'a binary file',
    file: 'photo.txt',
    bytes: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    line: /^import: photo\.txt: is a binary file/,
  },
  {
    what: 'an unreadable encoding',
    file: 'garbled.txt',
    bytes: () => Buffer.concat([Buffer.from('title\nline two\n'), Buffer.from([0xff, 0xfe, 0x80, 0xff, 0x41])]),
    line: /^import: garbled\.txt: the encoding cannot be read \(neither UTF-8 nor GBK\/GB18030; first unreadable byte on line 3\)/,
  },
];

describe.each(CASES)('$what', ({ file, bytes, line }) => {
  it('prints one line saying why, and writes nothing', async () => {
    const dataDir = tempDir();
    const path = join(tempDir(), file);
    writeFileSync(path, bytes());
    const run = await runImport([path, '--write'], dataDir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(hearingsIn(dataDir)).toEqual([]);
  });
});

describe('a file over 20 MB', () => {
  it('is refused before it is read, in one line, and nothing is written', async () => {
    const dataDir = tempDir();
    const path = join(tempDir(), 'whole-site.html');
    writeFileSync(path, '');
    truncateSync(path, 21 * 1024 * 1024);
    const run = await runImport([path, '--write'], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'import: whole-site.html: the file is 21.0 MB; the import reads files up to 20 MB (save only the article, not the whole site)\n',
    );
    expect(hearingsIn(dataDir)).toEqual([]);
  });
});

describe('several problems', () => {
  it('are each given their own line', async () => {
    const dataDir = tempDir();
    const path = join(tempDir(), 'two-problems.txt');
    writeFileSync(
      path,
      `${HEAD}布点——\n张三委员提问:食堂布点如何规划?\n运营——\n李四委员提问:如何持续运营?\n王五代表提问:价格谁来定?\n市民政局应询回答:街道定价。\n`,
    );
    const run = await runImport([path, '--write'], dataDir);
    expect(run.stderr.trim().split('\n')).toEqual([
      'import: two-problems.txt: line 4: the question by 张三 has no answer',
      'import: two-problems.txt: line 6: the question by 李四 has no answer',
    ]);
    expect(hearingsIn(dataDir)).toEqual([]);
  });
});
