// Builds the search into a built site: Pagefind indexes of every document (once, in its original
// script, as tokens: see searchText.ts), in shards of consecutive years (searchShards.ts), and
// beside them what the search page shows of each document in each script, the folding table, the
// agency names and the list of shards. Runs in a child process of `astro build`
// (site/integrations/pagefind.ts, site/integrations/searchIndex.ts) or on its own (the search
// benchmark, the tests).
//
// Each shard is one Pagefind process, started, fed, written and ended before the next, so the
// indexer's memory is one shard's. A built shard (its Pagefind bundle and its documents' display
// files) is kept in a cache folder under a key that covers everything it is made of: its
// documents' records, its name, the code that builds it and the locked dependencies (Pagefind,
// OpenCC). A rebuild reuses every shard whose key is unchanged, and writes the same bytes as a
// build without the cache.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Document } from './data.ts';
import { documentPath } from './ctx.ts';
import { SCRIPTS, scriptSlug, type Script } from './script.ts';
import { foldPairs, pairsFor } from './searchFold.ts';
import { displayFiles, documentSetTokens, indexPage, searchParts } from './searchRecord.ts';
import { setFiles } from './searchSets.ts';
import { MAX_SHARD_DOCUMENTS, planShards, type Shard } from './searchShards.ts';
import type { SearchSource } from './recordSource.ts';
import { makeFolder, wordKey, type Folder } from './searchText.ts';
import { SEARCH_FILES } from './searchFiles.ts';
import { isRunning } from '../../pipeline/processes.ts';
import { linkTree } from './linkTree.ts';

const PAGEFIND_DIR = SEARCH_FILES.pagefindDir;

/** The folding table and the agencies' names, which every search needs first, and the shards. */
export interface SearchSetup {
  /** Folding pairs whose canonical character occurs in the archive (see makeFolder). */
  pairs: string;
  /** Every name and alias of every agency, folded to its word characters → the agencies' ids. */
  agencies: Record<string, string[]>;
  /**
   * The index's shards, newest first: each one's Pagefind bundle (from the base) and the language
   * its result ids start with. The first is the bundle whose script the search page loads
   * (SEARCH_FILES.pagefind); the others are merged into it. Beside each, its set files (from the
   * base) and how many bucket files they have (searchSets.ts).
   */
  shards: { dir: string; language: string; sets: string; buckets: number }[];
}

/**
 * Files the Pagefind bundle ships for its ready-made interfaces and its web worker, which this
 * site does not use (the search page runs Pagefind on the main thread: one file less to load).
 */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight|worker)\.(js|css)$/;
/** What only the first shard's bundle needs: Pagefind's script and WebAssembly, shared by all. */
const SHARED = /^(pagefind\.js|wasm\..*\.pagefind)$/;

function shardStats(
  shard: Shard,
  documents: number,
  entry: { info: { chunkSize: number }; cached: boolean; milliseconds: number },
): ShardStats {
  const { chunkSize } = entry.info;
  return { name: shard.name, documents, chunkSize, cached: entry.cached, milliseconds: entry.milliseconds };
}

export interface ShardStats {
  name: string;
  documents: number;
  /** Postings per index chunk (see indexChunkSize). */
  chunkSize: number;
  /** Taken from the cache rather than built. */
  cached: boolean;
  /** Building it (0 when cached). */
  milliseconds: number;
}

export interface SearchBuildStats {
  documents: number;
  shards: ShardStats[];
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

function gzip(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value), { level: 9 });
}

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += await sizeOf(join(path, name));
  return total;
}

/** Pagefind's (unstable) setting for how many postings an index chunk holds (default 20,000). */
const CHUNK_SIZE = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

/**
 * Postings per index chunk, for one shard. Every search loads each shard's list of chunks (~17
 * bytes each, gzipped) and then, in each shard, one chunk per token it looks up (~1.26 bytes a
 * posting); with one or two lookups a search (most queries), the total is smallest near
 * √(8.5 × postings). A token's postings are counted as Pagefind does: one per position and one
 * per document it occurs in.
 */
export function indexChunkSize(pages: readonly string[]): number {
  let postings = 0;
  for (const page of pages) {
    const words = page.match(/(?<=[\s>])[0-9a-z]{5,}(?=[\s<])/g) ?? [];
    postings += words.length + new Set(words).size;
  }
  return Math.round(Math.min(20_000, Math.max(1_000, Math.sqrt(8.5 * postings))));
}

function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

/** The page URL Pagefind files a document under (its original-script page, without the base). */
export function indexUrl(document: Pick<Document, 'id' | 'script'>): string {
  return `/${documentPath(document, document.script)}`;
}

/** The shards of an archive, oldest first (see planShards). */
export function archiveShards(source: SearchSource, max = MAX_SHARD_DOCUMENTS): Shard[] {
  return planShards(source.documents, max);
}

/** The files a built shard depends on besides its records: this code and the locked dependencies. */
const FINGERPRINTED = [
  'searchBuild.ts',
  'searchShards.ts',
  'searchRecord.ts',
  'searchText.ts',
  'searchFiles.ts',
  'searchFold.ts',
  'searchSets.ts',
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

/** A shard's cache key: its name and language, its documents' records in order, and the fingerprint. */
export function shardKey(shard: Shard, documents: readonly Document[], fingerprinted: string): string {
  const digest = createHash('sha256');
  digest
    .update(fingerprinted)
    .update('\0')
    .update(shard.name)
    .update('\0')
    .update(shard.language)
    .update('\0');
  for (const document of documents) digest.update(JSON.stringify(document)).update('\0');
  return digest.digest('hex');
}

/** What a cache entry holds besides its files (shard.json). */
interface EntryInfo {
  name: string;
  language: string;
  documents: number;
  chunkSize: number;
  /** Bucket files of its set tokens (searchSets.ts). */
  buckets: number;
  /** Every character of the shard's folded text, each once (for the folding table the browser gets). */
  chars: string;
}

const ENTRY_INFO = 'shard.json';
/** A cache entry: `bundle/` (Pagefind's files), `doc/` (display files), `sets/` and shard.json. */
const entryDir = (cache: string, key: string) => join(cache, key);
const KEY = /^[0-9a-f]{64}$/;

/** What a shard's documents give besides the index: gzipped display files, set tokens, characters. */
interface Prepared {
  display: Map<string, Map<Script, { head: Buffer; blocks: [number, Buffer][] }>>;
  sets: Map<string, Set<string>>;
  /** Every character of the shard's folded text, each once. */
  chars: Set<string>;
}

/** Prepares a shard's documents one at a time, letting other work (Pagefind's replies) in between. */
async function prepareDocuments(documents: readonly Document[], folder: Folder): Promise<Prepared> {
  const prepared: Prepared = { display: new Map(), sets: new Map(), chars: new Set() };
  for (const document of documents) {
    await new Promise((resolve) => setImmediate(resolve));
    const display = new Map<Script, { head: Buffer; blocks: [number, Buffer][] }>();
    for (const script of SCRIPTS) {
      const { head, blocks } = displayFiles(document, script, folder);
      display.set(script, {
        head: gzip(head),
        blocks: [...blocks].map(([j, block]): [number, Buffer] => [j, gzip(block)]),
      });
    }
    prepared.display.set(document.id, display);
    prepared.sets.set(document.id, documentSetTokens(document, folder));
    for (const part of searchParts(document))
      for (const char of folder.fold(part.text)) prepared.chars.add(char);
  }
  return prepared;
}

/**
 * Indexes one shard with its own Pagefind process and writes its display files and set files:
 * into `into` (bundle/, doc/, sets/, shard.json).
 */
async function buildShard(
  shard: Shard,
  documents: readonly Document[],
  folder: Folder,
  into: string,
): Promise<EntryInfo> {
  const bundle = join(into, 'bundle');
  const byUrl = new Map(documents.map((document) => [indexUrl(document), document]));
  const pages = documents.map((document) => ({
    url: indexUrl(document),
    content: indexPage(document, folder),
  }));
  const chunkSize = indexChunkSize(pages.map((page) => page.content));
  const previous = process.env[CHUNK_SIZE];
  const restore = () => {
    if (previous === undefined) delete process.env[CHUNK_SIZE];
    else process.env[CHUNK_SIZE] = previous;
  };
  let prepared: Prepared = { display: new Map(), sets: new Map(), chars: new Set() };
  try {
    // Read once, when Pagefind's service starts (createIndex starts it; close() below ends it,
    // and with it the process and its memory).
    process.env[CHUNK_SIZE] = String(chunkSize);
    const created = await pagefind.createIndex({ forceLanguage: shard.language });
    restore();
    check('createIndex', created.errors);
    const index = created.index;
    if (!index) throw new Error('Pagefind createIndex returned no index');
    // Every page sent at once (Pagefind takes them in turn), then the files written: while
    // Pagefind writes, this process prepares what needs no result id (display files, set tokens).
    const added = await Promise.all(pages.map((page) => index.addHTMLFile(page)));
    for (const [i, { errors }] of added.entries()) check(`addHTMLFile (${pages[i]!.url})`, errors);
    pages.length = 0;
    const [written, ready] = await Promise.all([
      index.writeFiles({ outputPath: bundle }),
      prepareDocuments(documents, folder),
    ]);
    check('writeFiles', written.errors);
    prepared = ready;
  } finally {
    restore();
    await pagefind.close();
  }

  // Result ids are fragment names; the display files are named after them, so a result's
  // display file is found without loading the fragment (which holds tokens, not text).
  const doc = join(into, 'doc');
  await mkdir(doc, { recursive: true });
  const fragments = join(bundle, 'fragment');
  const resultIds = new Map<string, string>();
  for (const name of (await readdir(fragments)).sort()) {
    const raw = gunzipSync(await readFile(join(fragments, name)));
    const body = raw.subarray(0, 12).toString() === 'pagefind_dcd' ? raw.subarray(12) : raw;
    const { url } = JSON.parse(body.toString('utf8')) as { url: string };
    const document = byUrl.get(url);
    if (!document) throw new Error(`Pagefind fragment ${name} is for ${url}, which is no document`);
    const hash = name.replace(/\.pf_fragment$/, '');
    if (!hash.startsWith(`${shard.language}_`))
      throw new Error(`Pagefind fragment ${name} does not carry its shard's language ${shard.language}`);
    for (const [script, { head, blocks }] of prepared.display.get(document.id)!) {
      const stem = join(doc, `${hash}.${scriptSlug(script)}`);
      await writeFile(`${stem}.json.gz`, head);
      for (const [j, block] of blocks) await writeFile(`${stem}.${j}.json.gz`, block);
    }
    resultIds.set(document.id, hash);
  }
  if (resultIds.size !== documents.length)
    throw new Error(
      `Pagefind wrote ${resultIds.size} fragments for the ${documents.length} documents of shard ${shard.name}`,
    );
  const sets = setFiles(
    documents.map((document) => ({
      resultId: resultIds.get(document.id)!,
      sets: prepared.sets.get(document.id)!,
    })),
    shard.language,
  );
  const setsDir = join(into, 'sets');
  await mkdir(setsDir, { recursive: true });
  await writeFile(join(setsDir, 'ids.json.gz'), gzip(sets.ids));
  for (const [b, bucket] of sets.buckets.entries())
    await writeFile(join(setsDir, `${b}.json.gz`), gzip(bucket));
  // Nothing reads the fragments (display files replace them) and they hold the token streams.
  await rm(fragments, { recursive: true, force: true });
  for (const name of await readdir(bundle)) if (UNUSED.test(name)) await rm(join(bundle, name));

  const info: EntryInfo = {
    name: shard.name,
    language: shard.language,
    documents: documents.length,
    chunkSize,
    buckets: sets.buckets.length,
    chars: [...prepared.chars].sort().join(''),
  };
  await writeFile(join(into, ENTRY_INFO), JSON.stringify(info));
  return info;
}

/** A shard from the cache, or built into it (under a temporary name, renamed when whole). */
async function shardEntry(
  cache: string,
  shard: Shard,
  documents: readonly Document[],
  folder: Folder,
  fingerprinted: string,
): Promise<{ dir: string; info: EntryInfo; cached: boolean; milliseconds: number }> {
  const key = shardKey(shard, documents, fingerprinted);
  const dir = entryDir(cache, key);
  try {
    const info = JSON.parse(await readFile(join(dir, ENTRY_INFO), 'utf8')) as EntryInfo;
    const now = new Date();
    await utimes(dir, now, now);
    return { dir, info, cached: true, milliseconds: 0 };
  } catch {
    // Not there (or damaged): build it.
  }
  const started = Date.now();
  const building = join(cache, `.building-${key}-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  try {
    const info = await buildShard(shard, documents, folder, building);
    await rm(dir, { recursive: true, force: true });
    await rename(building, dir);
    return { dir, info, cached: false, milliseconds: Date.now() - started };
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
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
  const folder = makeFolder(foldPairs());
  const fingerprinted = await searchFingerprint();
  await mkdir(cacheDir, { recursive: true });
  const stats: ShardStats[] = [];
  for (const shard of shards) {
    if (options.only && !options.only.includes(shard.name)) continue;
    const documents = source.load(shard.ids);
    const entry = await shardEntry(cacheDir, shard, documents, folder, fingerprinted);
    stats.push(shardStats(shard, documents.length, entry));
    options.logger?.info(
      `search: shard ${shard.name}, ${documents.length} documents, ${entry.cached ? 'from the cache' : `indexed in ${entry.milliseconds} ms`}`,
    );
  }
  return stats;
}

/**
 * The whole search, into `outDir`: every shard (from the cache when it has it), the first
 * (newest) shard's bundle as SEARCH_FILES.pagefindDir, every other one's in a folder of it named
 * after the shard, all display files in SEARCH_FILES.documents, and the setup file.
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
  const fingerprinted = await searchFingerprint();
  const bundle = join(outDir, PAGEFIND_DIR);
  const data = join(outDir, SEARCH_FILES.dataDir);
  await rm(bundle, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
  const cache = options.cacheDir ?? (await mkdtemp(join(tmpdir(), 'search-shards-')));
  await mkdir(cache, { recursive: true });

  try {
    const shards = archiveShards(source, options.maxShardDocuments).reverse();
    const documentsDir = join(outDir, SEARCH_FILES.documents);
    await mkdir(documentsDir, { recursive: true });
    const stats: ShardStats[] = [];
    const used = new Set<string>();
    const chars: string[] = [];
    const listed: SearchSetup['shards'] = [];
    for (const [i, shard] of shards.entries()) {
      // One shard's records at a time (see recordSource.ts).
      const documents = source.load(shard.ids);
      const entry = await shardEntry(cache, shard, documents, folder, fingerprinted);
      used.add(entry.dir);
      const dir = i === 0 ? PAGEFIND_DIR : `${PAGEFIND_DIR}${shard.name}/`;
      await linkTree(join(entry.dir, 'bundle'), join(outDir, dir), (name) => i > 0 && SHARED.test(name));
      await linkTree(join(entry.dir, 'doc'), documentsDir);
      const sets = `${SEARCH_FILES.sets}${shard.name}/`;
      await linkTree(join(entry.dir, 'sets'), join(outDir, sets));
      listed.push({ dir, language: shard.language, sets, buckets: entry.info.buckets });
      chars.push(entry.info.chars);
      stats.push(shardStats(shard, documents.length, entry));
    }
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
    await writeFile(join(outDir, SEARCH_FILES.setup), gzip(setup));

    const bytes: Record<string, number> = {};
    const shardDirs = new Set(listed.map((shard) => join(outDir, shard.dir.replace(/\/$/, ''))));
    for (const shard of listed) {
      for (const name of await readdir(join(outDir, shard.dir))) {
        const path = join(outDir, shard.dir, name);
        if (shardDirs.has(path)) continue;
        const part = `${PAGEFIND_DIR}${name === 'index' || name === 'filter' ? name : name.endsWith('.pf_meta') ? 'meta' : name}`;
        bytes[part] = (bytes[part] ?? 0) + (await sizeOf(path));
      }
    }
    bytes[SEARCH_FILES.documents] = await sizeOf(documentsDir);
    bytes[SEARCH_FILES.sets] = await sizeOf(join(outDir, SEARCH_FILES.sets));
    bytes[SEARCH_FILES.setup] = await sizeOf(join(outDir, SEARCH_FILES.setup));
    for (const file of [SEARCH_FILES.pagefind, SEARCH_FILES.wasm])
      if (!existsSync(join(outDir, file)))
        throw new Error(`Pagefind wrote no ${file}, which the search page loads`);
    const result: SearchBuildStats = {
      documents: source.documents.length,
      shards: stats,
      bytes,
      foldPairs: [...browserPairs].length / 2,
      milliseconds: Date.now() - started,
    };
    const built = stats.filter((shard) => !shard.cached);
    logger.info(
      `search: ${result.documents} documents indexed in ${result.milliseconds} ms ` +
        `(${stats.length} shards, ${built.length} built, ${stats.length - built.length} from the cache; ` +
        `index chunks of ${Math.min(...stats.map((shard) => shard.chunkSize))}–${Math.max(...stats.map((shard) => shard.chunkSize))} postings); ` +
        Object.entries(bytes)
          .map(([part, size]) => `${part} ${(size / 1024).toFixed(1)} KB`)
          .join(', '),
    );
    return result;
  } finally {
    if (!options.cacheDir) await rm(cache, { recursive: true, force: true });
  }
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
