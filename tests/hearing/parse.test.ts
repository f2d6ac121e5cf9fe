// The transcript parser on the real hearing and on malformed transcripts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHearingData } from '../../src/hearing/hearing-data.js';
import { parseTranscript, splitPerson, TranscriptError } from '../../src/hearing/parse.js';
import { DATA_DIR } from '../../src/paths.js';

const FILE = 'digital-economy-2023-09-13.txt';
const text = readFileSync(join(DATA_DIR, 'hearings', FILE), 'utf8');
const hearing = parseTranscript(text, FILE, readHearingData(join(DATA_DIR, 'hearings', FILE)));

describe('parseTranscript on the digital-economy hearing', () => {
  it('reads the title, the meeting line and the five themes in order', () => {
    expect(hearing.id).toBe('digital-economy-2023-09-13');
    expect(hearing.title).toBe('市人大常委会“加快发展数字经济”专题询问摘录');
    expect(hearing.meetingLine).toBe('9月13日,市十五届人大常委会第十二次会议举行“加快发展数字经济”专题询问。');
    expect(hearing.themes.map((t) => t.title)).toEqual([
      '加快推进数字新型基础设施建设',
      '加快促进产业数字化转型',
      '加快推动数字产业化升级',
      '加快提升数字化治理能力',
      '加快优化数字经济发展环境',
    ]);
  });

  it.each([
    ['q1', '龙良文', '市人大常委会副主任', '市经信局', 1],
    ['q2', '谭刚毅', '委员', '市城建局', 1],
    ['q3', '李江颖', '代表', '市经信局', 1],
    ['q4', '陈光菊', '市人大常委会副主任', '市经信局', 2],
    ['q5', '樊志宏', '委员', '经开区管委会', 2],
    ['q6', '黄兆义', '委员', '市农业农村局', 2],
    ['q7', '程宏刚', '委员', '市地方金融局', 2],
    ['q8', '李蕾', '委员', '市发改委', 2],
    ['q9', '胡树华', '市人大常委会副主任', '市科技局', 3],
    ['q10', '魏静', '委员', '市商务局', 3],
    ['q11', '刘成奎', '委员', '市财政局', 3],
    ['q12', '杨安', '委员', '东湖高新区管委会', 3],
    ['q13', '朱库成', '市人大常委会副主任', '市政务服务大数据局', 4],
    ['q14', '王康', '代表', '临空港开发区管委会', 4],
    ['q15', '陈新垓', '市人大常委会副主任', '市经信局', 5],
    ['q16', '邹薇', '委员', '市政府国资委', 5],
    ['q17', '李鸣', '代表', '市市场监管局', 5],
    ['q18', '项明武', '委员', '市统计局', 5],
  ])('%s: %s (%s) asked, %s answered, theme %i', (id, name, title, body, theme) => {
    const item = hearing.items.find((i) => i.id === id)!;
    expect(item.asker).toEqual({ name, title });
    expect(item.body).toBe(body);
    expect(item.theme.index).toBe(theme);
  });

  it('has 18 items: 15 committee members and 3 deputies', () => {
    expect(hearing.items).toHaveLength(18);
    expect(hearing.items.filter((i) => i.asker.title === '代表')).toHaveLength(3);
  });

  it('keeps every answer paragraph verbatim, typos included', () => {
    const q5 = hearing.items[4]!;
    expect(q5.answer).toHaveLength(4);
    expect(q5.answer[0]).toBe(
      '聚焦车规级芯片,从今年开始每年设计并推出一款大算力7纳米智能座舱芯片,争取用三年时间在总量上实现较大增长。',
    );
    expect(hearing.items[13]!.answer[1]).toContain('全速推进智乱中心超算中心建设');
    for (const item of hearing.items) for (const p of item.answer) expect(text).toContain(p);
  });

  it('reads the closing response of 汪元程 and drops the page debris', () => {
    expect(hearing.closing?.speaker).toEqual({ name: '汪元程', title: '市政府副市长' });
    expect(hearing.closing?.paragraphs).toHaveLength(1);
    expect(hearing.closing?.paragraphs[0]).toMatch(/^就此次专题询问中大家提出的问题/);
    expect(JSON.stringify(hearing)).not.toContain('返回顶部');
    expect(hearing.title.startsWith('——')).toBe(false);
  });
});

describe('parseTranscript on other transcripts of the same format', () => {
  const minimal = (body: string) => `——某专题询问摘录\n5月8日,某次会议举行专题询问。\n主题一——\n${body}`;

  it('accepts full-width colons, CRLF line ends and several bodies answering one question', () => {
    const h = parseTranscript(
      minimal('张三委员提问：问题？\r\n甲局应询回答：甲的回答。\r\n乙局应询回答：乙的回答。\r\n第二段。\r\n'),
      'other.txt',
    );
    expect(h.items.map((i) => [i.id, i.body, i.question, i.answer])).toEqual([
      ['q1', '甲局', '问题？', ['甲的回答。']],
      ['q2', '乙局', '问题？', ['乙的回答。', '第二段。']],
    ]);
    expect(h.closing).toBeNull();
    expect(h.id).toBe('other');
  });

  it.each([
    ['an empty file', '', /other\.txt:1: the file is empty/],
    ['a blank file', '\n  \n', /the file is empty/],
    [
      'an answer with no question',
      minimal('甲局应询回答:回答。\n'),
      /other\.txt:4: answer by 甲局 has no question before it/,
    ],
    [
      'a question with no answer',
      minimal('张三委员提问:问题?\n李四委员提问:问题二?\n甲局应询回答:回答。\n'),
      /other\.txt:4: question by 张三 has no answer/,
    ],
    [
      'a question at the end with no answer',
      minimal('张三委员提问:问题?\n'),
      /other\.txt:4: question by 张三 has no answer/,
    ],
    [
      'a question before any theme',
      '——标题\n张三委员提问:问题?\n甲局应询回答:回答。\n',
      /other\.txt:2: a question comes before the first theme/,
    ],
    ['no questions at all', '——标题\n只有一段介绍。\n', /no question and answer found/],
    ['an empty answer', minimal('张三委员提问:问题?\n甲局应询回答:\n'), /the answer by 甲局 to 张三 is empty/],
  ])('rejects %s with the file and line', (_, input, message) => {
    expect(() => parseTranscript(input, 'other.txt')).toThrow(TranscriptError);
    expect(() => parseTranscript(input, 'other.txt')).toThrow(message);
  });
});

describe('the hearing date', () => {
  const minimal = (meetingLine: string) =>
    `——某专题询问摘录\n${meetingLine}\n主题一——\n张三委员提问:问?\n甲局应询回答:答。\n`;

  it('takes the year from the data file beside the transcript, since the meeting line prints only 9月13日', () => {
    expect(hearing.date).toBe('2023-09-13');
    expect(parseTranscript(text, FILE).date).toBeNull();
  });

  it.each([
    ['a meeting line with its year', '2024年5月8日,某次会议举行专题询问。', {}, '2024-05-08'],
    [
      'a data file and a meeting line that agree',
      '5月8日,某次会议举行专题询问。',
      { date: '2024-05-08' },
      '2024-05-08',
    ],
    [
      'a data file and a meeting line with the same year',
      '2024年5月8日,某会议。',
      { date: '2024-05-08' },
      '2024-05-08',
    ],
    ['a data file and no date in the intro', '某次会议举行专题询问。', { date: '2024-05-08' }, '2024-05-08'],
    ['neither', '5月8日,某次会议举行专题询问。', {}, null],
  ])('%s gives %4$s', (_, meetingLine, data, date) => {
    expect(parseTranscript(minimal(meetingLine), 'other.txt', data).date).toBe(date);
  });

  it.each([
    [
      'another day',
      '5月8日,某次会议。',
      { date: '2024-05-09' },
      /other\.txt:2: the meeting line says 「5月8日」 but other\.json says 2024-05-09; correct other\.json/,
    ],
    [
      'another year',
      '2023年5月8日,某次会议。',
      { date: '2024-05-08' },
      /other\.txt:2: the meeting line says 「2023年5月8日」 but other\.json/,
    ],
    [
      'a day that does not exist',
      '2023年2月30日,某次会议。',
      {},
      /other\.txt:2: the meeting line's date 「2023年2月30日」 is not a day/,
    ],
  ])('refuses a data file or meeting line with %s', (_, meetingLine, data, message) => {
    expect(() => parseTranscript(minimal(meetingLine), 'other.txt', data)).toThrow(message);
  });
});

describe('splitPerson', () => {
  it.each([
    ['市人大常委会副主任龙良文', { name: '龙良文', title: '市人大常委会副主任' }],
    ['谭刚毅委员', { name: '谭刚毅', title: '委员' }],
    ['王康代表', { name: '王康', title: '代表' }],
    ['市政府副市长汪元程', { name: '汪元程', title: '市政府副市长' }],
    ['张三', { name: '张三', title: '' }],
  ])('%s', (text, person) => expect(splitPerson(text)).toEqual(person));
});
