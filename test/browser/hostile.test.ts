// The hostile corpus (test/fixtures/hostile/, test/support/hostileCorpus.ts) as a reader meets it.
// The pipeline publishes every file it can read and reports the others (--keep-going), the site is
// built from that under a base path, and every built page is opened in Chromium under its
// Content-Security-Policy. Displayed text stays text: no payload runs (every script payload of the
// corpus sets window.__pwned), no dialog opens, no javascript: URL and no handler attribute
// exists, no script or style is on a page that the policy does not name, no request leaves the
// site, the site's own scripts run without a violation, and no bidi or zero-width character
// reaches a page but shown, escaped, in the provenance panel. The counts are printed at the end.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite, type BuiltSite } from './buildSite.ts';
import { serveStatic, type StaticSite } from './server.ts';
import { cspViolations, htmlFiles, launchChromium, readerContext, type CspViolation } from './chromium.ts';
import { pagePolicy, sha256Source } from './policy.ts';
import { HOSTILE_DIR, hostileCorpus } from '../support/hostileCorpus.ts';

const BASE = '/archive/';
const corpus = hostileCorpus({ includeLarge: false });
const idOf = (name: string) => {
  const expected = corpus.find((file) => file.name === name)!.expect;
  if (expected.kind !== 'publish' || typeof expected.id !== 'string')
    throw new Error(`${name} has no fixed id`);
  return expected.id;
};
/** The documents whose text carries script, markup, MDX or Markdown payloads. */
const PAYLOAD_DOCUMENTS = [
  'html-script.txt',
  'mdx-payloads.txt',
  'markdown.txt',
  'json-breakers.txt',
  'pinyin-and-gbk-lookalikes.txt',
].map(idOf);
/** Bidi controls and zero-width characters: never written raw into a page. */
const BIDI = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const ZERO_WIDTH = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
const RAW_INVISIBLE = new RegExp(
  `[${[...BIDI, ...ZERO_WIDTH].map((c) => String.fromCodePoint(c)).join('')}]`,
  'u',
);

let built: BuiltSite;
let site: StaticSite;
let browser: Browser;
const problems: string[] = [];
const tally = {
  seeds: corpus.length,
  published: 0,
  refusedWithMessage: 0,
  crashesWithoutMessage: 0,
  pagesChecked: 0,
  scriptsExecuted: 0,
  dialogsOpened: 0,
  javascriptUrls: 0,
  handlerAttributes: 0,
  scriptsOrStylesNotInPolicy: 0,
  externalRequests: 0,
  policyViolations: 0,
  rawBidiOrZeroWidth: 0,
};

beforeAll(async () => {
  built = await buildSite({ label: 'hostile-corpus', seeds: HOSTILE_DIR, base: BASE, keepGoing: true });
  site = await serveStatic(built.dist, BASE);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  console.log(
    [
      `hostile corpus in the browser: ${tally.seeds} files, ${tally.published} published, ` +
        `${tally.refusedWithMessage} refused with a message naming the file`,
      `  crashes without a message: ${tally.crashesWithoutMessage}`,
      `  pages checked in Chromium: ${tally.pagesChecked}`,
      `  scripts executed (window.__pwned set): ${tally.scriptsExecuted}`,
      `  dialogs opened: ${tally.dialogsOpened}`,
      `  javascript: URLs: ${tally.javascriptUrls}`,
      `  event-handler attributes: ${tally.handlerAttributes}`,
      `  inline scripts or styles the policy does not name: ${tally.scriptsOrStylesNotInPolicy}`,
      `  external requests: ${tally.externalRequests}`,
      `  Content-Security-Policy violations: ${tally.policyViolations}`,
      `  raw bidi or zero-width characters in pages: ${tally.rawBidiOrZeroWidth}`,
    ].join('\n'),
  );
});

/** What a page holds that could run: read from the live DOM, after its own scripts ran. */
interface PageFindings {
  pwned: unknown;
  javascriptUrls: string[];
  handlers: string[];
  embeds: string[];
  inlineScripts: string[];
  inlineStyles: string[];
  styleAttributes: number;
  foreignSources: string[];
  violations: CspViolation[];
}

async function inspect(tab: Page): Promise<PageFindings> {
  return tab.evaluate(() => {
    const URL_ATTRIBUTES = new Set([
      'href',
      'src',
      'action',
      'formaction',
      'data',
      'poster',
      'background',
      'cite',
      'ping',
      'srcset',
      'srcdoc',
      'xlink:href',
    ]);
    const findings = {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      javascriptUrls: [] as string[],
      handlers: [] as string[],
      embeds: [
        ...document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv="refresh" i]'),
      ].map((element) => element.outerHTML.slice(0, 80)),
      inlineScripts: [...document.scripts].filter((script) => !script.src).map((script) => script.text),
      inlineStyles: [...document.querySelectorAll('style')].map((style) => style.textContent ?? ''),
      styleAttributes: document.querySelectorAll('[style]').length,
      violations: window.__cspViolations ?? [],
      foreignSources: [...document.querySelectorAll<HTMLElement>('script[src], link[href], img, source')]
        .map((element) => (element as HTMLScriptElement).src || (element as HTMLLinkElement).href || '')
        .filter((url) => url !== '' && new URL(url).origin !== location.origin),
    };
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) findings.handlers.push(`<${element.localName} ${name}>`);
        // Browsers drop ASCII whitespace and controls inside a URL's scheme: "java\tscript:" runs.
        // eslint-disable-next-line no-control-regex
        const url = attribute.value.replace(/[\u0000-\u0020]/g, '');
        if (URL_ATTRIBUTES.has(name) && /^javascript:/i.test(url)) {
          findings.javascriptUrls.push(`<${element.localName} ${name}="${attribute.value.slice(0, 60)}">`);
        }
      }
    }
    return findings;
  });
}

/** Opens one built page and counts what it holds that could run; what is wrong goes to `found`. */
async function checkPage(tab: Page, file: string, found: string[]): Promise<void> {
  const path = relative(built.dist, file).split(sep).join('/');
  const html = readFileSync(file, 'utf8');
  if (RAW_INVISIBLE.test(html)) {
    tally.rawBidiOrZeroWidth++;
    found.push(`${path}: a raw bidi or zero-width character`);
  }
  const policy = pagePolicy(html);
  await tab.goto(`${site.url}${path.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
  const page = await inspect(tab);
  tally.pagesChecked++;
  if (page.pwned !== undefined) {
    tally.scriptsExecuted++;
    found.push(`${path}: window.__pwned is ${String(page.pwned)}`);
  }
  tally.javascriptUrls += page.javascriptUrls.length;
  tally.handlerAttributes += page.handlers.length;
  for (const link of page.javascriptUrls) found.push(`${path}: ${link}`);
  for (const handler of page.handlers) found.push(`${path}: ${handler}`);
  for (const embed of page.embeds) found.push(`${path}: ${embed}`);
  for (const source of page.foreignSources) found.push(`${path}: loads ${source}`);
  if (page.styleAttributes > 0) found.push(`${path}: ${page.styleAttributes} style attributes`);
  const unnamed = [
    ...page.inlineScripts.filter((code) => !policy?.get('script-src')?.includes(sha256Source(code))),
    ...page.inlineStyles.filter((css) => !policy?.get('style-src')?.includes(sha256Source(css))),
  ];
  tally.scriptsOrStylesNotInPolicy += unnamed.length;
  for (const code of unnamed)
    found.push(`${path}: inline code the policy does not name: ${code.slice(0, 60)}`);
  tally.policyViolations += page.violations.length;
  for (const violation of page.violations) {
    found.push(`${path}: ${violation.directive} refused ${violation.blocked} ${violation.sample}`);
  }
}

describe('the hostile corpus, built into a site', () => {
  it('publishes every readable file and reports every other one with a message naming it', () => {
    const publishable = corpus.filter((file) => file.expect.kind === 'publish');
    tally.published = built.documents;
    for (const failure of built.failures) {
      if (failure.reason.startsWith('internal error') || !failure.message.includes(failure.file))
        tally.crashesWithoutMessage++;
      else tally.refusedWithMessage++;
    }
    expect(tally.crashesWithoutMessage).toBe(0);
    expect(built.documents).toBe(publishable.length);
    expect(built.failures.length).toBe(corpus.length - publishable.length);
    for (const failure of built.failures) expect(failure.file).toMatch(new RegExp(`^${HOSTILE_DIR}/`));
  });

  it('opens every built page in Chromium: nothing runs, nothing links to javascript:, nothing leaves the site', async () => {
    const found: string[] = [];
    const context = await readerContext(browser, site.origin, problems, {
      onExternal: () => tally.externalRequests++,
    });
    const files = htmlFiles(built.dist);
    // Four tabs at a time, each taking the next page.
    const queue = [...files];
    const lane = async () => {
      const tab = await context.newPage();
      tab.on('dialog', (dialog) => {
        tally.dialogsOpened++;
        found.push(`${tab.url()}: a ${dialog.type()} dialog opened: ${dialog.message()}`);
        void dialog.dismiss();
      });
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        await checkPage(tab, file, found);
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    await context.close();
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    expect(tally.pagesChecked).toBe(files.length);
    // Every published document was among them, in both scripts.
    const ids = readdirSync(join(built.data, 'documents')).map((name) => name.replace(/\.json$/, ''));
    expect(ids).toHaveLength(built.documents);
    for (const id of ids) {
      expect(
        files.filter((file) => file.includes(`${sep}documents${sep}${id}${sep}`)),
        id,
      ).toHaveLength(2);
    }
  }, 120_000);

  it('catches each thing it counts, on a page a payload was slipped into', async () => {
    for (const bypassCSP of [false, true]) {
      const external: string[] = [];
      const context = await readerContext(browser, site.origin, [], {
        bypassCSP,
        onExternal: (url) => external.push(url),
      });
      const tab = await context.newPage();
      let dialogs = 0;
      tab.on('dialog', (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      await tab.goto(`${site.url}about/`);
      await tab.evaluate(() => {
        document.body.insertAdjacentHTML(
          'afterbegin',
          '<a id="bad" href=" java\tscript:alert(1)">x</a><img src="http://evil.example/x.png" onerror="window.__pwned=1">',
        );
        const script = document.createElement('script');
        script.textContent = 'window.__pwned = 2';
        document.body.append(script);
      });
      await tab.locator('#bad').click();
      // Settled: the image was refused (a violation) or requested (and aborted), and its error handled.
      await expect
        .poll(async () => (await inspect(tab)).violations.length + external.length + dialogs)
        .toBeGreaterThanOrEqual(bypassCSP ? 2 : 3);
      const page = await inspect(tab);
      expect(page.javascriptUrls).toHaveLength(1);
      expect(page.handlers).toEqual(['<img onerror>']);
      expect(page.foreignSources).toEqual(['http://evil.example/x.png']);
      expect(page.inlineScripts).toContain('window.__pwned = 2');
      if (bypassCSP) {
        // Without the policy the payloads run: this is what the counts above would see.
        expect(page.pwned).toBeDefined();
        expect(external).toEqual(['http://evil.example/x.png']);
        expect(dialogs).toBe(1);
      } else {
        // Under it, each is refused and reported, and nothing leaves the page.
        expect(page.pwned).toBeUndefined();
        expect(page.violations.map((violation) => violation.directive)).toEqual(
          expect.arrayContaining(['script-src-elem', 'img-src']),
        );
        expect(external).toEqual([]);
        expect(dialogs).toBe(0);
      }
      await context.close();
    }
  });

  it('runs nothing from a payload even with the policy switched off: the pages hold text, not code', async () => {
    const found: string[] = [];
    const context = await readerContext(browser, site.origin, found, { bypassCSP: true });
    const tab = await context.newPage();
    tab.on('dialog', (dialog) => {
      found.push(`${tab.url()}: a dialog opened`);
      void dialog.dismiss();
    });
    for (const id of PAYLOAD_DOCUMENTS) {
      for (const twin of ['', 'zh-hant/']) {
        await tab.goto(`${site.url}documents/${id}/${twin}`);
        const page = await inspect(tab);
        if (page.pwned !== undefined) found.push(`${id}/${twin}: window.__pwned is ${String(page.pwned)}`);
        found.push(...page.javascriptUrls, ...page.handlers, ...page.embeds, ...page.foreignSources);
      }
    }
    const html = await tab.goto(`${site.url}documents/${idOf('html-script.txt')}/`).then(() => tab.content());
    expect(await tab.locator('#main').innerText()).toContain('<script>window.__pwned = 1; alert(1)</script>');
    expect(html).toContain('&lt;svg onload="alert(window.__pwned=1)"&gt;');
    await tab.goto(`${site.url}documents/${idOf('mdx-payloads.txt')}/`);
    expect(await tab.locator('#main').innerText()).toContain('{globalThis.__pwned = 1}');
    await context.close();
    expect(found).toEqual([]);
  });

  it('runs the site’s own scripts under the policy: the copy-link island and the search', async () => {
    const context = await readerContext(browser, site.origin, problems);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    const tab = await context.newPage();
    const id = idOf('html-script.txt');
    await tab.goto(`${site.url}documents/${id}/`);
    await tab.locator('.prov-tools button.copy').first().click();
    await expect.poll(() => tab.locator('#live-status').innerText()).toBe('链接已复制');
    // Pagefind's WebAssembly, under the search page's policy; the match shown as text.
    await tab.goto(`${site.url}search/?q=${encodeURIComponent('网络安全合作')}`);
    await tab.waitForFunction(() => document.documentElement.dataset['searchDone'] !== undefined);
    expect(
      await tab
        .locator('#search-results > li')
        .evaluateAll((items) => items.map((li) => li.dataset['document'])),
    ).toContain(id);
    expect(await tab.locator('#search-results').innerText()).toContain('</script>加强网络安全合作');
    expect(await tab.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await cspViolations(tab)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('shows bidi controls and zero-width characters in the provenance panel as marked code points naming them', async () => {
    const context = await readerContext(browser, site.origin, problems);
    const tab = await context.newPage();
    const shown = async (name: string) => {
      await tab.goto(`${site.url}documents/${idOf(name)}/`);
      return tab
        .locator('.provenance abbr.shown-char')
        .evaluateAll((marks) =>
          marks.map((mark) => ({ text: mark.textContent ?? '', title: mark.getAttribute('title') ?? '' })),
        );
    };
    const bidi = await shown('bidi-controls.txt');
    const zeroWidth = await shown('zero-width.txt');
    for (const [marks, name] of [
      [bidi, 'bidi-controls.txt'],
      [zeroWidth, 'zero-width.txt'],
    ] as const) {
      // Every bidi control and zero-width character the file holds is shown, and named.
      const held = [...new Set(readFileSync(`${HOSTILE_DIR}/${name}`, 'utf8'))].filter((char) =>
        RAW_INVISIBLE.test(char),
      );
      expect(held.length, name).toBeGreaterThanOrEqual(5);
      for (const char of held) {
        const point = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        const mark = marks.find((candidate) => candidate.text === `⟨${point}⟩`);
        expect(mark, point).toBeDefined();
        expect(mark!.title).toMatch(new RegExp(`^${point.replace('+', '\\+')} [A-Z][A-Z -]+$`));
      }
    }
    expect(bidi.find((mark) => mark.text === '⟨U+202E⟩')?.title).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(zeroWidth.find((mark) => mark.text === '⟨U+200B⟩')?.title).toBe('U+200B ZERO WIDTH SPACE');
    await context.close();
  });
});
