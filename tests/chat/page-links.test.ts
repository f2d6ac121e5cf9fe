// HEARING_PAGE_URL: every answer ends with a link to its card on the quick reference page; without it nothing changes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/chat/conversation.js';
import { itemLink, pageUrlFromEnv } from '../../src/chat/page-links.js';
import { renderPlain } from '../../src/chat/render-plain.js';
import { writeQuickReference } from '../../src/reference/files.js';
import { sharedEngine } from '../search/helpers.js';

const PAGE = 'https://rd.example.cn/quick-reference.html';
const dir = mkdtempSync(join(tmpdir(), 'page-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ask = async (text: string, pageUrl?: string | null) =>
  (
    await createConversation({ engine: sharedEngine(), pageUrl }).respond({
      text,
      chat: 'private',
      userId: 'u',
      chatId: 'c',
    })
  ).reply!;

describe('pageUrlFromEnv', () => {
  it.each([
    [{}, null],
    [{ HEARING_PAGE_URL: ' ' }, null],
    [{ HEARING_PAGE_URL: PAGE }, PAGE],
  ])('%j → %j', (env, url) => {
    expect(pageUrlFromEnv(env)).toBe(url);
  });

  it.each(['quick-reference.html', 'ftp://rd.example.cn/x.html', 'javascript:alert(1)'])('refuses %j', (value) => {
    expect(() => pageUrlFromEnv({ HEARING_PAGE_URL: value })).toThrow(/^HEARING_PAGE_URL: /);
  });
});

describe('answers with HEARING_PAGE_URL', () => {
  it('every item of an answer ends with the link to its anchor, which the published page has', async () => {
    const html = readFileSync(writeQuickReference({ outDir: dir }).html.path, 'utf8');
    for (const question of ['汉融通是什么', '/dept 市经信局', '/q closing']) {
      const reply = await ask(question, PAGE);
      expect(reply.kind).toBe('answer');
      if (reply.kind !== 'answer') continue;
      for (const item of reply.items) {
        expect(item.link).toBe(`${PAGE}#${item.id}`);
        expect(html).toContain(`id="${item.id}"`);
      }
      const text = renderPlain(reply, Number.MAX_SAFE_INTEGER).join('\n');
      expect(text).toContain(`原文：${PAGE}#${reply.items[0]!.id}`);
    }
  });

  it('without the variable the reply is exactly what it was', async () => {
    for (const question of ['汉融通是什么', '/q 5', '今天晚饭吃什么']) {
      const plain = await ask(question);
      expect(JSON.stringify(plain)).not.toContain('"link"');
      expect(renderPlain(plain).join('\n')).not.toContain('原文：');
    }
  });

  it('a page per hearing: {hearing} becomes the hearing id; a fragment given is replaced', () => {
    expect(itemLink('https://x.cn/{hearing}.html#top', 'h-2024', 'q5')).toBe('https://x.cn/h-2024.html#q5');
  });
});
