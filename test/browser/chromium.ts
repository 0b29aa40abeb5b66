// Chromium for the browser tests (playwright-core driving Debian's Chromium), and what every
// browser test watches: a reader context fails any request that leaves the site, and records
// console errors, page errors and Content-Security-Policy violations.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Every HTML file of a built site, sorted. */
export function htmlFiles(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) out.push(full);
    }
  };
  walk(dist);
  return out.sort();
}

export interface ReaderOptions {
  /** Viewport width (default 1280). */
  width?: number;
  /** Turn the pages' Content-Security-Policy off, for a tool a test injects into the page (axe). */
  bypassCSP?: boolean;
  /** Called with each request that would have left the site (it is aborted and logged as a problem too). */
  onExternal?: (url: string) => void;
}

/** A policy violation as the page reported it (`securitypolicyviolation`). */
export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
  }
}

/**
 * A browser context that aborts any request leaving `origin` (logged in `problems`), records
 * console errors and page errors in `problems`, and keeps each page's policy violations for
 * `cspViolations`.
 */
export async function readerContext(
  browser: Browser,
  origin: string,
  problems: string[],
  options: ReaderOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
    problems.push(`third-party request: ${url}`);
    options.onExternal?.(url);
    return route.abort();
  });
  // Runs before any script of the page; the policy does not apply to it.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      });
    });
  });
  context.on('page', (tab) => watchPage(tab, problems));
  return context;
}

/** Records a tab's console errors and page errors in `problems`. */
export function watchPage(tab: Page, problems: string[]): void {
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${tab.url()}: ${message.text()}`);
  });
  tab.on('pageerror', (error) => problems.push(`page error on ${tab.url()}: ${error.message}`));
}

/** The policy violations the page in `tab` has reported so far. */
export async function cspViolations(tab: Page): Promise<CspViolation[]> {
  return tab.evaluate(() => window.__cspViolations ?? []);
}
