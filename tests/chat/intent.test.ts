// Intent parsing: every command, its Chinese aliases, bot-name suffixes, mentions and junk, read without the engine.
import { describe, expect, it } from 'vitest';
import {
  chineseCount,
  cleanMessage,
  commandMenu,
  commands,
  type Intent,
  MAX_MESSAGE_CHARS,
  parseIntent,
} from '../../src/chat/intent.js';
import { intentTable } from '../../src/chat/intents/index.js';

describe('parseIntent', () => {
  it.each<[string, Intent]>([
    ['/start', { kind: 'help' }],
    ['/start deep-link-payload', { kind: 'help' }],
    ['/help', { kind: 'help' }],
    ['帮助', { kind: 'help' }],
    ['开始', { kind: 'help' }],
    ['/dept', { kind: 'dept', arg: '' }],
    ['/dept 经信局', { kind: 'dept', arg: '经信局' }],
    ['/dept@hearing_bot 经信局', { kind: 'dept', arg: '经信局' }],
    ['/dept@hearing_bot', { kind: 'dept', arg: '' }],
    ['/DEPT   市经信局  ', { kind: 'dept', arg: '市经信局' }],
    ['／dept　市经信局', { kind: 'dept', arg: '市经信局' }],
    ['@hearing_bot /dept 光谷', { kind: 'dept', arg: '光谷' }],
    ['部门 市经信局', { kind: 'dept', arg: '市经信局' }],
    ['部门：经心局', { kind: 'dept', arg: '经心局' }],
    ['部门', { kind: 'dept', arg: '' }],
    ['/部门 经信局', { kind: 'dept', arg: '经信局' }],
    ['/who', { kind: 'who', arg: '' }],
    ['/who 朱库成', { kind: 'who', arg: '朱库成' }],
    ['谁问了 朱库成', { kind: 'who', arg: '朱库成' }],
    ['谁问了朱库成', { kind: 'who', arg: '朱库成' }],
    ['提问人 樊志宏', { kind: 'who', arg: '樊志宏' }],
    ['/topic', { kind: 'topic', arg: '' }],
    ['/topic 2', { kind: 'topic', arg: '2' }],
    ['主题 2', { kind: 'topic', arg: '2' }],
    ['主题2', { kind: 'topic', arg: '2' }],
    ['主题 治理', { kind: 'topic', arg: '治理' }],
    ['主题', { kind: 'topic', arg: '' }],
    ['/list', { kind: 'list' }],
    ['/list 智慧交通', { kind: 'list', arg: '智慧交通' }],
    ['/hearings', { kind: 'hearings' }],
    ['询问列表', { kind: 'hearings' }],
    ['列表', { kind: 'list' }],
    ['全部问题', { kind: 'list' }],
    ['/q 5', { kind: 'q', arg: '5' }],
    ['/q closing', { kind: 'q', arg: 'closing' }],
    ['/q', { kind: 'q', arg: '' }],
    ['第5题', { kind: 'q', arg: '5' }],
    ['第十二题', { kind: 'q', arg: '十二' }],
    ['问题 5', { kind: 'q', arg: '5' }],
    ['问题5', { kind: 'q', arg: '5' }],
    ['q5', { kind: 'q', arg: 'q5' }],
    ['Q 12', { kind: 'q', arg: 'Q12' }],
    ['q7说了啥', { kind: 'q', arg: 'q7' }],
    ['Q7讲的什么？', { kind: 'q', arg: 'Q7' }],
    ['第5题说了什么', { kind: 'q', arg: '5' }],
    ['问题3内容', { kind: 'q', arg: '3' }],
    ['/promises', { kind: 'promises', arg: '' }],
    ['/promises 经开区', { kind: 'promises', arg: '经开区' }],
    ['/promises@hearing_bot 市经信局', { kind: 'promises', arg: '市经信局' }],
    ['承诺 经开区', { kind: 'promises', arg: '经开区' }],
    ['承诺：经开区', { kind: 'promises', arg: '经开区' }],
    ['目标 市经信局', { kind: 'promises', arg: '市经信局' }],
    ['承诺', { kind: 'promises', arg: '' }],
    ['目标', { kind: 'promises', arg: '' }],
    ['承诺与目标', { kind: 'promises', arg: '' }],
    ['承诺与目标 金融局', { kind: 'promises', arg: '金融局' }],
    ['/承诺 经开区', { kind: 'promises', arg: '经开区' }],
    ['@hearing_bot 承诺 经心局', { kind: 'promises', arg: '经心局' }],
    ['/closing', { kind: 'closing', arg: '' }],
    ['总体回应', { kind: 'closing', arg: '' }],
    ['最后讲话', { kind: 'closing', arg: '' }],
    ['/foo', { kind: 'unknown-command', command: 'foo' }],
    ['/foo@other_bot bar', { kind: 'unknown-command', command: 'foo' }],
  ])('%j → %j', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it.each([
    ['经开区汽车怎么说', '经开区汽车怎么说'],
    ['@hearing_bot 经开区汽车怎么说', '经开区汽车怎么说'],
    ['@机器人\u2005经开区汽车怎么说', '经开区汽车怎么说'],
    // Looks like an alias but is a question: the argument is glued on and not a name or number.
    ['部门工作怎么样', '部门工作怎么样'],
    ['帮助中小企业的措施', '帮助中小企业的措施'],
    ['问题 经开区汽车', '问题 经开区汽车'],
    ['主题是什么', '主题是什么'],
    ['目标是什么', '目标是什么'],
    ['承诺的事情怎么落实', '承诺的事情怎么落实'],
    ['<b>', '<b>'],
    ['/:)', '/:)'],
  ])('%j is the question %j', (text, question) => {
    expect(parseIntent(text)).toEqual({ kind: 'question', text: question });
  });

  it.each(['', '   ', '\n\t', '\u0000\u0007\u001b', '\u200b\u200d', '@hearing_bot', '@a @b  '])(
    '%j is empty',
    (text) => {
      expect(parseIntent(text)).toEqual({ kind: 'empty' });
    },
  );

  it('never throws on non-strings smuggled in from untyped platforms', () => {
    for (const value of [undefined, null, 42, {}])
      expect(parseIntent(value as unknown as string).kind).toMatch(/empty|question/);
  });
});

describe('cleanMessage', () => {
  it('cuts long messages before anything else reads them', () => {
    const noise = '噪'.repeat(30_000);
    expect([...cleanMessage(noise)].length).toBe(MAX_MESSAGE_CHARS);
  });

  it('does not split an emoji when cutting', () => {
    const text = '😀'.repeat(MAX_MESSAGE_CHARS + 10);
    expect(cleanMessage(text)).toBe('😀'.repeat(MAX_MESSAGE_CHARS));
  });

  it('turns control characters into spaces and folds full width', () => {
    expect(cleanMessage('经开区\u0000汽车\u200b？ＡＩ')).toBe('经开区 汽车 ?AI');
  });
});

describe('the intent table', () => {
  it('lists every command with a Telegram-valid name and a Chinese description', () => {
    const COMMANDS = intentTable().map((m) => ({ command: m.name, description: m.description }));
    expect(COMMANDS.map((c) => c.command)).toEqual([
      'start',
      'help',
      'hearings',
      'dept',
      'who',
      'topic',
      'list',
      'q',
      'closing',
      'promises',
      'due',
    ]);
    for (const c of COMMANDS) {
      expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(c.description.length).toBeGreaterThanOrEqual(3);
      expect(c.description.length).toBeLessThanOrEqual(256);
      expect(c.description).toMatch(/\p{Script=Han}/u);
    }
  });

  it('every alias parses to its own command', () => {
    for (const spec of intentTable()) {
      for (const alias of spec.aliases) {
        const kind = parseIntent(`${alias} 5`).kind;
        expect([spec.name === 'start' ? 'help' : spec.name]).toContain(kind);
      }
    }
  });
});

describe('commands: the one way replies name a command', () => {
  it('builds each command as a user types it, a hearing key first when given', () => {
    expect(commands.dept('市经信局')).toBe('/dept 市经信局');
    expect(commands.dept()).toBe('/dept');
    expect(commands.dept('市经信局', '智慧交通')).toBe('/dept 智慧交通 市经信局');
    expect(commands.who('朱库成')).toBe('/who 朱库成');
    expect(commands.topic(2)).toBe('/topic 2');
    expect(commands.topic(null, '智慧交通')).toBe('/topic 智慧交通');
    expect([commands.q('q5'), commands.q('closing'), commands.q('q2', '智慧交通')]).toEqual([
      '/q 5',
      '/q closing',
      '/q 智慧交通 2',
    ]);
    expect([commands.list(), commands.list('智慧交通'), commands.promises('经开区')]).toEqual([
      '/list',
      '/list 智慧交通',
      '/promises 经开区',
    ]);
  });

  it('every command a builder makes parses back to its own intent', () => {
    expect(parseIntent(commands.q('q2', '智慧交通'))).toEqual({ kind: 'q', arg: '智慧交通 2' });
    expect(parseIntent(commands.topic(1, '数字经济'))).toEqual({ kind: 'topic', arg: '数字经济 1' });
    expect(parseIntent(commands.hearings())).toEqual({ kind: 'hearings' });
  });
});

describe('commandMenu', () => {
  const facts = {
    hearings: 1,
    themes: 5,
    items: 18,
    examples: { dept: '市经信局', who: '朱库成', topic: '2', q: '5', promises: '经开区' },
  };

  it('counts and examples come from the facts; /hearings only with several hearings', () => {
    const one = commandMenu(facts);
    expect(one.map((c) => c.command)).not.toContain('hearings');
    expect(one.find((c) => c.command === 'topic')?.description).toBe('五个主题，或某主题下的问答，如 /topic 2');
    const two = commandMenu({ ...facts, hearings: 2, themes: 2, items: 22 });
    expect(two.map((c) => c.command)).toContain('hearings');
    expect(two.find((c) => c.command === 'topic')?.description).toMatch(/^两个主题/);
    expect(two.find((c) => c.command === 'list')?.description).toBe('全部22个问题，一行一个');
    expect(two.find((c) => c.command === 'start')?.description).toBe('开始：这几场专题询问讲了什么、怎么问');
  });

  it('chineseCount writes small counts as people do', () => {
    expect([1, 2, 5, 10, 12, 20, 22, 99, 100].map(chineseCount)).toEqual([
      '一',
      '两',
      '五',
      '十',
      '十二',
      '二十',
      '二十二',
      '九十九',
      '100',
    ]);
  });
});
