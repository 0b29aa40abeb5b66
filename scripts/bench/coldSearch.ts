// One cold first search on the built site's search page in Chromium: a fresh browser context (no
// cache, nothing stored), only the site's own origin reachable. Shared by the search benchmark
// (scripts/searchBench.ts) and the build benchmark's first-search payload (scripts/bench.ts).
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface SearchQuery {
  q: string;
  filters?: Partial<Record<string, string>>;
}

export interface ColdSearch {
  /** Result ids (Pagefind page ids), in the order shown. */
  hits: string[];
  /** [document id, article anchor] of every article shown. */
  shown: [string, string][];
  /** Bytes transferred (as encoded on the wire: gzipped when the server compresses). */
  bytes: number;
  /** From navigation to the first result on screen (NaN when none), to every result of the first page, and the search alone (from the script's start). */
  firstAtMs: number;
  shownAtMs: number;
  searchMs: number;
  marks: string[];
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** A page in a fresh context (nothing cached, nothing stored) that reaches only the site's origin. */
async function freshPage(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext();
  const origin = new URL(url).origin;
  await context.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page, cdp };
}

/** How long a reader takes to type a query: the search page loads the index meanwhile. */
export const TYPING_MS = 1000;

/**
 * A query typed on the search page, opened without one in a fresh context (nothing cached): the
 * box gets focus, the query is typed, and Enter pressed TYPING_MS later. The time from Enter (the
 * search's start) to the results on screen, as the page marks them.
 */
export async function typedSearch(browser: Browser, url: string, q: string): Promise<number> {
  const { context, page } = await freshPage(browser, url);
  try {
    await page.goto(`${url}search/`, { waitUntil: 'load' });
    await page.locator('#search-q').focus();
    await page.keyboard.insertText(q);
    await page.waitForTimeout(TYPING_MS);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined, null, {
      timeout: 60_000,
    });
    return await page.evaluate(
      () =>
        performance.getEntriesByName('search:shown')[0]!.startTime -
        performance.getEntriesByName('search:start')[0]!.startTime,
    );
  } finally {
    await context.close();
  }
}

/** Opens `<url>search/?q=…` in a fresh context and waits until the search page says it is done. */
export async function coldSearch(browser: Browser, url: string, query: SearchQuery): Promise<ColdSearch> {
  const { context, page, cdp } = await freshPage(browser, url);
  try {
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
    const params = new URLSearchParams({ q: query.q, ...query.filters });
    await page.goto(`${url}search/?${params.toString()}`);
    await page.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined, null, {
      timeout: 60_000,
    });
    const state = await page.evaluate(() => ({
      hits: window.archiveSearch?.hits ?? [],
      searchMs: window.archiveSearch?.milliseconds ?? NaN,
      // The page's own marks, not now: waiting for the page to say it is done takes a frame or more.
      firstAtMs: performance.getEntriesByName('search:first-shown')[0]?.startTime ?? NaN,
      shownAtMs: performance.getEntriesByName('search:shown')[0]!.startTime,
      marks: performance.getEntriesByType('mark').map((mark) => `${mark.name}@${Math.round(mark.startTime)}`),
      shown: [...document.querySelectorAll<HTMLElement>('#search-results > li')].flatMap((item) =>
        [...item.querySelectorAll<HTMLElement>('.search-article')].map((link): [string, string] => [
          item.dataset['document'] ?? '',
          link.dataset['anchor'] ?? '',
        ]),
      ),
    }));
    return { ...state, bytes };
  } finally {
    await context.close();
  }
}
