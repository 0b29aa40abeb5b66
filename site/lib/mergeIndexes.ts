// The search's shards (searchShards.ts), each indexed by a Pagefind process of its own so that the
// indexer's memory is one shard's, merged into one Pagefind index when the site is built.
//
// Why at build time and not in the browser (Pagefind's mergeIndex): a reader's first search
// loads every index's metadata (its pages and its list of chunks) and, for each token it looks
// up, one chunk of every index. With seven shards at 5,000 documents that was most of what a cold
// search transferred. One index of the same postings has a list of chunks about √7 times one
// shard's (chunks grow with √postings, see `indexChunkSize`) and one chunk to load a token.
//
// The merge reads and writes Pagefind 1.6's files as its WebAssembly reads them: gzipped CBOR
// after a signature. It only renumbers pages (every shard's come after the shards before it),
// joins the lists of each word, filter value and sort, and cuts the words into chunks again; a
// word's positions on a page are copied as they are. The files are checked as they are read, and
// a Pagefind whose files differ is refused with the reason (test/search.test.ts compares a merged
// index with the one a single Pagefind process makes; test/browser/search.test.ts searches it).
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';
import { decode, encode } from 'cbor-x';
import { Writer, arrayHead, type RawWord } from './cborWords.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The index chunks' compression level (Pagefind's, zlib's default, is 6). The chunks are most of the
 * bytes a merge writes: 49.6 MB of CBOR at 5,000 documents took 1.9-2.1 s at level 6 and 1.2 s at
 * level 5, for 0.4% more bytes (22.93 against 23.03 MB; level 4: 0.8 s, 4.4% more).
 */
const CHUNK_LEVEL = 5;

const SIGNATURE = 'pagefind_dcd';
/** The signature's bytes, which start every Pagefind file's CBOR. */
const SIGNATURE_BYTES = Buffer.from(SIGNATURE, 'latin1');
/** The version of Pagefind whose files this reads and writes. */
export const PAGEFIND_FORMAT = '1.6.0';

/** A word's occurrences on one page: the page number's difference from the previous one's. */
export type Posting = [pageDelta: number, locations: number[], metaLocations: unknown[]];
/** An index chunk's words, decoded whole (the merge reads them as bytes: cborWords.ts). */
export type IndexWord = [word: string, postings: Posting[], extra: unknown[]];
export type MetaPage = [hash: string, wordCount: number, extra: unknown];
export type MetaChunk = [from: string, to: string, hash: string];
export type MetaFilter = [name: string, hash: string];
/** A sort: the pages (numbers) in its order. */
export type MetaSort = [name: string, pages: number[]];
export type Meta = [
  version: string,
  pages: MetaPage[],
  chunks: MetaChunk[],
  filters: MetaFilter[],
  sorts: MetaSort[],
  metaFields: string[],
];
export type FilterFile = [name: string, values: [value: string, pages: number[]][]];

/** pagefind-entry.json: the bundle's languages, each with its metadata file. */
export interface PagefindEntry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters: string[];
}

function notGzipped(file: string): Error {
  return new Error(`${file} is not gzipped: not a file of a Pagefind index`);
}

/** A Pagefind file's content, after its signature; `file` names it in the error when it is not one. */
function afterSignature(raw: Buffer, file: string): Buffer {
  if (!raw.subarray(0, SIGNATURE_BYTES.length).equals(SIGNATURE_BYTES))
    throw new Error(`${file} does not start with Pagefind's signature "${SIGNATURE}"`);
  return raw.subarray(SIGNATURE_BYTES.length);
}

/** A Pagefind file's CBOR (it is gzipped, after a signature). */
function pagefindCbor(bytes: Buffer, file: string): Buffer {
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes);
  } catch {
    throw notGzipped(file);
  }
  return afterSignature(raw, file);
}

/** The same, decompressed off the main thread. */
export async function pagefindCborAsync(bytes: Buffer, file: string): Promise<Buffer> {
  const raw = await gunzipAsync(bytes).catch(() => {
    throw notGzipped(file);
  });
  return afterSignature(raw, file);
}

/** A Pagefind file's value. */
export function readPagefindFile<T>(bytes: Buffer, file: string): T {
  return decode(pagefindCbor(bytes, file)) as T;
}

/** A value as a Pagefind file: the signature and its CBOR, gzipped. */
export function pagefindFile(value: unknown): Buffer {
  // encode() may hand back a view of a buffer it reuses: concat copies it before the next call.
  return gzipSync(Buffer.concat([SIGNATURE_BYTES, encode(value)]));
}

/** The shortest prefixes that tell a chunk's last word from the next chunk's first (as Pagefind). */
export function boundaryPrefixes(last: string, next: string): [string, string] {
  const [a, b] = [[...last], [...next]];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [a.slice(0, common + 1).join(''), b.slice(0, common + 1).join('')];
}

/**
 * Postings per index chunk for an index of `postings` postings (one per position and one per page
 * a token is on). A search loads the list of chunks (~14.5 bytes an entry, gzipped) and one chunk
 * per token it looks up (~1.64 bytes a posting); with one or two lookups (most queries) the sum is
 * least near √(5.9 × postings), measured on 5,000 generated documents.
 */
export function indexChunkSize(postings: number): number {
  return Math.round(Math.min(20_000, Math.max(1_000, Math.sqrt(5.9 * postings))));
}

/** One shard's index as the merge reads it. */
export interface ShardIndex {
  /** The shard's name, for errors. */
  name: string;
  entry: PagefindEntry;
  meta: Meta;
  /** An index chunk of the shard, by its name in the metadata (readWords). */
  chunk(hash: string): Promise<RawWord[]>;
  /** A filter file of the shard, by its name in the metadata. */
  filter(hash: string): Promise<FilterFile>;
}

/** Names files by their content, as Pagefind does: the language, then as much of a hash as is unique. */
class FileNames {
  private taken = new Set<string>();
  private readonly language: string;

  constructor(language: string) {
    this.language = language;
  }
  name(bytes: Buffer, length = 7): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    let size = length;
    while (this.taken.has(hash.slice(0, size))) size++;
    this.taken.add(hash.slice(0, size));
    return `${this.language}_${hash.slice(0, size)}`;
  }
}

/** Walks one shard's words in order, chunk after chunk, reading the next chunk ahead. */
export class WordCursor {
  private words: RawWord[] = [];
  private at = 0;
  private nextChunk = 0;
  private ahead: Promise<RawWord[]> | undefined;
  readonly shard: ShardIndex;

  constructor(shard: ShardIndex) {
    this.shard = shard;
  }
  /** The word it is at (undefined past the last). */
  get head(): RawWord | undefined {
    return this.words[this.at];
  }
  /** Moves to the next word; a promise only when that means reading the next chunk. */
  advance(): Promise<void> | undefined {
    this.at++;
    return this.at < this.words.length ? undefined : this.load();
  }
  private read(): Promise<RawWord[]> | undefined {
    const chunk = this.shard.meta[2][this.nextChunk++];
    return chunk ? this.shard.chunk(chunk[2]) : undefined;
  }
  async load(): Promise<void> {
    while (this.at >= this.words.length) {
      const next = this.ahead ?? this.read();
      if (!next) return;
      this.words = await next;
      this.at = 0;
      this.ahead = this.read();
    }
  }
}

/**
 * Code-point order, as Pagefind (Rust strings, UTF-8 bytes) sorts words. JavaScript compares UTF-16
 * units, which differs only between a surrogate and a unit at U+E000 or above.
 */
export function compareWords(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

export function checkShard(shard: ShardIndex): void {
  const [version, pages, chunks, filters, sorts, fields] = shard.meta;
  if (version !== PAGEFIND_FORMAT || shard.entry.version !== PAGEFIND_FORMAT)
    throw new Error(
      `search shard ${shard.name} was indexed by Pagefind ${version}; merging reads Pagefind ${PAGEFIND_FORMAT}'s files ` +
        `(site/lib/mergeIndexes.ts): check that format against the new version and update it`,
    );
  const arrays = [pages, chunks, filters, sorts, fields].every(Array.isArray);
  if (!arrays || Object.keys(shard.entry.languages).length !== 1)
    throw new Error(
      `search shard ${shard.name}: its Pagefind metadata is not laid out as Pagefind ${PAGEFIND_FORMAT} writes it`,
    );
}

export interface MergedIndex {
  entry: PagefindEntry;
  pages: number;
  chunks: number;
}

/** Writes a file of an index: a path inside the bundle, and its bytes. */
export type WriteFile = (path: string, bytes: Buffer) => Promise<void>;

/** A page's places in its metadata name fields by their place in a list: -1 - place. */
export function renumberPlaces(places: readonly unknown[], fieldMap: readonly number[]): unknown[] {
  return places.map((place) => (typeof place === 'number' && place < 0 ? -1 - fieldMap[-1 - place]! : place));
}

/** The union of the indexes' metadata fields, in order, and for each index its fields' new places. */
export function unionFields(indexes: readonly ShardIndex[]): { fields: string[]; maps: number[][] } {
  const fields = [...new Set(indexes.flatMap((index) => index.meta[5]))].sort(compareWords);
  return { fields, maps: indexes.map((index) => index.meta[5].map((field) => fields.indexOf(field))) };
}

/**
 * Writes an index's files as Pagefind 1.6 lays them out: its words, given in order, cut into
 * chunks of about `chunkSize` postings (each compressed while the next is filled), then its filter
 * files, its metadata and its entry. The merge and the patch (patchIndex.ts) write through it.
 */
export class IndexWriter {
  private names: FileNames;
  private chunks: MetaChunk[] = [];
  private writing: Promise<void>[] = [];
  private body = new Writer();
  private head = new Writer();
  private firstWord = '';
  private lastWord = '';
  private count = 0;
  private size = 0;
  private readonly language: string;
  private readonly chunkSize: number;
  private readonly write: WriteFile;

  constructor(language: string, chunkSize: number, write: WriteFile) {
    this.language = language;
    this.chunkSize = chunkSize;
    this.write = write;
    this.names = new FileNames(language);
  }

  /** Starts a word of `postings` postings, which follow (posting, encodedPosting). */
  startWord(word: string, postings: number): void {
    if (this.count === 0) this.firstWord = word;
    this.lastWord = word;
    this.count++;
    this.body.array(3);
    this.body.text(word);
    this.body.array(postings);
  }

  /**
   * A posting: its page's difference from the word's posting before it, then the rest of its
   * bytes (its positions and places; or those and whole postings after it, copied as they are).
   */
  posting(pageDelta: number, rest: Buffer): void {
    this.body.array(3);
    this.body.uint(pageDelta);
    this.body.raw(rest);
  }

  /** A posting decoded (a word in metadata, whose places have been renumbered). */
  encodedPosting(posting: Posting): void {
    this.body.raw(Buffer.from(encode(posting)));
  }

  /** Ends a word of `size` (Pagefind's chunk measure), and its chunk when that is full. */
  async endWord(size: number): Promise<void> {
    this.body.array(0);
    this.size += size;
    if (this.size >= this.chunkSize) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.count === 0) return;
    this.head.raw(SIGNATURE_BYTES);
    this.head.array(1);
    this.head.array(this.count);
    const cbor = Buffer.concat([this.head.take(), this.body.take()]);
    // Named here, in order, so that the names do not depend on which compression ends first.
    const hash = this.names.name(cbor);
    this.chunks.push([this.firstWord, this.lastWord, hash]);
    this.count = 0;
    this.size = 0;
    const written = gzipAsync(cbor, { level: CHUNK_LEVEL }).then((bytes) =>
      this.write(`index/${hash}.pf_index`, bytes),
    );
    // Awaited below; until then a failure must not count as unhandled (it is reported there).
    written.catch(() => {});
    this.writing.push(written);
    if (this.writing.length >= 4) await Promise.all(this.writing.splice(0));
  }

  /** Writes the last chunk; the index's chunks, each bounded by the prefixes that tell it from the next. */
  async endWords(): Promise<MetaChunk[]> {
    await this.flush();
    await Promise.all(this.writing.splice(0));
    const chunks = this.chunks;
    for (let i = 0; i + 1 < chunks.length; i++) {
      [chunks[i]![1], chunks[i + 1]![0]] = boundaryPrefixes(chunks[i]![1], chunks[i + 1]![0]);
    }
    return chunks;
  }

  /** Writes a filter file for each filter (by name): its values in order, each with its pages. */
  async filters(values: FilterValues): Promise<MetaFilter[]> {
    const filters: MetaFilter[] = [];
    for (const filter of [...values.keys()].sort()) {
      const byValue = values.get(filter)!;
      const file: FilterFile = [
        filter,
        [...byValue.keys()].sort().map((value) => [value, byValue.get(value)!]),
      ];
      const bytes = pagefindFile(file);
      const hash = this.names.name(bytes);
      await this.write(`filter/${hash}.pf_filter`, bytes);
      filters.push([filter, hash]);
    }
    return filters;
  }

  /** Writes the metadata and the entry that names it; `like` gives Pagefind's WebAssembly and characters. */
  async finish(meta: Meta, like: PagefindEntry): Promise<MergedIndex> {
    const metaBytes = pagefindFile(meta);
    const metaHash = this.names.name(metaBytes, 20);
    await this.write(`pagefind.${metaHash}.pf_meta`, metaBytes);
    const wasm = Object.values(like.languages)[0]!.wasm;
    const entry: PagefindEntry = {
      version: PAGEFIND_FORMAT,
      languages: { [this.language]: { hash: metaHash, wasm, page_count: meta[1].length } },
      include_characters: like.include_characters,
    };
    await this.write('pagefind-entry.json', Buffer.from(JSON.stringify(entry)));
    return { entry, pages: meta[1].length, chunks: meta[2].length };
  }
}

/** Filter values and their pages, by filter: what an index's filter files hold. */
export type FilterValues = Map<string, Map<string, number[]>>;

/**
 * Adds an index's filter values to `values`, each page placed by `place` (undefined drops it), and
 * returns `values`. Each value's pages follow the ones added before.
 */
export async function addFilters(
  values: FilterValues,
  index: ShardIndex,
  place: (page: number) => number | undefined,
): Promise<FilterValues> {
  for (const [filter, hash] of index.meta[3]) {
    const [name, fileValues] = await index.filter(hash);
    if (name !== filter)
      throw new Error(`search shard ${index.name}: filter file ${hash} is for "${name}", not "${filter}"`);
    const byValue = values.get(filter) ?? new Map<string, number[]>();
    values.set(filter, byValue);
    for (const [value, pages] of fileValues) {
      const list = byValue.get(value) ?? [];
      byValue.set(value, list);
      for (const page of pages) {
        const placed = place(page);
        if (placed !== undefined) list.push(placed);
      }
    }
  }
  return values;
}

/**
 * Merges shards, given in the order of their pages (the archive's date order: each shard is a run
 * of years, see searchShards.ts, so their sorts put together are the archive's), into one index
 * filed under `language`. Writes through `write`; reads one chunk of each shard at a time.
 */
export async function mergeIndexes(
  shards: readonly ShardIndex[],
  language: string,
  chunkSize: number,
  write: WriteFile,
): Promise<MergedIndex> {
  if (shards.length === 0) throw new Error('no search shard to merge');
  shards.forEach(checkShard);
  const offsets: number[] = [];
  let pageCount = 0;
  for (const shard of shards) {
    offsets.push(pageCount);
    pageCount += shard.meta[1].length;
  }

  // A word's places in a page's metadata name the field by its place in the index's list of
  // fields: renumbered too.
  const { fields, maps: fieldMaps } = unionFields(shards);
  const writer = new IndexWriter(language, chunkSize, write);

  // Words: a merge of the shards' sorted words (code-point order, as Pagefind sorts them).
  const cursors = shards.map((shard) => new WordCursor(shard));
  await Promise.all(cursors.map((cursor) => cursor.load()));
  for (;;) {
    let word: string | undefined;
    for (const { head: at } of cursors)
      if (at && (word === undefined || compareWords(at.word, word) < 0)) word = at.word;
    if (word === undefined) break;
    // The shards holding the word, by their place (which gives their pages' offset).
    const holding = cursors.flatMap((cursor, i) => (cursor.head?.word === word ? [i] : []));
    writer.startWord(
      word,
      holding.reduce((sum, i) => sum + cursors[i]!.head!.count, 0),
    );
    let previous = 0;
    let size = 0;
    const loading: Promise<void>[] = [];
    for (const i of holding) {
      const cursor = cursors[i]!;
      const contribution = cursor.head!;
      if (contribution.inMetadata) {
        const postings = decode(
          Buffer.concat([arrayHead(contribution.count), contribution.postings]),
        ) as Posting[];
        let page = offsets[i]!;
        for (const [delta, positions, places] of postings) {
          page += delta;
          writer.encodedPosting([page - previous, positions, renumberPlaces(places, fieldMaps[i]!)]);
          previous = page;
        }
      } else {
        // Only the first posting's page delta changes: it counted from the shard's first page.
        writer.posting(offsets[i]! + contribution.firstPage - previous, contribution.rest);
        previous = offsets[i]! + contribution.lastPage;
      }
      size += contribution.size;
      const next = cursor.advance();
      if (next) loading.push(next);
    }
    await writer.endWord(size);
    if (loading.length > 0) await Promise.all(loading);
  }
  const chunks = await writer.endWords();

  // Filters: each value's pages, renumbered, in the shards' order.
  const values: FilterValues = new Map();
  for (const [i, shard] of shards.entries()) await addFilters(values, shard, (page) => page + offsets[i]!);
  const filters = await writer.filters(values);

  const sorts = new Map<string, number[]>();
  for (const [i, shard] of shards.entries())
    for (const [name, pages] of shard.meta[4]) {
      const list = sorts.get(name) ?? [];
      sorts.set(name, list);
      for (const page of pages) list.push(page + offsets[i]!);
    }
  const meta: Meta = [
    PAGEFIND_FORMAT,
    shards.flatMap((shard) => shard.meta[1]),
    chunks,
    filters,
    [...sorts],
    fields,
  ];
  return writer.finish(meta, shards[0]!.entry);
}
