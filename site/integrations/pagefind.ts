// Search for the built site. The search is made from the records alone (data/build), not from the
// built pages, so it is built while Astro renders them: as the build starts, a child process
// (site/integrations/searchIndex.ts, site/lib/searchBuild.ts) indexes the archive with Pagefind and
// puts its files in the site's assembly (site/lib/siteAssembly.ts), in folders of its own; when
// every page is written, the build waits for it and fails with its message if it failed.
import type { AstroIntegration } from 'astro';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { siteAssembly } from '../lib/siteAssembly.ts';

interface SearchJob {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

export default function pagefindSearch(): AstroIntegration {
  let job: SearchJob | undefined;
  const stop = () => job?.child.kill();
  return {
    name: 'pprd-search',
    hooks: {
      // Started as the build starts (the output staged and the page cache set up by the integrations
      // listed before), before Astro resolves its settings and bundles the site: the search is the
      // longest part of a build, and of a rebuild that changes a document.
      'astro:config:setup': ({ command, config }) => {
        if (command !== 'build') return;
        const root = fileURLToPath(config.root);
        const cli = fileURLToPath(new URL('integrations/searchIndex.ts', config.srcDir));
        const cacheDir = fileURLToPath(config.cacheDir);
        const child = spawn(process.execPath, [cli, '--out', siteAssembly().root, '--cache', cacheDir], {
          cwd: root,
          env: process.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const done = new Promise<Awaited<SearchJob['done']>>((resolve) => {
          child.on('error', (error) => resolve({ code: null, signal: null, stdout, stderr: error.message }));
          child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
        });
        // A build that stops before it is done takes the search with it.
        process.once('exit', stop);
        job = { child, done };
      },
      'astro:build:done': async ({ logger }) => {
        if (!job) throw new Error('the search was not started with the build');
        try {
          const result = await job.done;
          if (result.code !== 0) {
            const reason = result.stderr.trim() || `exit ${result.code ?? result.signal}`;
            throw new Error(`the search index failed: ${reason}`);
          }
          for (const line of result.stdout.split('\n')) if (line.trim() !== '') logger.info(line);
        } finally {
          process.off('exit', stop);
          job = undefined;
        }
      },
    },
  };
}
