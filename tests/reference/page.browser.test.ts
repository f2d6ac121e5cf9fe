// The quick-reference page in a real browser (Debian's chromium, headless): search agreeing with the bot, chips,
// phone and desk layouts, print. Without Chromium these tests do not run and say why in one line; under CI they fail.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Converter } from 'opencc-js';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personOf } from '../../src/hearing/model.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { writeQuickReference } from '../../src/reference/files.js';
import { loadEngine } from '../../src/search/engine.js';
import { launchOptions, planChromium } from './chromium.js';

const OUTPUT_DIR = join(PROJECT_ROOT, 'test-output', 'reference');
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 900 };

const plan = planChromium(process.env);
if (!plan.run) process.stderr.write(`reference browser tests: not run: ${plan.reason}\n`);

let context: BrowserContext;
let page: Page;
let workDir: string;
let url: string;
const errors: string[] = [];
const outside: string[] = [];

describe.skipIf(!plan.run)('the quick reference in Chromium', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'quick-reference-'));
    url = pathToFileURL(writeQuickReference({ outDir: workDir }).html.path).href;
    context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      ...launchOptions(plan),
      viewport: PHONE,
    });
    // Anything the page asks of the network would be a bug: the page must work from disk alone.
    context.on('request', (request) => {
      if (!request.url().startsWith('file:')) outside.push(request.url());
    });
    page = context.pages()[0] ?? (await context.newPage());
    // A missing element should fail its test in seconds, not wait out the test timeout.
    page.setDefaultTimeout(5_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await open(PHONE);
    mkdirSync(OUTPUT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('loads from disk with no script error and no request beyond the file', () => {
    expect(errors, 'script errors').toEqual([]);
    expect(outside, 'requests beyond the file').toEqual([]);
  });

  describe('search box', () => {
    it("shows the bot's confident first answer first, for every glossary term, alias, body and person name", async () => {
      const engine = loadEngine();
      const { glossary } = engine;
      const toTaiwan = Converter({ from: 'cn', to: 'twp' });
      const names = new Set([
        ...glossary.bodies.flatMap((b) => [b.printed, b.official, ...b.aliases]),
        ...glossary.terms,
        ...Object.keys(glossary.synonyms),
        ...engine.entries.map((e) => personOf(e).name),
      ]);
      for (const name of [...names]) names.add(toTaiwan(name));
      const asked = [...names].flatMap((query) => {
        const first = engine.search(query)[0];
        return first ? [{ query, bot: first.entry.id }] : [];
      });
      expect(asked.length, 'queries the bot answers').toBeGreaterThan(500);
      const shown = await firstCards(asked.map((a) => a.query));
      const disagreements = asked.flatMap((a, i) =>
        shown[i] === a.bot ? [] : [`${a.query}: bot ${a.bot}, page ${shown[i] ?? 'nothing'}`],
      );
      expect(disagreements, 'queries where the page shows another card first (or none)').toEqual([]);
    });

    it.each([
      ['数据安全', 'q2'],
      ['數據安全', 'q2'],
      ['ＣＩＭ', 'q2'],
      ['汉融通', 'q7'],
      ['經開區', 'q5'],
      ['经开区汽车怎么说', 'q5'],
      ['樊志宏', 'q5'],
      ['光谷', 'q12'],
      ['国有企业改革', 'q16'],
    ])("「%s」 shows %s first, as the bot does, with the answering body's name", async (query, id) => {
      expect(loadEngine().search(query)[0]?.entry.id).toBe(id);
      await search(query);
      expect(await resultIds().then((ids) => ids[0])).toBe(id);
      expect(await page.locator('#status').textContent()).toMatch(/^显示 \d+ \/ 18 条问答/);
    });

    it("lists all of a body's cards for its short name, in the order of the hearing", async () => {
      await search('经信局');
      expect(await resultIds()).toEqual(['q1', 'q3', 'q4', 'q15']);
      await search('經濟和資訊化局');
      expect(await resultIds()).toEqual(['q1', 'q3', 'q4', 'q15']);
    });

    it('shows the cards holding a word typed halfway (汉融), where the bot has no answer yet', async () => {
      expect(loadEngine().search('汉融')).toEqual([]);
      await search('汉融');
      expect(await resultIds()).toEqual(['q7']);
    });

    it('shows all 18 again when cleared, in their places under the themes', async () => {
      await search('经信局');
      await search('');
      await expect.poll(() => page.locator('.qa-card:visible').count()).toBe(18);
      expect(await page.locator('#results').isVisible()).toBe(false);
      expect(await page.locator('#theme-1 #q1').isVisible()).toBe(true);
      expect(await page.locator('#closing').isVisible()).toBe(true);
      expect(await page.locator('#status').textContent()).toBe('共 18 条问答及总体回应');
    });

    it('says so when nothing matches, and its button clears the search', async () => {
      await search('量子纠缠火星殖民');
      expect(await resultIds()).toEqual([]);
      await expect.poll(() => page.locator('#empty').isVisible()).toBe(true);
      expect(await page.locator('#empty').textContent()).toContain('没有找到相符的问答');
      await page.click('#empty [data-clear]');
      expect(await page.locator('.qa-card:visible').count()).toBe(18);
      expect(await page.locator('#empty').isVisible()).toBe(false);
    });
  });

  describe('filter chips', () => {
    it("a theme chip keeps that theme's cards and hides the other themes' headings", async () => {
      await page.click('.chip[data-group="theme"][data-value="5"]');
      expect(await visibleQaIds()).toEqual(['q15', 'q16', 'q17', 'q18']);
      expect(await page.locator('#theme-1').isVisible()).toBe(false);
      await page.click('.chip[data-group="theme"][data-value=""]');
    });

    it('a body chip combines with the search box', async () => {
      await page.click('.chip[data-group="body"][data-value="市经信局"]');
      expect(await visibleQaIds()).toEqual(['q1', 'q3', 'q4', 'q15']);
      await search('算力');
      expect(await resultIds()).toEqual(['q1']);
      await search('');
      await page.click('.chip[data-group="body"][data-value=""]');
      expect(await page.locator('.qa-card:visible').count()).toBe(18);
    });

    it('a link to a card the filters hide clears the filters so the card can be seen', async () => {
      await search('光谷');
      const link = page.locator('#commitments a[href="#q7"]').first();
      expect(await page.locator('#commitments').isVisible(), '承诺与目标 stays while filtering').toBe(true);
      await link.click();
      expect(await page.locator('#q7').isVisible()).toBe(true);
      expect(await page.inputValue('#search')).toBe('');
    });
  });

  describe('on a phone, 390 px wide', () => {
    beforeAll(() => open(PHONE));

    it('nothing is wider than the screen, and a full-page screenshot is 390 px wide', async () => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      const shot = await page.screenshot({ path: join(OUTPUT_DIR, 'phone-top.png') });
      expect(pngSize(shot)).toEqual(PHONE);
      expect(pngSize(await page.screenshot({ fullPage: true })).width).toBe(PHONE.width);
    });

    it('the search box and the first card, with its question, are on the first screen; the index is folded', async () => {
      expect(await bottomOf('#search')).toBeLessThanOrEqual(PHONE.height);
      expect(await bottomOf('#q1 .question')).toBeLessThanOrEqual(PHONE.height);
      expect(await page.locator('#index details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await page.locator('#index a[href="#q12"]').first().isVisible()).toBe(false);
      expect(await page.locator('nav.toc li').first().isVisible(), 'the table of contents is folded too').toBe(false);
    });

    it('a search puts the best card right under the search box', async () => {
      await search('数据安全');
      expect(await bottomOf('#results .card:visible >> nth=0 >> .question')).toBeLessThanOrEqual(PHONE.height);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(OUTPUT_DIR, 'phone-search.png') });
      await search('');
    });

    it('the index opens on a tap, and its links lead to the cards', async () => {
      await page.click('#index summary');
      await page.click('#index a[href="#q12"]');
      expect(await page.evaluate(() => location.hash)).toBe('#q12');
      const top = await page.locator('#q12').evaluate((card) => card.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(PHONE.height);
      await page.screenshot({ path: join(OUTPUT_DIR, 'phone-index-link.png') });
    });
  });

  describe('on a desk, 1280 px wide', () => {
    beforeAll(() => open(DESK));

    it('nothing overflows, the table of contents is open, the index folded, the date has its year', async () => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      expect(await page.locator('nav.toc li').first().isVisible()).toBe(true);
      expect(await page.locator('#index a[href="#q12"]').first().isVisible()).toBe(false);
      expect(await page.locator('.meeting time').textContent()).toBe('2023年9月13日');
      expect(await bottomOf('#q1 .question')).toBeLessThanOrEqual(DESK.height);
      await page.screenshot({ path: join(OUTPUT_DIR, 'desk-top.png') });
    });
  });

  describe('print', () => {
    it('prints the index unfolded and no controls, each card on one page', async () => {
      await open(DESK);
      await page.emulateMedia({ media: 'print' });
      try {
        for (const controls of await page.locator('.controls').all()) expect(await controls.isVisible()).toBe(false);
        expect(await page.locator('#search').isVisible()).toBe(false);
        expect(await page.locator('nav.toc').isVisible()).toBe(false);
        expect(await page.locator('#index a[href="#q12"]').first().isVisible()).toBe(true);
        expect(await page.locator('.meeting time').isVisible()).toBe(true);
        expect(await page.locator('#q5').evaluate((card) => getComputedStyle(card).breakInside)).toBe('avoid');
        expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
        await page.pdf({ path: join(OUTPUT_DIR, 'quick-reference.pdf'), format: 'A4', preferCSSPageSize: true });
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    });
  });
});

/** Loads the page afresh at a screen size (what is folded depends on the width it opens at). */
async function open(size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.goto(url);
  await page.waitForSelector('html.js');
}

async function search(text: string): Promise<void> {
  await page.fill('#search', text);
}

/** The cards the search lists, best first. */
function resultIds(): Promise<string[]> {
  return page.locator('#results .card:visible').evaluateAll((cards) => cards.map((c) => c.id));
}

function visibleQaIds(): Promise<string[]> {
  return page.locator('.qa-card:visible').evaluateAll((cards) => cards.map((c) => c.id));
}

/** Types each query into the search box, as a reader would, and notes the first card listed (null for none). */
function firstCards(queries: string[]): Promise<(string | null)[]> {
  return page.evaluate((qs) => {
    const input = document.getElementById('search') as HTMLInputElement;
    const firsts = qs.map((q) => {
      input.value = q;
      input.dispatchEvent(new Event('input'));
      const first = document.querySelector('#results .card:not([hidden])');
      return first ? first.id : null;
    });
    input.value = '';
    input.dispatchEvent(new Event('input'));
    return firsts;
  }, queries);
}

/** Where an element ends, in CSS pixels from the top of the screen, with the page scrolled to the top. */
async function bottomOf(selector: string): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().bottom);
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
