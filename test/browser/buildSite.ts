// Builds the whole site the way `npm run build` does (pipeline → astro build),
// into a scratch folder, so tests never touch the working copy's data/build, pages or dist.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { runPipeline } from '../../pipeline/cli.ts';
import { backgroundDone } from '../../pipeline/outputFolder.ts';
import type { InputError } from '../../pipeline/inputError.ts';

export interface BuiltSite {
  /** The built site (what `dist/` is). */
  dist: string;
  /** The pipeline output it was built from. */
  data: string;
  base: string;
  /** Milliseconds for the Astro step. */
  astroMs: number;
  /** The seeds the pipeline refused (only with `keepGoing`; otherwise any failure stops the build). */
  failures: InputError[];
  /** How many documents the pipeline published. */
  documents: number;
}

export interface BuildOptions {
  seeds?: string;
  base?: string;
  /** A folder of commentary files (default: the project's site/notes). */
  notes?: string;
  label?: string;
  /** Astro's cache folder, page cache included (default: a fresh one for this build). */
  cache?: string;
  /** Publish the readable seeds and report the others, as `--keep-going` does. */
  keepGoing?: boolean;
  /** Site settings from the environment (e.g. SITE_AGENCY_PAGE_TASKS). */
  env?: Record<string, string>;
  /** A pipeline output to build from (the pipeline is not run; `seeds` and `keepGoing` are unused). */
  data?: string;
  /** The folder to build the site into (default: a fresh one). */
  out?: string;
}

/** The environment without what a test runner adds (BASE_URL, MODE …), which Astro would read as its own. */
export function hostEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']) delete env[key];
  for (const key of Object.keys(env))
    if (key.startsWith('VITEST') || key.startsWith('VITE_')) delete env[key];
  return env;
}

/**
 * Astro bundles the pages of a build whose output lies outside the project into the project's own
 * .astro/.prerender folder, so two builds at once (two test files) would overwrite each other's
 * bundles. Builds take turns through a lock folder; a lock whose process is gone is taken over.
 */
async function takingTurns<T>(run: () => T): Promise<T> {
  const lock = resolve('.astro', 'build.lock');
  mkdirSync(resolve('.astro'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((done) => setTimeout(done, 250));
    }
  }
  try {
    return run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // No pid yet: the owner is between making the folder and writing it, unless that was long ago.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      try {
        return Date.now() - statSync(lock).mtimeMs > 10_000;
      } catch {
        return false;
      }
    }
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The work folders of the builds made so far (a site of the seeds is some 16 MB). */
const works: { work: string; dist: string }[] = [];

/** Removes the builds' work folders, after what a build left running beside its output (its spare being linked, see pipeline/outputFolder.ts). */
export async function removeBuilds(): Promise<void> {
  for (const { work, dist } of works.splice(0)) {
    await backgroundDone(dist);
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

// Under the test runner, once the test file that imports this is done; the benchmark scripts that
// build a site with it run outside the runner, where there is no test file to hook into.
if (process.env['VITEST']) afterAll(removeBuilds);

export async function buildSite(options: BuildOptions = {}): Promise<BuiltSite> {
  const work = mkdtempSync(join(tmpdir(), `site-${options.label ?? 'build'}-`));
  const data = options.data ?? join(work, 'data');
  const dist = options.out ?? join(work, 'dist');
  works.push({ work, dist });
  const notes = resolve(options.notes ?? 'site/notes');
  const base = options.base ?? '/';
  const result = options.data
    ? { written: true, failures: [], documents: readdirSync(join(data, 'documents')) }
    : await runPipeline({
        seeds: options.seeds ?? 'seeds',
        out: data,
        keepGoing: options.keepGoing ?? false,
      });
  if (!result.written)
    throw new Error(`pipeline failed: ${result.failures.map((f) => f.message).join('; ')}`);
  let started = Date.now();
  const astro = await takingTurns(() => {
    started = Date.now();
    return spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
      encoding: 'utf8',
      env: {
        ...hostEnvironment(),
        SITE_DATA: data,
        SITE_NOTES: notes,
        SITE_OUT: dist,
        SITE_CACHE: options.cache ?? join(work, 'cache'),
        BASE_PATH: base,
        ASTRO_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
    });
  });
  if (astro.status !== 0) throw new Error(`astro build failed:\n${astro.stdout}\n${astro.stderr}`);
  return {
    dist,
    data,
    base,
    astroMs: Date.now() - started,
    failures: result.failures,
    documents: result.documents.length,
  };
}
