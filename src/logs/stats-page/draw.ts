// In the browser: draws the statistics page's charts with Chart.js from the data embedded in the page (bundled inline).
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import type { StatsPageData } from './model.js';

Chart.register(...registerables);

const TIER_COLOURS = { answer: '#2e7d32', guess: '#f9a825', none: '#c62828', disliked: '#6a1b9a', liked: '#1565c0' };
const TIER_LABELS = { answer: '已回答', guess: '仅猜测', none: '未找到', disliked: '被指出答错', liked: '被点赞' };
const TIERS = ['answer', 'guess', 'none', 'disliked', 'liked'] as const;
const STATUS_LABELS = {
  unrecorded: '未登记',
  open: '未开始',
  'in-progress': '推进中',
  done: '已完成',
  dropped: '已撤销',
};
const STATUS_COLOURS = {
  unrecorded: '#9e9e9e',
  open: '#c62828',
  'in-progress': '#f9a825',
  done: '#2e7d32',
  dropped: '#6d4c41',
};

function main(): void {
  const element = document.getElementById('stats-data');
  if (!element?.textContent) return;
  const data = JSON.parse(element.textContent) as StatsPageData;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false; // drawn at once: printing and screenshots need no wait
  Chart.defaults.maintainAspectRatio = false;
  const { stats } = data;
  const used = TIERS.filter((tier) => stats.days.some((day) => day[tier] > 0));

  draw('chart-days', {
    type: 'bar',
    data: {
      labels: stats.days.map((d) => d.day.slice(5)),
      datasets: used.map((tier) => ({
        label: TIER_LABELS[tier],
        data: stats.days.map((d) => d[tier]),
        backgroundColor: TIER_COLOURS[tier],
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: '提问数' } } } },
  });

  draw('chart-doors', {
    type: 'bar',
    data: {
      labels: stats.doors.map((d) => `${DOOR_NAMES[d.door] ?? d.door}（${d.questions}）`),
      datasets: (['answered', 'guessed', 'notFound', 'disliked'] as const).map((rate, i) => ({
        label: ['回答率', '猜测率', '未找到率', '答错率'][i]!,
        data: stats.doors.map((d) => Math.round(d.rates[rate] * 1000) / 10),
        backgroundColor: [TIER_COLOURS.answer, TIER_COLOURS.guess, TIER_COLOURS.none, TIER_COLOURS.disliked][i]!,
      })),
    },
    options: {
      indexAxis: 'y',
      scales: { x: { stacked: true, max: 100, title: { display: true, text: '%' } }, y: { stacked: true } },
    },
  });

  const top = stats.items.slice(0, 10);
  draw(
    'chart-items',
    horizontal(
      top.map((i) => `${i.id} ${shorten(i.body ?? '', 8)}`),
      top.map((i) => i.count),
      '#1565c0',
    ),
  );
  const statuses = ['unrecorded', 'open', 'in-progress', 'done', 'dropped'] as const;
  draw('chart-commitments', {
    type: 'bar',
    data: {
      labels: data.timeline.map((m) => (m.overdue > 0 ? `${m.month}（逾期${m.overdue}）` : m.month)),
      datasets: statuses.map((status) => ({
        label: STATUS_LABELS[status],
        data: data.timeline.map((m) => m[status]),
        backgroundColor: STATUS_COLOURS[status],
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: '承诺数' } } } },
  });

  const bodies = stats.bodies.slice(0, 10);
  draw(
    'chart-bodies',
    horizontal(
      bodies.map((b) => shorten(b.body, 10)),
      bodies.map((b) => b.count),
      '#00838f',
    ),
  );
}

function draw(id: string, config: ChartConfiguration): void {
  const canvas = document.getElementById(id);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  new Chart(canvas, config);
  canvas.dataset.drawn = 'true';
}

function horizontal(labels: string[], values: number[], colour: string): ChartConfiguration {
  return {
    type: 'bar',
    data: { labels, datasets: [{ label: '次数', data: values, backgroundColor: colour }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } } },
  };
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const DOOR_NAMES: Record<string, string> = {
  telegram: 'Telegram',
  wechat: '微信',
  wecom: '企业微信',
  dingtalk: '钉钉',
  http: '网页/公众号',
  console: '控制台',
  cli: '命令行',
};

main();
