// Links from answers to the item's anchor on the published quick reference page (HEARING_PAGE_URL), to open the source.
import { z } from 'zod';
import type { Reply } from './reply.js';

/**
 * The page's address from the environment: unset or blank → null (no links); otherwise an http(s) URL, where
 * `{hearing}` stands for the hearing's id when each hearing has its own page. Throws naming the variable otherwise.
 * @example pageUrlFromEnv({ HEARING_PAGE_URL: 'https://rd.example.cn/quick-reference.html' })
 */
export function pageUrlFromEnv(env: Record<string, string | undefined>): string | null {
  const value = env.HEARING_PAGE_URL?.trim();
  if (!value) return null;
  const parsed = PageUrlSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `HEARING_PAGE_URL: ${parsed.error.issues[0]!.message}, such as https://rd.example.cn/quick-reference.html`,
    );
  return parsed.data;
}

/**
 * The link to an item's card on the page: the page's `#q5` / `#closing` anchors (src/reference/sections.ts), which stay
 * the same from one build of the page to the next.
 * @example itemLink('https://rd.example.cn/qr.html', 'digital-economy-2023-09-13', 'q5') // 'https://rd.example.cn/qr.html#q5'
 */
export function itemLink(pageUrl: string, hearing: string, id: string): string {
  return `${pageUrl.split('#')[0]!.replaceAll('{hearing}', encodeURIComponent(hearing))}#${encodeURIComponent(id)}`;
}

/** The reply with each answer item carrying its link; the same reply when there is no page. */
export function withPageLinks(reply: Reply, pageUrl: string | null | undefined): Reply {
  if (!pageUrl || reply.kind !== 'answer') return reply;
  return { ...reply, items: reply.items.map((item) => ({ ...item, link: itemLink(pageUrl, item.hearing, item.id) })) };
}

const PageUrlSchema = z
  .string()
  .url('expected the address of the quick reference page')
  .refine((v) => /^https?:\/\//i.test(v), 'expected an http or https address');
