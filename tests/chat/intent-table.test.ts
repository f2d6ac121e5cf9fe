// The intent table is the one list of commands: every entry is in /help, in the conversation's menu, and runs.
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { commands, parseIntent } from '../../src/chat/intent.js';
import { intentTable } from '../../src/chat/intents/index.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import { loadEngine } from '../../src/search/engine.js';

const engine = loadEngine();
const conversation = createConversation({ engine });
const say = async (text: string) =>
  (await conversation.respond({ text, chat: 'private', userId: 't', chatId: 't' })).reply;
/** With one hearing /hearings is understood but not offered. */
const offered = intentTable().filter((m) => !('severalHearingsOnly' in m && m.severalHearingsOnly));

describe('the intent table', () => {
  it('every entry offered is in conversation.menu(), in the table order', () => {
    expect(conversation.menu().map((c) => c.command)).toEqual(offered.map((m) => m.name));
  });

  it('every entry offered is named in /help (/start is the /help reply itself)', async () => {
    const help = renderPlain((await say('/help'))!).join('\n');
    for (const m of offered) if (m.name !== 'start') expect(help).toContain(`/${m.name}`);
  });

  it("every entry's writer makes a command that parses back to it and gets a reply", async () => {
    for (const m of intentTable()) {
      const written = (commands as unknown as Record<string, () => string>)[m.name]!();
      expect(written).toBe(`/${m.name}`);
      expect(parseIntent(written).kind).toBe(m.name === 'start' ? 'help' : m.name);
      expect((await say(written))?.kind).toMatch(/^(?:answer|list|help|commitments)$/);
    }
  });

  it('/closing and its Chinese words show the overall response in full', async () => {
    for (const text of ['/closing', '总体回应', '收尾', '最后讲话']) {
      const reply = await say(text);
      expect(reply?.kind).toBe('answer');
      if (reply?.kind !== 'answer') continue;
      expect(reply.items.map((i) => [i.id, i.asker.name, i.body])).toEqual([['closing', '汪元程', '市政府']]);
    }
  });
});
