// The staff statistics page as one self-contained HTML file: data, styles and Chart.js inline, nothing fetched.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { escapeHtml, jsonForScript } from '../../reference/escape.js';
import type { StatsPageData } from './model.js';

/**
 * The page for the data. The charts' script (draw.ts with Chart.js) is bundled by esbuild into the page, so it opens
 * from a USB stick or an intranet share with no network.
 * @example writeFileSync('stats.html', await statsPageHtml(statsPageData({ … })))
 */
export async function statsPageHtml(data: StatsPageData): Promise<string> {
  const { stats } = data;
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const figure = (label: string, value: string) =>
    `<div class="figure"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
  const max = Math.max(1, ...data.heat.map((item) => item.count));
  const heat = data.heat
    .map((item) => {
      const level = item.count === 0 ? 0 : 0.12 + 0.88 * (item.count / max);
      const title = `${item.id} ${item.body}：${item.count} 次 · ${item.question}`;
      return `<span class="cell" style="--level:${level.toFixed(3)}" title="${escapeHtml(title)}">${escapeHtml(item.id)}</span>`;
    })
    .join('');
  const topics = data.topics
    .map(
      (topic) => `<li><div class="topic"><strong>${escapeHtml(topic.name)}</strong>
        <span class="meta">${topic.size} 次 · ${escapeHtml(topic.first)} – ${escapeHtml(topic.last)}</span></div>
        <ul>${topic.examples.map((example) => `<li>${escapeHtml(example)}</li>`).join('')}</ul></li>`,
    )
    .join('\n');
  const period =
    stats.first === null
      ? '暂无记录'
      : `${stats.first} 至 ${stats.last}${stats.since || stats.until ? '（所选时段）' : ''}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)} · 使用统计</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(data.title)}</h1>
  <p class="sub">问答机器人使用统计 · ${escapeHtml(period)} · 生成于 ${escapeHtml(data.made.slice(0, 16).replace('T', ' '))} UTC</p>
  <div class="figures">
    ${figure('回复', String(stats.totals.replies))}
    ${figure('提问', String(stats.totals.questions))}
    ${figure('回答率', pct(stats.totals.rates.answered))}
    ${figure('仅猜测', pct(stats.totals.rates.guessed))}
    ${figure('未找到', pct(stats.totals.rates.notFound))}
    ${figure('被指出答错', pct(stats.totals.rates.disliked))}
  </div>
</header>
<main>
  <section><h2>每日提问（按结果）</h2><div class="chart tall"><canvas id="chart-days" role="img" aria-label="每日提问数，按结果分段"></canvas></div></section>
  <section><h2>各渠道回答情况</h2><div class="chart"><canvas id="chart-doors" role="img" aria-label="各渠道的回答率、猜测率、未找到率和答错率"></canvas></div></section>
  <div class="pair">
    <section><h2>最常被问到的问题</h2><div class="chart"><canvas id="chart-items" role="img" aria-label="被回答最多的问题"></canvas></div></section>
    <section><h2>最常被问到的部门</h2><div class="chart"><canvas id="chart-bodies" role="img" aria-label="回答被引用最多的部门"></canvas></div></section>
  </div>
  <section><h2>承诺到期时间线</h2><p class="note">有期限的承诺按到期月份排列，颜色为督办台账中的进展（未登记：台账尚无记录）。</p><div class="chart"><canvas id="chart-commitments" role="img" aria-label="承诺按到期月份和进展"></canvas></div></section>
  <section><h2>各问热度</h2><p class="note">按询问顺序排列，颜色越深被问得越多（悬停查看部门和问题）。</p><div class="heat" id="heat">${heat}</div></section>
  <section><h2>未能回答的问题（按主题归类）</h2><p class="note">共 ${data.misses} 条未答问题，按共同词语归类；每类列出最近的三条。</p>
    <ol class="topics" id="topics">${topics || '<li>暂无未答问题</li>'}</ol></section>
</main>
<script type="application/json" id="stats-data">${jsonForScript(data)}</script>
<script>${await chartsScript()}</script>
</body>
</html>
`;
}

/** draw.ts and Chart.js as one minified script; the .ts beside this file under tsx, the compiled .js under dist/. */
async function chartsScript(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  const entry = [here.replace(/page\.[jt]s$/, 'draw.ts'), here.replace(/page\.[jt]s$/, 'draw.js')].find(existsSync);
  if (!entry) throw new Error(`stats page: cannot find draw.ts or draw.js beside ${here} (run npm run build)`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    target: 'es2020',
    legalComments: 'inline',
    logLevel: 'silent',
  });
  // A `</script` inside the bundle would end the element early.
  return result.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
}

const STYLE = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #dde2ea; --accent: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f6f7fa;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
header, main { max-width: 1180px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.4rem; margin: 0 0 4px; }
h2 { font-size: 1.05rem; margin: 0 0 8px; }
.sub, .note, .meta { color: var(--muted); font-size: .85rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(100px, 1fr)); gap: 8px; margin-top: 12px; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
.figure .value { font-size: 1.3rem; font-weight: 700; }
.figure .label { color: var(--muted); font-size: .8rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin-bottom: 12px; min-width: 0; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.pair section { margin-bottom: 0; }
.pair { margin-bottom: 12px; }
.chart { position: relative; height: 280px; width: 100%; }
.chart.tall { height: 320px; }
.heat { display: flex; flex-wrap: wrap; gap: 3px; }
.cell { min-width: 2.6em; padding: 4px 2px; text-align: center; font-size: .75rem; border-radius: 3px;
  background: rgba(21, 101, 192, var(--level)); color: #fff; border: 1px solid var(--line); }
.cell[style*="--level:0.000"] { color: var(--muted); }
.topics { padding-left: 1.4em; margin: 0; }
.topics > li { margin-bottom: 10px; overflow-wrap: anywhere; }
.topics ul { margin: 4px 0 0; padding-left: 1.1em; color: var(--muted); font-size: .9rem; }
.topic { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
@media (max-width: 720px) {
  .pair { grid-template-columns: 1fr; gap: 0; }
  .pair section { margin-bottom: 12px; }
  header, main { padding: 10px; }
  .chart { height: 260px; }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { background: #fff; }
  header, main { max-width: none; padding: 0; }
  section { break-inside: avoid; border: none; padding: 0 0 8px; }
  .chart { height: 230px; }
  .pair { grid-template-columns: 1fr 1fr; }
}
`;
