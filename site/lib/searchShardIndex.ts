// One shard of the search (searchShards.ts): its documents indexed by their own Pagefind process,
// and beside the index what the search page reads of them: each document's display files in both
// scripts (searchRecord.ts) and the shard's set files (searchSets.ts). searchBuild.ts decides which
// shards to build, keeps them in its cache and puts them together.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Document } from './data.ts';
import { documentPath } from './ctx.ts';
import { SCRIPTS, scriptSlug, type Script } from './script.ts';
import { displayFiles, documentSetTokens, foldedParts, indexPage } from './searchRecord.ts';
import { setFiles } from './searchSets.ts';
import type { Shard } from './searchShards.ts';
import type { Folder } from './searchText.ts';

/**
 * Files the Pagefind bundle ships for its ready-made interfaces and its web worker, which this
 * site does not use (the search page runs Pagefind on the main thread: one file less to load).
 */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight|worker)\.(js|css)$/;

/** JSON, gzipped as small as it goes: the search page downloads these files. */
export function gzip(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value), { level: 9 });
}

/**
 * A shard's postings, counted as Pagefind counts them when it cuts an index into chunks: one per
 * position and one per document a token is on. The merged index's chunks are sized from them
 * (indexChunkSize, mergeIndexes.ts).
 */
export function countPostings(pages: readonly string[]): number {
  let postings = 0;
  for (const page of pages) {
    const words = page.match(/(?<=[\s>])[0-9a-z]{5,}(?=[\s<])/g) ?? [];
    postings += words.length + new Set(words).size;
  }
  return postings;
}

function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

/** The page URL Pagefind files a document under (its original-script page, without the base). */
export function indexUrl(document: Pick<Document, 'id' | 'script'>): string {
  return `/${documentPath(document, document.script)}`;
}

/** What a cache entry holds besides its files (shard.json). */
export interface ShardInfo {
  name: string;
  language: string;
  documents: number;
  /** Its postings (countPostings). */
  postings: number;
  /** Bucket files of its set tokens (searchSets.ts). */
  buckets: number;
  /** Every character of the shard's folded text, each once (for the folding table the browser gets). */
  chars: string;
}

export const ENTRY_INFO = 'shard.json';

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
    const folded = foldedParts(document, folder);
    prepared.sets.set(document.id, documentSetTokens(folded));
    for (const text of folded) for (const char of text) prepared.chars.add(char);
  }
  return prepared;
}

/**
 * Indexes pages with a Pagefind process of their own, into `bundle`, and returns what `alongside`
 * gives, run while Pagefind writes its files. The process, and its memory, ends with the call.
 */
async function indexPages<T>(
  language: string,
  pages: { url: string; content: string }[],
  bundle: string,
  alongside: () => Promise<T>,
): Promise<T> {
  try {
    const created = await pagefind.createIndex({ forceLanguage: language });
    check('createIndex', created.errors);
    const index = created.index;
    if (!index) throw new Error('Pagefind createIndex returned no index');
    // Every page sent at once (Pagefind takes them in turn), then the files written.
    const added = await Promise.all(pages.map((page) => index.addHTMLFile(page)));
    for (const [i, { errors }] of added.entries()) check(`addHTMLFile (${pages[i]!.url})`, errors);
    pages.length = 0;
    const [written, result] = await Promise.all([index.writeFiles({ outputPath: bundle }), alongside()]);
    check('writeFiles', written.errors);
    return result;
  } finally {
    await pagefind.close();
  }
}

/**
 * Indexes one shard with its own Pagefind process and writes its display files and set files:
 * into `into` (bundle/, doc/, sets/, shard.json).
 */
export async function buildShard(
  shard: Shard,
  documents: readonly Document[],
  folder: Folder,
  into: string,
): Promise<ShardInfo> {
  const bundle = join(into, 'bundle');
  const byUrl = new Map(documents.map((document) => [indexUrl(document), document]));
  const pages = documents.map((document) => ({
    url: indexUrl(document),
    content: indexPage(document, folder),
  }));
  const postings = countPostings(pages.map((page) => page.content));
  // While Pagefind writes, this process prepares what needs no result id.
  const prepared = await indexPages(shard.language, pages, bundle, () => prepareDocuments(documents, folder));

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

  const info: ShardInfo = {
    name: shard.name,
    language: shard.language,
    documents: documents.length,
    postings,
    buckets: sets.buckets.length,
    chars: [...prepared.chars].sort().join(''),
  };
  await writeFile(join(into, ENTRY_INFO), JSON.stringify(info));
  return info;
}
