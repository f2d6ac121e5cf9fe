// The staff statistics page in Chromium at phone and desk widths: every chart drawn, Chinese labels in a CJK font,
// nothing wider than the screen, no request beyond the file; screenshots under test-output/ for people to look at.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemFacts } from '../../src/logs/items.js';
import { writeStatsPage } from '../../src/logs/stats-page/main.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { launchOptions, planChromium } from '../reference/chromium.js';
import { sharedEngine } from '../search/helpers.js';
import { generatedAnswers, writeLog } from './generated-log.js';

const OUTPUT_DIR = join(PROJECT_ROOT, 'test-output', 'stats-page');
const SIZES = { phone: { width: 390, height: 844 }, desk: { width: 1280, height: 900 } };
const plan = planChromium(process.env);
if (!plan.run) process.stderr.write(`stats page browser tests: not run: ${plan.reason}\n`);

let browser: Browser;
let workDir: string;
let url: string;
let html: string;

describe.skipIf(!plan.run)('the statistics page in Chromium', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'stats-page-'));
    writeLog(join(workDir, 'answers.jsonl'), generatedAnswers([...itemFacts(sharedEngine()).keys()]));
    writeLog(
      join(workDir, 'misses.jsonl'),
      ['停车位太少', '停車場收費', '充电桩不够', '充电桩在哪里', '游泳馆'].map((text, i) => ({
        time: `2024-05-0${i + 1}T02:00:00.000Z`,
        chat: 'group',
        text,
      })),
    );
    const written = await writeStatsPage({
      outDir: workDir,
      env: {
        HEARING_LOG_FILE: join(workDir, 'answers.jsonl'),
        HEARING_MISSES_FILE: join(workDir, 'misses.jsonl'),
        // The commitments' timeline: an empty ledger (nothing recorded yet) on a fixed day.
        HEARING_LEDGER_FILE: join(workDir, 'ledger.json'),
        HEARING_TODAY: '2026-10-01',
      },
    });
    url = pathToFileURL(written.path).href;
    html = readFileSync(written.path, 'utf8');
    browser = await chromium.launch(launchOptions(plan));
    mkdirSync(OUTPUT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('is one file: no script, style or font fetched from anywhere', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(http/i);
  });

  describe.each(Object.entries(SIZES))('at %s width', (name, size) => {
    let page: Page;
    const errors: string[] = [];
    const outside: string[] = [];
    beforeAll(async () => {
      page = await browser.newPage({ viewport: size });
      page.setDefaultTimeout(5_000);
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) outside.push(request.url());
      });
      await page.goto(url);
      await page.screenshot({ path: join(OUTPUT_DIR, `stats-${name}.png`), fullPage: true });
    });
    afterAll(() => page?.close());

    it('loads with no script error and no request beyond the file', () => {
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    });

    it('every chart has drawn: each canvas is marked drawn and has coloured pixels', async () => {
      const charts = await page.$$eval('canvas', (canvases) =>
        canvases.map((canvas) => {
          const c = canvas as HTMLCanvasElement;
          const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let coloured = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            const [r, g, b, a] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
            if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
          }
          return { id: c.id, drawn: c.dataset.drawn, width: c.width, coloured };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual([
        'chart-days',
        'chart-doors',
        'chart-items',
        'chart-bodies',
        'chart-commitments',
      ]);
      for (const chart of charts) {
        expect(chart.drawn, chart.id).toBe('true');
        expect(chart.coloured, `${chart.id}: coloured pixels`).toBeGreaterThan(500);
      }
      expect(await page.locator('#heat .cell').count()).toBe(itemFacts(sharedEngine()).size);
      expect(await page.locator('#topics > li').count()).toBeGreaterThanOrEqual(3);
    });

    it('draws Chinese in a CJK font, not boxes: the page font has the glyphs and they differ from a missing glyph', async () => {
      const fonts = await page.evaluate(async () => {
        await document.fonts.ready;
        const family = getComputedStyle(document.body).fontFamily;
        const canvas = document.createElement('canvas');
        const context = canvas.getContext('2d')!;
        context.font = `20px ${family}`;
        const width = (text: string) => context.measureText(text).width;
        // A missing glyph draws the same box whatever the character; real glyphs differ in shape, so in pixels.
        const ink = (text: string) => {
          const c = document.createElement('canvas');
          c.width = 40;
          c.height = 40;
          const g = c.getContext('2d')!;
          g.font = `30px ${family}`;
          g.fillText(text, 2, 32);
          return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
        };
        const chars = ['回', '答', '率', '部', '门'];
        const box = ink('\u{10FFFD}');
        return {
          distinct: new Set(chars.map(ink)).size,
          boxes: chars.filter((ch) => ink(ch) === box).length,
          wide: width('回答率') > width('abc'),
        };
      });
      expect(fonts).toEqual({ distinct: 5, boxes: 0, wide: true });
    });

    it('nothing is wider than the screen', async () => {
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > width + 1)
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}`);
        return { scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
      });
      expect(overflow).toEqual({ scroll: 0, wide: [] });
    });
  });

  it('prints on A4 pages with every section', async () => {
    const page = await browser.newPage({ viewport: SIZES.desk });
    await page.goto(url);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    await page.close();
    const text = pdf.toString('latin1');
    // A4 is 595 × 842 points.
    const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    for (const [w, h] of boxes) expect([Math.round(w!), Math.round(h!)]).toEqual([595, 842]);
    expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(1);
  });
});
