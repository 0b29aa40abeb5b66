// The Content-Security-Policy a built page must carry (site/lib/csp.ts), read from its HTML: one
// <meta http-equiv> before any script or style; the site's own origin only; script-src 'self' and
// hashes ('wasm-unsafe-eval' on the search page only), style-src 'self' and hashes; every inline
// script and style of the page allowed by its hash, and nothing else inline.
import { createHash } from 'node:crypto';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/gi;
const HASH = /^'sha256-[A-Za-z0-9+/]+={0,2}'$/;

/** The page's policy as directive → sources, or undefined when it has none. */
export function pagePolicy(html: string): Map<string, string[]> | undefined {
  const metas = [...html.matchAll(META)];
  if (metas.length !== 1) return undefined;
  const content = metas[0]![1]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const policy = new Map<string, string[]>();
  for (const directive of content.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

export const sha256Source = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** What is wrong with a page's policy (empty when nothing is); `search` pages may compile WebAssembly. */
export function policyProblems(html: string, { search = false } = {}): string[] {
  const problems: string[] = [];
  const policy = pagePolicy(html);
  if (!policy) return ['not exactly one Content-Security-Policy <meta>'];
  const metaAt = html.search(META);
  const firstCode = html.search(/<script\b|<style\b|<link rel="stylesheet"/i);
  if (firstCode !== -1 && firstCode < metaAt) problems.push('a script or style comes before the policy');
  const expect = (name: string, sources: string[]) => {
    if (JSON.stringify(policy.get(name)) !== JSON.stringify(sources))
      problems.push(`${name} is ${policy.get(name)?.join(' ') ?? 'missing'}, not ${sources.join(' ')}`);
  };
  expect('default-src', ["'self'"]);
  expect('object-src', ["'none'"]);
  expect('base-uri', ["'self'"]);
  expect('form-action', ["'self'"]);
  for (const [name, sources] of policy) {
    for (const source of sources) {
      const allowed =
        source === "'self'" ||
        source === "'none'" ||
        ((name === 'script-src' || name === 'style-src') && HASH.test(source)) ||
        (name === 'script-src' && search && source === "'wasm-unsafe-eval'");
      if (!allowed) problems.push(`${name} allows ${source}`);
    }
  }
  if (!policy.get('script-src')?.includes("'self'")) problems.push('script-src lacks the site itself');
  const inline = (tag: 'script' | 'style', directive: string) => {
    for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))) {
      if (/\ssrc=/i.test(match[1]!)) continue;
      if (!policy.get(directive)?.includes(sha256Source(match[2]!)))
        problems.push(`an inline ${tag} not allowed by ${directive}: ${match[2]!.slice(0, 60)}`);
    }
  };
  inline('script', 'script-src');
  inline('style', 'style-src');
  return problems;
}
