// The parts of the quick reference, each rendered both as HTML and as Markdown from the same model; a new part is one builder.
import { type FollowUp, followUps, statusLabel } from '../commitments/follow-up.js';
import type { Ledger } from '../commitments/ledger.js';
import type { Commitment } from '../commitments/model.js';
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
  /** Shown folded (a `<details>` that opens on a tap, on a link into it and in print), so the cards come first. */
  folded?: boolean;
}

/**
 * Turns the model into zero or more sections. To add a part to the page and the Markdown, write one builder and put
 * it into the list given to the renderers; data the model lacks comes in through a closure, as in
 * {@link commitmentsSection}.
 * @example const sections = [...DEFAULT_SECTIONS, commitmentsSection(loadCommitments())];
 */
export type SectionBuilder = (model: ReferenceModel) => ReferenceSection[];

/** Index by answering body and by asker, pointing at the cards. */
export const indexSection: SectionBuilder = (model) => {
  const itemLinks = (items: QaItem[], label: (item: QaItem) => string) =>
    items.map((item) => `<a href="#${h(item.id)}">${h(qaLabel(item))} ${h(label(item))}</a>`).join('');
  const bodyRows = model.byBody.map(
    ({ key, items }) =>
      `<li><span class="index-key">${bodyHtml(key)}</span><span class="index-links">${itemLinks(items, (item) => item.asker.name)}</span></li>`,
  );
  if (model.closing)
    bodyRows.push(
      `<li><span class="index-key">${bodyHtml(model.bodies.get(CLOSING_BODY)!)}</span><span class="index-links"><a href="#closing">总体回应 ${h(model.closing.speaker.name)}</a></span></li>`,
    );
  const askerRows = model.byAsker.map(
    ({ key, items }) =>
      `<li><span class="index-key">${personHtml(key.name, key.title)}</span><span class="index-links">${itemLinks(items, (item) => item.body)}</span></li>`,
  );
  const html = `<div class="index-columns">
<section class="index-list" aria-labelledby="index-by-body"><h3 id="index-by-body">按答复单位</h3><ul>${bodyRows.join('\n')}</ul></section>
<section class="index-list" aria-labelledby="index-by-asker"><h3 id="index-by-asker">按提问人</h3><ul>${askerRows.join('\n')}</ul></section>
</div>`;

  const bodyLines = model.byBody.map(
    ({ key, items }) =>
      `- ${bodyMarkdown(key)}：${items.map((item) => `${qaLabel(item)} ${md(item.asker.name)}`).join('；')}`,
  );
  if (model.closing) bodyLines.push(`- ${md(CLOSING_BODY)}：总体回应 ${md(model.closing.speaker.name)}`);
  const askerLines = model.byAsker.map(
    ({ key, items }) =>
      `- ${personMarkdown(key.name, key.title)}：${items.map((item) => `${qaLabel(item)} ${md(item.body)}`).join('；')}`,
  );
  const markdown = `### 按答复单位\n\n${bodyLines.join('\n')}\n\n### 按提问人\n\n${askerLines.join('\n')}`;
  return [{ id: 'index', title: '索引', html, markdown, folded: true }];
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
  return [
    {
      id: 'closing-section',
      title: '总体回应',
      html: closingCardHtml(closing, CLOSING_BODY),
      markdown: closingMarkdown(closing),
    },
  ];
};

/**
 * 「承诺与目标」: each answering body's commitments (clauses with a number, a time frame or a committing verb), verbatim,
 * grouped by body in order of first answer, each linking to the card it comes from. Commitments of other hearings are
 * ignored; bodies with none are named at the end, so their absence is visible. Put it last: it stays visible while the
 * search box filters the cards, and its links clear the filters.
 * @example renderReferencePage(model, { sections: [...DEFAULT_SECTIONS, commitmentsSection(loadCommitments())] })
 */
export function commitmentsSection(
  commitments: readonly Commitment[],
  followUp: CommitmentFollowUp = {},
): SectionBuilder {
  return (model) => {
    const mine = commitments.filter((c) => c.hearing === model.hearing.id);
    // Without a day there is no "overdue"; the hearing's own date only places the recurring ones' first year.
    const today = followUp.today ?? model.hearing.date ?? '0000-01-01';
    const follow = new Map(followUps(mine, followUp.ledger ?? {}, today).map((f) => [f.commitment, f]));
    const state = (c: Commitment) => followState(follow.get(c)!, followUp.today !== undefined);
    const printed = [...model.byBody.map((line) => line.key.printed), ...(model.closing ? [CLOSING_BODY] : [])];
    const groups = printed.map((body) => ({
      body: model.bodies.get(body)!,
      items: mine.filter((c) => c.body === body),
    }));
    const withAny = groups.filter((g) => g.items.length > 0);
    const without = groups.filter((g) => g.items.length === 0).map((g) => g.body.printed);
    const asOf = followUp.today ? `（截至${followUp.today}）` : '';
    const intro = `答复中带数字、时限或承诺用语的原句，按答复单位排列，原文照录，每条注明所在问答和提问人、期限（按询问日期推算）和督办台账所记状态${asOf}。共${mine.length}条，来自${withAny.length}个答复单位。`;
    const outro = without.length > 0 ? `答复中没有摘出承诺的：${without.join('、')}。` : '';

    const itemHtml = (c: Commitment) =>
      `<li><span class="commitment-text">「${h(c.text)}」</span> <span class="commitment-source"><a href="#${h(c.id)}">${h(sourceLabel(c))}</a> ${personHtml(c.asker.name, c.asker.title)}</span> ${followHtml(state(c))}</li>`;
    const html = [
      `<p class="section-note">${h(intro)}</p>`,
      ...withAny.map(
        (g, i) => `<section class="commitment-group" aria-labelledby="commitments-${i + 1}">
<h3 id="commitments-${i + 1}">${bodyHtml(g.body)} <span class="count">${g.items.length}条</span></h3>
<ul class="commitment-list">${g.items.map(itemHtml).join('\n')}</ul>
</section>`,
      ),
      ...(outro ? [`<p class="section-note">${h(outro)}</p>`] : []),
    ].join('\n');

    const itemMarkdown = (c: Commitment) =>
      `- 「${md(c.text)}」——[${md(sourceLabel(c))}](#${cardSlug(c, model.hearing.items)}) ${personMarkdown(c.asker.name, c.asker.title)}　${followMarkdown(state(c))}`;
    const markdown = [
      md(intro),
      ...withAny.map(
        (g) => `### ${bodyMarkdown(g.body)}　${g.items.length}条\n\n${g.items.map(itemMarkdown).join('\n')}`,
      ),
      ...(outro ? [md(outro)] : []),
    ].join('\n\n');
    return [{ id: 'commitments', title: '承诺与目标', html, markdown }];
  };
}

/** The ledger and the day the page is made on, for each commitment's status and whether it is overdue. */
export interface CommitmentFollowUp {
  /** Default: nothing recorded, so every status reads 台账尚未登记进展. */
  ledger?: Ledger;
  /** ISO date; without it nothing is marked overdue. */
  today?: string;
}

/** What the page says beside a commitment: its due date as text, whether overdue, its status, note and source. */
interface FollowState {
  due: string;
  overdue: boolean;
  status: string;
  note: string | null;
  source: string | null;
}

function followState(f: FollowUp, dated: boolean): FollowState {
  const corrected = f.corrected ? '（台账修正）' : '';
  let due = '期限：未定';
  if (f.due !== null && f.recurring)
    due = dated ? `期限：每年年底，下次${f.due}${corrected}` : `期限：每年年底，自${f.due}起${corrected}`;
  else if (f.due !== null) due = `期限：${f.due}${corrected}`;
  return {
    due,
    overdue: dated && f.overdue,
    status: statusLabel(f.status),
    note: f.entry?.note ?? null,
    source: f.entry?.source ?? null,
  };
}

function followHtml(f: FollowState): string {
  const overdue = f.overdue ? ' <strong class="overdue">已逾期</strong>' : '';
  const note = f.note ? `：${h(f.note)}` : '';
  const source = f.source ? ` <a href="${h(f.source)}" rel="noopener">依据</a>` : '';
  return `<span class="commitment-follow"><span class="commitment-due">${h(f.due)}</span>${overdue} · <span class="commitment-status">${h(f.status)}</span>${note}${source}</span>`;
}

function followMarkdown(f: FollowState): string {
  const overdue = f.overdue ? ' **已逾期**' : '';
  const note = f.note ? `：${md(f.note)}` : '';
  const source = f.source ? ` [依据](<${f.source.replace(/[<>\s]/g, encodeURIComponent)}>)` : '';
  return `${md(f.due)}${overdue} · ${md(f.status)}${note}${source}`;
}

/** 问5 for a commitment said in q5, 总体回应 for the closing response. */
function sourceLabel(c: Commitment): string {
  return c.id === 'closing' ? '总体回应' : `问${c.id.slice(1)}`;
}

/**
 * The anchor Markdown viewers (GitHub, VS Code) give the card's heading: lower case, punctuation and symbols dropped,
 * ASCII spaces to hyphens. Markdown has no ids of its own, so the link targets the heading text.
 */
function cardSlug(c: Commitment, items: readonly QaItem[]): string {
  const item = items.find((i) => i.id === c.id);
  const heading = item ? qaHeadingMarkdown(item) : closingHeadingMarkdown(c.asker.name, c.asker.title);
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

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
    `### ${qaHeadingMarkdown(item)}`,
    `**问：**${md(item.question)}`,
    `**答复单位：**${bodyMarkdown(body)}`,
    ...item.answer.map(md),
  ].join('\n\n');
}

function closingMarkdown(closing: Closing): string {
  return [
    `### ${closingHeadingMarkdown(closing.speaker.name, closing.speaker.title)}`,
    ...closing.paragraphs.map(md),
  ].join('\n\n');
}

/** A card's Markdown heading text; commitments link to it (see cardSlug). */
function qaHeadingMarkdown(item: QaItem): string {
  return `${qaLabel(item)}　${personMarkdown(item.asker.name, item.asker.title)}`;
}

function closingHeadingMarkdown(name: string, title: string): string {
  return personMarkdown(name, title);
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
