// One shard of the search (searchShards.ts): its documents indexed by their own Pagefind process,
// and beside the index what the search page reads of them: each document's display files in both
// scripts (searchRecord.ts) and the shard's set files (searchSets.ts). searchBuild.ts decides which
// shards to build, keeps them in its cache and puts them together.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { documentDate, type Document } from './data.ts';
import { readWords } from './cborWords.ts';
import {
  pagefindCborAsync,
  readPagefindFile,
  type FilterFile,
  type Meta,
  type PagefindEntry,
  type ShardIndex,
} from './mergeIndexes.ts';
import { documentPath } from './ctx.ts';
import { SCRIPTS, scriptSlug, type Script } from './script.ts';
import { displayFiles, documentSetTokens, foldedParts, indexPage } from './searchRecord.ts';
import { setFiles, type SetFiles } from './searchSets.ts';
import type { Shard } from './searchShards.ts';
import type { Folder } from './searchText.ts';

/**
 * Files the Pagefind bundle ships for its ready-made interfaces and its web worker, which this
 * site does not use (the search page runs Pagefind on the main thread: one file less to load).
 */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight|worker)\.(js|css)$/;

/** What a bundle holds besides its index: Pagefind's script and WebAssembly, the same in every shard. */
export const PAGEFIND_RUNTIME = /^(pagefind\.js|wasm\..*\.pagefind)$/;

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
  /** The fingerprint of the code that built it (searchFingerprint): a patch starts from its own code's entries only. */
  fingerprint: string;
  /** A hash of its documents' ids in order: entries for the same documents (searchShardPatch.ts). */
  membership: string;
  /** Its postings (countPostings). */
  postings: number;
  /** Its set files (searchSets.ts): how many bucket files, and the bytes of all of them. */
  sets: { buckets: number; bytes: number };
  /** The bytes of its documents' display files. */
  displayBytes: number;
  /** Every character of the shard's folded text, each once (for the folding table the browser gets). */
  chars: string;
}

export const ENTRY_INFO = 'shard.json';
/** Each document of an entry, in the shard's order (EntryDocument[]): what patching it needs. */
export const ENTRY_DOCUMENTS = 'documents.json';

/** A document of a built shard. */
export interface EntryDocument {
  id: string;
  /** Its record's version when it was indexed (SearchSource.recordVersion). */
  version: string;
  /** The date it is ordered by (documentDate), which is its sort key. */
  date: string | null;
  /** Its Pagefind result id (its page's fragment). */
  resultId: string;
  postings: number;
  /** The bytes of its display files (both scripts). */
  displayBytes: number;
  /** Every character of its folded text, each once. */
  chars: string;
}

/** The membership of a shard: a hash of its documents' ids in order. */
export function membershipOf(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join('\0')).digest('hex');
}

/** What a shard's documents give besides the index: gzipped display files, set tokens, characters. */
export interface Prepared {
  display: Map<string, Map<Script, { head: Buffer; blocks: [number, Buffer][] }>>;
  sets: Map<string, Set<string>>;
  /** Every character of each document's folded text, each once, in order. */
  chars: Map<string, string>;
}

/** Prepares a shard's documents one at a time, letting other work (Pagefind's replies) in between. */
async function prepareDocuments(documents: readonly Document[], folder: Folder): Promise<Prepared> {
  const prepared: Prepared = { display: new Map(), sets: new Map(), chars: new Map() };
  for (const document of documents) {
    await new Promise((resolve) => setImmediate(resolve));
    const display = new Map<Script, { head: Buffer; blocks: [number, Buffer][] }>();
    for (const script of SCRIPTS) {
      const { head, blocks } = displayFiles(document, script, folder);
      display.set(script, {
        head: gzip(head),
        blocks: blocks.map((block, j): [number, Buffer] => [j, gzip(block)]),
      });
    }
    prepared.display.set(document.id, display);
    const folded = foldedParts(document, folder);
    prepared.sets.set(document.id, documentSetTokens(folded));
    prepared.chars.set(document.id, [...new Set(folded.join(''))].sort().join(''));
  }
  return prepared;
}

/**
 * Indexes pages with a Pagefind process of their own, into `bundle`, and returns what `alongside`
 * gives, run while Pagefind indexes and writes (this process would otherwise wait on it). The
 * process, and its memory, ends with the call.
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
    const adding = Promise.all(pages.map((page) => index.addHTMLFile(page)));
    const preparing = alongside();
    // Awaited below, after the pages; until then its failure must not count as unhandled.
    preparing.catch(() => {});
    const added = await adding;
    for (const [i, { errors }] of added.entries()) check(`addHTMLFile (${pages[i]!.url})`, errors);
    pages.length = 0;
    const [written, result] = await Promise.all([index.writeFiles({ outputPath: bundle }), preparing]);
    check('writeFiles', written.errors);
    return result;
  } finally {
    await pagefind.close();
  }
}

/** Documents indexed into a bundle: what was prepared of them, their result ids and postings. */
export interface IndexedDocuments {
  prepared: Prepared;
  /** Document id → Pagefind result id. */
  resultIds: Map<string, string>;
  /** Document id → its postings (countPostings). */
  postings: Map<string, number>;
}

/**
 * Indexes documents of a shard (all of them, or the changed ones of a patch) with their own
 * Pagefind process into `bundle`, under the shard's language, and prepares what the search page
 * shows of them while Pagefind writes.
 */
export async function indexDocuments(
  shard: Shard,
  documents: readonly Document[],
  folder: Folder,
  bundle: string,
): Promise<IndexedDocuments> {
  const byUrl = new Map(documents.map((document) => [indexUrl(document), document]));
  const postings = new Map<string, number>();
  const pages = documents.map((document) => {
    const content = indexPage(document, folder);
    postings.set(document.id, countPostings([content]));
    return { url: indexUrl(document), content };
  });
  // While Pagefind writes, this process prepares what needs no result id.
  const prepared = await indexPages(shard.language, pages, bundle, () => prepareDocuments(documents, folder));

  // Result ids are fragment names; the display files are named after them, so a result's
  // display file is found without loading the fragment (which holds tokens, not text).
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
    resultIds.set(document.id, hash);
  }
  if (resultIds.size !== documents.length)
    throw new Error(
      `Pagefind wrote ${resultIds.size} fragments for the ${documents.length} documents of shard ${shard.name}`,
    );
  // Nothing reads the fragments (display files replace them) and they hold the token streams.
  await rm(fragments, { recursive: true, force: true });
  for (const name of await readdir(bundle)) if (UNUSED.test(name)) await rm(join(bundle, name));
  return { prepared, resultIds, postings };
}

/**
 * Writes the display files of the documents indexed (both scripts) into `doc`, each named after
 * its document's result id; their bytes, by document id.
 */
export async function writeDisplayFiles(
  doc: string,
  { prepared, resultIds }: IndexedDocuments,
): Promise<Map<string, number>> {
  await mkdir(doc, { recursive: true });
  const written = new Map<string, number>();
  for (const [id, display] of prepared.display) {
    let bytes = 0;
    for (const [script, { head, blocks }] of display) {
      const stem = join(doc, `${resultIds.get(id)!}.${scriptSlug(script)}`);
      await writeFile(`${stem}.json.gz`, head);
      bytes += head.length;
      for (const [j, block] of blocks) {
        await writeFile(`${stem}.${j}.json.gz`, block);
        bytes += block.length;
      }
    }
    written.set(id, bytes);
  }
  return written;
}

/** Writes a shard's set files into `dir` (ids.json.gz and its buckets); how many buckets, and their bytes. */
export async function writeSetFiles(dir: string, sets: SetFiles): Promise<ShardInfo['sets']> {
  await mkdir(dir, { recursive: true });
  const files: [string, Buffer][] = [
    ['ids.json.gz', gzip(sets.ids)],
    ...sets.buckets.map((bucket, b): [string, Buffer] => [`${b}.json.gz`, gzip(bucket)]),
  ];
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return { buckets: sets.buckets.length, bytes: files.reduce((sum, [, bytes]) => sum + bytes.length, 0) };
}

/** Writes what an entry holds besides its files: shard.json and documents.json. */
export async function writeEntryInfo(
  into: string,
  shard: Shard,
  documents: readonly EntryDocument[],
  sets: ShardInfo['sets'],
  fingerprint: string,
): Promise<ShardInfo> {
  const chars = new Set<string>();
  for (const document of documents) for (const char of document.chars) chars.add(char);
  const info: ShardInfo = {
    name: shard.name,
    language: shard.language,
    documents: documents.length,
    fingerprint,
    membership: membershipOf(shard.ids),
    postings: documents.reduce((sum, document) => sum + document.postings, 0),
    sets,
    displayBytes: documents.reduce((sum, document) => sum + document.displayBytes, 0),
    chars: [...chars].sort().join(''),
  };
  await writeFile(join(into, ENTRY_DOCUMENTS), JSON.stringify(documents));
  await writeFile(join(into, ENTRY_INFO), JSON.stringify(info));
  return info;
}

/**
 * Indexes one shard with its own Pagefind process and writes its display files and set files:
 * into `into` (bundle/, doc/, sets/, shard.json, documents.json). `versions`: its records'
 * versions, in the shard's order; `fingerprint`: the code's (searchFingerprint).
 */
export async function buildShard(
  shard: Shard,
  documents: readonly Document[],
  versions: readonly string[],
  folder: Folder,
  into: string,
  fingerprint: string,
): Promise<ShardInfo> {
  const indexed = await indexDocuments(shard, documents, folder, join(into, 'bundle'));
  const { prepared, resultIds, postings } = indexed;
  const displayBytes = await writeDisplayFiles(join(into, 'doc'), indexed);
  const sets = setFiles(
    documents.map((document) => ({
      resultId: resultIds.get(document.id)!,
      sets: prepared.sets.get(document.id)!,
    })),
    shard.language,
  );
  const written = await writeSetFiles(join(into, 'sets'), sets);
  const entries = documents.map((document, i): EntryDocument => ({
    id: document.id,
    version: versions[i]!,
    date: documentDate(document),
    resultId: resultIds.get(document.id)!,
    postings: postings.get(document.id)!,
    displayBytes: displayBytes.get(document.id)!,
    chars: prepared.chars.get(document.id)!,
  }));
  return writeEntryInfo(into, shard, entries, written, fingerprint);
}

/** A shard's Pagefind bundle as the merge reads it: its entry and metadata now, its chunks when asked. */
export async function bundleIndex(dir: string, name: string): Promise<ShardIndex> {
  const entry = JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
  const language = Object.values(entry.languages)[0];
  if (!language)
    throw new Error(`search shard ${name}: ${join(dir, 'pagefind-entry.json')} lists no language`);
  const read = async <T>(path: string): Promise<T> =>
    readPagefindFile<T>(await readFile(join(dir, path)), join(dir, path));
  return {
    name,
    entry,
    meta: await read<Meta>(`pagefind.${language.hash}.pf_meta`),
    chunk: async (hash) => {
      const path = join(dir, `index/${hash}.pf_index`);
      return readWords(await pagefindCborAsync(await readFile(path), path), path);
    },
    filter: (hash) => read<FilterFile>(`filter/${hash}.pf_filter`),
  };
}
