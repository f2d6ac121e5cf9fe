// Assembles the self-contained quick-reference page: header, search controls, table of contents, sections, inline CSS/JS.

import type { MeetingLine } from '../hearing/model.js';
import type { SearchData } from './browser/page-data.js';
import { escapeHtml as h, jsonForScript } from './escape.js';
import type { ReferenceModel } from './model.js';
import { pageScript } from './page-bundle.js';
import { PAGE_CSS } from './page-style.js';
import { DEFAULT_SECTIONS, type ReferenceSection, type SectionBuilder, themeTitle } from './sections.js';

export interface PageOptions {
  /** The sections, in order. Default {@link DEFAULT_SECTIONS}: index, the themes with their cards, the closing. */
  sections?: readonly SectionBuilder[];
}

/**
 * Renders the whole page as one HTML string that needs nothing outside itself; `search` is what its search box
 * knows (search-data.ts).
 * @example writeFileSync('dist/quick-reference.html', renderReferencePage(model, buildSearchData(model, inputs)));
 */
export function renderReferencePage(model: ReferenceModel, search: SearchData, options: PageOptions = {}): string {
  const sections = (options.sections ?? DEFAULT_SECTIONS).flatMap((build) => build(model));
  assertUniqueIds(sections);
  const { hearing } = model;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hearing-bot quick reference (${h(hearing.id)})">
<title>${h(hearing.title)} · 速查</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<div class="page">
<header class="doc-head">
<h1>${h(hearing.title)}</h1>
<p class="meeting">${meetingHtml(model.meeting)}</p>
<p class="print-only" id="print-note" hidden></p>
</header>
${controlsHtml(model)}
<nav class="toc" aria-label="目录"><details class="fold" data-open-wide><summary>目录</summary><ol>${sections.map((s) => `<li><a href="#${h(s.id)}">${h(s.title)}</a></li>`).join('')}</ol></details></nav>
<main>
<section class="section results" id="results" aria-label="搜索结果" hidden></section>
${sections.map(sectionHtml).join('\n')}
</main>
</div>
<script type="application/json" id="search-data">${jsonForScript(search)}</script>
<script>${pageScript()}</script>
</body>
</html>
`;
}

/** A section that holds cards is marked so the script can hide it when the filters leave it empty. */
function sectionHtml(section: ReferenceSection): string {
  const holdsCards = section.html.includes(' data-card ');
  const heading = `<h2 id="${h(section.id)}-title">${h(section.title)}</h2>`;
  const content = section.folded
    ? `<details class="fold"><summary>${heading}</summary>\n${section.html}\n</details>`
    : `${heading}\n${section.html}`;
  return `<section class="section" id="${h(section.id)}"${holdsCards ? ' data-card-group' : ''} aria-labelledby="${h(section.id)}-title">
${content}
</section>`;
}

function meetingHtml(meeting: MeetingLine): string {
  const date = meeting.date ? `<time datetime="${h(meeting.date.iso)}">${h(meeting.date.text)}</time>` : '';
  return `${h(meeting.before)}${date}${h(meeting.after)}`;
}

/** Shown only when the script runs (it adds `js` to <html>); a page opened without scripts is still a full document. */
function controlsHtml(model: ReferenceModel): string {
  const chip = (group: string, value: string, label: string) =>
    `<button type="button" class="chip" data-group="${group}" data-value="${h(value)}" aria-pressed="${value === '' ? 'true' : 'false'}">${h(label)}</button>`;
  const themeChips = [
    chip('theme', '', '全部'),
    ...model.themes.map((g) => chip('theme', String(g.theme.index), themeTitle(g))),
  ];
  const bodyChips = [
    chip('body', '', '全部'),
    ...[...model.bodies.keys()].map((printed) => chip('body', printed, printed)),
  ];
  // The search row is a direct child of .page so that it stays stuck to the top over the whole document.
  return `<div class="controls search-row" role="search">
<label for="search">搜索问答</label>
<input type="search" id="search" autocomplete="off" placeholder="如 数据安全、经信局、樊志宏（繁体亦可）">
<p class="status" id="status" role="status" aria-live="polite"></p>
</div>
<div class="controls">
<fieldset class="chip-group"><legend>主题</legend>${themeChips.join('')}</fieldset>
<fieldset class="chip-group"><legend>答复单位</legend>${bodyChips.join('')}</fieldset>
<p class="empty" id="empty" hidden>没有找到相符的问答。换个更短的词或部门简称试试，或<button type="button" data-clear>清除搜索和筛选</button></p>
</div>`;
}

function assertUniqueIds(sections: readonly ReferenceSection[]): void {
  const seen = new Set<string>();
  for (const { id } of sections) {
    if (seen.has(id)) throw new Error(`reference: two sections share the id ${id}`);
    seen.add(id);
  }
}
