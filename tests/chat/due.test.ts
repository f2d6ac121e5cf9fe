// /due and progress questions in the chat: what is overdue on a set day, statuses beside /promises, the ledger's answer
// to 「…完成了吗」, and a `promises set` through the CLI seen by the next message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { renderMarkdown } from '../../src/chat/render-markdown.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import { renderTelegramHtml } from '../../src/chat/render-telegram.js';
import type { Reply } from '../../src/chat/reply.js';
import { readLedger } from '../../src/commitments/ledger.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { loadEngine } from '../../src/search/engine.js';
import { cli } from '../commitments/helpers.js';

const engine = loadEngine();
const THREE_YEARS = '争取用三年时间在总量上实现较大增长';
const threeYears = loadCommitments().find((c) => c.text === THREE_YEARS)!;
const CHIP = '从今年开始每年设计并推出一款大算力7纳米智能座舱芯片';
const temp = mkdtempSync(join(tmpdir(), 'due-chat-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let file = '';
let n = 0;
let today = '2026-10-01';
beforeEach(() => {
  file = join(temp, `ledger-${n++}.json`);
  today = '2026-10-01';
  process.env.HEARING_LEDGER_FILE = file;
});
afterEach(() => {
  delete process.env.HEARING_LEDGER_FILE;
});

const conversation = createConversation({
  engine,
  ledger: () => readLedger(file),
  today: () => today,
  onError: (error) => {
    throw error;
  },
});
const say = async (text: string): Promise<Reply | null> =>
  (await conversation.respond({ text, chat: 'private', userId: 'u', chatId: `c${n}` })).reply;

type Commitments = Extract<Reply, { kind: 'commitments' }>;
async function commitments(text: string): Promise<Commitments> {
  const reply = await say(text);
  if (reply?.kind !== 'commitments') throw new Error(`expected commitments for ${text}, got ${JSON.stringify(reply)}`);
  return reply;
}

describe('/due', () => {
  it.each(['/due', '到期', '督办', '快到期的承诺', '/due@hearing_bot'])(
    '%j on 2026-10-01 lists the three-year commitment of 经开区管委会 as overdue, with /q 5',
    async (text) => {
      const reply = await commitments(text);
      expect(reply.items.map((c) => [c.body, c.text, c.command, c.followUp?.due, c.followUp?.overdue])).toEqual([
        ['经开区管委会', THREE_YEARS, '/q 5', '2026-09-13', true],
      ]);
      expect(reply.title).toContain('已逾期1条');
      const plain = renderPlain(reply).join('\n');
      expect(plain).toContain(`「${THREE_YEARS}」`);
      expect(plain).toContain('到期 2026年9月13日 · 已逾期 · 台账尚未登记进展');
    },
  );

  it('after `promises set … done` through the CLI the next /due no longer lists it', async () => {
    expect((await commitments('/due')).items.map((c) => c.text)).toEqual([THREE_YEARS]);
    const set = await cli(['promises', 'set', threeYears.key, 'done', '--note', '总量增长已达预期']);
    expect(set.code).toBe(0);
    const after = await commitments('/due');
    expect(after.items).toEqual([]);
    expect(after.title).toBe('截至2026年10月1日，没有已逾期或90天内到期的承诺。');
  });

  it('lists what falls due within 90 days, oldest first: in December the yearly ones follow the overdue goal', async () => {
    today = '2026-12-01';
    const reply = await commitments('/due');
    expect(reply.items.map((c) => [c.text, c.followUp?.due, c.followUp?.overdue])).toEqual([
      [THREE_YEARS, '2026-09-13', true],
      // Due the same day: in transcript order (q5 before q7).
      [CHIP, '2026-12-31', false],
      ['每年至少要引进2家数字金融头部企业', '2026-12-31', false],
    ]);
    expect(reply.title).toContain('已逾期1条，90天内到期2条');
  });

  it('a question that starts with 督办 is still a question', async () => {
    expect((await say('督办工作怎么开展'))?.kind).not.toBe('commitments');
  });
});

describe('/promises <body> with the ledger', () => {
  it('shows the due date and status beside each clause, and a recorded status with its note and source', async () => {
    await cli([
      'promises',
      'set',
      threeYears.key,
      'in-progress',
      '--note',
      '已完成七成',
      '--source',
      'https://example.org/r',
    ]);
    const reply = await commitments('/promises 经开区');
    const three = reply.items.find((c) => c.text === THREE_YEARS)!;
    expect(three.followUp).toEqual({
      due: '2026-09-13',
      recurring: false,
      overdue: true,
      status: 'in-progress',
      note: '已完成七成',
      source: 'https://example.org/r',
    });
    expect(reply.items.find((c) => c.text === CHIP)?.followUp).toMatchObject({ due: '2026-12-31', status: null });
    for (const text of [
      renderPlain(reply).join('\n'),
      renderTelegramHtml(reply).join('\n'),
      renderMarkdown(reply).join('\n'),
    ]) {
      expect(text).toContain('推进中');
      expect(text).toContain('进展：已完成七成');
      expect(text).toContain('https://example.org/r');
      expect(text).toContain('2026年12月31日（每年）');
      expect(text).toContain('台账尚未登记进展');
    }
  });
});

describe('「…完成了吗」 answered from the ledger', () => {
  it.each(['经开区三年目标完成了吗', '经开区的三年目标落实得怎么样', '经开区管委会三年目标进展如何'])(
    '%j names the three-year commitment and says plainly the ledger has no status yet',
    async (text) => {
      const reply = await commitments(text);
      expect(reply.items.map((c) => [c.body, c.text, c.followUp?.status])).toEqual([
        ['经开区管委会', THREE_YEARS, null],
      ]);
      expect(renderPlain(reply).join('\n')).toContain('督办台账还没有登记进展');
    },
  );

  it('once recorded, answers with the status, the note and the source', async () => {
    await cli([
      'promises',
      'set',
      threeYears.key,
      'done',
      '--note',
      '总量增长42%',
      '--source',
      'https://example.org/f',
    ]);
    const plain = renderPlain(await commitments('经开区三年目标完成了吗')).join('\n');
    expect(plain).toContain(`「${THREE_YEARS}」`);
    expect(plain).toContain('已完成');
    expect(plain).toContain('进展：总量增长42%');
    expect(plain).toContain('来源：https://example.org/f');
    expect(plain).not.toContain('督办台账还没有登记进展');
  });

  it('a question about what was said, without goal or progress words, is still searched', async () => {
    const reply = await say('经开区汽车怎么说');
    expect(reply?.kind).toBe('answer');
  });
});
