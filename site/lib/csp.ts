// The Content-Security-Policy of every page. Astro writes it as a <meta http-equiv> in each page's
// head (security.csp in astro.config.mjs) with the hashes of the scripts and styles it bundles; the
// few inline scripts and styles the pages hold are allowed here, page by page, by their SHA-256,
// so the policy allows no other inline code: no handler attribute, no javascript: URL, no
// injected <script> or <style> runs, whatever a document's text holds.
import { createHash } from 'node:crypto';

/** Everything the site loads comes from its own origin; nothing may be framed, embedded or posted elsewhere. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'none'",
  "worker-src 'none'",
] as const;

/**
 * script-src is 'self' and the hashes on every page; the search page's is these sources (Astro's
 * default 'self' gives way to the sources a page names), for Pagefind's WebAssembly.
 */
export const WASM_SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/** The CSP source expression of a script's or style's exact text. */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** What a page's `Astro.csp` offers (absent when the policy is off). */
export interface PageCsp {
  insertScriptHash(hash: `sha256-${string}`): void;
  insertStyleHash(hash: `sha256-${string}`): void;
  insertScriptResource(resource: string): void;
}

/** An inline script's text, its hash added to the page's script-src. Render it with set:html. */
export function inlineScript(csp: PageCsp | undefined, code: string): string {
  csp?.insertScriptHash(cspHash(code));
  return code;
}

/** An inline style sheet's text, its hash added to the page's style-src. Render it with set:html. */
export function inlineStyle(csp: PageCsp | undefined, css: string): string {
  csp?.insertStyleHash(cspHash(css));
  return css;
}

/** Lets the page compile WebAssembly (Pagefind), and nothing else beyond the site's own scripts. */
export function allowWasm(csp: PageCsp | undefined): void {
  for (const source of WASM_SCRIPT_SOURCES) csp?.insertScriptResource(source);
}
