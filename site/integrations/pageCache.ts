// The page cache (site/lib/pageCache.ts) around a build: before it, the code's
// fingerprint and the cache folder are handed to the pages; when every page is written, the pages
// the build did not render are put in the site's assembly from the cache (site/lib/siteAssembly.ts),
// the rendered ones are kept for the next build, and entries no page of this build uses are dropped.
import type { AstroIntegration } from 'astro';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCodeFingerprint } from '../../pipeline/seedCacheFolder.ts';
import { eachAtOnce } from '../../pipeline/eachAtOnce.ts';
import { isRunning } from '../../pipeline/processes.ts';
import { linkOrCopy } from '../../pipeline/linkOrCopy.ts';
import { cachedPagePath, PLAN_FILE, type PagePlan } from '../lib/pageCache.ts';
import { PAGE_CACHE_ENV, type PageCacheSetup } from '../lib/buildCache.ts';
import { siteAssembly } from '../lib/siteAssembly.ts';

/** What a page's bytes depend on besides its data: the site's code, what it imports, and the locked dependencies. */
const CODE = ['site', 'pipeline', 'schemas', 'astro.config.mjs', 'package-lock.json'];

/** Keeps a rendered page under its key: linked to a temporary name, then renamed into place. */
async function keep(page: string, cached: string): Promise<void> {
  await mkdir(dirname(cached), { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  await linkOrCopy(page, temporary);
  await rename(temporary, cached);
}

/** Removes cached pages no key of this build names (the cache holds one build's pages). */
async function prune(dir: string, keys: ReadonlySet<string>): Promise<number> {
  let dropped = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    if (keys.has(entry.name.slice(0, -'.html'.length))) continue;
    await rm(join(entry.parentPath, entry.name), { force: true });
    dropped += 1;
  }
  return dropped;
}

export default function pageCache(): AstroIntegration {
  let dir = '';
  return {
    name: 'pprd-page-cache',
    hooks: {
      // At the start, as the search's process (started then) reads the setup too.
      'astro:config:setup': async ({ config }) => {
        const root = fileURLToPath(config.root);
        dir = join(fileURLToPath(config.cacheDir), 'pages');
        await mkdir(dir, { recursive: true });
        // Plans left by builds that were stopped before their end.
        for (const name of await readdir(dir)) {
          const pid = PLAN_FILE.exec(name)?.[1];
          if (pid !== undefined && !isRunning(Number(pid))) await rm(join(dir, name), { force: true });
        }
        const fingerprint = await readCodeFingerprint(root, CODE);
        // The base path changes every link of a page.
        const setup: PageCacheSetup = {
          dir,
          downloads: join(fileURLToPath(config.cacheDir), 'downloads'),
          seeds: join(fileURLToPath(config.cacheDir), 'seeds'),
          records: { folder: join(fileURLToPath(config.cacheDir), 'records'), fingerprint },
          searchRecords: { folder: join(fileURLToPath(config.cacheDir), 'search-records'), fingerprint },
          fingerprint: `${fingerprint}:${config.base}`,
        };
        process.env[PAGE_CACHE_ENV] = JSON.stringify(setup);
      },
      'astro:build:done': async ({ dir: outDir, logger }) => {
        const started = Date.now();
        // Every route's plan this build wrote (planPath): which pages to put back, which to keep.
        const plans = (await readdir(dir)).filter(
          (name) => PLAN_FILE.test(name) && name.startsWith(`plan-${process.pid}-`),
        );
        const restored: [string, string][] = [];
        const rendered: [string, string][] = [];
        for (const name of plans) {
          const plan = JSON.parse(await readFile(join(dir, name), 'utf8')) as PagePlan;
          restored.push(...Object.entries(plan.restored));
          rendered.push(...Object.entries(plan.rendered));
        }
        const out = fileURLToPath(outDir);
        const assembly = siteAssembly();
        await eachAtOnce(restored, ([page, key]) => assembly.place(page, cachedPagePath(dir, key)));
        await eachAtOnce(rendered, ([page, key]) => keep(join(out, page), cachedPagePath(dir, key)));
        for (const name of plans) await rm(join(dir, name), { force: true });
        const dropped = await prune(dir, new Set([...restored, ...rendered].map(([, key]) => key)));
        logger.info(
          `cached pages: ${rendered.length} rendered, ${restored.length} from the cache` +
            ` (${dropped} stale entries dropped) in ${Date.now() - started} ms`,
        );
      },
    },
  };
}
