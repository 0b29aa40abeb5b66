// Search for the built site. The search is made from the records alone (data/build), not from the
// built pages, so it is built while Astro renders them: once the build is configured, a child process
// (site/integrations/searchIndex.ts, site/lib/searchBuild.ts) indexes the archive with Pagefind
// into a staging folder beside the cache; when every page is written, the build waits for it,
// fails with its message if it failed, and moves its files into the site.
import type { AstroIntegration } from 'astro';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEARCH_FILES } from '../lib/searchFiles.ts';
import { isRunning } from '../../pipeline/processes.ts';

/** What the search writes into the site. */
const MOVED = [SEARCH_FILES.pagefindDir, SEARCH_FILES.dataDir];

interface SearchJob {
  child: ChildProcess;
  staging: string;
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

/** Staging folders of builds that are no longer running. */
async function dropStaleStaging(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const match = /^\.staging-(\d+)$/.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(join(folder, name), { recursive: true, force: true });
  }
}

async function moveInto(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(join(to, '..'), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

export default function pagefindSearch(): AstroIntegration {
  let root = '';
  let cli = '';
  let cacheDir = '';
  let job: SearchJob | undefined;
  let building = false;
  const stop = () => job?.child.kill();
  return {
    name: 'pprd-search',
    hooks: {
      'astro:config:setup': ({ command }) => {
        building = command === 'build';
      },
      // Started as soon as the build's settings are known, before Astro bundles the site: the search
      // is the longest part of a build, and of a rebuild that changes a document.
      'astro:config:done': async ({ config }) => {
        if (!building) return;
        root = fileURLToPath(config.root);
        cli = fileURLToPath(new URL('integrations/searchIndex.ts', config.srcDir));
        cacheDir = fileURLToPath(config.cacheDir);
        const folder = join(cacheDir, 'search');
        await mkdir(folder, { recursive: true });
        await dropStaleStaging(folder);
        const staging = join(folder, `.staging-${process.pid}`);
        await rm(staging, { recursive: true, force: true });
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', cli, '--out', staging, '--cache', cacheDir],
          { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
        );
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
        job = { child, staging, done };
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!job) throw new Error('the search was not started with the build');
        const { staging } = job;
        try {
          const result = await job.done;
          if (result.code !== 0) {
            const reason = result.stderr.trim() || `exit ${result.code ?? result.signal}`;
            throw new Error(`the search index failed: ${reason}`);
          }
          for (const line of result.stdout.split('\n')) if (line.trim() !== '') logger.info(line);
          const out = fileURLToPath(dir);
          for (const part of MOVED) await moveInto(join(staging, part), join(out, part));
        } finally {
          process.off('exit', stop);
          await rm(staging, { recursive: true, force: true });
          job = undefined;
        }
      },
    },
  };
}
