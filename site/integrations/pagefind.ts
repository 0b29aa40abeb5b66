// Search for the built site. The search is made from the records alone (data/build), not from the
// built pages, so it is built while Astro renders them: when the build starts, a child process
// (site/integrations/searchIndex.ts, site/lib/searchBuild.ts) indexes the archive with Pagefind
// into a staging folder beside the cache; when every page is written, the build waits for it,
// fails with its message if it failed, and puts its files into the site (backgroundStep.ts).
import { backgroundIntegration } from './backgroundStep.ts';

export default function pagefindSearch() {
  return backgroundIntegration({
    integration: 'pprd-search',
    step: 'search',
    cli: 'integrations/searchIndex.ts',
    args: (cacheDir) => ['--cache', cacheDir],
  });
}
