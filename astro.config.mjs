// The reading site. Sources live in site/; the pipeline's output in data/build is its only input.
// BASE_PATH (e.g. /archive/) serves the site from a sub-folder; every link and asset follows it.
import { defineConfig } from 'astro/config';
import { fileURLToPath, URL } from 'node:url';
import { resolve } from 'node:path';
import mdx from '@astrojs/mdx';
import pagefindSearch from './site/integrations/pagefind.ts';
import publishFiles from './site/integrations/publishFiles.ts';
import pageCache from './site/integrations/pageCache.ts';
import swapOutput from './site/integrations/swapOutput.ts';
import { CSP_DIRECTIVES } from './site/lib/csp.ts';

/** '/archive' or 'archive/' → '/archive/'; unset or '/' → '/'. */
function normaliseBase(value) {
  const trimmed = (value ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The site's output, staged as the build starts and swapped into place when it is done. */
const output = swapOutput();

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.SITE_OUT ?? './dist',
  cacheDir: process.env.SITE_CACHE ?? './node_modules/.astro',
  base: normaliseBase(process.env.BASE_PATH),
  trailingSlash: 'always',
  // Four pages rendered at once: a page's file writes overlap the next page's rendering (about 10%
  // faster on two cores, for the same memory; see docs/benchmarks.md).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // Pages are static files: no prefetch, no dev toolbar, no telemetry-style requests from pages.
  devToolbar: { enabled: false },
  // Code in the commentary stays plain: highlighting would write inline styles the policy refuses.
  markdown: { syntaxHighlight: false },
  // A Content-Security-Policy on every page (site/lib/csp.ts): the site's own origin only, and no
  // inline script or style but the hashed ones the pages declare.
  security: { csp: { algorithm: 'SHA-256', directives: [...CSP_DIRECTIVES] } },
  // Document pages whose inputs have not changed come from a cache (site/integrations/pageCache.ts);
  // once every page is built, the downloadable files are copied in (site/integrations/publishFiles.ts)
  // and the search, built beside the pages, is moved in (site/integrations/pagefind.ts).
  // The site is built in a staging folder and swapped into place (site/integrations/swapOutput.ts:
  // staged first, swapped last): Astro need not empty the output folder, which a failed build would
  // leave empty.
  integrations: [output.stage, mdx(), pageCache(), publishFiles(), pagefindSearch(), output.swap],
  vite: {
    build: {
      emptyOutDir: false,
      rollupOptions: {
        // MDX pages carry Astro's own "use astro:head-inject" directive; the bundler's warning
        // about it is noise (Astro handles the directive itself).
        onwarn(warning, warn) {
          if (
            warning.code === 'MODULE_LEVEL_DIRECTIVE' &&
            String(warning.message).includes('astro:head-inject')
          )
            return;
          warn(warning);
        },
      },
    },
    // ~site: the site's sources; ~notes: the hand-written commentary the generated pages import.
    resolve: {
      alias: {
        '~site': fileURLToPath(new URL('./site', import.meta.url)),
        '~notes': resolve(process.env.SITE_NOTES ?? fileURLToPath(new URL('./site/notes', import.meta.url))),
      },
    },
  },
});
