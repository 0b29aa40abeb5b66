// Builds the search into a built site: Pagefind indexes of every document (once, in its original
// script, as tokens: see searchText.ts), in shards of consecutive years (searchShards.ts), and
// beside them what the search page shows of each document in each script, the folding table, the
// agency names and the list of shards. Runs in a child process of `astro build`
// (site/integrations/pagefind.ts, site/integrations/searchIndex.ts) or on its own (the search
// benchmark, the tests).
//
// Each shard is one Pagefind process (searchShardIndex.ts), started, fed, written and ended before
// the next, so the indexer's memory is one shard's; the shards' indexes are then merged into the
// one index the search page loads (mergeIndexes.ts). A built shard (its Pagefind bundle and its documents' display
// files) is kept in a cache folder under a key that covers everything it is made of: its
// documents' records, its name, the code that builds it and the locked dependencies (Pagefind,
// OpenCC). A rebuild reuses every shard whose key is unchanged, and writes the same bytes as a
// build without the cache.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldPairs, pairsFor } from './searchFold.ts';
import {
  ENTRY_DOCUMENTS,
  ENTRY_INFO,
  PAGEFIND_RUNTIME,
  buildShard,
  bundleIndex,
  gzip,
  membershipOf,
  type EntryDocument,
  type ShardInfo,
} from './searchShardIndex.ts';
import { patchPlan, patchShard, type BaseEntry } from './searchShardPatch.ts';
import { indexChunkSize, mergeIndexes } from './mergeIndexes.ts';
import { MAX_SHARD_DOCUMENTS, planShards, type Shard } from './searchShards.ts';
import type { SearchSource } from './recordSource.ts';
import { makeFolder, wordKey, type Folder } from './searchText.ts';
import { SEARCH_FILES, SEARCH_PARTS, folderName } from './searchFiles.ts';
import { isRunning } from '../../pipeline/processes.ts';
import { FolderSync } from '../../pipeline/folderSync.ts';

const PAGEFIND_DIR = SEARCH_FILES.pagefindDir;

/** The folding table and the agencies' names, which every search needs first, and the shards. */
export interface SearchSetup {
  /** Folding pairs whose canonical character occurs in the archive (see makeFolder). */
  pairs: string;
  /** Every name and alias of every agency, folded to its word characters → the agencies' ids. */
  agencies: Record<string, string[]>;
  /**
   * The index's shards, newest first: the language their result ids start with (their place here
   * orders results by date), their set files (from the base) and how many bucket files they have
   * (searchSets.ts). Their indexes are one index (SEARCH_FILES.pagefindDir).
   */
  shards: { language: string; sets: string; buckets: number }[];
}

/** The language the merged index is filed under (its pages keep their shards' result ids). */
export const INDEX_LANGUAGE = 'und';

function shardStats(shard: Shard, entry: Omit<Entry, 'dir' | 'info'>): ShardStats {
  return {
    name: shard.name,
    documents: shard.ids.length,
    cached: entry.cached,
    reindexed: entry.reindexed,
    milliseconds: entry.milliseconds,
  };
}

export interface ShardStats {
  name: string;
  documents: number;
  /** Taken from the cache rather than built. */
  cached: boolean;
  /** Documents Pagefind indexed: all of them, those that changed (a patch), or none (cached). */
  reindexed: number;
  /** Building it (0 when cached). */
  milliseconds: number;
}

export interface SearchBuildStats {
  documents: number;
  shards: ShardStats[];
  /** The merged index: postings per chunk (indexChunkSize) and chunks. */
  chunkSize: number;
  chunks: number;
  /** Bytes on disk: the Pagefind bundles (by part) and the display files. */
  bytes: Record<string, number>;
  foldPairs: number;
  milliseconds: number;
}

export interface SearchBuildOptions {
  /** Where built shards are kept between builds; without one, every shard is built afresh. */
  cacheDir?: string;
  /** Documents per shard at most (see searchShards.ts). */
  maxShardDocuments?: number;
}

interface Logger {
  info(message: string): void;
}

/** The shards of an archive, oldest first (see planShards). */
export function archiveShards(source: SearchSource, max = MAX_SHARD_DOCUMENTS): Shard[] {
  return planShards(source.documents, max);
}

/** The files a built shard depends on besides its records: this code and the locked dependencies. */
const FINGERPRINTED = [
  'searchBuild.ts',
  'searchShards.ts',
  'searchShardIndex.ts',
  'searchRecord.ts',
  'searchText.ts',
  'searchFiles.ts',
  'searchFold.ts',
  'searchSets.ts',
  'searchShardPatch.ts',
  'patchIndex.ts',
  'mergeIndexes.ts',
  'cborWords.ts',
  'script.ts',
  'ctx.ts',
  'data.ts',
  '../../package-lock.json',
];

let fingerprint: Promise<string> | undefined;
/** A fingerprint of the code and dependencies that build a shard (read once). */
export function searchFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const digest = createHash('sha256').update('search shard 2\0');
    for (const file of FINGERPRINTED)
      digest
        .update(file)
        .update('\0')
        .update(await readFile(new URL(file, import.meta.url)))
        .update('\0');
    return digest.digest('hex');
  })();
  return fingerprint;
}

/**
 * A shard's cache key: its name and language, its documents' records in order (by their versions,
 * SearchSource.recordVersion, so a cached shard's records are not read), and the fingerprint.
 */
export function shardKey(shard: Shard, recordVersions: readonly string[], fingerprinted: string): string {
  const digest = createHash('sha256');
  digest
    .update(fingerprinted)
    .update('\0')
    .update(shard.name)
    .update('\0')
    .update(shard.language)
    .update('\0');
  for (const version of recordVersions) digest.update(version).update('\0');
  return digest.digest('hex');
}

/** A cache entry: `bundle/` (Pagefind's files), `doc/` (display files), `sets/` and shard.json. */
const entryDir = (cache: string, key: string) => join(cache, key);
const KEY = /^[0-9a-f]{64}$/;

/** What building a shard's entry needs besides the shard. */
interface ShardContext {
  cache: string;
  source: SearchSource;
  /** Each document's date (SearchSource.documents). */
  dates: ReadonlyMap<string, string | null>;
  folder: Folder;
  fingerprinted: string;
}

/** A shard's entry in the cache, and how it came to be there. */
interface Entry {
  dir: string;
  info: ShardInfo;
  cached: boolean;
  reindexed: number;
  milliseconds: number;
}

/**
 * The built entry a shard's new entry can be patched from (searchShardPatch.ts), with the
 * documents to reindex: an entry of the same code and the same documents in the same order, of
 * which the fewest changed. Damaged or unreadable entries are passed over.
 */
async function patchBase(
  { cache, fingerprinted, dates }: ShardContext,
  shard: Shard,
  versions: readonly string[],
): Promise<{ base: BaseEntry; changed: string[] } | undefined> {
  const membership = membershipOf(shard.ids);
  const documents = shard.ids.map((id, i) => ({ id, date: dates.get(id) ?? null, version: versions[i]! }));
  let best: { base: BaseEntry; changed: string[] } | undefined;
  for (const name of await readdir(cache)) {
    if (!KEY.test(name)) continue;
    const dir = entryDir(cache, name);
    try {
      const info = JSON.parse(await readFile(join(dir, ENTRY_INFO), 'utf8')) as ShardInfo;
      if (info.fingerprint !== fingerprinted || info.name !== shard.name || info.membership !== membership)
        continue;
      const base = JSON.parse(await readFile(join(dir, ENTRY_DOCUMENTS), 'utf8')) as EntryDocument[];
      const changed = patchPlan(shard, documents, base);
      if (changed && (!best || changed.length < best.changed.length))
        best = { base: { dir, info, documents: base }, changed };
    } catch {
      // Not an entry this build can read: not a base.
    }
  }
  return best;
}

/**
 * A shard from the cache, or built into it (under a temporary name, renamed when whole): patched
 * from an entry of its documents when only a few of them changed, else indexed afresh. Its
 * records are read only to build it, one shard's at a time (see recordSource.ts).
 */
async function shardEntry(context: ShardContext, shard: Shard): Promise<Entry> {
  const { cache, source, folder, fingerprinted } = context;
  const versions = shard.ids.map((id) => source.recordVersion(id));
  const key = shardKey(shard, versions, fingerprinted);
  const dir = entryDir(cache, key);
  try {
    const info = JSON.parse(await readFile(join(dir, ENTRY_INFO), 'utf8')) as ShardInfo;
    const now = new Date();
    await utimes(dir, now, now);
    return { dir, info, cached: true, reindexed: 0, milliseconds: 0 };
  } catch {
    // Not there (or damaged): build it.
  }
  const started = Date.now();
  const building = join(cache, `.building-${key}-${process.pid}`);
  const fresh = async () => {
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
  };
  await fresh();
  try {
    const patch = await patchBase(context, shard, versions);
    let info: ShardInfo | undefined;
    if (patch) {
      const byId = new Map(shard.ids.map((id, i) => [id, versions[i]!]));
      info = await patchShard(
        shard,
        patch.base,
        source.load(patch.changed),
        byId,
        folder,
        building,
        fingerprinted,
      );
      if (!info) await fresh();
    }
    const reindexed = info ? patch!.changed.length : shard.ids.length;
    info ??= await buildShard(shard, source.load(shard.ids), versions, folder, building, fingerprinted);
    await rm(dir, { recursive: true, force: true });
    await rename(building, dir);
    return { dir, info, cached: false, reindexed, milliseconds: Date.now() - started };
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
}

/** The context shared by every shard of a build. */
async function shardContext(cache: string, source: SearchSource): Promise<ShardContext> {
  return {
    cache,
    source,
    dates: new Map(source.documents.map((document) => [document.id, document.date])),
    folder: makeFolder(foldPairs()),
    fingerprinted: await searchFingerprint(),
  };
}

/**
 * Builds (or takes from the cache) the shards named, or all of them: what a separate job does to
 * fill a cache that a later build then finds complete.
 */
export async function buildShards(
  source: SearchSource,
  cacheDir: string,
  options: { maxShardDocuments?: number; only?: readonly string[]; logger?: Logger } = {},
): Promise<ShardStats[]> {
  const shards = archiveShards(source, options.maxShardDocuments);
  const unknown = (options.only ?? []).filter((name) => !shards.some((shard) => shard.name === name));
  if (unknown.length > 0)
    throw new Error(
      `no shard ${unknown.join(', ')}; the shards are ${shards.map((shard) => shard.name).join(', ')}`,
    );
  await mkdir(cacheDir, { recursive: true });
  const context = await shardContext(cacheDir, source);
  const stats: ShardStats[] = [];
  for (const shard of shards) {
    if (options.only && !options.only.includes(shard.name)) continue;
    const entry = await shardEntry(context, shard);
    stats.push(shardStats(shard, entry));
    options.logger?.info(`search: shard ${shard.name}, ${shard.ids.length} documents, ${howBuilt(entry)}`);
  }
  return stats;
}

/**
 * The whole search, into `outDir`: every shard (from the cache when it has it), the first
 * (newest) shard's bundle as SEARCH_FILES.pagefindDir, every other one's in a folder of it named
 * after the shard, all display files in SEARCH_FILES.documents, and the setup file. The search's
 * folders in `outDir` are brought to exactly these files (pipeline/folderSync.ts): a previous
 * search there costs only what changed.
 */
export async function buildSearch(
  source: SearchSource,
  outDir: string,
  logger: Logger = { info: () => {} },
  options: SearchBuildOptions = {},
): Promise<SearchBuildStats> {
  const started = Date.now();
  const pairs = foldPairs();
  const folder = makeFolder(pairs);
  const output = new FolderSync(outDir, { within: SEARCH_PARTS });
  const cache = options.cacheDir ?? (await mkdtemp(join(tmpdir(), 'search-shards-')));
  await mkdir(cache, { recursive: true });

  try {
    const context = await shardContext(cache, source);
    const shards = archiveShards(source, options.maxShardDocuments);
    const stats: ShardStats[] = [];
    const used = new Set<string>();
    const chars: string[] = [];
    const listed: SearchSetup['shards'] = [];
    const bundles: string[] = [];
    let postings = 0;
    let displayBytes = 0;
    let setBytes = 0;
    // Newest first, as the search page lists them; the index merges them oldest first (below).
    for (const shard of [...shards].reverse()) {
      const entry = await shardEntry(context, shard);
      used.add(entry.dir);
      bundles.unshift(join(entry.dir, 'bundle'));
      await output.placeTree(join(entry.dir, 'doc'), folderName(SEARCH_FILES.documents));
      const sets = `${SEARCH_FILES.sets}${shard.name}/`;
      await output.placeTree(join(entry.dir, 'sets'), folderName(sets));
      listed.push({ language: shard.language, sets, buckets: entry.info.sets.buckets });
      displayBytes += entry.info.displayBytes;
      setBytes += entry.info.sets.bytes;
      chars.push(entry.info.chars);
      postings += entry.info.postings;
      stats.push(shardStats(shard, entry));
    }
    // Of the newest shard's bundle, only Pagefind's runtime (its script and WebAssembly) is published.
    const notRuntime = (name: string) => !PAGEFIND_RUNTIME.test(name);
    const newest = bundles.at(-1)!;
    await output.placeTree(newest, folderName(PAGEFIND_DIR), notRuntime);
    const chunkSize = indexChunkSize(postings);
    // Bytes on disk by part of the bundle (a folder, the metadata or a file), counted as written.
    const bytes: Record<string, number> = {};
    const count = (name: string, size: number) => {
      const part = `${PAGEFIND_DIR}${name.endsWith('.pf_meta') ? 'meta' : name}`;
      bytes[part] = (bytes[part] ?? 0) + size;
    };
    for (const name of await readdir(newest))
      if (PAGEFIND_RUNTIME.test(name)) count(name, (await stat(join(newest, name))).size);
    const merged = await mergeIndexes(
      await Promise.all(bundles.map((dir, i) => bundleIndex(dir, shards[i]!.name))),
      INDEX_LANGUAGE,
      chunkSize,
      async (path, written) => {
        await output.write(`${PAGEFIND_DIR}${path}`, written);
        count(path.split('/')[0]!, written.length);
      },
    );
    if (options.cacheDir) await pruneCache(cache, used, started);

    // The folding table a query needs: the pairs whose canonical character occurs in the archive.
    const agencies = new Map<string, Set<string>>();
    for (const agency of source.agencies) {
      for (const name of new Set([agency.name, ...agency.aliases])) {
        const key = wordKey(folder.fold(name));
        chars.push(key);
        agencies.set(key, new Set([...(agencies.get(key) ?? []), agency.id]));
      }
    }
    const browserPairs = pairsFor(pairs, chars);
    const setup: SearchSetup = {
      pairs: browserPairs,
      agencies: Object.fromEntries([...agencies].sort().map(([key, ids]) => [key, [...ids].sort()])),
      shards: listed,
    };
    const setupBytes = gzip(setup);
    await output.write(SEARCH_FILES.setup, setupBytes);
    await output.sweep();
    bytes[SEARCH_FILES.documents] = displayBytes;
    bytes[SEARCH_FILES.sets] = setBytes;
    bytes[SEARCH_FILES.setup] = setupBytes.length;
    for (const file of [SEARCH_FILES.pagefind, SEARCH_FILES.wasm])
      if (!existsSync(join(outDir, file)))
        throw new Error(`Pagefind wrote no ${file}, which the search page loads`);
    const result: SearchBuildStats = {
      documents: source.documents.length,
      shards: stats,
      chunkSize,
      chunks: merged.chunks,
      bytes,
      foldPairs: [...browserPairs].length / 2,
      milliseconds: Date.now() - started,
    };
    const built = stats.filter((shard) => !shard.cached);
    const patched = built.filter((shard) => shard.reindexed < shard.documents);
    logger.info(
      `search: ${result.documents} documents indexed in ${result.milliseconds} ms ` +
        `(${stats.length} shards, ${built.length - patched.length} built, ${patched.length} patched, ` +
        `${stats.length - built.length} from the cache; ` +
        `merged into one index of ${merged.chunks} chunks of ${chunkSize} postings); ` +
        Object.entries(bytes)
          .map(([part, size]) => `${part} ${(size / 1024).toFixed(1)} KB`)
          .join(', '),
    );
    return result;
  } finally {
    if (!options.cacheDir) await rm(cache, { recursive: true, force: true });
  }
}

/** How a shard's entry came to be: from the cache, patched or indexed. */
function howBuilt(entry: Entry): string {
  if (entry.cached) return 'from the cache';
  if (entry.reindexed < entry.info.documents)
    return `patched in ${entry.milliseconds} ms (${entry.reindexed} changed documents indexed)`;
  return `indexed in ${entry.milliseconds} ms`;
}

/**
 * Drops the cache entries this build did not use and nobody has used since it started (another
 * build at the same time marks its entries when it takes them), and leftovers of killed builds.
 */
async function pruneCache(cache: string, used: ReadonlySet<string>, since: number): Promise<void> {
  for (const name of await readdir(cache)) {
    const path = join(cache, name);
    const building = /^\.building-[0-9a-f]{64}-(\d+)$/.exec(name);
    if (building) {
      if (!isRunning(Number(building[1]))) await rm(path, { recursive: true, force: true });
      continue;
    }
    if (!KEY.test(name) || used.has(path)) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < since) await rm(path, { recursive: true, force: true });
  }
}

/** Where built shards are kept inside a build's cache folder (astro.config's cacheDir, SITE_CACHE). */
export function shardCacheDir(buildCacheDir: string): string {
  return join(buildCacheDir, 'search', 'shards');
}
