// Every hint the chat prints works when typed back exactly as shown: a command that runs, or one whose label it ignores.
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import type { Reply } from '../../src/chat/reply.js';
import { loadEngine } from '../../src/search/engine.js';

const engine = loadEngine();
const conversation = createConversation({ engine });
let chats = 0;

/** Sends messages in one new private chat (so follow-ups follow), returning each reply. */
async function dialogue(...texts: string[]): Promise<(Reply | null)[]> {
  const chatId = `hints-${++chats}`;
  const replies: (Reply | null)[] = [];
  for (const text of texts)
    replies.push((await conversation.respond({ text, chat: 'private', userId: chatId, chatId })).reply);
  return replies;
}

/** What a reply prints as something to send: the command, then its label, as the layout writes them. */
function shownHints(reply: Reply | null): string[] {
  if (!reply) return [];
  const shown = (s: { command: string; label: string }) => (s.label ? `${s.command} ${s.label}` : s.command);
  switch (reply.kind) {
    case 'answer':
      return [
        ...reply.related.map((r) => `${r.command} ${r.body} · ${r.asker.name} · ${r.short}`),
        ...reply.suggestions.map(shown),
      ];
    case 'list':
    case 'not-found':
    case 'hint':
    case 'unknown-command':
      return reply.suggestions.map(shown);
    case 'commitments':
      return [...reply.items.map((c) => `${c.command} ${c.body}应询`), ...reply.suggestions.map(shown)];
    case 'did-you-mean':
      return reply.candidates.map(shown);
    case 'help':
      return [...reply.examples, ...reply.commands].map(shown);
    default:
      return [];
  }
}

/** Commands with and without arguments, misses, near misses, guesses, lists, and follow-ups after an answer. */
const SPREAD: string[][] = [
  ['/help'],
  ['/start'],
  ['你好'],
  ['/dept'],
  ['/dept 经信局'],
  ['/dept 经心局'],
  ['/dept 不存在局'],
  ['/who'],
  ['/who 朱库成'],
  ['/who 汪天程'],
  ['/who 张三'],
  ['/who 陈'],
  ['/topic'],
  ['/topic 2'],
  ['/topic 9'],
  ['/list'],
  ['/q'],
  ['/q 5'],
  ['/q 99'],
  ['/q closing'],
  ['/closing'],
  ['/promises'],
  ['/promises 经开区'],
  ['/promises 经心局'],
  ['/hearings'],
  ['/foo'],
  ['经开区汽车怎么说'],
  ['汉融通'],
  ['工厂装机器人换人有没有补贴'],
  ['今天天气怎么样'],
  ['经信厅有啥措施'],
  ['🙂'],
  ['经开区汽车怎么说', '谁问的'],
  ['经开区汽车怎么说', '哪个部门答的'],
  ['经开区汽车怎么说', '有什么数字'],
  ['经开区汽车怎么说', '还有呢'],
  ['经开区汽车怎么说', '不对'],
  ['/dept 市经信局', '2'],
  ['工厂装机器人换人有没有补贴', '不对'],
  ['谁问了智慧农业'],
  ['人大代表都问了啥'],
  ['第三个问题'],
  ['总共几个问题'],
  ['收尾时市领导说了啥'],
  ['陈主任问的那两个'],
  ['深圳的智算中心进展如何'],
  ['how is the computing center going'],
  ['中小企业数字化转型有没有补贴', '她还问了别的吗'],
  ['副主任们问了什么', '倒数第二个'],
  ['前三个问题都是谁问的'],
  ['一共几个主题'],
  ['答复单位有哪些'],
  ['委员和代表一共多少人'],
  ['最后一个问题', '下一个', '下一个'],
  ['第一个问题', '上一个'],
];

describe('hints typed back as shown', () => {
  it('every suggestion printed after a spread of messages runs: none gets a not-found', async () => {
    const hints = new Set<string>();
    for (const texts of SPREAD)
      for (const reply of await dialogue(...texts)) for (const h of shownHints(reply)) hints.add(h);
    // The spread must reach the hints this test is about (labels after commands).
    expect([...hints]).toEqual(
      expect.arrayContaining(['/who 全部提问人', '/dept 全部答复单位', '/promises 各单位的承诺', '/topic 看五个主题']),
    );
    expect(hints.size).toBeGreaterThan(30);
    const failing: string[] = [];
    for (const hint of hints) {
      const [reply] = await dialogue(hint);
      if (!reply || ['not-found', 'unknown-command', 'nothing-to-follow', 'hint'].includes(reply.kind))
        failing.push(`${hint} → ${reply?.kind ?? 'silence'}`);
    }
    expect(failing).toEqual([]);
  });

  it('a label after a command is ignored; a name that matches nothing is still not found', async () => {
    const [topic3] = await dialogue('/topic 3 加快推动数字产业化升级');
    const [plain3] = await dialogue('/topic 3');
    expect(topic3).toEqual(plain3);
    const [closing] = await dialogue('/q closing 市政府副市长汪元程总体回应');
    expect(closing?.kind === 'answer' && closing.items.map((i) => i.id)).toEqual(['closing']);
    const [who] = await dialogue('/who 全部提问人');
    expect(who?.kind === 'list' && who.title).toBe('18位提问人，另有总体回应：');
    const [nobody] = await dialogue('/who 张三');
    expect(nobody?.kind).toBe('not-found');
  });
});
