// The downloadable files of the built site: the pipeline's output under downloads/ (with each
// document's rows of every table as CSV), the raw seeds under seeds/ and the frozen releases under
// releases/. Copying beats one Astro route per file: at thousands of documents the routes cost more
// than every page together. A document's CSV extracts are kept in the build cache under its
// record's version and the code, and each seed under its SHA-256, so a rebuild reads and writes
// only the changed documents' files and links the rest. What the caches hold is linked while Astro
// bundles and renders the pages (at 5,000 documents some 35,000 links, seconds a rebuild used to
// wait for at its end); what must be made is made once every page is written, so that it does not
// slow the pages of a full build.
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentTables, seedBytes, seedName } from '../lib/downloads.ts';
import { dataDir, releasesDir } from '../lib/paths.ts';
import { linkTree } from '../lib/linkTree.ts';
import { linkOrCopy } from '../../pipeline/linkOrCopy.ts';
import { pageCacheSetup } from '../lib/buildCache.ts';
import { eachAtOnce } from '../../pipeline/eachAtOnce.ts';
import {
  loadRecordFile,
  loadVersionedRecord,
  readRecordIndex,
  summaryOf,
  type SummaryCache,
} from '../lib/recordFiles.ts';
import type { Document, DocumentSummary } from '../lib/data.ts';

/** Where a cache entry (a document's extracts, a seed) is kept: under the first two hex digits of its key. */
const entryPath = (dir: string, key: string) => join(dir, key.slice(0, 2), key);

/** Hidden files (staging leftovers, editor files) are never published. */
const hidden = (name: string) => name.startsWith('.');

async function publishFolder(from: string, to: string): Promise<void> {
  if (existsSync(from)) await linkTree(from, to, hidden);
}

/** The build's caches of published files, and of the records' summaries. */
export interface PublishCache {
  dir: string;
  seeds: string;
  fingerprint: string;
  records: SummaryCache;
}

/** A document to publish: its summary and record version, and its record when already read. */
interface Publishable {
  summary: DocumentSummary;
  version: string;
  record?: Document;
}

/** Where a document's CSV extracts are kept: under its record's version and the code. */
function extractsFolder(cache: PublishCache, version: string): { key: string; folder: string } {
  const key = createHash('sha256').update(cache.fingerprint).update('\0').update(version).digest('hex');
  return { key, folder: entryPath(cache.dir, key) };
}

/**
 * A document's CSV extracts, from the cache when its record (and the code) is unchanged: a folder
 * per key, written under a temporary name and renamed into place, then linked into the site.
 */
async function cachedExtracts(cache: PublishCache, document: Publishable): Promise<string> {
  const { folder } = extractsFolder(cache, document.version);
  if (!existsSync(folder)) {
    const temporary = `${folder}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    await mkdir(temporary, { recursive: true });
    const record = document.record ?? (await loadRecordFile(dataDir(), `${document.summary.id}.json`));
    for (const table of documentTables(record)) await writeFile(join(temporary, table.name), table.csv());
    await rename(temporary, folder).catch(async (error: NodeJS.ErrnoException) => {
      // Another build put the same extracts there first: theirs are the same bytes.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(temporary, { recursive: true, force: true });
    });
  }
  return folder;
}

/**
 * A document's seed, from the cache under the SHA-256 its record names: checked against it when
 * first stored, so a rebuild publishes the very bytes the record was made from without reading them.
 */
async function cachedSeed(dir: string, document: DocumentSummary): Promise<string> {
  const path = entryPath(dir, document.source.sha256);
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, await seedBytes(document));
    await rename(temporary, path);
  }
  return path;
}

/** Drops cached entries (extracts, seeds) no document of this build has (the cache holds one build's). */
async function pruneEntries(dir: string, used: ReadonlySet<string>): Promise<void> {
  for (const prefix of await readdir(dir).catch(() => [] as string[]))
    for (const key of await readdir(join(dir, prefix)).catch(() => [] as string[]))
      if (!used.has(key)) await rm(join(dir, prefix, key), { recursive: true, force: true });
}

/** What has been published so far, and what is left for when the pages are built. */
export interface Publishing {
  files: number;
  /** Documents whose extracts or seed are not cached yet. */
  left: Publishable[];
  /** Record files the summaries' cache did not know as they are. */
  unread: string[];
  /** The cache entries (extracts, seeds) of every document seen: what the caches keep. */
  used: { extracts: Set<string>; seeds: Set<string> };
}

/** Links a document's cached extracts and seed into the site. */
async function linkDocument(outDir: string, cache: PublishCache, document: Publishable): Promise<number> {
  const extracts = join(outDir, 'downloads', 'documents', document.summary.id);
  await mkdir(extracts, { recursive: true });
  const folder = await cachedExtracts(cache, document);
  const names = await readdir(folder);
  for (const table of names) await linkOrCopy(join(folder, table), join(extracts, table));
  const seed = await cachedSeed(cache.seeds, document.summary);
  await linkOrCopy(seed, join(outDir, 'seeds', seedName(document.summary)));
  return names.length + 1;
}

/**
 * What can be published before any page is built, since it only links what the caches hold: the
 * pipeline output, the releases, and each document whose summary, extracts and seed are cached (in
 * a rebuild, all but the changed ones). Nothing is made here: beside the pages, making files would
 * only slow them.
 */
export async function publishCached(outDir: string, cache: PublishCache): Promise<Publishing> {
  await publishFolder(dataDir(), join(outDir, 'downloads'));
  await publishFolder(releasesDir(), join(outDir, 'releases'));
  await mkdir(join(outDir, 'seeds'), { recursive: true });
  const { summaries, versions, unread } = readRecordIndex(
    dataDir(),
    { ...cache.records, readOnly: true },
    { cachedOnly: true },
  );
  const publishing: Publishing = { files: 0, left: [], unread, used: { extracts: new Set(), seeds: new Set() } };
  await eachAtOnce(summaries, async (summary) => {
    const document = { summary, version: versions.get(summary.id)! };
    const extracts = extractsFolder(cache, document.version);
    publishing.used.extracts.add(extracts.key);
    publishing.used.seeds.add(summary.source.sha256);
    if (existsSync(extracts.folder) && existsSync(entryPath(cache.seeds, summary.source.sha256)))
      publishing.files += await linkDocument(outDir, cache, document);
    else publishing.left.push(document);
  });
  return publishing;
}

/**
 * Publishes what publishCached left (the documents it could not link, the records it did not
 * read), and drops the cached entries no document of this build has.
 */
export async function publishLeft(
  outDir: string,
  cache: PublishCache,
  publishing: Publishing,
): Promise<{ files: number }> {
  let { files } = publishing;
  const { used } = publishing;
  const left = [...publishing.left];
  await eachAtOnce(publishing.unread, async (name) => {
    const { document, version } = await loadVersionedRecord(dataDir(), name);
    left.push({ summary: summaryOf(document), version, record: document });
    used.extracts.add(extractsFolder(cache, version).key);
    used.seeds.add(document.source.sha256);
  });
  await eachAtOnce(left, async (document) => {
    files += await linkDocument(outDir, cache, document);
  });
  await pruneEntries(cache.dir, used.extracts);
  await pruneEntries(cache.seeds, used.seeds);
  return { files };
}

/** The build's caches, which the page cache sets up when the build is configured. */
function publishCache(): PublishCache {
  const setup = pageCacheSetup();
  if (!setup) {
    throw new Error('the build cache is not set up: list pageCache() before publishFiles() in astro.config.mjs');
  }
  return { dir: setup.downloads, seeds: setup.seeds, fingerprint: setup.fingerprint, records: setup.records };
}

export default function publishFilesIntegration(): AstroIntegration {
  let building = false;
  let publishing: Promise<Publishing> | undefined;
  return {
    name: 'pprd-downloads',
    hooks: {
      'astro:config:setup': ({ command }) => {
        building = command === 'build';
      },
      // What the caches hold is linked into the site (the staging folder the build writes into)
      // while Astro bundles and renders: in a rebuild, nearly every file.
      'astro:config:done': ({ config }) => {
        if (!building) return;
        publishing = publishCached(fileURLToPath(config.outDir), publishCache());
        // Awaited when every page is built; a failure is reported there, not as unhandled.
        publishing.catch(() => {});
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const outDir = fileURLToPath(dir);
        const cache = publishCache();
        publishing ??= publishCached(outDir, cache);
        const { files } = await publishLeft(outDir, cache, await publishing);
        logger.info(
          `downloads: pipeline output, releases and ${files} per-document files (${Date.now() - started} ms after the pages)`,
        );
      },
    },
  };
}
