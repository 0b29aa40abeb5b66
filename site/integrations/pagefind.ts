// Search for the built site: once `astro build` has written every page, index the archive with
// Pagefind (through its Node API) and write the search page's data beside it (site/lib/searchBuild.ts).
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { getArchive } from '../lib/data.ts';
import { buildSearch } from '../lib/searchBuild.ts';

export default function pagefindSearch(): AstroIntegration {
  return {
    name: 'pprd-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await buildSearch(getArchive(), fileURLToPath(dir), logger);
      },
    },
  };
}
