// The built reading site, as a reader meets it: in Chromium (playwright-core, Debian's Chromium),
// served by a plain static server at the root and under a base path. Three builds: the seeds at
// /, the seeds at /archive/, and a hostile seed with a hand-written commentary.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  copyFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildSite, type BuiltSite } from './buildSite.ts';
import { serveStatic, type StaticSite } from './server.ts';
import {
  htmlFiles,
  launchChromium,
  readerContext as newReaderContext,
  type ReaderOptions,
} from './chromium.ts';
import { pagePolicy, policyProblems } from './policy.ts';
import { SEED_IDS } from '../support/seeds.ts';

const SCREENSHOTS = resolve('test/browser/screenshots');
const JS_BUDGET = 20 * 1024;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAYLOAD_ID = 'yue-gui-lvyou-hezuo-ceshi-xieyi';

const ids = SEED_IDS;

let root: BuiltSite;
let based: BuiltSite;
let hostile: BuiltSite;
let site: StaticSite;
let basedSite: StaticSite;
let hostileSite: StaticSite;
let browser: Browser;
/** The hostile seed and its commentary. */
let work: string | undefined;
const problems: string[] = [];

function page(built: BuiltSite, path: string): string {
  return readFileSync(join(built.dist, path, 'index.html'), 'utf8');
}

/** A browser context that fails any request leaving the site and records console errors. */
function readerContext(origin: string, options: ReaderOptions = {}): Promise<BrowserContext> {
  return newReaderContext(browser, origin, problems, options);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'site-hostile-'));
  const seeds = join(work, 'seeds');
  const notes = join(work, 'notes');
  mkdirSync(seeds);
  mkdirSync(notes);
  copyFileSync('test/browser/fixtures/payload-seed.txt', join(seeds, '900_payload.txt'));
  writeFileSync(
    join(notes, `${PAYLOAD_ID}.mdx`),
    '这是一段**编者评注**：广东与广西的旅游合作。\n\n<p>{1 + 1}</p>\n',
  );
  root = await buildSite({ label: 'root' });
  // Under the base path, agencies named in more than 30 tasks and lists of more than two documents
  // (all, a reference's, a region's) get pages of years (longLists.ts).
  based = await buildSite({
    label: 'based',
    base: '/archive/',
    env: { SITE_AGENCY_PAGE_TASKS: '30', SITE_PAGE_DOCUMENTS: '2' },
  });
  hostile = await buildSite({ label: 'hostile', seeds, notes });
  site = await serveStatic(root.dist, '/');
  basedSite = await serveStatic(based.dist, '/archive/');
  hostileSite = await serveStatic(hostile.dist, '/');
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await basedSite?.close();
  await hostileSite?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the pages the issue asks for', () => {
  it('has a page for each of the five seeds, in both scripts', () => {
    for (const id of Object.values(ids)) {
      const html = page(root, `documents/${id}`);
      expect(html).toMatch(/<h1>[^<]+<\/h1>/);
      expect(html).toContain('data-pagefind-body');
    }
    expect(existsSync(join(root.dist, `documents/${ids.d001}/zh-hans/index.html`))).toBe(true);
    expect(existsSync(join(root.dist, `documents/${ids.d000}/zh-hant/index.html`))).toBe(true);
  });

  it("shows a no-longer-in-force banner on 002's page only", () => {
    expect(page(root, `documents/${ids.d002}`)).toContain('本文件已失效');
    expect(page(root, `documents/${ids.d002}/zh-hant`)).toContain('本文件已失效');
    for (const id of [ids.d000, ids.d001, ids.d003, ids.d004]) {
      expect(page(root, `documents/${id}`)).not.toContain('banner-expired');
    }
  });

  it('reads 001 in simplified and 000 in traditional, each saying which script is the original', () => {
    const hans = page(root, `documents/${ids.d001}/zh-hans`);
    expect(hans).toContain('<html lang="zh-Hans"');
    expect(hans).toContain('<h1>广东省深化泛珠三角区域合作实施意见</h1>');
    expect(hans).toContain('原文为繁体');
    expect(page(root, `documents/${ids.d001}`)).toContain('<h1>廣東省深化泛珠三角區域合作實施意見</h1>');
    const hant = page(root, `documents/${ids.d000}/zh-hant`);
    expect(hant).toContain('<html lang="zh-Hant"');
    expect(hant).toContain('粵桂戰略合作框架協議</h1>');
    expect(hant).toContain('原文為簡體');
    for (const html of [hans, hant]) {
      expect(html).toMatch(/<link rel="alternate" hreflang="zh-Hans" href="[^"]+">/);
      expect(html).toMatch(/<link rel="alternate" hreflang="zh-Hant" href="[^"]+">/);
      expect(html).toMatch(/<link rel="alternate" hreflang="x-default" href="[^"]+">/);
    }
  });

  it('links 001, 002 and 004 to the 国发〔2016〕18号 page, which lists all three and compares their tasks', () => {
    for (const id of [ids.d001, ids.d002, ids.d004]) {
      expect(page(root, `documents/${id}`)).toMatch(/href="(?:\/zh-hant)?\/references\/guofa-2016-18\/"/);
    }
    const reference = page(root, 'references/guofa-2016-18');
    expect(reference).toContain('国发〔2016〕18号');
    const compare = reference.slice(reference.indexOf('class="compare"'));
    for (const id of [ids.d001, ids.d002, ids.d004]) {
      expect(compare).toContain(`href="/documents/${id}/`);
    }
    // Side by side: one theme row holds tasks of all three documents.
    const transport = compare.slice(
      compare.indexOf('交通运输'),
      compare.indexOf('</tr>', compare.indexOf('交通运输')),
    );
    for (const id of [ids.d001, ids.d002, ids.d004]) expect(transport).toContain(`/documents/${id}/`);
  });

  it("leads from 001's 省发展改革委 to Guangdong's agency page, and Sichuan's is another page", () => {
    const doc = page(root, `documents/${ids.d001}`);
    // 001 is traditional: its page and the pages it links to are in traditional script.
    expect(doc).toMatch(
      /<a class="agency" href="\/zh-hant\/agencies\/cn-gd-fagaiwei\/"[^>]*>省發展改革委<\/a>/,
    );
    expect(page(root, `documents/${ids.d001}/zh-hans`)).toMatch(
      /<a class="agency" href="\/agencies\/cn-gd-fagaiwei\/"[^>]*>省发展改革委<\/a>/,
    );
    const guangdong = page(root, 'agencies/cn-gd-fagaiwei');
    const sichuan = page(root, 'agencies/cn-sc-fagaiwei');
    expect(guangdong).toContain('<h1>广东省发展和改革委员会</h1>');
    expect(sichuan).toContain('<h1>四川省发展和改革委员会</h1>');
    expect(guangdong).toContain(`/documents/${ids.d001}/#`);
    expect(guangdong).not.toContain(`/documents/${ids.d002}/#`);
    expect(sichuan).toContain(`/documents/${ids.d002}/#`);
    expect(guangdong).toContain('href="/agencies/cn-sc-fagaiwei/"');
  });

  /** The pages of runs of years a page's list of them links to (under /archive/<folder>). */
  const runsOf = (html: string, folder: string) => {
    const at = html.indexOf('class="years-nav"');
    const nav = html.slice(at, html.indexOf('</nav>', at));
    return [...nav.matchAll(new RegExp(`href="/archive/${folder}([^/"]+)/"`, 'g'))].map((match) => match[1]!);
  };
  /** Each run's page, checked to list the same runs and to mark itself as the current one. */
  const runPages = (folder: string, runs: string[]) =>
    runs.map((run) => {
      const html = page(based, `${folder}${run}`);
      expect(runsOf(html, folder)).toEqual(runs);
      expect(html).toContain(`<a href="/archive/${folder}${run}/" aria-current="page">`);
      return html;
    });

  it('lists the documents on pages of runs of years when there are more than one page holds', () => {
    const index = page(based, 'documents');
    const runs = runsOf(index, 'documents/years/');
    expect(runs).toEqual(['2017', '2016', '2005', 'undated']);
    expect(index).toContain('共 5 份文件');
    expect(index).not.toContain('class="doc-list"');
    const listed = runPages('documents/years/', runs).flatMap((html) => {
      const items = html.slice(html.indexOf('class="doc-list"'));
      return [...items.matchAll(/<h2 class="doc-item-title"><a href="\/archive\/documents\/([^/"]+)\//g)].map(
        (match) => match[1]!,
      );
    });
    // Every document once, newest run first, and the 2016 page's filters count its own two.
    expect(listed).toEqual([ids.d001, ids.d002, ids.d004, ids.d003, ids.d000]);
    expect(page(based, 'zh-hant/documents/years/2016')).toContain('2016 <span class="count">(2)</span>');
    expect(page(root, 'documents')).not.toContain('/documents/years/');
  });

  it('lists the documents implementing a reference on pages of runs of years when there are many', () => {
    const folder = 'references/guofa-2016-18/';
    const reference = page(based, folder);
    const runs = runsOf(reference, folder);
    expect(runs).toEqual(['2017', '2016']);
    expect(reference).toContain('贯彻落实本文件的文件 3 份，引用本文件的文件 0 份');
    expect(reference).toContain('class="compare"');
    const listed = runPages(folder, runs).flatMap((html) => {
      const implementers = html.slice(html.indexOf('id="h-implementers"'), html.indexOf('id="h-citers"'));
      return [...implementers.matchAll(/<li><a href="\/archive\/documents\/([^/"]+)\//g)].map(
        (match) => match[1]!,
      );
    });
    expect(listed).toEqual([ids.d001, ids.d004, ids.d002]);
    expect(page(root, 'references/guofa-2016-18')).toContain('id="h-implementers"');
  });

  it('lists a region’s documents on pages of runs of years when there are many', () => {
    const folder = 'regions/cn-gd/';
    const documentsIn = (html: string, base: string) =>
      [...html.matchAll(new RegExp(`<li><a href="${base}documents/([^/"]+)/"`, 'g'))].map(
        (match) => match[1]!,
      );
    const region = page(based, folder);
    const runs = runsOf(region, folder);
    expect(runs).toEqual(['2005-2017', 'undated']);
    expect(region).toContain('id="h-agencies"');
    const listed = runPages(folder, runs).flatMap((html) =>
      documentsIn(html.slice(html.indexOf('</nav>', html.indexOf('class="years-nav"'))), '/archive/'),
    );
    const whole = page(root, folder);
    const unsplit = documentsIn(
      whole.slice(whole.indexOf('id="h-docs"'), whole.indexOf('id="h-agencies"')),
      '/',
    );
    expect(unsplit).toEqual([ids.d003, ids.d001, ids.d000]);
    expect(listed).toEqual(unsplit);
  });

  it('has every page type in both scripts', () => {
    for (const path of [
      '',
      'documents/',
      'agencies/',
      'regions/',
      'regions/cn-gd/',
      'references/',
      'data/',
      'about/',
      'search/',
    ]) {
      expect(existsSync(join(root.dist, path, 'index.html')), path).toBe(true);
      expect(existsSync(join(root.dist, 'zh-hant', path, 'index.html')), `zh-hant/${path}`).toBe(true);
    }
    expect(page(root, 'zh-hant')).toContain('<html lang="zh-Hant"');
  });

  it('publishes the downloads, the raw seeds byte for byte and a feed', () => {
    expect(readFileSync(join(root.dist, `downloads/documents/${ids.d002}.json`), 'utf8')).toBe(
      readFileSync(join(root.data, `documents/${ids.d002}.json`), 'utf8'),
    );
    const tasks = readFileSync(join(root.dist, `downloads/documents/${ids.d002}/tasks.csv`), 'utf8');
    expect(tasks.split('\r\n')[0]).toBe('id,document_id,provision_id,label,text,responsibility');
    expect(tasks).toContain('chuanbanhan-2016-212-t1');
    expect(tasks).not.toContain('yuefu-2017-8-t1');
    for (const name of readdirSync('seeds').filter((file) => /^\d{3}_/.test(file))) {
      expect(
        readFileSync(join(root.dist, 'seeds', name)).equals(readFileSync(join('seeds', name))),
        name,
      ).toBe(true);
    }
    expect(readFileSync(join(root.dist, 'feed.xml'), 'utf8')).toContain(
      '<feed xmlns="http://www.w3.org/2005/Atom"',
    );
  });
});

describe('document text is data, never code', () => {
  it('renders <, {, }, import and tags from a document as text', () => {
    const html = page(hostile, `documents/${PAYLOAD_ID}`);
    expect(html).toContain(
      '双方共同推进&lt;script&gt;window.__pwned = 1&lt;/script&gt;旅游合作,{process.exit(1)}共建品牌。',
    );
    expect(html).toContain('import fs from &#39;node:fs&#39;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;');
    expect(html).toContain('&lt;DocumentPage id=&quot;evil&quot; /&gt; {/* 注释 */}');
    expect(html).not.toMatch(/<script>window\.__pwned/);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/(?:href|src|action)="javascript:/i);
  });

  it('runs nothing from the document in a browser', async () => {
    const context = await readerContext(hostileSite.origin);
    const tab = await context.newPage();
    await tab.goto(`${hostileSite.url}documents/${PAYLOAD_ID}/`);
    expect(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await tab.locator('#ch1-art1-para1').innerText()).toContain('<script>window.__pwned = 1</script>');
    await context.close();
  });

  it('merges the hand-written commentary, converted for the other script', () => {
    const original = page(hostile, `documents/${PAYLOAD_ID}`);
    expect(original).toContain('<strong>编者评注</strong>：广东与广西的旅游合作。');
    expect(original).toContain('<p>2</p>');
    const converted = page(hostile, `documents/${PAYLOAD_ID}/zh-hant`);
    expect(converted).toContain('<strong>編者評註</strong>：廣東與廣西的旅遊合作。');
  });
});

describe('Content-Security-Policy', () => {
  it('is on every page, at the root and under a base path: own origin only, inline code by hash', () => {
    const found: string[] = [];
    let pages = 0;
    for (const built of [root, based, hostile]) {
      for (const file of htmlFiles(built.dist)) {
        const path = relative(built.dist, file);
        const search = /^(zh-hant\/)?search\//.test(path.split(sep).join('/'));
        for (const problem of policyProblems(readFileSync(file, 'utf8'), { search })) {
          found.push(`${built.base}${path}: ${problem}`);
        }
        pages++;
      }
    }
    expect(found).toEqual([]);
    expect(pages).toBeGreaterThan(100);
    // Only the search page compiles WebAssembly (Pagefind).
    expect(pagePolicy(page(based, 'search'))?.get('script-src')).toContain("'wasm-unsafe-eval'");
    expect(pagePolicy(page(based, `documents/${ids.d001}`))?.get('script-src')).not.toContain(
      "'wasm-unsafe-eval'",
    );
  });
});

/** The scripts a page runs: inline ones and the files it loads, with their static imports. */
function pageScripts(built: BuiltSite, file: string): string[] {
  const html = readFileSync(file, 'utf8');
  const bodies: string[] = [];
  const seen = new Set<string>();
  const load = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const code = readFileSync(path, 'utf8');
    bodies.push(code);
    for (const match of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
      load(resolve(dirname(path), match[1]!));
    }
  };
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(match[1]!)?.[1];
    if (src) load(join(built.dist, src.slice(built.base.length)));
    else bodies.push(match[2]!);
  }
  return bodies;
}

describe('JavaScript budget', () => {
  it('ships at most 20 KB of gzipped JavaScript on every page', () => {
    const sizes = htmlFiles(root.dist).map((file) => ({
      page: relative(root.dist, file),
      bytes: pageScripts(root, file).reduce((sum, code) => sum + gzipSync(code).length, 0),
    }));
    const over = sizes.filter((size) => size.bytes > JS_BUDGET);
    expect(over).toEqual([]);
    const reading = sizes.find((size) => size.page === `documents${sep}${ids.d001}${sep}index.html`)!;
    expect(reading.bytes).toBeGreaterThan(0);
    expect(reading.bytes).toBeLessThan(JS_BUDGET);
  });
});

/** Follows every link from the home page; returns the problems and the pages reached. */
async function crawl(served: StaticSite): Promise<{ broken: string[]; pages: Set<string> }> {
  const queue = [served.url];
  const pages = new Set<string>();
  const checked = new Map<string, number>();
  const bodies = new Map<string, string>();
  const anchors: [string, string, string][] = [];
  const broken: string[] = [];
  const fetchOnce = async (url: string) => {
    if (!checked.has(url)) {
      const response = await fetch(url, { redirect: 'manual' });
      checked.set(url, response.status);
      if ((response.headers.get('content-type') ?? '').startsWith('text/html'))
        bodies.set(url, await response.text());
      else await response.arrayBuffer();
    }
    return checked.get(url)!;
  };
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (pages.has(url)) continue;
    pages.add(url);
    const html = bodies.get(url) ?? '';
    for (const match of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
      const raw = match[1]!.replace(/&amp;/g, '&');
      const target = new URL(raw, url);
      if (target.origin !== served.origin) {
        if (/^https?:/.test(target.protocol)) broken.push(`${url}: external link ${raw}`);
        else if (target.protocol !== 'mailto:') broken.push(`${url}: ${target.protocol} link ${raw}`);
        continue;
      }
      if (!target.pathname.startsWith(new URL(served.url).pathname)) {
        broken.push(`${url}: ${raw} leaves the base path`);
        continue;
      }
      const hash = decodeURIComponent(target.hash.slice(1));
      target.hash = '';
      target.search = '';
      const status = await fetchOnce(target.href);
      if (status !== 200) {
        broken.push(`${url}: ${raw} → ${status}`);
        continue;
      }
      if (hash) anchors.push([url, target.href, hash]);
      if (bodies.has(target.href) && !pages.has(target.href)) queue.push(target.href);
    }
    if (url === served.url && !bodies.has(url)) {
      await fetchOnce(url);
      pages.delete(url);
      queue.unshift(url);
    }
  }
  for (const [from, to, hash] of anchors) {
    const html = bodies.get(to) ?? '';
    if (!html.includes(`id="${hash}"`)) broken.push(`${from}: #${hash} is not on ${to}`);
  }
  return { broken, pages };
}

describe('links', () => {
  it('resolves every internal link and anchor, and reaches every page, at the root', async () => {
    const { broken, pages } = await crawl(site);
    expect(broken).toEqual([]);
    const all = htmlFiles(root.dist).filter((file) => !file.endsWith('404.html'));
    expect(pages.size).toBe(all.length);
  });

  it('does the same under a base path', async () => {
    const { broken, pages } = await crawl(basedSite);
    expect(broken).toEqual([]);
    expect(pages.size).toBe(htmlFiles(based.dist).length - 1);
    expect(page(based, `documents/${ids.d002}`)).toContain('href="/archive/references/guofa-2016-18/"');
    expect(page(based, `documents/${ids.d001}`)).toContain(
      'href="/archive/zh-hant/references/guofa-2016-18/"',
    );
  });
});

describe('a reader in Chromium', () => {
  it('goes home → document → agency → its namesake → another document, and back', async () => {
    const context = await readerContext(site.origin);
    const tab = await context.newPage();
    await tab.goto(site.url);
    await tab.getByRole('link', { name: '广东省深化泛珠三角区域合作实施意见' }).first().click();
    await expect.poll(() => tab.url()).toBe(`${site.url}documents/${ids.d001}/`);
    await tab.locator('a.agency[href$="/agencies/cn-gd-fagaiwei/"]').first().click();
    await expect.poll(() => tab.url()).toBe(`${site.url}zh-hant/agencies/cn-gd-fagaiwei/`);
    expect(await tab.locator('h1').innerText()).toBe('廣東省發展和改革委員會');
    await tab.getByRole('link', { name: '四川省發展和改革委員會' }).click();
    await expect.poll(() => tab.url()).toBe(`${site.url}zh-hant/agencies/cn-sc-fagaiwei/`);
    await tab
      .locator(`section[aria-labelledby="tasks-led"] a[href="/documents/${ids.d002}/"]`)
      .first()
      .click();
    await expect.poll(() => tab.url()).toBe(`${site.url}documents/${ids.d002}/`);
    expect(await tab.locator('.banner-expired').innerText()).toContain('本文件已失效');
    await tab.goBack();
    await tab.goBack();
    await expect.poll(() => tab.url()).toBe(`${site.url}zh-hant/agencies/cn-gd-fagaiwei/`);
    await tab.goBack();
    await expect.poll(() => tab.url()).toBe(`${site.url}documents/${ids.d001}/`);
    await context.close();
  });

  it('lands a permalink on its article, and copies it', async () => {
    const context = await readerContext(site.origin);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    const tab = await context.newPage();
    await tab.goto(`${site.url}documents/${ids.d002}/#s3-p7`);
    const article = tab.locator('[id="s3-p7"]');
    expect(await article.evaluate((element) => element.matches(':target'))).toBe(true);
    const box = (await article.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(200);
    expect(await article.innerText()).toContain('(七)');
    await article.locator('> .prov-tools button.copy').click();
    await expect.poll(() => tab.locator('#live-status').innerText()).toBe('链接已复制');
    expect(await tab.evaluate(() => navigator.clipboard.readText())).toBe(
      `${site.url}documents/${ids.d002}/#s3-p7`,
    );
    await context.close();
  });

  it('switches script with the toggle and remembers the choice', async () => {
    const context = await readerContext(site.origin);
    const tab = await context.newPage();
    await tab.goto(`${site.url}documents/${ids.d000}/`);
    expect(await tab.getAttribute('html', 'lang')).toBe('zh-Hans');
    await tab.locator('.script-toggle a[hreflang="zh-Hant"]').click();
    await expect.poll(() => tab.url()).toBe(`${site.url}documents/${ids.d000}/zh-hant/`);
    expect(await tab.getAttribute('html', 'lang')).toBe('zh-Hant');
    expect(await tab.locator('h1').innerText()).toContain('粵桂戰略合作框架協議');
    // The choice persists: plain links to simplified pages open in traditional.
    await tab.goto(site.url);
    await expect.poll(() => tab.url()).toBe(`${site.url}zh-hant/`);
    await tab.goto(`${site.url}documents/${ids.d001}/zh-hans/#s1`);
    await expect.poll(() => tab.url()).toBe(`${site.url}documents/${ids.d001}/#s1`);
    await tab.locator('.script-toggle a[hreflang="zh-Hans"]').click();
    await expect.poll(() => tab.url()).toBe(`${site.url}documents/${ids.d001}/zh-hans/`);
    expect(await tab.locator('h1').innerText()).toBe('广东省深化泛珠三角区域合作实施意见');
    await tab.goto(`${site.url}zh-hant/agencies/`);
    await expect.poll(() => tab.url()).toBe(`${site.url}agencies/`);
    await context.close();
  });

  it('works with the keyboard: skip link, filters', async () => {
    const context = await readerContext(site.origin);
    const tab = await context.newPage();
    await tab.goto(`${site.url}documents/`);
    await tab.keyboard.press('Tab');
    expect(await tab.evaluate(() => document.activeElement?.className)).toBe('skip');
    await tab.keyboard.press('Enter');
    await expect.poll(() => tab.evaluate(() => document.activeElement?.id)).toBe('main');
    const items = tab.locator('.doc-list > li');
    const visible = () =>
      items.evaluateAll((list) => list.filter((li) => getComputedStyle(li).display !== 'none').length);
    expect(await visible()).toBe(5);
    await tab.locator('#f-type-all').focus();
    await tab.keyboard.press('ArrowRight');
    expect(await visible()).toBeLessThan(5);
    await tab.locator('#f-status-no-longer-in-force').check();
    await tab.locator('#f-type-all').check();
    expect(await visible()).toBe(1);
    await context.close();
  });

  const pageTypes = [
    ['home', ''],
    ['documents', 'documents/'],
    ['document-original', `documents/${ids.d001}/`],
    ['document-converted', `documents/${ids.d000}/zh-hant/`],
    ['document-expired', `documents/${ids.d002}/`],
    ['agencies', 'agencies/'],
    ['agency', 'agencies/cn-gd-fagaiwei/'],
    ['regions', 'regions/'],
    ['region', 'zh-hant/regions/cn-gd/'],
    ['references', 'references/'],
    ['reference', 'references/guofa-2016-18/'],
    ['data', 'data/'],
    ['about', 'zh-hant/about/'],
    ['search', 'search/'],
  ] as const;
  /** Page types only the build under a base path has. */
  const basedPageTypes = [
    ['agency-split', 'agencies/cn-gd-fagaiwei/'],
    ['agency-years', 'zh-hant/agencies/cn-gd-fagaiwei/2017-p2/'],
    ['documents-split', 'documents/'],
    ['documents-years', 'zh-hant/documents/years/2016/'],
    ['reference-split', 'references/guofa-2016-18/'],
    ['reference-years', 'zh-hant/references/guofa-2016-18/2016/'],
    ['region-split', 'regions/cn-gd/'],
    ['region-years', 'zh-hant/regions/cn-gd/2005-2017/'],
  ] as const;

  it('has no serious or critical axe violation (nor any WCAG one) on any page type; screenshots at 360 and 1280 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const found: string[] = [];
    for (const width of [360, 1280]) {
      for (const [served, types] of [
        [site, pageTypes],
        [basedSite, basedPageTypes],
      ] as const) {
        // axe is injected into the page, which the pages' Content-Security-Policy would refuse.
        const context = await readerContext(served.origin, { width, bypassCSP: true });
        const tab = await context.newPage();
        for (const [name, path] of types) {
          const response = await tab.goto(`${served.url}${path}`);
          if (!response?.ok()) found.push(`${path}: HTTP ${response?.status()}`);
          await tab.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`) });
          const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) found.push(`${path} at ${width}px: ${overflow}px wider than the screen`);
          if (width !== 1280) continue;
          await tab.addScriptTag({ content: AXE_SOURCE });
          const violations = await tab.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: {
                  run: (context: Document) => Promise<{
                    violations: {
                      id: string;
                      impact: string;
                      tags: string[];
                      nodes: { target: string[] }[];
                    }[];
                  }>;
                };
              }
            ).axe;
            const result = await axe.run(document);
            return result.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              wcag: v.tags.some((tag) => /^wcag\d/.test(tag)),
              nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
            }));
          });
          for (const violation of violations) {
            // The bar: no serious or critical violation, and no WCAG failure of any impact.
            if (violation.impact === 'serious' || violation.impact === 'critical' || violation.wcag) {
              found.push(`${path}: ${violation.impact} ${violation.id} at ${violation.nodes.join(', ')}`);
            }
          }
        }
        await context.close();
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('printed, shows the agreement without the site around it', async () => {
    const context = await readerContext(site.origin);
    const tab = await context.newPage();
    await tab.goto(`${site.url}documents/${ids.d002}/`);
    await tab.emulateMedia({ media: 'print' });
    const shown = (selector: string) =>
      tab
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).display !== 'none');
    expect(await shown('.site-header')).toBe(false);
    expect(await shown('.prov-tools')).toBe(false);
    expect(await shown('.provenance')).toBe(false);
    expect(await shown('.banner-expired')).toBe(true);
    expect(await shown('#sec-text')).toBe(true);
    await context.close();
  });

  it('logged no console error, page error or third-party request', () => {
    expect(problems).toEqual([]);
  });
});
