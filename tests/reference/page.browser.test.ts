// The quick-reference page in a real browser (Debian's chromium, headless): searching, chips, the empty result, print.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeQuickReference } from '../../src/reference/files.js';
import { PROJECT_ROOT } from '../../src/search/artefacts.js';

const OUTPUT_DIR = join(PROJECT_ROOT, 'test-output', 'reference');

/** CHROMIUM_PATH wins; otherwise `chromium` on PATH, as Debian's package installs it. */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

let browser: Browser | undefined;
let page: Page;
let workDir: string;

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      "reference browser test: no `chromium` on PATH (nor CHROMIUM_PATH). Install Debian's package: apt-get install -y chromium",
    );
  }
  workDir = mkdtempSync(join(tmpdir(), 'quick-reference-'));
  const written = writeQuickReference({ outDir: workDir });
  const context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
  });
  browser = context.browser() ?? undefined;
  // Anything the page asks of the network would be a bug: the page must work from disk alone.
  const outside: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('file:')) outside.push(request.url());
  });
  page = context.pages()[0] ?? (await context.newPage());
  // A missing element should fail its test in seconds, not wait out the test timeout.
  page.setDefaultTimeout(5_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(written.html.path).href);
  await page.waitForSelector('html.js');
  expect(errors, 'script errors on load').toEqual([]);
  expect(outside, 'requests beyond the file').toEqual([]);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  closeContext = () => context.close();
});

let closeContext: (() => Promise<void>) | undefined;

afterAll(async () => {
  await closeContext?.();
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const search = (text: string) => page.fill('#search', text);
const visibleCards = () => page.locator('.qa-card:visible');
const visibleIds = async () => visibleCards().evaluateAll((cards) => cards.map((c) => c.id));
const askerOf = (id: string) => page.locator(`#${id} .person-name`).textContent();
const bodyOf = (id: string) => page.locator(`#${id} .answerer .body-name`).textContent();

describe('search box', () => {
  it('shows all 18 cards before anything is typed', async () => {
    await expect.poll(() => visibleCards().count()).toBe(18);
    expect(await page.locator('#status').textContent()).toBe('共 18 条问答及总体回应');
    await page.screenshot({ path: join(OUTPUT_DIR, 'page-top.png') });
  });

  it("「汽车」 finds 樊志宏's card, answered by 经开区管委会", async () => {
    await search('汽车');
    const ids = await visibleIds();
    expect(ids).toContain('q5');
    expect(await askerOf('q5')).toBe('樊志宏');
    expect(await bodyOf('q5')).toBe('经开区管委会');
    await page.locator('#q5').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'search-汽车.png') });
  });

  it.each([
    ['经信局', ['q1', 'q3', 'q4', 'q15']],
    ['光谷', ['q12']],
    ['經開區', ['q5']],
    ['經信局', ['q1', 'q3', 'q4', 'q15']],
    ['车谷', ['q5']],
    ['樊志宏', ['q5']],
    ['龙良文', ['q1']],
    ['ＣＩＭ', ['q2']],
    ['经信局 专家', ['q4']],
    ['经济和信息化局', ['q1', 'q3', 'q4', 'q15']],
    ['东湖高', ['q12']],
  ])('「%s」 shows %j', async (query, expected) => {
    await search(query);
    expect(await visibleIds()).toEqual(expected);
  });

  it('shows all 18 again when cleared', async () => {
    await search('经信局');
    await search('');
    await expect.poll(() => visibleCards().count()).toBe(18);
    expect(await page.locator('#closing').isVisible()).toBe(true);
  });

  it('says so when nothing matches, and its button clears the search', async () => {
    await search('量子纠缠火星殖民');
    expect(await visibleCards().count()).toBe(0);
    await expect.poll(() => page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('#empty').textContent()).toContain('没有找到相符的问答');
    await page.screenshot({ path: join(OUTPUT_DIR, 'empty.png') });
    await page.click('#empty [data-clear]');
    expect(await visibleCards().count()).toBe(18);
    expect(await page.locator('#empty').isVisible()).toBe(false);
  });
});

describe('filter chips', () => {
  it("a theme chip keeps that theme's cards and hides the other themes' headings", async () => {
    await page.click('.chip[data-group="theme"][data-value="5"]');
    expect(await visibleIds()).toEqual(['q15', 'q16', 'q17', 'q18']);
    expect(await page.locator('#theme-1').isVisible()).toBe(false);
    await page.click('.chip[data-group="theme"][data-value=""]');
  });

  it('a body chip combines with the search box', async () => {
    await page.click('.chip[data-group="body"][data-value="市经信局"]');
    expect(await visibleIds()).toEqual(['q1', 'q3', 'q4', 'q15']);
    await search('算力');
    expect(await visibleIds()).toEqual(['q1']);
    await page.screenshot({ path: join(OUTPUT_DIR, 'chips.png') });
    await search('');
    await page.click('.chip[data-group="body"][data-value=""]');
    expect(await visibleCards().count()).toBe(18);
  });

  it('hides the table of contents and the index while filtering, so results come first', async () => {
    await search('光谷');
    expect(await page.locator('#index').isVisible()).toBe(false);
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    await search('');
    expect(await page.locator('#index').isVisible()).toBe(true);
  });

  it('an index link jumps to its card', async () => {
    await page.click('#index a[href="#q12"]');
    expect(await page.evaluate(() => location.hash)).toBe('#q12');
    const top = await page.locator('#q12').evaluate((card) => card.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(900);
  });

  it('a link to a card the filters hide clears the filters so the card can be seen', async () => {
    // Stands in for a later section (such as 承诺与目标) that links to cards and stays visible while filtering.
    await page.evaluate(() =>
      document.querySelector('.doc-head')!.insertAdjacentHTML('beforeend', '<a id="probe" href="#q5">问5</a>'),
    );
    await search('光谷');
    await page.click('#probe');
    expect(await page.locator('#q5').isVisible()).toBe(true);
    expect(await page.inputValue('#search')).toBe('');
    await page.evaluate(() => document.getElementById('probe')!.remove());
  });
});

describe('承诺与目标', () => {
  it('stays visible while filtering, and its link opens the card even when the filters hide it', async () => {
    await search('光谷');
    expect(await page.locator('#commitments').isVisible()).toBe(true);
    const link = page
      .locator('#commitments li', { hasText: '每年至少要引进2家数字金融头部企业' })
      .locator('a[href="#q7"]');
    await link.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'commitments.png') });
    await link.click();
    expect(await page.locator('#q7').isVisible()).toBe(true);
    expect(await page.inputValue('#search')).toBe('');
    expect(await bodyOf('q7')).toBe('市地方金融局');
  });
});

describe('print', () => {
  it('prints no controls and keeps each card on one page', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      for (const controls of await page.locator('.controls').all()) expect(await controls.isVisible()).toBe(false);
      expect(await page.locator('.chip').first().isVisible()).toBe(false);
      expect(await page.locator('#search').isVisible()).toBe(false);
      expect(await page.locator('nav.toc').isVisible()).toBe(false);
      expect(await page.locator('#q5').evaluate((card) => getComputedStyle(card).breakInside)).toBe('avoid');
      await page.screenshot({ path: join(OUTPUT_DIR, 'print.png'), fullPage: true });
      await page.pdf({ path: join(OUTPUT_DIR, 'quick-reference.pdf'), format: 'A4', preferCSSPageSize: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
