// Builds the search into a built site: a Pagefind index of every document (once, in its original
// script, as tokens: see searchText.ts), and beside it what the search page shows of each
// document in each script, the folding table and the agency names. Runs after `astro build`
// (site/integrations/pagefind.ts) or on its own (the search benchmark).
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Archive, Document } from './data.ts';
import { documentPath } from './ctx.ts';
import { SCRIPTS, scriptSlug } from './script.ts';
import { foldPairs, pairsFor } from './searchFold.ts';
import { displayFiles, indexPage, searchParts } from './searchRecord.ts';
import { makeFolder, wordKey } from './searchText.ts';
import { SEARCH_FILES } from './searchFiles.ts';

const PAGEFIND_DIR = SEARCH_FILES.pagefindDir;
const DATA_DIR = SEARCH_FILES.dataDir;
/** The folding table and the agencies' names, which every search needs first. */
export interface SearchSetup {
  /** Folding pairs whose canonical character occurs in the archive (see makeFolder). */
  pairs: string;
  /** Every name and alias of every agency, folded to its word characters → the agencies' ids. */
  agencies: Record<string, string[]>;
}
/** The language the index is filed under: tokens are no language, so no stemming or segmenting. */
export const INDEX_LANGUAGE = 'und';

/**
 * Files the Pagefind bundle ships for its ready-made interfaces and its web worker, which this
 * site does not use (the search page runs Pagefind on the main thread: one file less to load).
 */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight|worker)\.(js|css)$/;

export interface SearchBuildStats {
  documents: number;
  /** Postings per index chunk (see indexChunkSize). */
  chunkSize: number;
  /** Bytes on disk: the Pagefind bundle (by part) and the display files. */
  bytes: Record<string, number>;
  foldPairs: number;
  milliseconds: number;
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
 * Postings per index chunk. Every search loads the list of all chunks (~17 bytes each, gzipped)
 * and then one chunk per token it looks up (~1.26 bytes a posting); with one or two lookups a
 * search (most queries), the total is smallest near √(8.5 × postings). The seeds: ~1,500 (small
 * chunks, a short list); 5,000 documents: ~16,000. A token's postings are counted as Pagefind
 * does: one per position and one per document it occurs in.
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

export async function buildSearch(
  archive: Archive,
  outDir: string,
  logger: Logger = { info: () => {} },
): Promise<SearchBuildStats> {
  const started = Date.now();
  const pairs = foldPairs();
  const folder = makeFolder(pairs);
  const bundle = join(outDir, PAGEFIND_DIR);
  const data = join(outDir, DATA_DIR);
  await rm(bundle, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });

  const byUrl = new Map(archive.documents.map((document) => [indexUrl(document), document]));
  const pages = archive.documents.map((document) => ({
    url: indexUrl(document),
    content: indexPage(document, folder),
  }));
  const chunkSize = indexChunkSize(pages.map((page) => page.content));
  const previous = process.env[CHUNK_SIZE];
  try {
    // Read once, when Pagefind's service starts (createIndex starts it; close() below ends it).
    process.env[CHUNK_SIZE] = String(chunkSize);
    const created = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
    if (previous === undefined) delete process.env[CHUNK_SIZE];
    else process.env[CHUNK_SIZE] = previous;
    check('createIndex', created.errors);
    const index = created.index;
    if (!index) throw new Error('Pagefind createIndex returned no index');
    for (const page of pages) {
      const added = await index.addHTMLFile(page);
      check(`addHTMLFile (${page.url})`, added.errors);
    }
    const written = await index.writeFiles({ outputPath: bundle });
    check('writeFiles', written.errors);
  } finally {
    await pagefind.close();
  }

  // Result ids are fragment names; the display files are named after them, so a result's
  // display file is found without loading the fragment (which holds tokens, not text).
  const documents = join(outDir, SEARCH_FILES.documents);
  await mkdir(documents, { recursive: true });
  const fragments = join(bundle, 'fragment');
  let named = 0;
  for (const name of await readdir(fragments)) {
    const raw = gunzipSync(await readFile(join(fragments, name)));
    const body = raw.subarray(0, 12).toString() === 'pagefind_dcd' ? raw.subarray(12) : raw;
    const { url } = JSON.parse(body.toString('utf8')) as { url: string };
    const document = byUrl.get(url);
    if (!document) throw new Error(`Pagefind fragment ${name} is for ${url}, which is no document`);
    const hash = name.replace(/\.pf_fragment$/, '');
    for (const script of SCRIPTS) {
      const { head, blocks } = displayFiles(document, script, folder);
      const stem = join(documents, `${hash}.${scriptSlug(script)}`);
      await writeFile(`${stem}.json.gz`, gzip(head));
      for (const [j, block] of blocks) await writeFile(`${stem}.${j}.json.gz`, gzip(block));
    }
    named += 1;
  }
  if (named !== archive.documents.length)
    throw new Error(`Pagefind wrote ${named} fragments for ${archive.documents.length} documents`);
  // Nothing reads the fragments (display files replace them) and they hold the token streams.
  await rm(fragments, { recursive: true, force: true });
  for (const name of await readdir(bundle)) if (UNUSED.test(name)) await rm(join(bundle, name));

  // The folding table a query needs: the pairs whose canonical character occurs in the archive.
  const folded: string[] = [];
  const agencies = new Map<string, Set<string>>();
  for (const document of archive.documents) {
    for (const part of searchParts(document)) folded.push(folder.fold(part.text));
  }
  for (const { agency } of archive.agencies.values()) {
    for (const name of new Set([agency.name, ...agency.aliases])) {
      const key = wordKey(folder.fold(name));
      folded.push(key);
      agencies.set(key, new Set([...(agencies.get(key) ?? []), agency.id]));
    }
  }
  const browserPairs = pairsFor(pairs, folded);
  const setup: SearchSetup = {
    pairs: browserPairs,
    agencies: Object.fromEntries([...agencies].sort().map(([key, ids]) => [key, [...ids].sort()])),
  };
  await writeFile(join(outDir, SEARCH_FILES.setup), gzip(setup));

  const bytes: Record<string, number> = {};
  for (const name of await readdir(bundle)) {
    const part = name === 'index' || name === 'filter' ? name : name.endsWith('.pf_meta') ? 'meta' : name;
    bytes[`${PAGEFIND_DIR}${part}`] =
      (bytes[`${PAGEFIND_DIR}${part}`] ?? 0) + (await sizeOf(join(bundle, name)));
  }
  bytes[SEARCH_FILES.documents] = await sizeOf(documents);
  bytes[SEARCH_FILES.setup] = await sizeOf(join(outDir, SEARCH_FILES.setup));
  for (const file of [SEARCH_FILES.pagefind, SEARCH_FILES.wasm])
    if (!existsSync(join(outDir, file)))
      throw new Error(`Pagefind wrote no ${file}, which the search page loads`);
  const stats = {
    documents: archive.documents.length,
    chunkSize,
    bytes,
    foldPairs: [...browserPairs].length / 2,
    milliseconds: Date.now() - started,
  };
  logger.info(
    `search: ${stats.documents} documents indexed in ${stats.milliseconds} ms (index chunks of ${chunkSize} postings); ` +
      Object.entries(bytes)
        .map(([part, size]) => `${part} ${(size / 1024).toFixed(1)} KB`)
        .join(', '),
  );
  return stats;
}
