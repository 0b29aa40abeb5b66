// The search page in Chromium, on the seeds, served under a base path as a static host would:
// script-insensitive and phrase-exact results at article level, document numbers in any form,
// agency aliases, filters from the URL, the reader's script, the keyboard, no third-party requests.
// The index is built in shards of at most two documents, so every search merges four of them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, type BuiltSite } from './buildSite.ts';
import { serveStatic, type StaticSite } from './server.ts';
import { launchChromium, readerContext } from './chromium.ts';
import { EARLY_PAGEFIND, SEARCH_FILES } from '../../site/lib/searchFiles.ts';
import { SEED_IDS } from '../support/seeds.ts';

const BASE = '/archive/';
const ids = SEED_IDS;

let built: BuiltSite;
let site: StaticSite;
let browser: Browser;
let context: BrowserContext;
const problems: string[] = [];

beforeAll(async () => {
  process.env['SEARCH_SHARD_DOCUMENTS'] = '2';
  built = await buildSite({ label: 'search', base: BASE });
  site = await serveStatic(built.dist, BASE);
  browser = await launchChromium();
  // Under the pages' Content-Security-Policy: Pagefind's WebAssembly runs, nothing else is needed.
  context = await readerContext(browser, site.origin, problems);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

interface Shown {
  count: string;
  /** Document ids in the order shown, and per document its articles: [anchor, href, marked texts]. */
  documents: string[];
  articles: Record<string, { anchor: string; href: string; marks: string[]; label: string }[]>;
  hits: number;
}

async function search(
  params: Record<string, string>,
  script: 'zh-Hans' | 'zh-Hant' = 'zh-Hans',
): Promise<Shown> {
  const tab = await context.newPage();
  try {
    return await searchIn(tab, params, script);
  } finally {
    await tab.close();
  }
}

async function searchIn(
  tab: Page,
  params: Record<string, string>,
  script: 'zh-Hans' | 'zh-Hant',
): Promise<Shown> {
  const prefix = script === 'zh-Hant' ? 'zh-hant/' : '';
  await tab.goto(`${site.url}${prefix}search/?${new URLSearchParams(params).toString()}`);
  await tab.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined);
  return tab.evaluate(() => {
    const items = [...document.querySelectorAll<HTMLElement>('#search-results > li')];
    return {
      count: document.getElementById('search-status')?.textContent ?? '',
      documents: items.map((item) => item.dataset['document'] ?? ''),
      articles: Object.fromEntries(
        items.map((item) => [
          item.dataset['document'] ?? '',
          [...item.querySelectorAll<HTMLAnchorElement>('.search-article')].map((link) => ({
            anchor: link.dataset['anchor'] ?? '',
            href: link.getAttribute('href') ?? '',
            label: link.textContent ?? '',
            marks: [...(link.parentElement?.querySelectorAll('mark') ?? [])].map(
              (mark) => mark.textContent ?? '',
            ),
          })),
        ]),
      ),
      hits: window.archiveSearch?.hits.length ?? -1,
    };
  });
}

/** The text of a document's provision as the built page shows it (tags dropped). */
function provisionText(id: string, anchor: string, twin = ''): string {
  const html = readFileSync(join(built.dist, 'documents', id, twin, 'index.html'), 'utf8');
  const start = html.indexOf(`id="${anchor}"`);
  expect(start, `${id}#${anchor}`).toBeGreaterThan(0);
  return html
    .slice(start, html.indexOf('class="prov-tools"', start))
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, '');
}

describe('script-insensitive, phrase-exact search', () => {
  it('finds 001, written 廣東, for 广东, and shows it in the reader’s script with the match marked', async () => {
    const shown = await search({ q: '广东' });
    expect(shown.documents).toContain(ids.d001);
    const articles = shown.articles[ids.d001]!;
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.flatMap((article) => article.marks)).toContain('广东');
    const traditional = await search({ q: '广东' }, 'zh-Hant');
    expect(traditional.articles[ids.d001]!.flatMap((article) => article.marks)).toContain('廣東');
  });

  it('finds 粤港澳大湾区 in 001 and in no seed without the phrase, in either script', async () => {
    for (const q of ['粤港澳大湾区', '粵港澳大灣區']) {
      const shown = await search({ q });
      expect(shown.documents).toEqual([ids.d001]);
      expect(shown.hits).toBe(1);
      for (const article of shown.articles[ids.d001]!) expect(article.marks).toContain('粤港澳大湾区');
    }
  });

  it('finds 大通关 in 001 (written 大通關), 002 and 003, at the articles that hold it', async () => {
    const shown = await search({ q: '大通关' });
    expect(new Set(shown.documents)).toEqual(new Set([ids.d001, ids.d002, ids.d003]));
    for (const id of [ids.d001, ids.d002, ids.d003]) {
      const articles = shown.articles[id]!;
      expect(articles.length, id).toBeGreaterThan(0);
      for (const article of articles) {
        expect(article.marks).toContain('大通关');
        expect(article.href).toMatch(new RegExp(`^${BASE}documents/${id}/(zh-hans/)?#${article.anchor}$`));
        // The article's own text on the page holds the phrase (001 in its simplified twin).
        const twin = article.href.includes('/zh-hans/') ? 'zh-hans' : '';
        expect(provisionText(id, article.anchor, twin)).toContain('大通关');
      }
    }
    expect(shown.articles[ids.d001]![0]!.href).toContain(`documents/${ids.d001}/zh-hans/#`);
  });

  it('says so when a phrase occurs nowhere, and offers nothing in its place', async () => {
    const shown = await search({ q: '粤港澳大湾区合作示范区' });
    expect(shown.documents).toEqual([]);
    expect(shown.count).toContain('没有文件含有');
  });

  it('links a traditional reader to the traditional twin of a simplified document', async () => {
    const shown = await search({ q: '大通關' }, 'zh-Hant');
    const article = shown.articles[ids.d002]![0]!;
    expect(article.href).toBe(`${BASE}documents/${ids.d002}/zh-hant/#${article.anchor}`);
    expect(article.marks).toContain('大通關');
    expect(shown.articles[ids.d001]![0]!.href).toMatch(new RegExp(`^${BASE}documents/${ids.d001}/#`));
  });
});

describe('document numbers and agencies', () => {
  it.each(['川办函〔2016〕212号', '川辦函[2016]212號'])('finds 002 first for %s', async (q) => {
    const shown = await search({ q });
    expect(shown.documents[0]).toBe(ids.d002);
  });

  it.each(['粤府〔2017〕8号', '粤府[2017]8号', '粵府〔2017〕8號', '粤府2017年8号'])(
    'finds 001 first for %s',
    async (q) => {
      const shown = await search({ q });
      expect(shown.documents[0]).toBe(ids.d001);
      expect(shown.articles[ids.d001]![0]!.marks).toEqual(['粤府〔2017〕8号']);
    },
  );

  it('finds every document citing 国发〔2016〕18号 at the citing article', async () => {
    const shown = await search({ q: '國發〔2016〕18號' });
    expect(new Set(shown.documents)).toEqual(new Set([ids.d001, ids.d002, ids.d004]));
    for (const id of shown.documents) expect(shown.articles[id]![0]!.marks[0]).toMatch(/^国发.2016.18号$/);
  });

  it('finds the tasks of 省发展改革委 and 省發展改革委 for the alias 省发改委, and for the full name', async () => {
    const shown = await search({ q: '省发改委' });
    expect(new Set(shown.documents)).toEqual(new Set([ids.d001, ids.d002, ids.d004]));
    expect(shown.articles[ids.d001]!.flatMap((article) => article.marks)).toContain('省发展改革委');
    expect(shown.articles[ids.d002]!.flatMap((article) => article.marks)).toContain('省发展改革委');
    const full = await search({ q: '广东省发展和改革委员会' });
    expect(full.documents).toEqual([ids.d001]);
  });
});

describe('shards', () => {
  it('searches every shard and orders the results by date across them', async () => {
    const newest = await search({ q: '大通关', sort: 'newest' });
    expect(newest.documents).toEqual([ids.d001, ids.d002, ids.d003]);
    const oldest = await search({ q: '大通关', sort: 'oldest' });
    expect(oldest.documents).toEqual([ids.d003, ids.d002, ids.d001]);
    // Filters alone: every document of 2016 (000, reposted in 2016, has no year of issue).
    const year = await search({ year: '2016' });
    expect(year.documents).toEqual([ids.d002, ids.d004]);
    const everything = await search({ q: '合作', sort: 'newest' });
    expect(everything.documents).toEqual([ids.d001, ids.d002, ids.d004, ids.d000, ids.d003]);
  });

  it('loads one index (the shards merged), its metadata once, and Pagefind’s script and WebAssembly once', async () => {
    const tab = await context.newPage();
    await searchIn(tab, { q: '粤港澳大湾区' }, 'zh-Hans');
    const loaded = await tab.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    // Pagefind was started by the page's inline script, before the page's own script ran.
    expect(await tab.evaluate((name) => name in window, EARLY_PAGEFIND)).toBe(true);
    await tab.close();
    const index = loaded.filter((path) => path.startsWith(`${BASE}${SEARCH_FILES.pagefindDir}`));
    expect(index.filter((path) => path.endsWith('/pagefind-entry.json'))).toEqual([
      `${BASE}${SEARCH_FILES.pagefindDir}pagefind-entry.json`,
    ]);
    expect(index.filter((path) => path.endsWith('.pf_meta'))).toHaveLength(1);
    // Two trigrams looked up (粤港澳, 大湾区): at most one chunk each, whatever the shards.
    expect(index.filter((path) => path.endsWith('.pf_index')).length).toBeLessThanOrEqual(2);
    expect(new Set(loaded.filter((path) => path.endsWith('.pagefind')))).toEqual(
      new Set([`${BASE}${SEARCH_FILES.wasm}`]),
    );
    expect(new Set(loaded.filter((path) => path.endsWith('/pagefind.js')))).toEqual(
      new Set([`${BASE}${SEARCH_FILES.pagefind}`]),
    );
  });
});

describe('filters and the page', () => {
  it('narrows by year and by status, shows the active filters, and says what to do when nothing is left', async () => {
    const all = await search({ q: '大通关' });
    const byYear = await search({ q: '大通关', year: '2016' });
    const byStatus = await search({ q: '大通关', status: 'no-longer-in-force' });
    expect(byYear.documents).toEqual([ids.d002]);
    expect(byStatus.documents).toEqual([ids.d002]);
    expect(byYear.documents.length).toBeLessThan(all.documents.length);
    const tab = await context.newPage();
    const none = await searchIn(tab, { q: '大通关', year: '2011' }, 'zh-Hans');
    expect(none.documents).toEqual([]);
    expect(await tab.locator('#search-active').textContent()).toContain('2011');
    expect(await tab.locator('#search-empty').isVisible()).toBe(true);
    await tab.locator('#search-unfilter').click();
    await tab.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined);
    expect(new URL(tab.url()).searchParams.get('year')).toBeNull();
    expect(await tab.locator('#search-results > li').count()).toBe(3);
    await tab.close();
  });

  it('searches again within the page, keeps each search in the address for the back button, and offers word matches', async () => {
    const tab = await context.newPage();
    const searched = () =>
      tab.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined);
    const shown = () =>
      tab
        .locator('#search-results > li')
        .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['document']));
    await tab.goto(`${site.url}search/`);
    // A page loaded anew would not have this.
    await tab.evaluate(() => Object.assign(window, { samePage: true }));
    await tab.locator('#search-q').fill('川办函〔2016〕212号');
    await tab.keyboard.press('Enter');
    await searched();
    expect((await shown())[0]).toBe(ids.d002);
    expect(new URL(tab.url()).search).toBe(
      `?${new URLSearchParams({ q: '川办函〔2016〕212号' }).toString()}`,
    );
    await tab.locator('#search-q').fill('大通关');
    await tab.locator('#filter-year').selectOption('2016');
    await searched();
    expect(await shown()).toEqual([ids.d002]);
    expect(new URL(tab.url()).searchParams.get('year')).toBe('2016');
    expect(await tab.locator('#search-active').textContent()).toContain('2016');
    await tab.goBack();
    await searched();
    expect((await shown())[0]).toBe(ids.d002);
    expect(await tab.locator('#search-q').inputValue()).toBe('川办函〔2016〕212号');
    expect(await tab.locator('#filter-year').inputValue()).toBe('');
    // Below the exact results, on request: documents holding each word of the phrase but not it.
    await tab.locator('#search-q').fill('旅游合作');
    await tab.keyboard.press('Enter');
    await searched();
    const exact = await shown();
    expect(exact.length).toBeGreaterThan(0);
    const words = tab.locator('#search-words');
    await expect.poll(() => words.isVisible()).toBe(true);
    await words.locator('button').click();
    await expect.poll(() => words.locator('ol > li').count()).toBeGreaterThan(0);
    const byWords = await words
      .locator('ol > li')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['document']));
    expect(byWords.filter((id) => exact.includes(id))).toEqual([]);
    expect(await tab.locator('#search-words > p.muted').textContent()).toContain(String(byWords.length));
    expect(await words.locator('button').isDisabled()).toBe(true);
    await tab.locator('#search-q').fill('大通关');
    await tab.keyboard.press('Enter');
    await searched();
    // A new search clears them (大通关 is offered its words, 大 + 通关, afresh).
    expect(await words.locator('ol > li').count()).toBe(0);
    expect(await tab.locator('#search-words > p.muted').textContent()).toBe('');
    expect(await words.locator('button').isDisabled()).toBe(false);
    // Every search ran in the page: only the address changed.
    expect(await tab.evaluate(() => 'samePage' in window)).toBe(true);
    await tab.close();
  });

  it('is reached from the header of any page and used with the keyboard alone', async () => {
    const tab = await context.newPage();
    await tab.goto(`${site.url}documents/${ids.d003}/`);
    await tab.locator('#header-q').focus();
    await tab.keyboard.type('大通關');
    await tab.keyboard.press('Enter');
    await tab.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined);
    expect(new URL(tab.url()).pathname).toBe(`${BASE}search/`);
    expect(await tab.locator('#search-status').textContent()).toContain('3');
    // From the search box, Tab reaches the filters and then the results, each a link.
    await tab.locator('#search-q').focus();
    let reached = '';
    for (let i = 0; i < 20 && !reached.includes('/documents/'); i++) {
      await tab.keyboard.press('Tab');
      reached = await tab.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href ?? '');
    }
    expect(reached).toContain(`${BASE}documents/`);
    await tab.keyboard.press('Enter');
    await tab.waitForURL(/\/documents\//);
    await tab.close();
  });

  it('loads the search on demand, within the reading pages’ JavaScript budget, and nothing from elsewhere', () => {
    const searchHtml = readFileSync(join(built.dist, 'search', 'index.html'), 'utf8');
    const scripts = [...searchHtml.matchAll(/<script\b[^>]*src="([^"]+)"/g)].map((match) =>
      readFileSync(join(built.dist, match[1]!.slice(BASE.length))),
    );
    const own = scripts.reduce((sum, code) => sum + gzipSync(code).length, 0);
    expect(own).toBeLessThan(20 * 1024);
    // Pagefind's own files, fetched by the search page only when there is something to search.
    const sizes = Object.fromEntries(
      [SEARCH_FILES.pagefind, SEARCH_FILES.wasm, SEARCH_FILES.setup].map((file) => {
        const bytes = readFileSync(join(built.dist, file));
        return [
          file,
          { bytes: bytes.length, gzipped: file.endsWith('.js') ? gzipSync(bytes).length : bytes.length },
        ];
      }),
    );
    console.log('search page script (gzipped):', own, 'bytes; loaded on demand:', JSON.stringify(sizes));
    const index = readdirSync(join(built.dist, 'pagefind', 'index')).map(
      (name) => statSync(join(built.dist, 'pagefind', 'index', name)).size,
    );
    expect(Math.max(...index)).toBeLessThan(64 * 1024);
    expect(problems).toEqual([]);
  });
});
