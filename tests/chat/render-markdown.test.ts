// The Markdown renderer (WeCom, DingTalk): bold names, answers quoted verbatim, at most 2048 UTF-8 bytes a message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { escapeMarkdown, MARKDOWN_LIMIT, markdownLine, renderMarkdown } from '../../src/chat/render-markdown.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import type { AnswerItem, Reply } from '../../src/chat/reply.js';
import { loadEngine } from '../../src/search/engine.js';

const engine = loadEngine();
const conversation = createConversation({ engine });
const reply = async (text: string): Promise<Reply> =>
  (await conversation.respond({ text, chat: 'private', userId: 'u', chatId: 'c' })).reply!;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** What a reader sees once Markdown is rendered: quote marks, bold marks and escapes gone, white space ignored. */
function visible(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    for (const block of part.split('\n\n')) {
      const text = block.startsWith('> ') ? block.slice(2) : block;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\\') out += text[++i] ?? '';
        else if (text.startsWith('**', i)) i++;
        else out += text[i];
      }
    }
  }
  return out.replace(/\s+/g, '');
}

/** The answer paragraphs as they come out: every `> ` block, unescaped, in order. */
function quotedBlocks(parts: readonly string[]): string[] {
  return parts
    .flatMap((part) => part.split('\n\n'))
    .filter((block) => block.startsWith('> '))
    .map((block) => block.slice(2).replace(/\\(.)/g, '$1'));
}

/** What a reader sees of plain text: the words, white space ignored. */
const plainWords = (parts: readonly string[]) => parts.join('').replace(/\s+/g, '');

const paragraphsOf = (r: Reply) => (r.kind === 'answer' ? r.items.flatMap((item) => item.paragraphs) : []);

describe('renderMarkdown', () => {
  it('names the asker and the answering body in bold and quotes the answer verbatim', async () => {
    const r = await reply('经开区汽车怎么说');
    const [text, ...rest] = renderMarkdown(r);
    expect(rest).toEqual([]);
    const blocks = text!.split('\n\n');
    expect(blocks[0]).toBe('**q5 樊志宏委员提问**：经开区将如何推动汽车产业与数字经济加快融合发展?');
    expect(blocks[1]).toBe('**经开区管委会应询回答**：');
    const q5 = engine.entries.find((e) => e.id === 'q5')!;
    const answer = q5.kind === 'qa' ? q5.answer : [];
    expect(answer.length).toBeGreaterThan(0);
    expect(blocks.slice(2, 2 + answer.length)).toEqual(answer.map((p) => `> ${p}`));
    expect(text).toContain('更多：/topic 2 · /list');
  });

  it('says the same words as the plain renderer, for every kind of reply', async () => {
    for (const text of [
      '/help',
      '/list',
      '/dept',
      '/who',
      '/topic',
      '/promises',
      '/promises 经开区',
      '/dept 经信局',
      '/dept 经心局',
      '/q closing',
      '软件名城怎么样',
      '今天天气怎么样',
      '😀',
      '/foo',
    ]) {
      const r = await reply(text);
      expect(visible(renderMarkdown(r)), text).toBe(plainWords(renderPlain(r, Number.MAX_SAFE_INTEGER)));
    }
  });

  it('keeps every message within 2048 UTF-8 bytes, breaking between paragraphs, in order', async () => {
    for (const text of ['/dept 经信局', '/topic 2', '/list', '/who', '/promises', '/q closing']) {
      const r = await reply(text);
      const parts = renderMarkdown(r);
      for (const part of parts) expect(bytes(part), text).toBeLessThanOrEqual(MARKDOWN_LIMIT);
      // Every paragraph fits in a message, so each arrives whole and in the transcript's order.
      expect(quotedBlocks(parts), text).toEqual(paragraphsOf(r));
    }
    expect(renderMarkdown(await reply('/dept 经信局')).length).toBeGreaterThan(1);
  });

  it('cuts a paragraph longer than a message into quoted pieces that join back to it', async () => {
    // The entry with the longest paragraph, at a limit half that paragraph's size.
    const sizes = new Map<string, number>();
    for (const e of engine.entries)
      sizes.set(e.id, Math.max(...paragraphsOf(await reply(`/q ${e.id.replace(/^q/, '')}`)).map(bytes)));
    const longest = (id: string) => sizes.get(id) ?? 0;
    const id = engine.entries.map((e) => e.id).reduce((a, b) => (longest(b) > longest(a) ? b : a));
    const r = await reply(`/q ${id.replace(/^q/, '')}`);
    const limit = Math.floor(longest(id) / 2);
    expect(limit).toBeGreaterThan(256);
    const parts = renderMarkdown(r, limit);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(limit);
    expect(quotedBlocks(parts).join('')).toBe(paragraphsOf(r).join(''));
    expect(visible(parts)).toBe(visible(renderMarkdown(r, Number.MAX_SAFE_INTEGER)));
  });

  it('escapes what users type so it cannot format, hide or inject anything', async () => {
    const [text] = renderMarkdown(await reply('*粗*<font>[链](x)`c`#'));
    expect(text).toContain('「\\*粗\\*\\<font\\>\\[链\\](x)\\`c\\`\\#」');
    expect(escapeMarkdown('经开区汽车怎么说')).toBe('经开区汽车怎么说');
    expect(markdownLine([{ text: '1. 第一', style: 'plain' }])).toBe('1\\. 第一');
    expect(markdownLine([{ text: '- 一项', style: 'plain' }])).toBe('\\- 一项');
    expect(markdownLine([{ text: '「主题」', style: 'bold' }])).toBe('「**主题**」');
  });

  it('loses nothing and never exceeds the limit, whatever the paragraphs say', () => {
    const item = (paragraphs: string[]): AnswerItem => ({
      id: 'q1',
      hearing: 'h',
      theme: null,
      asker: { name: '甲', title: '委员' },
      question: '问*题*',
      body: '市经信局',
      paragraphs,
    });
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 64, max: 2048 }),
        (paragraphs, limit) => {
          const r: Reply = {
            kind: 'answer',
            source: 'q',
            coverage: 1,
            title: null,
            items: [item(paragraphs)],
            related: [],
            suggestions: [],
          };
          const parts = renderMarkdown(r, limit);
          for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(limit);
          expect(visible(parts)).toBe(plainWords(renderPlain(r, Number.MAX_SAFE_INTEGER)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a limit too small to hold a message', async () => {
    const help = await reply('/help');
    expect(() => renderMarkdown(help, 10)).toThrow(/at least 64 bytes/);
  });
});
