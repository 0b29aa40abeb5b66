// The downloadable files, put in the site's assembly (site/lib/siteAssembly.ts) once every page is
// written: the pipeline's output under downloads/ (with each document's rows of every table as
// CSV), the raw seeds under seeds/ and the frozen releases under releases/. Linking beats one Astro
// route per file: at thousands of documents the routes cost more than every page together. A
// document's CSV extracts are kept in the build cache under its record's version and the code, and
// each seed under its SHA-256, so a rebuild reads and writes only the changed documents' files and
// links the rest.
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { documentTables, seedBytes, seedName } from '../lib/downloads.ts';
import { dataDir, releasesDir } from '../lib/paths.ts';
import { siteAssembly } from '../lib/siteAssembly.ts';
import type { FolderSync } from '../../pipeline/folderSync.ts';
import { pageCacheSetup } from '../lib/buildCache.ts';
import { eachAtOnce } from '../../pipeline/eachAtOnce.ts';
import { loadRecordFile, readRecordIndex, SUMMARIES, type RecordIndexCache } from '../lib/recordFiles.ts';
import type { DocumentSummary } from '../lib/data.ts';
import { keyedPath } from '../../pipeline/keyedPath.ts';

/** Hidden files (staging leftovers, editor files) are never published. */
const hidden = (name: string) => name.startsWith('.');

async function publishFolder(site: FolderSync, from: string, to: string): Promise<void> {
  if (existsSync(from)) await site.placeTree(from, to, hidden);
}

/**
 * A document's CSV extracts, from the cache when its record (and the code) is unchanged: a folder
 * per key, written under a temporary name and renamed into place, then linked into the site.
 */
async function cachedExtracts(
  cache: { dir: string; fingerprint: string },
  id: string,
  version: string,
  used: Set<string>,
): Promise<string> {
  const key = createHash('sha256').update(cache.fingerprint).update('\0').update(version).digest('hex');
  used.add(key);
  const folder = keyedPath(cache.dir, key);
  if (!existsSync(folder)) {
    const temporary = `${folder}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    await mkdir(temporary, { recursive: true });
    const document = await loadRecordFile(dataDir(), `${id}.json`);
    for (const table of documentTables(document)) await writeFile(join(temporary, table.name), table.csv());
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
async function cachedSeed(dir: string, document: DocumentSummary, used: Set<string>): Promise<string> {
  const key = document.source.sha256;
  used.add(key);
  const path = keyedPath(dir, key);
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

export async function publishFiles(
  site: FolderSync,
  cache: { dir: string; seeds: string; fingerprint: string; records: RecordIndexCache },
): Promise<{ files: number }> {
  await publishFolder(site, dataDir(), 'downloads');
  await publishFolder(site, releasesDir(), 'releases');
  let files = 0;
  const used = new Set<string>();
  const usedSeeds = new Set<string>();
  // The records' index the pages' archive read (kept for the process: see recordFiles.ts).
  const { entries: summaries, versions } = readRecordIndex(dataDir(), SUMMARIES, cache.records);
  await eachAtOnce(summaries, async (document) => {
    const folder = await cachedExtracts(cache, document.id, versions.get(document.id)!, used);
    const names = await readdir(folder);
    for (const table of names)
      await site.place(`downloads/documents/${document.id}/${table}`, join(folder, table));
    await site.place(`seeds/${seedName(document)}`, await cachedSeed(cache.seeds, document, usedSeeds));
    files += names.length + 1;
  });
  await pruneEntries(cache.dir, used);
  await pruneEntries(cache.seeds, usedSeeds);
  return { files };
}

export default function publishFilesIntegration(): AstroIntegration {
  let publishing: Promise<{ files: number; started: number }> | undefined;
  return {
    name: 'pprd-downloads',
    hooks: {
      // Started once the pages are written, beside the page cache's putting back of the cached
      // pages (both mostly wait on the file system), and awaited when the build is done.
      'astro:build:generated': () => {
        const started = Date.now();
        const setup = pageCacheSetup();
        if (!setup) {
          throw new Error(
            'the build cache is not set up: list pageCache() before publishFiles() in astro.config.mjs',
          );
        }
        publishing = publishFiles(siteAssembly(), {
          dir: setup.downloads,
          seeds: setup.seeds,
          fingerprint: setup.fingerprint,
          records: setup.records,
        }).then(({ files }) => ({ files, started }));
        // Awaited in astro:build:done; until then its failure must not count as unhandled.
        publishing.catch(() => {});
      },
      'astro:build:done': async ({ logger }) => {
        if (!publishing)
          throw new Error('the downloads were not started: Astro ran no astro:build:generated hook');
        const { files, started } = await publishing;
        logger.info(
          `downloads: pipeline output, releases and ${files} per-document files in ${Date.now() - started} ms`,
        );
      },
    },
  };
}
