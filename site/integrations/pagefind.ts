// Search for the built site. The search is made from the records alone (data/build), not from the
// built pages, so it is built while Astro renders them: as the build starts, a child process
// (site/integrations/searchIndex.ts, site/lib/searchBuild.ts) indexes the archive with Pagefind and
// puts its files in the site's assembly (site/lib/siteAssembly.ts), in folders of its own; when
// every page is written, the build waits for it and fails with its message if it failed.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { siteAssembly } from '../lib/siteAssembly.ts';
import { startChild, type ChildResult } from '../../pipeline/processes.ts';

export default function pagefindSearch(): AstroIntegration {
  let search: Promise<ChildResult> | undefined;
  return {
    name: 'pprd-search',
    hooks: {
      // Started as the build starts (the output staged and the page cache set up by the integrations
      // listed before), before Astro resolves its settings and bundles the site: the search is the
      // longest part of a build, and of a rebuild that changes a document. A build that stops before
      // it is done takes the search with it (startChild).
      'astro:config:setup': ({ command, config }) => {
        if (command !== 'build') return;
        const cli = fileURLToPath(new URL('integrations/searchIndex.ts', config.srcDir));
        const cacheDir = fileURLToPath(config.cacheDir);
        search = startChild(process.execPath, [cli, '--out', siteAssembly().root, '--cache', cacheDir], {
          cwd: fileURLToPath(config.root),
          env: process.env,
        }).done;
      },
      'astro:build:done': async ({ logger }) => {
        if (!search) throw new Error('the search was not started with the build');
        try {
          const result = await search;
          if (result.code !== 0) {
            const reason = result.stderr.trim() || `exit ${result.code ?? result.signal}`;
            throw new Error(`the search index failed: ${reason}`);
          }
          for (const line of result.stdout.split('\n')) if (line.trim() !== '') logger.info(line);
        } finally {
          search = undefined;
        }
      },
    },
  };
}
