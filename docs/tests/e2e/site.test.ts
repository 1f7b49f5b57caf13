// The built site in Debian's Chromium: every page loads cleanly, is not blank and fits a phone; search, diagrams
// and the language switcher work; a content page stays within its weight budget.
import { launchChromium } from '@closed-ftp/test-support/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_PATH, builtPages, mainContent, pagePath, readBuilt } from '../support/site.js';
import { type StaticSite, serveSite } from '../support/static-server.js';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What a content page may transfer on first load, gzip, search index and prefetches of linked pages excluded. */
const PAGE_BUDGET_BYTES = 300 * 1024;
/** The diagrams page also loads the Mermaid renderer (only that page does). */
const DIAGRAM_PAGE_BUDGET_BYTES = 500 * 1024;
/** An API reference page lists every export of a package with its inherited members (aws-cdk-lib's for constructs). */
const API_PAGE_BUDGET_BYTES = 400 * 1024;

function budgetOf(file: string): number {
  if (file === 'diagrams.html') return DIAGRAM_PAGE_BUDGET_BYTES;
  return file.startsWith('reference/api/') ? API_PAGE_BUDGET_BYTES : PAGE_BUDGET_BYTES;
}
/** Below this luminance variance a screenshot is one flat colour: a blank page. */
const BLANK_VARIANCE = 50;

let site: StaticSite;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  site = await serveSite();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: DESKTOP });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** Opens a page and records what went wrong on the way: console errors, page errors, failed requests. */
async function open(path: string): Promise<{ page: Page; status: number | undefined; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  const response = await page.goto(`${site.origin}${path}`, { waitUntil: 'networkidle' });
  return { page, status: response?.status(), problems };
}

/** The variance of the luminance of a screenshot, computed by the browser from the PNG itself. */
async function screenshotVariance(page: Page): Promise<number> {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context2d = canvas.getContext('2d');
    if (context2d === null) throw new Error('no 2d canvas');
    context2d.drawImage(image, 0, 0);
    const { data: pixels } = context2d.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let sumOfSquares = 0;
    const count = pixels.length / 4;
    for (let index = 0; index < pixels.length; index += 4) {
      const luminance =
        0.2126 * (pixels[index] ?? 0) + 0.7152 * (pixels[index + 1] ?? 0) + 0.0722 * (pixels[index + 2] ?? 0);
      sum += luminance;
      sumOfSquares += luminance * luminance;
    }
    const mean = sum / count;
    return sumOfSquares / count - mean * mean;
  }, png);
}

describe('every page', () => {
  const weights: { path: string; bytes: number; prefetched: number }[] = [];
  afterAll(() => {
    weights.sort((a, b) => b.bytes - a.bytes);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const shown = weights
      .slice(0, 4)
      .map(({ path, bytes, prefetched }) => `${path} ${kb(bytes)} (+${kb(prefetched)} prefetched)`);
    const median = weights[Math.floor(weights.length / 2)]?.bytes ?? 0;
    console.log(
      `first-load weight (gzip) over ${weights.length} pages: median ${kb(median)}; heaviest ${shown.join(', ')}`,
    );
  });

  for (const file of builtPages()) {
    const path = pagePath(file);
    it(`${path}: 200, no console error, not blank, no sideways scroll on a phone`, async () => {
      const before = site.sent.length;
      const { page, status, problems } = await open(path);
      try {
        expect(status).toBe(200);
        expect(problems).toEqual([]);
        expect(await screenshotVariance(page)).toBeGreaterThan(BLANK_VARIANCE);
        const loaded = site.sent.slice(before);
        const bytes = loaded.filter((sent) => !sent.prefetch).reduce((total, sent) => total + sent.bytes, 0);
        const prefetched = loaded.filter((sent) => sent.prefetch).reduce((total, sent) => total + sent.bytes, 0);
        weights.push({ path, bytes, prefetched });
        expect(loaded.filter((sent) => sent.path.includes('localSearchIndex'))).toEqual([]);
        expect(bytes).toBeLessThanOrEqual(budgetOf(file));
        await page.setViewportSize(PHONE);
        await page.waitForFunction((width) => window.innerWidth === width, PHONE.width);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `scrolls ${overflow} px sideways at ${PHONE.width} px`).toBeLessThanOrEqual(1);
        expect(await screenshotVariance(page)).toBeGreaterThan(BLANK_VARIANCE);
      } finally {
        await page.close();
      }
    });
  }
});

describe('page weight', () => {
  it('a content page transfers at most 300 KB gzip on first load, and the search index only once search is used', async () => {
    const path = `${BASE_PATH}guides/article-topology`;
    const before = site.sent.length;
    const { page } = await open(path);
    try {
      const firstLoad = site.sent.slice(before).filter((sent) => !sent.prefetch);
      const bytes = firstLoad.reduce((total, sent) => total + sent.bytes, 0);
      console.log(`${path}: ${firstLoad.length} requests, ${(bytes / 1024).toFixed(1)} KB gzip on first load`);
      expect(firstLoad.filter((sent) => sent.path.includes('localSearchIndex'))).toEqual([]);
      expect(bytes).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);

      const beforeSearch = site.sent.length;
      const indexLoaded = page.waitForResponse((response) => response.url().includes('localSearchIndex'));
      await page.locator('.VPNavBarSearch button').first().click();
      await page.locator('.VPLocalSearchBox input.search-input').waitFor();
      await indexLoaded;
      const index = site.sent.slice(beforeSearch).filter((sent) => sent.path.includes('localSearchIndex'));
      console.log(
        `search index: ${(index.reduce((total, sent) => total + sent.bytes, 0) / 1024).toFixed(1)} KB gzip, loaded on first use`,
      );
      expect(index.length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});

describe('search', () => {
  async function search(query: string): Promise<string[]> {
    const { page, problems } = await open(`${BASE_PATH}`);
    try {
      await page.locator('.VPNavBarSearch button').first().click();
      const input = page.locator('.VPLocalSearchBox input.search-input');
      await input.fill(query);
      await page.locator('.VPLocalSearchBox ul.results a.result').first().waitFor();
      const hrefs = await page
        .locator('.VPLocalSearchBox ul.results a.result')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      expect(problems).toEqual([]);
      return hrefs;
    } finally {
      await page.close();
    }
  }

  it('finds the data ports 8192 on the rule and troubleshooting pages', async () => {
    const results = await search('8192');
    expect(results).toContain(`${BASE_PATH}rules/CFTP-NET-006`);
    expect(results).toContain(`${BASE_PATH}troubleshooting`);
  });

  it('finds CFTP-NET-006 with its rule page first', async () => {
    const results = await search('CFTP-NET-006');
    expect(results[0]).toBe(`${BASE_PATH}rules/CFTP-NET-006`);
  });
});

describe('diagrams', () => {
  it('renders each Mermaid diagram to an SVG', async () => {
    const expected = (mainContent(readBuilt('diagrams.html')).match(/class="mermaid-diagram"/g) ?? []).length;
    expect(expected).toBe(3);
    const { page, problems } = await open(`${BASE_PATH}diagrams`);
    try {
      await page
        .locator('.mermaid-diagram[data-rendered="true"] svg')
        .nth(expected - 1)
        .waitFor();
      const sizes = await page.locator('.mermaid-diagram svg').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            width: box.width,
            height: box.height,
            shapes: svg.querySelectorAll('path, rect, line, polygon').length,
          };
        }),
      );
      expect(sizes).toHaveLength(expected);
      for (const size of sizes) {
        expect(size.width).toBeGreaterThan(100);
        expect(size.height).toBeGreaterThan(50);
        expect(size.shapes).toBeGreaterThan(3);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('language switcher', () => {
  it('goes from the English troubleshooting page to the Japanese one', async () => {
    const { page } = await open(`${BASE_PATH}troubleshooting`);
    try {
      await page.locator('.VPNavBarTranslations button').hover();
      await page.locator('.VPNavBarTranslations a', { hasText: '日本語' }).click();
      await page.waitForURL(`**${BASE_PATH}ja/troubleshooting`);
      await page.locator('h1', { hasText: 'トラブルシューティング' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it('goes to the Japanese home from a page that has no translation', async () => {
    const { page } = await open(`${BASE_PATH}rules/CFTP-NET-006`);
    try {
      await page.locator('.VPNavBarTranslations button').hover();
      await page.locator('.VPNavBarTranslations a', { hasText: '日本語' }).click();
      await page.waitForURL(`**${BASE_PATH}ja/`);
      expect(new URL(page.url()).pathname).toBe(`${BASE_PATH}ja/`);
    } finally {
      await page.close();
    }
  });
});
