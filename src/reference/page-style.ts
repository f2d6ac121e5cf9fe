// The page's inline stylesheet: readable on a phone (WeChat opens files there), calm on a desk, one clean A4 document in print.
export const PAGE_CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --paper: #fff; --wash: #f6f8fa; --accent: #a4262c; --accent-wash: #fbeaea; }
* { box-sizing: border-box; }
/* Long runs (URLs, 5G+工业互联网…) wrap rather than widen the page on a phone. */
body, .card, .answer p { overflow-wrap: anywhere; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink); line-height: 1.75;
  font: 16px/1.75 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
.page { max-width: 60rem; margin: 0 auto; padding: 1rem 1rem 4rem; }
[hidden] { display: none !important; }
a { color: var(--accent); }
.doc-head { padding: 1.5rem 0 .5rem; }
.doc-head h1 { font-size: 1.6rem; line-height: 1.35; margin: 0 0 .5rem; }
.meeting { color: var(--muted); margin: 0; }
.controls { display: none; }
.js .controls { display: block; }
.search-row { position: sticky; top: 0; z-index: 2; background: var(--wash); padding: .75rem 0 .5rem; border-bottom: 1px solid var(--line); }
.search-row label { display: block; font-weight: 600; margin-bottom: .25rem; }
#search { width: 100%; font: inherit; padding: .55rem .8rem; border: 1px solid #8c959f; border-radius: .5rem; background: var(--paper); }
#search:focus { outline: 3px solid var(--accent-wash); border-color: var(--accent); }
.status { margin: .35rem 0 0; color: var(--muted); font-size: .9rem; }
.chip-group { display: flex; flex-wrap: wrap; gap: .35rem; align-items: baseline; margin: .6rem 0 0; padding: 0; border: 0; min-width: 0; }
.chip-group legend { float: left; font-size: .9rem; color: var(--muted); margin-right: .4rem; padding: 0; }
.chip { font: inherit; font-size: .85rem; line-height: 1.4; padding: .2rem .65rem; border-radius: 999px; border: 1px solid var(--line); background: var(--paper); color: var(--ink); cursor: pointer; }
.chip[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.empty { margin: 1.5rem 0; padding: 1rem 1.25rem; background: var(--paper); border: 1px dashed #8c959f; border-radius: .5rem; }
.empty button { font: inherit; font-size: .9rem; margin-left: .25rem; padding: .2rem .75rem; border-radius: 999px; border: 1px solid var(--accent); background: var(--paper); color: var(--accent); cursor: pointer; }
/* While filtering, results come straight under the search box. */
.filtering nav.toc, .filtering #index { display: none; }
/* Folded parts: the heading is the switch; the word after it says what a tap does. */
.fold > summary { list-style: none; cursor: pointer; }
.fold > summary::-webkit-details-marker { display: none; }
.fold > summary::after { content: "展开 ▾"; font-size: .85rem; font-weight: normal; color: var(--accent); margin-left: .6rem; }
.fold[open] > summary::after { content: "收起 ▴"; }
.fold > summary > h2 { display: inline-block; border-bottom: 0; margin-bottom: 0; }
#index > .fold > summary { border-bottom: 2px solid var(--accent); margin: 2rem 0 .75rem; padding-bottom: .3rem; }
#index > .fold > summary > h2 { margin: 0; padding: 0; }
nav.toc > .fold > summary { color: var(--muted); margin: .75rem 0 0; }
nav.toc ol { margin: .5rem 0 .75rem; padding-left: 1.5rem; columns: 2 16rem; }
.results { margin-top: 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); break-after: avoid; }
.index-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 2rem; }
.index-list h3 { font-size: 1rem; margin: .5rem 0; }
.index-list ul { list-style: none; margin: 0; padding: 0; }
.index-list li { padding: .3rem 0; border-bottom: 1px solid var(--line); break-inside: avoid; page-break-inside: avoid; }
.index-key { display: block; }
.index-links a { display: inline-block; margin-right: .9rem; font-size: .9rem; }
.section-note { color: var(--muted); margin: .5rem 0; }
.commitment-group h3 { font-size: 1rem; margin: 1rem 0 .35rem; }
.commitment-group .count { color: var(--muted); font-weight: normal; font-size: .9em; margin-left: .25rem; }
.commitment-list { margin: 0; padding-left: 1.25rem; }
.commitment-list li { margin: .3rem 0; break-inside: avoid; page-break-inside: avoid; }
.commitment-source { font-size: .9rem; white-space: nowrap; }
.commitment-source a { margin-right: .3rem; }
.commitment-follow { display: block; font-size: .9rem; color: var(--muted); }
.commitment-follow .overdue { color: var(--accent); }
.official, .person-title { color: var(--muted); font-weight: normal; font-size: .9em; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: .6rem; padding: 1rem 1.25rem; margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; scroll-margin-top: 7rem; }
.card:target { outline: 3px solid var(--accent); }
.card-head { font-size: 1.05rem; margin: 0 0 .5rem; }
.qid { margin-right: .5rem; color: var(--accent); }
.label { display: inline-block; font-size: .8rem; font-weight: 600; color: var(--accent); background: var(--accent-wash); border-radius: .25rem; padding: 0 .4rem; margin-right: .5rem; }
.question { font-weight: 600; margin: .25rem 0; }
.answerer { margin: .25rem 0 .5rem; }
.answer p { margin: .4rem 0; text-indent: 2em; }
.print-only { display: none; }
@media (max-width: 36rem) {
  .page { padding: .5rem .75rem 3rem; } .doc-head { padding-top: .5rem; } .doc-head h1 { font-size: 1.3rem; }
  .meeting { font-size: .9rem; line-height: 1.6; } .card { padding: .8rem .9rem; }
  h2, #index > .fold > summary { margin-top: 1.25rem; }
  /* On a phone the chips scroll sideways in one row each, so results are not pushed below the fold. */
  .chip-group { flex-wrap: nowrap; overflow-x: auto; -webkit-overflow-scrolling: touch; padding-bottom: .25rem; }
  .chip-group legend { float: none; flex: none; }
  .chip { flex: none; }
}
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; line-height: 1.6; }
  .page { max-width: none; padding: 0; }
  .controls, .js .controls, .empty, nav.toc, .no-print { display: none !important; }
  /* The index prints unfolded, whatever the screen showed (the script also opens it before printing). */
  .fold > summary::after { content: none; }
  .fold::details-content { content-visibility: visible; display: contents; }
  .print-only { display: block; }
  a { color: inherit; text-decoration: none; }
  h2 { margin-top: 1.2rem; }
  .card { border: 0; border-top: 1px solid #999; border-radius: 0; padding: .6rem 0 .2rem; margin: 0; outline: none !important; }
  .label { background: none; padding: 0; color: #000; }
  .qid { color: #000; }
}
`;
