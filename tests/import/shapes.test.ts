// Each shape of issue #22's table, read from records written for these tests: every pair, asker, body and answerer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/hearing/parse.js';
import { recognise } from '../../src/import/recognise.js';
import { BODIES, fixture, hearingsIn, runImport, tempDir } from './helpers.js';

/** A pair as a person checks it: asker (name, title), body, answering person, first words of question and answer. */
type Expected = [asker: string, title: string, body: string, answerer: string | null, question: string, answer: string];

interface Case {
  file: string;
  shape: string;
  city: string;
  date: string;
  pairs: Expected[];
  closing?: string;
  unplaced?: number[];
}

const CASES: Case[] = [
  {
    // A theme with 「——」 and a sub-heading without; a person named in the answer label; two bodies answer one question.
    file: 'labelled-chengdu.txt',
    shape: 'labelled',
    city: '成都市',
    date: '2024-06-05',
    pairs: [
      ['张三', '市人大常委会委员', '市教育局', null, '学前教育学位缺口', '今年新增公办幼儿园'],
      ['李四', '市人大常委会副主任', '市住建局', '市住建局局长赵六', '配套园移交慢', '我们将建立移交台账'],
      ['李四', '市人大常委会副主任', '市教育局', null, '配套园移交慢', '教育部门同步接收'],
      ['刘七', '代表', '市人社局', null, '如何留住幼儿教师', '落实幼儿教师工资待遇保障。一是'],
    ],
    closing: '周八',
  },
  {
    // Question on the same line as the name; two turns in one paragraph; an unnamed asker.
    file: 'name-colon-hangzhou.txt',
    shape: 'name-colon',
    city: '杭州市',
    date: '2023-11-20',
    pairs: [
      ['王一', '委员', '市建委', '市建委主任陈二', '老旧小区加装电梯', '今年已加装电梯五百台'],
      ['孙三', '代表', '市交通局', '市交通局局长钱四', '停车难怎么解决', '我们将新建公共泊位两万个。错峰共享'],
      ['一位委员', '', '市财政局', '市财政局副局长郑五', '改造资金从哪里来', '市区两级财政按比例分担'],
    ],
  },
  {
    // Bare names; roles only in the introduction, two of them inherited through 、; two bodies answer one question.
    file: 'bare-name-nanjing.txt',
    shape: 'bare-name',
    city: '南京市',
    date: '2022-09-08',
    pairs: [
      ['吴一', '市人大常委会委员', '市民政局', '市民政局局长陈四', '社区养老服务中心', '年底前实现街道全覆盖'],
      ['郑二', '市人大常委会委员', '市卫健委', '市卫健委副主任褚五', '医养结合如何推进', '推动二级以上医院'],
      ['郑二', '市人大常委会委员', '市民政局', '市民政局局长陈四', '医养结合如何推进', '民政部门配合'],
      ['冯三', '市人大代表', '市民政局', '市民政局局长陈四', '农村养老怎么办', '建设农村互助养老点'],
    ],
  },
  {
    // 问:/答: with the speaker on the line before, 【问】/【答】 with the speaker after, and the speaker in brackets.
    file: 'qa-blocks-zhengzhou.txt',
    shape: 'qa-blocks',
    city: '郑州市',
    date: '2024-04-18',
    pairs: [
      ['张明', '委员', '市城管局', '市城管局局长李亮', '垃圾分类收运体系', '今年底前建成'],
      ['何芳', '代表', '市发改委', '市发改委副主任黄河', '厨余垃圾处理能力', '新建两座厨余垃圾处理厂'],
      ['高山', '市人大常委会副主任', '市城管局', null, '督查考核怎么落实', '纳入年度考核'],
    ],
  },
  {
    // Attribution after and before the quote, 一位委员 and 另一位代表, a question in reported speech, 一是/二是 with
    // a quoted continuation, a second body answering the same question, a question whose answer is only reported
    // (unplaced, with its report), narrative (unplaced), sub-headings without 「——」, the closing speech.
    file: 'news-changsha.txt',
    shape: 'news-feature',
    city: '长沙市',
    date: '2025-03-12',
    pairs: [
      ['张三', '市人大常委会委员', '市市场监管局', '市市场监管局局长王五', '企业开办时间', '今年将把企业开办时间'],
      ['一位委员', '', '市地方金融局', '市地方金融局局长赵六', '中小企业贷款难', '一是扩大信用贷款规模'],
      ['一位委员', '', '市财政局', '市财政局副局长钱七', '中小企业贷款难', '财政将安排贴息资金'],
      ['另一位代表', '', '市发改委', '市发展改革委负责人', '另一位代表就涉企收费', '已开展涉企收费专项检查'],
    ],
    closing: '孙八',
    unplaced: [13, 14, 15],
  },
  {
    // Traditional characters and half-width punctuation; two turns in one paragraph. Names come out Simplified, words verbatim.
    file: 'mixed-guangzhou.txt',
    shape: 'name-colon',
    city: '广州市',
    date: '2024-10-09',
    pairs: [
      ['林一', '委员', '市民政局', '市民政局局长黄二', '社區工作者待遇', '今年起社區工作者薪酬'],
      ['陈三', '代表', '市住建局', '市住建局副局长何四', '物業糾紛怎麼化解', '推行物業服務「紅黑榜」'],
    ],
  },
];

describe.each(CASES)('$file', (c) => {
  const reading = recognise(readFileSync(fixture(c.file), 'utf8'), BODIES, c.file);

  it(`reads the shape ${c.shape}, the city and the date`, () => {
    expect([reading.shape, reading.city, reading.date]).toEqual([c.shape, c.city, c.date]);
  });

  it('reads every pair: asker, body, answering person, question and answer', () => {
    const got = reading.items.map((item) => [item.asker.name, item.asker.title, item.body, item.answerer]);
    expect(got).toEqual(c.pairs.map(([name, title, body, answerer]) => [name, title, body, answerer]));
    for (const [i, [, , , , question, answer]] of c.pairs.entries()) {
      expect(reading.items[i]!.question.join('')).toContain(question);
      expect(reading.items[i]!.answer.join('')).toContain(answer);
    }
  });

  it('keeps the closing response and lists what it could not place', () => {
    expect(reading.closing?.speaker.name ?? null).toBe(c.closing ?? null);
    expect(reading.unplaced.map((u) => u.line)).toEqual(c.unplaced ?? []);
  });

  it('--write stores a transcript the project reads back to the same pairs, and a data file', async () => {
    const dataDir = tempDir();
    const run = await runImport([fixture(c.file), '--write'], dataDir);
    expect(run.stderr).toContain('npm run index');
    expect(run.code).toBe(0);
    const name = hearingsIn(dataDir).find((f) => f.endsWith('.txt'))!;
    const data = JSON.parse(readFileSync(join(dataDir, 'hearings', name.replace(/\.txt$/, '.json')), 'utf8'));
    expect(data).toMatchObject({ date: c.date, city: c.city, source: c.file, shape: c.shape });
    const hearing = parseTranscript(readFileSync(join(dataDir, 'hearings', name), 'utf8'), name, data);
    expect(hearing.items.map((i) => [i.asker.name, i.asker.title, i.body])).toEqual(
      c.pairs.map(([asker, title, body]) => [asker, title, body]),
    );
    expect(hearing.items.map((i) => data.answerers?.[i.id] ?? null)).toEqual(c.pairs.map((p) => p[3]));
    expect(hearing.closing?.speaker.name ?? null).toBe(c.closing ?? null);
  });
});

describe('the preview', () => {
  it('--json prints exactly the contract fields', async () => {
    const run = await runImport([fixture('news-changsha.txt'), '--json'], tempDir());
    const preview = JSON.parse(run.stdout);
    expect(Object.keys(preview)).toEqual(['shape', 'title', 'city', 'date', 'items', 'closing', 'unplaced']);
    expect(Object.keys(preview.items[0])).toEqual(['n', 'asker', 'body', 'answerer', 'question', 'answer']);
    expect(preview.items[3]).toMatchObject({ n: 4, asker: { name: '另一位代表' }, body: '市发改委' });
    expect(preview.unplaced[0]).toEqual({
      line: 13,
      text: '另一位委员就数据共享提问:“部门之间的数据什么时候能够真正打通?”',
    });
  });

  it('prints each pair with the asker kind, body and person, and every unplaced paragraph with its line', async () => {
    const dataDir = tempDir();
    const run = await runImport([fixture('news-changsha.txt')], dataDir);
    expect(run.stdout).toContain('shape: news-feature');
    expect(run.stdout).toContain('1. 张三 (市人大常委会委员, 委员) → 市市场监管局 — 市市场监管局局长王五');
    expect(run.stdout).toContain('2. 一位委员 → 市地方金融局');
    expect(run.stdout).toContain('line 15: 会场气氛热烈,掌声不断。');
    expect(run.stderr).toContain('nothing written');
    expect(hearingsIn(dataDir)).toEqual([]);
  });

  it('asks for --date when the text prints no year, and checks it against the month and day', async () => {
    const dataDir = tempDir();
    const transcript = join(import.meta.dirname, '../../data/hearings/digital-economy-2023-09-13.txt');
    const preview = await runImport([transcript], dataDir);
    expect(preview.stdout).toContain('give --date YYYY-MM-DD');
    const unwritten = await runImport([transcript, '--write'], dataDir);
    expect([unwritten.code, unwritten.stderr.trim().split('\n')]).toEqual([
      1,
      ['import: digital-economy-2023-09-13.txt: the text gives no date with its year: give --date YYYY-MM-DD'],
    ]);
    const wrong = await runImport([transcript, '--date', '2023-09-14', '--write'], dataDir);
    expect(wrong.stderr).toContain('the text says 9月13日 but --date says 2023-09-14');
    expect(hearingsIn(dataDir)).toEqual([]);
  });
});
