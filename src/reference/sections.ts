// The parts of the quick reference, each rendered both as HTML and as Markdown from the same model; a new part is one builder.
import { CLOSING_BODY, type Closing, type QaItem } from '../hearing/model.js';
import { escapeHtml as h, escapeMarkdown as md } from './escape.js';
import type { ReferenceBody, ReferenceModel, ThemeGroup } from './model.js';

/** One part of the page, with its place in the table of contents. */
export interface ReferenceSection {
  /** Anchor id, unique on the page (ASCII, so links survive copying). */
  id: string;
  /** Shown in the table of contents and as the section heading. */
  title: string;
  /** The section's content below its heading; every piece of text already escaped. */
  html: string;
  /** The same content as Markdown, below its `##` heading. */
  markdown: string;
}

/**
 * Turns the model into zero or more sections. To add a part to the page and the Markdown (for example the
 * 「承诺与目标」 section from commitments), write one builder and put it into the list given to the renderers;
 * data the model lacks comes in through a closure:
 * @example const commitmentsSection = (commitments: Commitment[]): SectionBuilder => (model) => [{ id: 'commitments', title: '承诺与目标', html: …, markdown: … }];
 */
export type SectionBuilder = (model: ReferenceModel) => ReferenceSection[];

/** Index by answering body and by asker, pointing at the cards. */
export const indexSection: SectionBuilder = (model) => {
  const itemLinks = (items: QaItem[], label: (item: QaItem) => string) =>
    items.map((item) => `<a href="#${h(item.id)}">${h(qaLabel(item))} ${h(label(item))}</a>`).join('');
  const bodyRows = model.byBody.map(
    ({ key, items }) => `<li><span class="index-key">${bodyHtml(key)}</span><span class="index-links">${itemLinks(items, (item) => item.asker.name)}</span></li>`,
  );
  if (model.closing) bodyRows.push(`<li><span class="index-key">${bodyHtml(model.bodies.get(CLOSING_BODY)!)}</span><span class="index-links"><a href="#closing">总体回应 ${h(model.closing.speaker.name)}</a></span></li>`);
  const askerRows = model.byAsker.map(
    ({ key, items }) => `<li><span class="index-key">${personHtml(key.name, key.title)}</span><span class="index-links">${itemLinks(items, (item) => item.body)}</span></li>`,
  );
  const html = `<div class="index-columns">
<section class="index-list" aria-labelledby="index-by-body"><h3 id="index-by-body">按答复单位</h3><ul>${bodyRows.join('\n')}</ul></section>
<section class="index-list" aria-labelledby="index-by-asker"><h3 id="index-by-asker">按提问人</h3><ul>${askerRows.join('\n')}</ul></section>
</div>`;

  const bodyLines = model.byBody.map(({ key, items }) => `- ${bodyMarkdown(key)}：${items.map((item) => `${qaLabel(item)} ${md(item.asker.name)}`).join('；')}`);
  if (model.closing) bodyLines.push(`- ${md(CLOSING_BODY)}：总体回应 ${md(model.closing.speaker.name)}`);
  const askerLines = model.byAsker.map(({ key, items }) => `- ${personMarkdown(key.name, key.title)}：${items.map((item) => `${qaLabel(item)} ${md(item.body)}`).join('；')}`);
  const markdown = `### 按答复单位\n\n${bodyLines.join('\n')}\n\n### 按提问人\n\n${askerLines.join('\n')}`;
  return [{ id: 'index', title: '索引', html, markdown }];
};

/** One section per theme, in order, holding its Q&A cards. */
export const themeSections: SectionBuilder = (model) =>
  model.themes.map((group) => ({
    id: `theme-${group.theme.index}`,
    title: themeTitle(group),
    html: group.items.map((item) => qaCardHtml(item, model.bodies.get(item.body)!)).join('\n'),
    markdown: group.items.map((item) => qaCardMarkdown(item, model.bodies.get(item.body)!)).join('\n\n'),
  }));

/** The overall response that closes the hearing, when there is one. */
export const closingSection: SectionBuilder = (model) => {
  const closing = model.closing;
  if (!closing) return [];
  return [{ id: 'closing-section', title: '总体回应', html: closingCardHtml(closing, CLOSING_BODY), markdown: closingMarkdown(closing) }];
};

/** What the page and the Markdown hold, in order. */
export const DEFAULT_SECTIONS: readonly SectionBuilder[] = [indexSection, themeSections, closingSection];

/** Marks the cards the search box filters: `data-card`, with the theme and body the chips filter on. */
function qaCardHtml(item: QaItem, body: ReferenceBody): string {
  return `<article class="card qa-card" id="${h(item.id)}" data-card data-theme="${item.theme.index}" data-body="${h(item.body)}" aria-labelledby="${h(item.id)}-head">
<h3 class="card-head" id="${h(item.id)}-head"><span class="qid">${h(qaLabel(item))}</span> ${personHtml(item.asker.name, item.asker.title)}</h3>
<p class="question"><span class="label">问</span>${h(item.question)}</p>
<p class="answerer"><span class="label">答复</span>${bodyHtml(body)}</p>
<div class="answer">${item.answer.map((p) => `<p>${h(p)}</p>`).join('')}</div>
</article>`;
}

function closingCardHtml(closing: Closing, body: string): string {
  return `<article class="card closing-card" id="closing" data-card data-theme="" data-body="${h(body)}" aria-labelledby="closing-head">
<h3 class="card-head" id="closing-head"><span class="qid">总体回应</span> ${personHtml(closing.speaker.name, closing.speaker.title)}</h3>
<div class="answer">${closing.paragraphs.map((p) => `<p>${h(p)}</p>`).join('')}</div>
</article>`;
}

function qaCardMarkdown(item: QaItem, body: ReferenceBody): string {
  return [
    `### ${qaLabel(item)}　${personMarkdown(item.asker.name, item.asker.title)}`,
    `**问：**${md(item.question)}`,
    `**答复单位：**${bodyMarkdown(body)}`,
    ...item.answer.map(md),
  ].join('\n\n');
}

function closingMarkdown(closing: Closing): string {
  return [`### ${personMarkdown(closing.speaker.name, closing.speaker.title)}`, ...closing.paragraphs.map(md)].join('\n\n');
}

function bodyHtml(body: ReferenceBody): string {
  const official = body.official !== body.printed ? ` <span class="official">${h(body.official)}</span>` : '';
  return `<strong class="body-name">${h(body.printed)}</strong>${official}`;
}

function bodyMarkdown(body: ReferenceBody): string {
  return body.official !== body.printed ? `${md(body.printed)}（${md(body.official)}）` : md(body.printed);
}

function personHtml(name: string, title: string): string {
  return `<span class="person"><strong class="person-name">${h(name)}</strong>${title ? ` <span class="person-title">${h(title)}</span>` : ''}</span>`;
}

function personMarkdown(name: string, title: string): string {
  return title ? `${md(name)}（${md(title)}）` : md(name);
}

/** 问5 for q5: the number people say out loud in follow-up meetings. */
export function qaLabel(item: QaItem): string {
  return `问${item.id.slice(1)}`;
}

export function themeTitle(group: ThemeGroup): string {
  return `${chineseOrdinal(group.theme.index)}、${group.theme.title}`;
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十; transcripts number their themes this way. Beyond 99, plain digits. */
function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 100) return `${n >= 20 ? DIGITS[Math.floor(n / 10)] : ''}十${DIGITS[n % 10]}`;
  return String(n);
}
