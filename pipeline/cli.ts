// npm run pipeline -- --seeds <dir> --out <dir> [--keep-going] [--cache <dir> | --no-cache] [--timings <file>]
// Reads the seeds and configuration, runs buildArchive, and swaps the finished output into place.
// Seeds already processed with the same code and configuration come from the seed cache.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildArchive,
  type BuildCache,
  type BuildResult,
  type SeedContext,
  type SeedInput,
  type SeedResult,
} from './buildArchive.ts';
import { poolSize, runSeedPool } from './seedPool.ts';
import { parseOverrides, OVERRIDES_FILE, type Override } from './applyOverrides.ts';
import { loadGazetteer, type Gazetteer } from './resolveAgencies.ts';
import { recoverOutput, stageOutput } from './outputFolder.ts';
import type { SchemaFiles } from './validateRecords.ts';
import { InputError } from './inputError.ts';
import {
  loadCacheEntries,
  readCacheEntry,
  readCodeFingerprint,
  saveCacheEntries,
} from './seedCacheFolder.ts';
import { MANIFEST_FILE, keptDocuments, type DocumentDigest } from './outputManifest.ts';
import { seedCacheKey } from './seedCache.ts';
import { eachAtOnce } from './eachAtOnce.ts';
import { NO_CLOCK, stopwatch, type StageClock } from './stageClock.ts';

/** Files in the seeds folder that are configuration, not seeds. */
const RESERVED = new Set([OVERRIDES_FILE, 'SHA256SUMS', 'README.md']);
const SCHEMAS_DIR = new URL('../schemas/', import.meta.url);
const GAZETTEER = new URL('./config/agencies.json', import.meta.url);
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the seed cache lives unless told otherwise (ignored by git). */
export const DEFAULT_CACHE_DIR = '.cache/pipeline';

export interface PipelineOptions {
  seeds: string;
  out: string;
  keepGoing: boolean;
  /** The seed cache folder; undefined: no cache. */
  cache?: string | undefined;
  clock?: StageClock;
}

export async function listSeeds(seedsDir: string): Promise<string[]> {
  const entries = await readdir(seedsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !RESERVED.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

async function readOverrides(seedsDir: string): Promise<Override[]> {
  const file = join(seedsDir, OVERRIDES_FILE);
  const json = await readFile(file, 'utf8').catch(() => undefined);
  return json === undefined ? [] : parseOverrides(json, file);
}

async function readGazetteer(): Promise<Gazetteer> {
  return loadGazetteer(JSON.parse(await readFile(GAZETTEER, 'utf8')));
}

export async function readSchemas(): Promise<SchemaFiles> {
  const schemas: SchemaFiles = {};
  for (const name of (await readdir(SCHEMAS_DIR)).filter((file) => file.endsWith('.schema.json')).sort()) {
    schemas[name] = JSON.parse(await readFile(new URL(name, SCHEMAS_DIR), 'utf8'));
  }
  return schemas;
}

/**
 * Each seed's per-document result before the build: from the seed cache when its key is there
 * (and a cache folder is given), else computed on every core (seedPool.ts); none for a seed the
 * previous output keeps (read from the cache only if the build finds it cannot be kept after
 * all). Returns what buildArchive takes as its cache, and what is new for the cache folder.
 */
async function prepareSeeds(
  seeds: readonly SeedInput[],
  context: SeedContext,
  cacheDir: string | undefined,
  previous: ReadonlyMap<string, DocumentDigest>,
  clock: StageClock,
): Promise<{ cache: BuildCache; fresh: Map<string, SeedResult> }> {
  const fingerprint = await readCodeFingerprint(PROJECT_ROOT);
  const keyed = new Map(seeds.map((seed) => [seedCacheKey(seed, context.overrides, fingerprint), seed]));
  const needed = [...keyed.keys()].filter((key) => !previous.has(key));
  const loaded =
    cacheDir === undefined ? new Map<string, SeedResult>() : await loadCacheEntries(cacheDir, needed);
  const missing = new Map(needed.filter((key) => !loaded.has(key)).map((key) => [key, keyed.get(key)!]));
  const fresh = new Map<string, SeedResult>();
  if (poolSize(missing.size) > 1) {
    const pool = await runSeedPool(missing, context);
    for (const [key, result] of pool.results) {
      loaded.set(key, result);
      fresh.set(key, result);
    }
    clock.add(pool.timings);
  }
  const entries = {
    get: (key: string) =>
      loaded.get(key) ?? (cacheDir === undefined ? undefined : readCacheEntry(cacheDir, key)),
  };
  return { cache: { fingerprint, entries, previous }, fresh };
}

/**
 * The whole build from seeds in memory, with the seed cache when a folder is given (its new
 * entries saved): what the pipeline and the release both run. `previous`: the documents the output
 * being replaced may keep (outputManifest.ts).
 */
export async function buildFromSeeds(
  seeds: readonly SeedInput[],
  overrides: readonly Override[],
  cacheDir: string | undefined,
  options: { clock?: StageClock; previous?: ReadonlyMap<string, DocumentDigest> } = {},
): Promise<BuildResult & { processed: number }> {
  const clock = options.clock ?? NO_CLOCK;
  const context = { overrides, gazetteer: await readGazetteer() };
  const previous = options.previous ?? new Map<string, DocumentDigest>();
  const { cache, fresh } = await prepareSeeds(seeds, context, cacheDir, previous, clock);
  const result = buildArchive({ seeds, ...context, schemas: await readSchemas(), cache, clock });
  const computed = new Map([...fresh, ...result.computed]);
  if (cacheDir !== undefined) await saveCacheEntries(cacheDir, computed);
  return { ...result, processed: computed.size };
}

/** The documents the output in `out` may keep, from its manifest, checked against its files' sizes. */
async function readPrevious(out: string): Promise<Map<string, DocumentDigest>> {
  const json = await readFile(join(out, MANIFEST_FILE), 'utf8').catch(() => undefined);
  return keptDocuments(json, (path) => statSync(join(out, path), { throwIfNoEntry: false })?.size);
}

export async function runPipeline(options: PipelineOptions): Promise<
  BuildResult & {
    written: boolean;
    /** Seeds that went through the per-document stages (not cached). */ processed: number;
  }
> {
  // A run killed mid-swap left the previous output aside: put it back even if this run writes nothing.
  await recoverOutput(options.out);
  const names = await listSeeds(options.seeds);
  const seeds: SeedInput[] = new Array<SeedInput>(names.length);
  await eachAtOnce(names, async (name, index) => {
    const path = join(options.seeds, name);
    seeds[index] = { path, bytes: await readFile(path) };
  });
  // The output being replaced is a cache too: used when the seed cache is.
  const previous = options.cache === undefined ? undefined : await readPrevious(options.out);
  const result = await buildFromSeeds(seeds, await readOverrides(options.seeds), options.cache, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(previous ? { previous } : {}),
  });
  if (result.failures.length > 0 && !options.keepGoing) return { ...result, written: false };
  const output = await stageOutput(options.out);
  try {
    await output.writeAll(result.files);
    await output.keep(result.kept);
    for (const [path, pieces] of result.spliced) await output.splice(path, pieces);
    if (result.manifest !== undefined) await output.write(MANIFEST_FILE, result.manifest());
    // The previous output (10,000 files at 5,000 documents) is removed by a process of its own.
    await output.commit({ inBackground: true });
  } catch (error) {
    await output.abandon();
    throw error;
  }
  return { ...result, written: true };
}

const USAGE =
  'usage: npm run pipeline -- --seeds <dir> --out <dir> [--keep-going] [--cache <dir> | --no-cache] [--timings <file>]';

/** The message for an error that stopped the whole run: what to fix, never a stack trace. */
export function describeFatal(error: unknown): string {
  if (error instanceof InputError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // Bad arguments and file-system errors (ENOENT, EACCES…) name what to fix in their message.
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return `${message}\n${USAGE}`;
  if (typeof code === 'string') return message;
  return `internal error: ${message}. This is a pipeline bug: report it with the command and the seeds`;
}

async function main(): Promise<void> {
  try {
    const { values } = parseArgs({
      options: {
        seeds: { type: 'string', default: 'seeds' },
        out: { type: 'string', default: 'data/build' },
        'keep-going': { type: 'boolean', default: false },
        cache: { type: 'string', default: DEFAULT_CACHE_DIR },
        'no-cache': { type: 'boolean', default: false },
        timings: { type: 'string' },
      },
    });
    const clock = stopwatch();
    const result = await runPipeline({
      seeds: values.seeds,
      out: values.out,
      keepGoing: values['keep-going'],
      cache: values['no-cache'] ? undefined : values.cache,
      clock,
    });
    if (values.timings) await writeFile(values.timings, `${JSON.stringify(clock.totals())}\n`);
    for (const failure of result.failures) console.error(`error: ${failure.message}`);
    console.log(
      `${result.published} document(s) built, ${result.failures.length} failed` +
        (result.written ? ` → ${values.out}` : '; nothing written (use --keep-going to publish the rest)'),
    );
    if (result.failures.length > 0) process.exitCode = 1;
  } catch (error) {
    console.error(`error: ${describeFatal(error)}`);
    console.log('nothing written');
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
